"""``read_yaml``, remembered across builds: an unchanged file is not parsed again.

PyYAML's pure-Python parser is the slowest part of reading a quiz or a claims file. The
located tree ``read_yaml`` gives (or the problems it raised) is stored as JSON in
``.cache/yaml/`` by the hash of the text, its path and first line, and the code of the
reader (authoring.memo). The problems of a file are remembered too and raised again on
every build. A document holding a value JSON cannot keep exactly (a date) is not stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from authoring.memo import Memo, code_fingerprint, problem_data, problem_from_data
from authoring.problems import ProblemsFound
from authoring.source import Location, SourceText
from authoring.yamlsource import Entry, Located, Mapping, Scalar, Sequence, read_yaml

NAME = "yaml"
_JSON_SCALARS = (str, int, float, bool, type(None))


def yaml_memo(root: Path | None) -> Memo:
    """The memo of the YAML files of the course whose mkdocs.yml is in ``root``."""
    code = code_fingerprint("authoring.yamlsource", "authoring.source", "authoring.problems")
    return Memo(NAME, root, f"{code} pyyaml {yaml.__version__}")


def read_yaml_remembered(source: SourceText, memo: Memo | None) -> Located | None:
    """``read_yaml(source)``, from ``memo`` when this text was read before."""
    if memo is None:
        return read_yaml(source)
    key = memo.key(source.path, source.first_line, source.text)
    checked: list[tuple[Located | None] | ProblemsFound | None] = []  # the shape check's tree

    def shape(value: Any) -> bool:
        checked.append(_decoded(value, source.path))
        return checked[-1] is not None

    stored = memo.get(key, shape)
    if stored is not None:
        decoded = checked[-1] if checked else _decoded(stored, source.path)  # (from memory)
        assert decoded is not None
        return _result(decoded)
    try:
        root = read_yaml(source)
    except ProblemsFound as found:
        memo.put(key, {"problems": [problem_data(problem) for problem in found.problems]})
        raise
    encoded = _encode(root) if root is not None else None
    if root is None or encoded is not None:
        memo.put(key, {"tree": encoded})
    return root


def _result(decoded: tuple[Located | None] | ProblemsFound) -> Located | None:
    if isinstance(decoded, ProblemsFound):
        raise ProblemsFound(decoded.problems)
    return decoded[0]


def _encode(node: Located) -> list[Any] | None:
    """The node as JSON data; None when a value cannot be kept exactly."""
    where = node.location
    if isinstance(node, Scalar):
        if not isinstance(node.value, _JSON_SCALARS):
            return None
        return [0, where.line, where.col, node.value, node.start, node.end]
    if isinstance(node, Sequence):
        items = [_encode(item) for item in node.items]
        return None if None in items else [1, where.line, where.col, items]
    entries = []
    for name, entry in node.entries.items():
        value = _encode(entry.value)
        if value is None:
            return None
        entries.append([name, entry.key_location.line, entry.key_location.col, value])
    return [2, where.line, where.col, entries]


def _decoded(value: Any, path: str) -> tuple[Located | None] | ProblemsFound | None:
    """What was stored, rebuilt; None when it is not what ``_encode`` writes."""
    try:
        if not isinstance(value, dict) or len(value) != 1:
            return None
        if "problems" in value:
            problems = [problem_from_data(item) for item in value["problems"]]
            return ProblemsFound(problems) if problems else None
        if "tree" not in value:
            return None
        tree = value["tree"]
        return (None if tree is None else _decode(tree, path),)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError):
        return None


def _decode(data: Any, path: str) -> Located:
    kind, line, col = data[0], data[1], data[2]
    location = Location(path, _number(line), _number(col))
    if kind == 0:
        _, _, _, value, start, end = data
        if not isinstance(value, _JSON_SCALARS):
            raise ValueError("not a scalar")
        return Scalar(value, location, _number(start, False), _number(end, False))
    if kind == 1:
        _, _, _, items = data
        return Sequence([_decode(item, path) for item in items], location)
    if kind != 2:
        raise ValueError("not a node")
    entries: dict[str, Entry] = {}
    for name, key_line, key_col, value in data[3]:
        if not isinstance(name, str):
            raise ValueError("not a key")
        key_location = Location(path, _number(key_line), _number(key_col))
        entries[name] = Entry(key_location, _decode(value, path))
    return Mapping(entries, location)


def _number(value: Any, optional: bool = True) -> Any:
    if (value is None and optional) or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError("not a line, column or offset")
