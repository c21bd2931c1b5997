"""A page's front matter, read with line numbers and checked with the course's schema.

MkDocs drops invalid front matter silently and keeps no positions, so the YAML is read again
with ``authoring.yamlsource`` (the front matter starts on the file's second line) and a
lesson page's keys are checked with ``authoring.schema``: every bad, missing or unknown key
is reported at the line and column where it was written.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from authoring.problems import Problem
from authoring.schema import describe, unknown_key, validate
from authoring.source import Location
from authoring.yamlsource import Mapping, Scalar, Sequence, plain
from lessons.config import LESSON_ID, LessonMetaConfig, LessonPageConfig
from lessons.pagemeta import FrontMatter, read_front_matter
from lessons.summary import split_inline_math
from lessons.texsym import has_symbol_mark

LESSON_KEY = "lesson"
# Derived from the order of nav in mkdocs.yml (lessons/navigation.py), never written.
DERIVED_KEYS = ("previous", "next")


@dataclass(frozen=True)
class LessonRef:
    """Another lesson named by its id; its title and link come from its own page."""

    id: str
    location: Location


@dataclass(frozen=True)
class Lesson:
    """A validated ``lesson:`` block; ``path`` is the file as shown in messages."""

    path: str
    id: str
    id_location: Location
    summary: str
    icon: str
    prerequisites: tuple[LessonRef, ...]


def read_lesson(path: str, text: str) -> tuple[Lesson | None, list[Problem]]:
    """The lesson declared in a page's front matter (None if the page is not a lesson), and
    every problem of the front matter (see lessons.pagemeta for what every page must keep)."""
    front = read_front_matter(path, text)
    lesson, found = lesson_of(front)
    return lesson, [*front.problems, *(p for p in found if p not in front.problems)]


def lesson_of(front: FrontMatter) -> tuple[Lesson | None, list[Problem]]:
    """The lesson of front matter read by lessons.pagemeta, and the lesson block's problems."""
    root = front.root
    if root is None:
        return None, []
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
        block = self._without_derived_keys(block)
        meta, found = validate(LessonMetaConfig, block, "the lesson block")
        self.problems += found
        self._check_summary(block)
        prerequisites = self._prerequisites(block)
        self._check_self_references(block, prerequisites)
        if self.problems:
            return None, self.problems
        lesson = Lesson(
            path=block.location.path,
            id=meta.id,
            id_location=block.entries["id"].value.location,
            summary=meta.summary,
            icon=meta.icon,
            prerequisites=tuple(prerequisites),
        )
        return lesson, []

    def _check_summary(self, block: Mapping) -> None:
        entry = block.entries.get("summary")
        if entry is None:
            return
        value = plain(entry.value)
        if isinstance(value, str) and has_symbol_mark(value):
            self.problems.append(
                Problem(
                    entry.value.location,
                    "the summary marks a symbol with \\sym, but only an equation with a where "
                    "list can define one; write the symbol's TeX without \\sym",
                )
            )
        if isinstance(value, str) and split_inline_math(value) is None:
            self.problems.append(
                Problem(
                    entry.value.location,
                    "the summary has an unbalanced '$' (inline math is $...$); close the math, "
                    "or write \\$ for a dollar sign",
                )
            )

    def _without_derived_keys(self, block: Mapping) -> Mapping:
        """The block without ``previous``/``next``, each reported with the fix."""
        kept = {}
        for key, entry in block.entries.items():
            if key in DERIVED_KEYS:
                message = (
                    f"'{key}' is not written in a lesson any more: the previous and next "
                    "lessons follow the order of 'nav' in mkdocs.yml; delete this key"
                )
                self.problems.append(Problem(entry.key_location, message))
            else:
                kept[key] = entry
        return Mapping(kept, block.location)

    def _prerequisites(self, block: Mapping) -> list[LessonRef]:
        entry = block.entries.get("prerequisites")
        if entry is None or not isinstance(entry.value, Sequence):
            return []  # absent, or reported by the schema
        refs = []
        for number, item in enumerate(entry.value.items, start=1):
            value = plain(item)
            if isinstance(item, Scalar) and isinstance(value, str) and LESSON_ID.match(value):
                refs.append(LessonRef(value, item.location))
                continue
            if isinstance(item, Mapping) and "id" in item.entries:
                message = (
                    f'write prerequisite {number} as its id only, like "14-1": its title '
                    "and link come from that lesson's page"
                )
            else:
                message = (
                    f"prerequisite {number} is {describe(value)}; write a lesson id in "
                    'quotes, like "14-1"'
                )
            self.problems.append(Problem(item.location, message))
        return refs

    def _check_self_references(self, block: Mapping, prerequisites: list[LessonRef]) -> None:
        entry = block.entries.get("id")
        own = plain(entry.value) if entry is not None else None
        for ref in prerequisites:
            if ref.id == own:
                message = f"a prerequisite is this lesson itself ({own}); name another lesson"
                self.problems.append(Problem(ref.location, message))
