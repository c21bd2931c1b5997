"""Author-facing problems in lesson pages, reported as ``path:line: message``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, order=True)
class Problem:
    """One author mistake at ``path:line`` (1-based)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def lesson_error(problems: Iterable[Problem]) -> PluginError:
    """One error for every problem of the build, in file and line order."""
    found = sorted(set(problems))
    count = len(found)
    head = f"course-lessons: {count} problem{'s' if count != 1 else ''} in lesson pages:"
    return PluginError("\n".join([head, *(str(p) for p in found)]))
