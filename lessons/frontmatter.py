"""A page's front matter, read with line numbers and checked with the course's schema.

MkDocs drops invalid front matter silently and keeps no positions, so the YAML is read again
with ``authoring.yamlsource`` (the front matter starts on the file's second line) and a
lesson page's keys are checked with ``authoring.schema``: every bad, missing or unknown key
is reported at the line and column where it was written.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mkdocs.utils.meta import YAML_RE

from authoring.problems import Problem, ProblemsFound
from authoring.schema import unknown_key, validate
from authoring.source import Location, SourceText
from authoring.yamlsource import Located, Mapping, Sequence, plain, read_yaml
from lessons.config import LessonMetaConfig, LessonPageConfig, LessonRefConfig
from lessons.summary import split_inline_math

# The YAML between the "---" lines starts on the file's second line.
FIRST_YAML_LINE = 2
LESSON_KEY = "lesson"
_REF_EXAMPLE = '{id: "14-1", title: Latent variable models}'


@dataclass(frozen=True)
class LessonRef:
    id: str
    title: str


@dataclass(frozen=True)
class Lesson:
    """A validated ``lesson:`` block; ``path`` is the file as shown in messages."""

    path: str
    id: str
    id_location: Location
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
    source = SourceText(path, match.group(1), FIRST_YAML_LINE)
    try:
        root = read_yaml(source)
    except ProblemsFound as found:
        # MkDocs would silently ignore the whole front matter.
        return None, list(found.problems)
    if root is None:
        return None, []
    if not isinstance(root, Mapping):
        message = "the front matter must be keys and values, such as 'title: ...'; rewrite it"
        return None, [Problem(root.location, message)]
    if LESSON_KEY not in root.entries:
        return None, _lesson_near_misses(root)
    return _LessonReader().read(root)


def _lesson_near_misses(root: Mapping) -> list[Problem]:
    """A misspelt ``lesson:`` key would make a lesson an ordinary page without a word."""
    return [
        Problem(entry.key_location, unknown_key(key, [LESSON_KEY], "the front matter"))
        for key, entry in root.entries.items()
        if difflib.get_close_matches(key.lower(), [LESSON_KEY], n=1, cutoff=0.8)
    ]


class _LessonReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def read(self, root: Mapping) -> tuple[Lesson | None, list[Problem]]:
        _, found = validate(LessonPageConfig, root, "the front matter of a lesson")
        self.problems += found
        block = root.entries[LESSON_KEY].value
        if not isinstance(block, Mapping):
            return None, self.problems  # reported by the schema
        meta, found = validate(LessonMetaConfig, block, "the lesson block")
        self.problems += found
        self._check_summary(block)
        prerequisites = self._prerequisites(block)
        previous = self._optional_ref(block, "previous")
        following = self._optional_ref(block, "next")
        self._check_self_references(block, prerequisites, previous, following)
        if self.problems:
            return None, self.problems
        lesson = Lesson(
            path=block.location.path,
            id=meta.id,
            id_location=block.entries["id"].value.location,
            summary=meta.summary,
            icon=meta.icon,
            prerequisites=tuple(ref for ref, _ in prerequisites),
            previous=previous[0] if previous else None,
            next=following[0] if following else None,
        )
        return lesson, []

    def _check_summary(self, block: Mapping) -> None:
        entry = block.entries.get("summary")
        if entry is None:
            return
        value = plain(entry.value)
        if isinstance(value, str) and split_inline_math(value) is None:
            self.problems.append(
                Problem(
                    entry.value.location,
                    "the summary has an unbalanced '$' (inline math is $...$); close the math, "
                    "or write \\$ for a dollar sign",
                )
            )

    def _prerequisites(self, block: Mapping) -> list[tuple[LessonRef, Location]]:
        entry = block.entries.get("prerequisites")
        if entry is None or not isinstance(entry.value, Sequence):
            return []  # absent, or reported by the schema
        refs = []
        for number, item in enumerate(entry.value.items, start=1):
            ref = self._ref(item, f"prerequisite {number}")
            if ref is not None:
                refs.append(ref)
        return refs

    def _optional_ref(self, block: Mapping, key: str) -> tuple[LessonRef, Location] | None:
        entry = block.entries.get(key)
        if entry is None or plain(entry.value) is None:
            return None
        if not isinstance(entry.value, Mapping):
            return None  # reported by the schema
        return self._ref(entry.value, f"the lesson's '{key}'")

    def _ref(self, node: Located, what: str) -> tuple[LessonRef, Location] | None:
        if not isinstance(node, Mapping):
            message = f"{what} must be a mapping; write it as {_REF_EXAMPLE}"
            self.problems.append(Problem(node.location, message))
            return None
        ref, found = validate(LessonRefConfig, node, what)
        self.problems += found
        if found:
            return None
        return LessonRef(id=ref.id, title=ref.title), node.entries["id"].value.location

    def _check_self_references(
        self,
        block: Mapping,
        prerequisites: list[tuple[LessonRef, Location]],
        previous: tuple[LessonRef, Location] | None,
        following: tuple[LessonRef, Location] | None,
    ) -> None:
        entry = block.entries.get("id")
        own = plain(entry.value) if entry is not None else None
        named = [("a prerequisite", ref) for ref in prerequisites]
        named += [("'previous'", ref) for ref in (previous,) if ref]
        named += [("'next'", ref) for ref in (following,) if ref]
        for name, (ref, location) in named:
            if ref.id == own:
                message = f"{name} refers to this lesson itself ({own}); name another lesson"
                self.problems.append(Problem(location, message))
