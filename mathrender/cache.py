"""Content-hash cache of rendered math, on disk so unchanged equations are never re-rendered.

The cache can never break a build or put wrong math on a page. Every entry holds its key and
a checksum of key and value; an entry that does not read back as what was stored (truncated,
edited, copied under another name, the wrong shape) is rendered again, with one warning per
build. A cache folder that cannot be read or written means rendering without it, with one
warning. Deleting ``.cache/`` is always safe (README.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from authoring.files import content_hash, write_atomic

log = get_plugin_logger("course-math")

FORMAT = 2  # entries written by other formats are rendered again
_ABSENT = (FileNotFoundError, NotADirectoryError)

Shape = Callable[[Any], bool]


def is_rendering(value: object) -> bool:
    """One equation as MathJax renders it."""
    return (
        isinstance(value, str)
        and value.startswith("<mjx-container ")
        and value.endswith("</mjx-container>")
    )


def renderings(count: int) -> Shape:
    """A group of ``count`` equations rendered together."""

    def shape(value: object) -> bool:
        return isinstance(value, list) and len(value) == count and all(map(is_rendering, value))

    return shape


def is_text(value: object) -> bool:
    return isinstance(value, str)


class RenderCache:
    """Maps a key (the hash of the TeX, its context and the renderer's fingerprint) to output."""

    def __init__(self, directory: Path, fingerprint: str, shown: str | None = None) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.shown = shown or str(directory)  # the folder as the author sees it
        self._memory: dict[str, Any] = {}
        self.damaged = 0  # entries rendered again in this build
        self.readable = True
        self.writable = True

    def key(self, *parts: object) -> str:
        return content_hash(self.fingerprint, FORMAT, *parts)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, shape: Shape) -> Any | None:
        """The value stored under ``key`` if it reads back intact and has ``shape``, else None."""
        if key in self._memory:
            return self._memory[key]
        if not self.readable:
            return None
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except _ABSENT:
            return None
        except OSError as exc:
            self.readable = False
            log.warning(
                f"cannot read the math cache in {self.shown} ({exc.strerror or exc}); equations "
                "are rendered without it in this build. Make the folder readable, or delete "
                ".cache/ (always safe)"
            )
            return None
        except ValueError:  # not UTF-8
            text = ""
        value = _unpack(text, key, shape)
        if value is None:
            self._damaged(path)
            return None
        self._memory[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._memory[key] = value
        if not self.writable:
            return
        entry = {"format": FORMAT, "key": key, "check": content_hash(key, value), "value": value}
        try:
            write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False))
        except OSError as exc:
            self.writable = False
            log.warning(
                f"cannot write the math cache in {self.shown} ({exc.strerror or exc}); "
                "equations are rendered without caching in this build. Make the folder "
                "writable, or delete .cache/ (always safe)"
            )

    def _damaged(self, path: Path) -> None:
        self.damaged += 1
        if self.damaged == 1:
            log.warning(
                f"a math cache entry was damaged ({path.name} in {self.shown}) and its "
                "equations were rendered again; if this happens again, delete .cache/ "
                "(always safe)"
            )


def _unpack(text: str, key: str, shape: Shape) -> Any | None:
    """The value of a stored entry, or None when it is not exactly what ``put`` wrote."""
    try:
        entry = json.loads(text)
    except ValueError:
        return None
    if not isinstance(entry, dict) or set(entry) != {"format", "key", "check", "value"}:
        return None
    if entry["format"] != FORMAT or entry["key"] != key:
        return None
    value = entry["value"]
    if entry["check"] != content_hash(key, value) or not shape(value):
        return None
    return value
