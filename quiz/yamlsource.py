"""YAML parsed into values that remember where they were written.

PyYAML's composer gives every node a source mark; this module turns that node graph into
small located values so each later check can say ``path:line:col`` of the author's text.
It also rejects what ``yaml.safe_load`` lets through silently: duplicate keys, non-text
keys, custom tags and recursive aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from quiz.errors import Problem, QuizError

# Aliases can multiply a small file into a huge tree; a quiz never needs this many nodes.
MAX_NODES = 20_000

_STANDARD_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


@dataclass(frozen=True)
class Source:
    """A file's path (as shown to authors) and its text."""

    path: str
    text: str

    def position(self, index: int) -> Position:
        index = max(0, min(index, len(self.text)))
        line = self.text.count("\n", 0, index)
        line_start = self.text.rfind("\n", 0, index) + 1
        return Position(line + 1, index - line_start + 1)

    def problem(self, position: Position, message: str, question: str | None = None) -> Problem:
        return Problem(self.path, position.line, position.col, message, question)


@dataclass(frozen=True)
class Scalar:
    value: object
    position: Position
    start: int  # character offsets of the node in the source
    end: int

    def locate(self, source: Source, fragment: str) -> Position:
        """Where ``fragment`` of this scalar's value was written, as nearly as it can be told.

        Exact whenever the fragment appears verbatim in the source (plain, literal and most
        quoted scalars); otherwise the scalar's own position.
        """
        raw = source.text[self.start : self.end]
        for probe in (fragment, fragment.split("\n", 1)[0]):
            if probe.strip():
                found = raw.find(probe)
                if found >= 0:
                    return source.position(self.start + found)
        return self.position


@dataclass(frozen=True)
class Sequence:
    items: list[Located]
    position: Position


@dataclass(frozen=True)
class Entry:
    key_position: Position
    value: Located


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Entry]
    position: Position


Located = Scalar | Sequence | Mapping


def plain(node: Located) -> object:
    """The located value as ordinary Python data (what a config schema validates)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    return {key: plain(entry.value) for key, entry in node.entries.items()}


@dataclass
class _Reader:
    source: Source
    loader: yaml.SafeLoader
    problems: list[Problem] = field(default_factory=list)
    visited: int = 0

    def at(self, mark: yaml.Mark) -> Position:
        return Position(mark.line + 1, mark.column + 1)

    def read(self, node: yaml.Node, ancestors: frozenset[int]) -> Located | None:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooLarge(node)
        position = self.at(node.start_mark)
        if id(node) in ancestors:
            self.problems.append(self.source.problem(position, "recursive YAML alias"))
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, position)
        if node.tag not in _STANDARD_COLLECTION_TAGS:
            self.problems.append(self.source.problem(position, f"unsupported YAML tag {node.tag}"))
            return None
        inner = ancestors | {id(node)}
        if isinstance(node, yaml.SequenceNode):
            items = [self.read(item, inner) for item in node.value]
            return Sequence([item for item in items if item is not None], position)
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, position, inner)

    def scalar(self, node: yaml.ScalarNode, position: Position) -> Scalar | None:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            message = getattr(exc, "problem", None) or str(exc)
            self.problems.append(self.source.problem(position, f"invalid YAML value: {message}"))
            return None
        return Scalar(value, position, node.start_mark.index, node.end_mark.index)

    def mapping(self, node: yaml.MappingNode, position: Position, inner: frozenset[int]) -> Mapping:
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key_position = self.at(key_node.start_mark)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.problems.append(self.source.problem(key_position, "keys must be plain words"))
                continue
            if key in entries:
                first = entries[key].key_position.line
                message = f"duplicate key '{key}' (first on line {first})"
                self.problems.append(self.source.problem(key_position, message))
                continue
            value = self.read(value_node, inner)
            if value is not None:
                entries[key] = Entry(key_position, value)
        return Mapping(entries, position)


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def read_yaml(source: Source) -> Located | None:
    """Parse ``source``; None for an empty document. Raises QuizError for malformed YAML."""
    try:
        # The reader checks every character as it is created: inside the try.
        loader = yaml.SafeLoader(source.text)
    except yaml.YAMLError as exc:
        raise QuizError([_syntax_problem(source, exc)]) from None
    try:
        try:
            root = loader.get_single_node()
        except RecursionError:
            raise QuizError([source.problem(Position(1, 1), "YAML nested too deeply")]) from None
        except yaml.YAMLError as exc:
            raise QuizError([_syntax_problem(source, exc)]) from None
        if root is None:
            return None
        reader = _Reader(source, loader)
        try:
            located = reader.read(root, frozenset())
        except RecursionError:
            raise QuizError([source.problem(Position(1, 1), "YAML nested too deeply")]) from None
        except _TooLarge as too_large:
            position = reader.at(too_large.node.start_mark)
            raise QuizError(
                [source.problem(position, f"more than {MAX_NODES} YAML values (alias expansion?)")]
            ) from None
        if reader.problems:
            raise QuizError(reader.problems)
        return located
    finally:
        loader.dispose()


def _syntax_problem(source: Source, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        return source.problem(position, f"YAML syntax error: {message}")
    # Reader errors (e.g. control characters) carry a character offset of their own.
    position = source.position(getattr(exc, "position", 0) or 0)
    reason = getattr(exc, "reason", None) or "unreadable text"
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        reason = f"{reason} (character U+{character:04X})"
    return source.problem(position, f"YAML syntax error: {reason}")
