"""YAML read into values that remember where they were written.

PyYAML's composer gives every node a source mark; this module turns that node graph into
small located values, so each later check can say ``path:line:col`` of the author's text.
It refuses what ``yaml.safe_load`` lets through silently: duplicate keys, keys that are not
text, custom tags, and aliases (``*name``), which no course file needs and which can blow a
few lines up into gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from authoring.problems import Problem, ProblemsFound
from authoring.source import Location, SourceText

_STANDARD_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STANDARD_SCALAR_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
}
MAX_DEPTH = 60


@dataclass(frozen=True)
class Scalar:
    value: object
    location: Location
    start: int  # character offsets of the node in the source text
    end: int


@dataclass(frozen=True)
class Sequence:
    items: list[Located]
    location: Location


@dataclass(frozen=True)
class Entry:
    key_location: Location
    value: Located


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Entry]
    location: Location


Located = Scalar | Sequence | Mapping


def plain(node: Located) -> object:
    """The located value as ordinary Python data (what a config schema validates)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    return {key: plain(entry.value) for key, entry in node.entries.items()}


class _AliasFound(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, stopped at the first alias before anything is expanded."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.NodeEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                raise _AliasFound(event.start_mark)
        return super().compose_node(parent, index)


@dataclass
class _Reader:
    source: SourceText
    loader: yaml.SafeLoader
    problems: list[Problem] = field(default_factory=list)

    def at(self, mark: yaml.Mark) -> Location:
        return self.source.at(mark.line, mark.column)

    def add(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, message))

    def read(self, node: yaml.Node, depth: int) -> Located | None:
        location = self.at(node.start_mark)
        if depth > MAX_DEPTH:
            self.add(location, f"YAML nested more than {MAX_DEPTH} levels deep; flatten it")
            return None
        standard = _STANDARD_SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else None
        if node.tag not in (standard or _STANDARD_COLLECTION_TAGS):
            self.add(location, f"unsupported YAML tag {node.tag}; remove the tag")
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, location)
        if isinstance(node, yaml.SequenceNode):
            items = [self.read(item, depth + 1) for item in node.value]
            return Sequence([item for item in items if item is not None], location)
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, location, depth)

    def scalar(self, node: yaml.ScalarNode, location: Location) -> Scalar | None:
        try:
            value = self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            reason = getattr(exc, "problem", None) or str(exc)
            self.add(location, f"this value cannot be read ({reason}); quote it to make it text")
            return None
        return Scalar(value, location, node.start_mark.index, node.end_mark.index)

    def mapping(self, node: yaml.MappingNode, location: Location, depth: int) -> Mapping:
        entries: dict[str, Entry] = {}
        for key_node, value_node in node.value:
            key_location = self.at(key_node.start_mark)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.add(key_location, "keys must be plain words; quote this key")
                continue
            if key in entries:
                first = entries[key].key_location.line
                self.add(key_location, f"duplicate key '{key}' (first on line {first}); keep one")
                continue
            value = self.read(value_node, depth + 1)
            if value is not None:
                entries[key] = Entry(key_location, value)
        return Mapping(entries, location)


def read_yaml(source: SourceText) -> Located | None:
    """Parse ``source``; None for an empty document. Raises ProblemsFound for bad YAML."""
    try:
        # The reader checks every character as it is created: inside the try.
        loader = _Loader(source.text)
    except yaml.YAMLError as exc:
        raise ProblemsFound([_syntax_problem(source, exc)]) from None
    try:
        try:
            root = loader.get_single_node()
        except _AliasFound as alias:
            message = "YAML anchors and aliases (&name, *name) are not allowed; write the value out"
            where = source.at(alias.mark.line, alias.mark.column)
            raise ProblemsFound([Problem(where, message)]) from None
        except RecursionError:
            raise ProblemsFound([Problem(source.at(0, 0), "YAML nested too deeply")]) from None
        except yaml.YAMLError as exc:
            raise ProblemsFound([_syntax_problem(source, exc)]) from None
        if root is None:
            return None
        reader = _Reader(source, loader)
        located = reader.read(root, 0)
        if reader.problems:
            raise ProblemsFound(reader.problems)
        return located
    finally:
        loader.dispose()


def _syntax_problem(source: SourceText, exc: yaml.YAMLError) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or ""
        if exc.context_mark is not None and "expected" in problem and exc.context:
            # An unclosed bracket or quote: point at where it was opened.
            mark = exc.context_mark
        location = source.at(mark.line, mark.column) if mark else source.at(0, 0)
        return Problem(location, f"YAML syntax error: {_plain_words(exc)}")
    # Reader errors (e.g. control characters) carry a character offset of their own.
    location = source.location(getattr(exc, "position", 0) or 0)
    reason = getattr(exc, "reason", None) or "unreadable text"
    character = getattr(exc, "character", None)
    if isinstance(character, int):
        reason = f"{reason} (character U+{character:04X}); remove or replace it"
    return Problem(location, f"YAML syntax error: {reason}")


def _plain_words(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's parser jargon, said as what to do."""
    problem = exc.problem or ""
    context = exc.context or ""
    if "found character '\\t'" in problem:
        return "a tab character; indent YAML with spaces"
    if "mapping values are not allowed" in problem:
        return "a ':' inside a value; quote the value"
    if context.startswith("while parsing a flow") or "flow" in context:
        return f"an unclosed or broken [ ] or {{ }} ({problem}); close it or quote the value"
    if "while scanning a quoted scalar" in context:
        return "a quote that is never closed; close it"
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        return (
            "the indentation does not fit the lines above, or a value starts with a character "
            f"YAML reserves ({problem.replace('<block end>', 'the end of the block')}); "
            "align the keys, or quote the value"
        )
    return " ".join(part for part in (context, problem) if part) + "; check the syntax here"
