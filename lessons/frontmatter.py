"""A lesson page's front matter, read with line numbers and validated with MkDocs' config machinery.

MkDocs itself drops invalid front matter silently and keeps no line numbers, so this module
reads the YAML again: ``yaml.compose`` gives every key its position in the file.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config.base import ValidationError
from mkdocs.utils.meta import YAML_RE

from lessons.config import LessonMetaConfig, LessonRefConfig
from lessons.errors import Problem
from lessons.summary import split_inline_math

# The YAML between the "---" lines starts on the file's second line.
_FIRST_YAML_LINE = 2


@dataclass(frozen=True)
class LessonRef:
    id: str
    title: str


@dataclass(frozen=True)
class Lesson:
    """A validated ``lesson:`` block; ``path`` is the file as shown in messages."""

    path: str
    id: str
    id_line: int
    summary: str
    icon: str
    prerequisites: tuple[LessonRef, ...]
    previous: LessonRef | None
    next: LessonRef | None


def read_lesson(path: str, text: str) -> tuple[Lesson | None, list[Problem]]:
    """The lesson declared in a page's front matter (None if the page is not a lesson)."""
    match = YAML_RE.match(text)
    if not match:
        return None, []
    source = match.group(1)
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.load(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context_mark", None)
        if context is not None and "stream end" in reason:
            mark = context  # an unclosed bracket: point at where it was opened
        line = mark.line + _FIRST_YAML_LINE if mark is not None else 1
        # MkDocs would silently ignore the whole front matter.
        return None, [Problem(path, line, f"front matter is not valid YAML: {reason}")]
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        return None, []
    found = _entry(root, "lesson")
    if found is None:
        return None, []
    key_node, node = found
    return _Reader(path).lesson(data["lesson"], node, _line(key_node))


class _Reader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def lesson(self, value: Any, node: yaml.Node, line: int) -> tuple[Lesson | None, list[Problem]]:
        meta = self._validate(LessonMetaConfig, value, node, line, "lesson")
        if meta is None:
            return None, self.problems
        assert isinstance(node, yaml.MappingNode)
        summary = meta.get("summary")
        if isinstance(summary, str) and split_inline_math(summary) is None:
            self._add(
                self._key_line(node, "summary", line),
                "lesson.summary: unbalanced '$' (inline math is $...$)",
            )
        prerequisites = self._prerequisites(meta.get("prerequisites") or [], node, line)
        previous = self._optional_ref(meta.get("previous"), node, "previous", line)
        following = self._optional_ref(meta.get("next"), node, "next", line)
        references = [("previous", previous), ("next", following)]
        references += [("prerequisites", ref) for ref in prerequisites]
        for name, ref in references:
            if ref is not None and ref.id == meta.get("id"):
                self._add(self._key_line(node, name, line), f"lesson.{name}: refers to itself")
        if self.problems:
            return None, self.problems
        lesson = Lesson(
            path=self.path,
            id=meta["id"],
            id_line=self._key_line(node, "id", line),
            summary=meta["summary"],
            icon=meta["icon"],
            prerequisites=tuple(r for r in prerequisites if r is not None),
            previous=previous,
            next=following,
        )
        return lesson, []

    def _prerequisites(
        self, items: object, node: yaml.MappingNode, line: int
    ) -> list[LessonRef | None]:
        found = _entry(node, "prerequisites")
        seq = found[1] if found is not None else None
        refs: list[LessonRef | None] = []
        for index, item in enumerate(items if isinstance(items, list) else []):
            item_node = seq.value[index] if isinstance(seq, yaml.SequenceNode) else None
            item_line = _line(item_node) if item_node is not None else line
            refs.append(self._ref(item, item_node, item_line, f"lesson.prerequisites[{index}]"))
        return refs

    def _optional_ref(
        self, value: Any, node: yaml.MappingNode, key: str, line: int
    ) -> LessonRef | None:
        if value is None:
            return None
        found = _entry(node, key)
        value_node = found[1] if found else None
        key_line = _line(found[0]) if found else line
        return self._ref(value, value_node, key_line, f"lesson.{key}")

    def _ref(self, value: Any, node: yaml.Node | None, line: int, where: str) -> LessonRef | None:
        ref = self._validate(LessonRefConfig, value, node, line, where)
        if ref is None or "id" not in ref or "title" not in ref:
            return None
        return LessonRef(id=ref["id"], title=ref["title"])

    def _validate(
        self, schema: type[base.Config], value: Any, node: yaml.Node | None, line: int, where: str
    ) -> dict[str, Any] | None:
        """The valid values of ``value`` by key (None if it is not a mapping).

        Every option is validated, not only up to the first failure as ``Config.validate``
        does, so that one run reports every problem.
        """
        if not isinstance(value, dict) or not isinstance(node, yaml.MappingNode):
            self._add(line, f"{where}: expected a mapping of keys to values")
            return None
        seen: set[object] = set()
        for key_node, _value_node in node.value:
            # YAML would silently keep only the last value of a repeated key.
            if key_node.value in seen:
                self._add(_line(key_node), f"{where}.{key_node.value}: duplicate key")
            seen.add(key_node.value)
        known = [name for name, _ in schema._schema]
        valid: dict[str, Any] = {}
        for key, option in schema._schema:
            try:
                valid[key] = option.validate(value.get(key))
            except ValidationError as error:
                self._add(self._key_line(node, key, line), f"{where}.{key}: {error}")
            finally:
                option.reset_warnings()
        for key in value:
            if key in known:
                continue
            hint = difflib.get_close_matches(str(key), known, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            self._add(
                self._key_line(node, str(key), line),
                f"{where}.{key}: unknown key (expected one of: {', '.join(known)}){suggestion}",
            )
        return valid

    def _key_line(self, node: yaml.MappingNode, key: str, default: int) -> int:
        found = _entry(node, key)
        return _line(found[0]) if found else default

    def _add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))


def _entry(node: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + _FIRST_YAML_LINE
