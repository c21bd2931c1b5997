"""YAML read into values that remember where they were written.

PyYAML's composer gives every node a source mark; this module turns that node graph into
small located values, so each later check can say ``path:line:col`` of the author's text.
It refuses what ``yaml.safe_load`` lets through silently: duplicate keys, keys that are not
text, custom tags, and aliases (``*name``), which no course file needs and which can blow a
few lines up into gigabytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, stopped at the first alias before anything is expanded, and at the
    first collection nested deeper than MAX_DEPTH (before Python's recursion limit)."""

    depth = 0

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        # The scanner looks ahead over nested [ [ [ ... in quadratic time: stop it early.
        if self.flow_level >= MAX_DEPTH:
            raise _TooDeep(self.get_mark())
        super().fetch_flow_collection_start(TokenClass)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.NodeEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                raise _AliasFound(event.start_mark)
            if self.depth >= MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
                raise _TooDeep(event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


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
        except _TooDeep as deep:
            message = f"YAML nested more than {MAX_DEPTH} levels deep; flatten it"
            where = source.at(deep.mark.line, deep.mark.column) if deep.mark else source.at(0)
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
        context = exc.context or ""
        if exc.context_mark is not None and any(w in context for w in _OPENED_CONTEXTS):
            # An unclosed bracket or quote, a key without its colon: point at where it was
            # opened. A block's indentation error is at the line found (problem_mark), not
            # at the start of the enclosing mapping.
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


_OPENED_CONTEXTS = ("flow", "quoted scalar", "simple key")
_FOUND = re.compile(r"but found '(?P<token>[^']*)'")
_CANNOT_START = re.compile(r"found character '(?P<char>.)' that cannot start any token")


def _plain_words(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's parser jargon, said as what to do."""
    problem = exc.problem or ""
    context = exc.context or ""
    if "found character '\\t'" in problem:
        return "a tab character; indent YAML with spaces"
    if "mapping values are not allowed" in problem:
        return "a ':' inside a value; quote the value"
    if context.startswith("while parsing a flow") or "flow" in context:
        return "an unclosed or broken [ ] or { }; close it, or quote the value if it is text"
    if "while scanning a quoted scalar" in context:
        return "a quote that is never closed; close it"
    if "simple key" in context:
        return (
            "this line is not 'key: value'; add the ':' after the key, "
            "or indent the line to continue the value above"
        )
    cannot_start = _CANNOT_START.search(problem)
    if cannot_start:
        return f"a value cannot start with '{cannot_start['char']}'; quote the value"
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        found = _FOUND.search(problem)
        token = found["token"] if found else ""
        if token == "<scalar>":
            return (
                "more text after a quoted value or a [ ] list on the same line; "
                "quote the whole value"
            )
        if token == "-":
            return (
                "a list item ('- ...') where a key was expected; "
                "indent the list under the key it belongs to"
            )
        return (
            "this line is not indented like the lines above it; "
            "indent it exactly like the entries it belongs with"
        )
    return " ".join(part for part in (context, problem) if part) + "; check the syntax here"
