"""A small persistent memo of results that are pure functions of their inputs.

Warm builds and ``mkdocs serve`` rebuilds ask the same questions again: the numbers check of
an unchanged page, the reading time of unchanged HTML, a quiz file that was not edited. A
``Memo`` answers them from earlier builds:

- the key is the content hash of every input, INCLUDING a fingerprint of the code that
  computes the result (``code_fingerprint``: the source files of the modules that do the
  work, as this process loaded them) and of the libraries it relies on;
- the value is JSON, stored in ``.cache/<name>/`` beside mkdocs.yml (written atomically:
  a header line with its key and the checksum of the value's text, then that text; an
  entry that does not read back exactly, or is not the shape the caller expects, is a miss
  and is computed again);
- an in-memory layer, kept for the life of the process, answers ``mkdocs serve``'s rebuilds
  (MkDocs makes new plugin instances for every rebuild, so it cannot live on a plugin).

Files no build used for a month are deleted after a full build (authoring.cacheprune).

A memo never hides a problem: callers store the problems a result found WITH the result
and report them again on every build. A folder that cannot be read or written means
working without it (logged once at debug level). Deleting ``.cache/`` is always safe.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from authoring.cacheprune import note_used
from authoring.files import content_hash, sha256, write_atomic
from authoring.problems import Problem
from authoring.source import Location

log = logging.getLogger("mkdocs.plugins.course")

FORMAT = 2  # entries written by other formats are computed again
MEMORY_ENTRIES = 20_000  # the in-memory layer is emptied when it grows past this
_ABSENT = (FileNotFoundError, NotADirectoryError)
_MEMORY: dict[str, Any] = {}

Shape = Callable[[Any], bool]


@functools.cache
def code_fingerprint(*modules: str) -> str:
    """A hash of the source of ``modules`` (a package: every .py file under it).

    Computed once per process, from the files as they were when first asked: the code this
    process runs (``mkdocs serve`` does not re-import an edited module either).
    """
    parts: list[tuple[str, str, str]] = []
    for name in modules:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            parts.append((name, "", "missing"))
            continue
        path = Path(origin)
        files = sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
        for file in files:
            relative = file.relative_to(path.parent).as_posix()
            parts.append((name, relative, sha256(file.read_bytes())))
    return content_hash(parts)


class Memo:
    """Results of one kind (``name``), by the hash of their inputs."""

    def __init__(self, name: str, root: Path | None, code: str) -> None:
        """``root``: the folder of mkdocs.yml (None: in memory only); ``code``: a fingerprint
        of the code computing the results (``code_fingerprint`` and library versions)."""
        self.name = name
        self.directory = None if root is None else root / ".cache" / name
        self.code = code
        self.usable = True

    def key(self, *inputs: object) -> str:
        """The key of a result computed from ``inputs`` (JSON-serialisable)."""
        return content_hash(self.name, FORMAT, self.code, *inputs)

    def get(self, key: str, shape: Shape) -> Any | None:
        """The value stored under ``key`` if it reads back intact and has ``shape``, else None."""
        if self.directory is not None:
            note_used(self.directory, self._path(key))  # kept by cacheprune, if it exists
        if key in _MEMORY:
            return _MEMORY[key]
        if self.directory is None or not self.usable:
            return None
        path = self._path(key)
        try:
            text = path.read_text(encoding="utf-8")
        except _ABSENT:
            return None
        except OSError as exc:
            self._unusable(exc)
            return None
        except ValueError:  # not UTF-8: damaged
            return None
        value = _unpack(text, key, shape)
        if value is not None:
            _remember(key, value)
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` (JSON data, not None) under ``key``."""
        _remember(key, value)
        if self.directory is None or not self.usable:
            return
        note_used(self.directory, self._path(key))
        try:
            text = json.dumps(value, ensure_ascii=False)
            header = json.dumps({"format": FORMAT, "key": key, "check": sha256(text)})
            write_atomic(self._path(key), f"{header}\n{text}")
        except (OSError, TypeError, ValueError) as exc:
            self._unusable(exc)

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def _unusable(self, exc: Exception) -> None:
        self.usable = False
        log.debug("the %s memo in %s is not used in this build: %s", self.name, self.directory, exc)


def _remember(key: str, value: Any) -> None:
    if len(_MEMORY) >= MEMORY_ENTRIES:
        _MEMORY.clear()
    _MEMORY[key] = value


def forget_all() -> None:
    """Empty the in-memory layer (tests; the files stay)."""
    _MEMORY.clear()


def _unpack(text: str, key: str, shape: Shape) -> Any | None:
    """The value of a stored entry, or None when it is not exactly what ``put`` wrote."""
    head, _, body = text.partition("\n")
    try:
        header = json.loads(head)
    except ValueError:
        return None
    if not isinstance(header, dict) or set(header) != {"format", "key", "check"}:
        return None
    if header["format"] != FORMAT or header["key"] != key or header["check"] != sha256(body):
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    if value is None:
        return None
    try:
        return value if shape(value) else None
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


# Problems as JSON, so a memoised result can carry the problems it found.


def problem_data(problem: Problem) -> list[Any]:
    where = problem.location
    return [where.path, where.line, where.col, problem.message, problem.context]


def problem_from_data(data: Any) -> Problem:
    """The problem ``problem_data`` gave; ValueError when ``data`` is not one."""
    if not (isinstance(data, list) and len(data) == 5):
        raise ValueError("not a problem")
    path, line, col, message, context = data
    if not (
        isinstance(path, str)
        and isinstance(message, str)
        and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in (line, col))
        and (context is None or isinstance(context, str))
    ):
        raise ValueError("not a problem")
    return Problem(Location(path, line, col), message, context)


def is_problem_list(value: Any) -> bool:
    if not isinstance(value, list):
        return False
    try:
        for item in value:
            problem_from_data(item)
    except ValueError:
        return False
    return True
