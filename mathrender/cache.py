"""Content-hash cache of rendered math, on disk so unchanged equations are never re-rendered.

Each equation's rendering is stored under a key: the hash of its TeX, its context and the
renderer's fingerprint. Entries are grouped in one file per page (a *bundle*), so a build
opens one file per page, and a bundle is written only when its page's math changed. A
bundle keeps the entries its page used in the last build that wrote it, and the ones it
used the time before (so undoing an edit renders nothing).

The cache can never break a build or put wrong math on a page. A bundle holds its own name
and a checksum of its entries; a bundle that does not read back as what was written
(truncated, edited, copied under another name, the wrong shape) is not used: its equations
are rendered again and the bundle written anew, with one warning per build. A cache folder
that cannot be read or written means rendering without it, with one warning. Deleting
``.cache/`` is always safe (README.md); bundles no build used for a month are deleted
after a full build (authoring.cacheprune). Every rendering, from the cache or not, still passes
the policy check before it reaches a page (mathrender.policy).

Kept in memory across `mkdocs serve` rebuilds: the entries used in the last build, and which
keys each bundle holds on disk, so a rebuild reads and writes only the pages that changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from authoring.cacheprune import note_used
from authoring.files import content_hash, sha256, write_atomic

log = get_plugin_logger("course-math")

FORMAT = 3  # files written by other formats are rendered again
_ABSENT = (FileNotFoundError, NotADirectoryError)
_HEADER_KEYS = {"format", "file", "key", "check"}
BUNDLE_KEY = "equations"  # the key of every bundle's file (a page file's: its input)
_GENERATIONS = ("current", "previous")

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


def _stored(value: object) -> bool:
    """What any entry can hold: text, or a list of texts."""
    return isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    )


@dataclass
class _Bundle:
    """One bundle: what its file holds and what this build used."""

    on_disk: frozenset[str] | None = None  # keys of its current entries; None: not read yet
    base: dict[str, Any] | None = None  # its current entries, read in this build
    used: dict[str, Any] = field(default_factory=dict)  # in this build


class RenderCache:
    """Maps a key to output, in bundles (one per page) under ``directory``."""

    def __init__(self, directory: Path, fingerprint: str, shown: str | None = None) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.shown = shown or str(directory)  # the folder as the author sees it
        self._bundles: dict[str, _Bundle] = {}
        self._previous: dict[str, Any] = {}  # entries used by the last build
        self._begin()

    def _begin(self) -> None:
        self._used: dict[str, Any] = {}  # entries used in this build, by any bundle
        self._read: dict[str, Any] = {}  # entries read from bundles in this build
        self._damaged_files: set[str] = set()
        self.readable = True
        self.writable = True

    @property
    def damaged(self) -> int:
        """Files found damaged in this build (their equations were rendered again)."""
        return len(self._damaged_files)

    def begin_build(self) -> None:
        """A new build in the same process (`mkdocs serve`): keep what the last one used."""
        self._previous = self._used
        for bundle in self._bundles.values():
            bundle.used = {}
            bundle.base = None
        self._begin()

    def key(self, *parts: object) -> str:
        return content_hash(self.fingerprint, FORMAT, *parts)

    def _path(self, name: str) -> Path:
        return self.directory / f"{content_hash(FORMAT, name)}.json"

    def _bundle(self, name: str) -> _Bundle:
        return self._bundles.setdefault(name, _Bundle())

    def get(self, key: str, shape: Shape, bundle: str) -> Any | None:
        """The value stored under ``key`` if it reads back intact and has ``shape``, else None.

        A hit is recorded as used by ``bundle``, which ``flush`` writes.
        """
        state = self._bundle(bundle)
        value = self._lookup(key, state, bundle)
        if value is None:
            return None
        if not shape(value):  # only a damaged file can hold another shape under this key
            self._previous.pop(key, None)
            self._read.pop(key, None)
            self._damaged(bundle)
            return None
        state.used[key] = self._used[key] = value
        return value

    def _lookup(self, key: str, state: _Bundle, bundle: str) -> Any | None:
        for entries in (self._used, self._previous, self._read):
            if key in entries:
                return entries[key]
        if state.base is None:
            self._load(state, bundle)
            return self._read.get(key)
        return None

    def keep(self, name: str) -> None:
        """``name``'s file is still wanted though this build did not read it."""
        note_used(self.directory, self._path(name))

    def put(self, key: str, value: Any, bundle: str) -> None:
        self._bundle(bundle).used[key] = self._used[key] = value

    def _load(self, state: _Bundle, bundle: str) -> None:
        """Read ``bundle``'s file (once per build): its entries become available."""
        state.base = {}
        body = self.read(bundle, BUNDLE_KEY)
        if not self.readable:
            return
        generations = _generations(body) if body is not None else None
        if generations is None:
            state.on_disk = frozenset()
            if body is not None:  # read back intact, but not what a bundle holds
                self._damaged(bundle)
            return
        current, previous = generations
        state.base = current
        state.on_disk = frozenset(current)
        self._read.update(previous)
        self._read.update(current)

    def flush(self, bundle: str) -> None:
        """Write ``bundle`` if the entries it used in this build are not the ones on disk."""
        state = self._bundle(bundle)
        if state.on_disk is not None and state.on_disk == state.used.keys():
            return
        if state.base is None:
            self._load(state, bundle)  # for the entries it used the time before
            if state.on_disk is not None and state.on_disk == state.used.keys():
                return
        if not self.readable or state.base is None:
            return
        previous = {k: v for k, v in state.base.items() if k not in state.used}
        if self.write(bundle, BUNDLE_KEY, {"current": state.used, "previous": previous}):
            state.on_disk = frozenset(state.used)

    # --- Files: a header line (format, name, key, checksum), then the body as JSON ----------

    def read(self, name: str, key: str, decode: Callable[[bytes], Any] | None = None) -> Any | None:
        """The body that ``write(name, key, ...)`` wrote; None if there is none, it was
        written under another key, or it does not read back exactly (then ``damaged``)."""
        if not self.readable:
            return None
        path = self._path(name)
        note_used(self.directory, path)  # kept by authoring.cacheprune, if it exists
        try:
            data = path.read_bytes()
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
        try:
            return _unpack(data, path.stem, key, decode or _json_body)
        except _Damaged:
            self._damaged(name)
            return None

    def read_text(self, name: str, key: str) -> str | None:
        """The text that ``write_text(name, key, ...)`` wrote; None as for ``read``."""
        found = self.read(name, key, decode=_text_body)
        return found if isinstance(found, str) else None

    def write(self, name: str, key: str, body: object) -> bool:
        return self.write_text(name, key, json.dumps(body, ensure_ascii=False))

    def write_text(self, name: str, key: str, text: str) -> bool:
        """Write ``text`` as the body of ``name``'s file (``read_text`` reads it back)."""
        if not self.writable:
            return False
        path = self._path(name)
        note_used(self.directory, path)
        header = {"format": FORMAT, "file": path.stem, "key": key, "check": sha256(text)}
        try:
            write_atomic(path, f"{json.dumps(header)}\n{text}")
        except OSError as exc:
            self.writable = False
            log.warning(
                f"cannot write the math cache in {self.shown} ({exc.strerror or exc}); "
                "equations are rendered without caching in this build. Make the folder "
                "writable, or delete .cache/ (always safe)"
            )
            return False
        return True

    def damaged_file(self, name: str) -> None:
        """``name``'s file read back intact but does not hold what it should: not used."""
        self._damaged(name)

    def _damaged(self, name: str) -> None:
        if name in self._bundles:
            self._bundles[name].on_disk = frozenset()  # written anew
        if name in self._damaged_files:
            return
        self._damaged_files.add(name)
        if self.damaged == 1:
            log.warning(
                f"a math cache entry was damaged ({self._path(name).name} in {self.shown}) "
                "and its equations were rendered again; if this happens again, delete "
                ".cache/ (always safe)"
            )


