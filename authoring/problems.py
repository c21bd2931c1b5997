"""The one problem type every plugin reports, and the one format a report is printed in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from authoring.source import Location

HEADING = "The course has {count} problem{s} to fix:"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an author must fix, at ``path:line:col`` (line and column when known).

    ``context`` is printed on the next line (the offending TeX, the quiz question...).
    """

    location: Location
    message: str
    context: str | None = None

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int | None:
        return self.location.line

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.context:
            shown = " ".join(self.context.split())
            if len(shown) > 160:
                shown = shown[:157] + "..."
            text += f"\n    in: {shown}"
        return text


def problem(
    path: str,
    line: int | None,
    message: str,
    col: int | None = None,
    context: str | None = None,
) -> Problem:
    """Shorthand: ``problem("docs/a.md", 3, "...")``."""
    return Problem(Location(path, line, col), message, context)


def _sort_key(item: Problem) -> tuple[str, int, int, str]:
    where = item.location
    return (where.path, where.line or 0, where.col or 0, item.message)


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by path, line and column."""
    return sorted(set(problems), key=_sort_key)


def format_report(problems: Iterable[Problem]) -> str:
    """The heading and one located line per problem, sorted."""
    found = sorted_problems(problems)
    count = len(found)
    head = HEADING.format(count=count, s="" if count == 1 else "s")
    return "\n".join([head, *(str(p) for p in found)])


class ProblemsFound(Exception):
    """Raised by a reader or validator that found author problems; never seen by authors."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(format_report(self.problems))
