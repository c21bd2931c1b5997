"""The marks of a page (mathrender.marks), stored in one file per page for warm builds.

Finding where each formula was written (aligning the page's lines with its file, then
scanning them as arithmatex will) gives the same answer while the page, the arithmatex
settings and this code are unchanged: the answer is kept, under the hash of all of them.
The file holds where each mark goes and what it stands for, never text: the marks are put
into the lines Markdown gave, so a file can only misplace invisible marks, and one that
does not read back as written, or holds anything else, counts as damaged (mathrender.cache).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pymdownx import arithmatex

from authoring import markers
from authoring.files import sha256
from mathrender.cache import RenderCache
from mathrender.marks import Opening, Scan, mark

# The code that finds the marks (arithmatex's patterns and the alignment of the page's lines
# with its file included): a change of it is a change of the answer.
CODE = sha256(
    b"".join(
        Path(module).read_bytes()
        for module in (
            Path(__file__).with_name("marks.py"),
            Path(__file__).with_name("locate.py"),
            markers.__file__,
            arithmatex.__file__,
        )
    )
)
_FIELDS = [(f.name, f.type) for f in dataclasses.fields(Opening)]
_DELIMITER = re.compile(r"\$\$?|\\[(\[]|\\begin\{[A-Za-z]+\*?\}")
_CLOSER = re.compile(r"|\$\$|\\[)\]]|\\end\{[A-Za-z]+\*?\}")
_SAMPLES: dict[type, object] = {int: 0, bool: False, str: "", type(None): None}
_TYPES: dict[str, Callable[[object], bool]] = {
    "int": lambda v: type(v) is int,
    "bool": lambda v: type(v) is bool,
    "str": lambda v: type(v) is str,
    "int | None": lambda v: v is None or type(v) is int,
}


_CHECKS = tuple(_TYPES[str(kind)] for _, kind in _FIELDS)
_AT_DELIMITER = [name for name, _ in _FIELDS].index("delimiter")
_AT_CLOSER = [name for name, _ in _FIELDS].index("closer")
# The types a row's values can have, field by field, as one tuple: a row is checked at once.
_SIGNATURES = frozenset(
    itertools.product(
        *(
            [kind for kind in (int, bool, str, type(None)) if check(_SAMPLES[kind])]
            for check in _CHECKS
        )
    )
)


@functools.cache
def _delimiters(delimiter: str, closer: str) -> bool:
    return bool(_DELIMITER.fullmatch(delimiter) and _CLOSER.fullmatch(closer))


def _name(path: str) -> str:
    return f"marks {path}"


def scan_key(cache: RenderCache, path: str, source: str, lines: list[str], config: str) -> str:
    return cache.key("marks", CODE, path, source, "\n".join(lines), config)


def _opening(row: object) -> Opening | None:
    if type(row) is not list or tuple(map(type, row)) not in _SIGNATURES:
        return None
    if not _delimiters(row[_AT_DELIMITER], row[_AT_CLOSER]):
        return None
    return Opening(*row)


def _placed(lines: list[str], places: object, count: int) -> list[str] | None:
    """``lines`` with mark k at ``places[k]``, or None when a place is not in the lines."""
    if not isinstance(places, list) or len(places) != count:
        return None
    by_line: dict[int, list[tuple[int, int]]] = {}
    for number, place in enumerate(places):
        if not (isinstance(place, list) and len(place) == 2 and all(type(v) is int for v in place)):
            return None
        line, col = place
        if not (0 <= line < len(lines) and 0 <= col <= len(lines[line])):
            return None
        by_line.setdefault(line, []).append((col, number))
    out = list(lines)
    for line, marks in by_line.items():
        text, pieces, cursor = lines[line], [], 0
        for col, number in sorted(marks):
            pieces += [text[cursor:col], mark(number)]
            cursor = col
        out[line] = "".join(pieces) + text[cursor:]
    return out


def read_scan(
    cache: RenderCache, path: str, key: str, lines: list[str]
) -> tuple[list[str], Scan] | None:
    """The marked lines and their scan stored for the page under ``key``, or None."""
    body = cache.read(_name(path), key)
    if body is None:
        return None
    found = _scan(body, lines)
    if found is None:
        cache.damaged_file(_name(path))
    return found


def _scan(body: Any, lines: list[str]) -> tuple[list[str], Scan] | None:
    if not isinstance(body, dict) or set(body) != {"places", "openings"}:
        return None
    rows = body["openings"]
    openings = [_opening(row) for row in rows] if isinstance(rows, list) else [None]
    if any(opening is None for opening in openings):
        return None
    marked = _placed(lines, body["places"], len(openings))
    if marked is None:
        return None
    scan = Scan([o for o in openings if o is not None], [(a, b) for a, b in body["places"]])
    return marked, scan


def write_scan(
    cache: RenderCache, path: str, key: str, lines: list[str], marked: list[str], scan: Scan
) -> None:
    if _placed(lines, [list(p) for p in scan.places], len(scan.openings)) != marked:
        return  # (the marks are not where the scan says: nothing stored)
    openings = [list(dataclasses.astuple(opening)) for opening in scan.openings]
    places = [list(place) for place in scan.places]
    cache.write(_name(path), key, {"places": places, "openings": openings})