class _Damaged(Exception):
    pass


def _json_body(body: bytes) -> Any:
    return json.loads(body)


def _text_body(body: bytes) -> str:
    return body.decode("utf-8")


def _unpack(data: bytes, name: str, key: str, decode: Callable[[bytes], Any]) -> Any | None:
    """The body of a file, None if it was written under another key; _Damaged when it is not
    exactly what ``write`` wrote."""
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
    except ValueError:  # not JSON, not UTF-8
        raise _Damaged from None
    if not isinstance(header, dict) or set(header) != _HEADER_KEYS:
        raise _Damaged
    if header["format"] != FORMAT or header["file"] != name:
        raise _Damaged
    if header["key"] != key:
        return None  # an older version (of a page): not damaged
    if header["check"] != sha256(body):
        raise _Damaged
    try:
        return decode(body)
    except ValueError:  # not JSON, not UTF-8
        raise _Damaged from None


def _generations(body: Any) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A bundle's entries: used by the last build that wrote it, and by the one before."""
    if not isinstance(body, dict) or set(body) != set(_GENERATIONS):
        return None
    found = []
    for generation in _GENERATIONS:
        part = body[generation]
        if not isinstance(part, dict) or not all(map(_stored, part.values())):
            return None
        found.append(part)
    return found[0], found[1]
