"""Finding a "where" block's lines, and a ``\\sym``'s, in the page's source file.

Python-Markdown keeps no source positions. A where block is found again by its text: the
``/// where`` line followed by the block's first line, searched from the previous block's
position so that repeated blocks are attributed in page order. A ``\\sym{id}`` is the n-th
one of the page outside front matter and fenced code, as Markdown's parse counted it.
"""

from __future__ import annotations

import re

from mkdocs.utils.meta import YAML_RE

from authoring.problems import Problem
from authoring.source import Location, SourceText
from lessons.symcheck import SymbolProblem
from lessons.texsym import symbol_marks
from lessons.where import WhereProblem
from mathrender.marks import unmarked

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


class SourceLines:
    """A page's source, searched forward block by block."""

    def __init__(self, text: str) -> None:
        # Lines as the file has them: only "\n" ends one (splitlines() would also split at
        # "\r", "\x85" or "\u2028" inside a line and count the lines after it wrong).
        self.lines = [line.strip() for line in text.split("\n")]
        self.cursor = 0

    def find_block(self, opening: str, first_line: str) -> int | None:
        """0-based index of the opening line of the next block that starts like this."""
        for start in (self.cursor, 0):
            for index in range(start, len(self.lines)):
                if self.lines[index] != opening.strip():
                    continue
                following = next((ln for ln in self.lines[index + 1 :] if ln), "")
                if not first_line.strip() or following == first_line.strip():
                    self.cursor = index + 1
                    return index
        return None

    def find_line(self, text: str, start: int) -> int | None:
        """0-based index of the first line from ``start`` equal to ``text`` (stripped)."""
        wanted = text.strip()
        for index in range(start, len(self.lines)):
            if self.lines[index] == wanted:
                return index
        return None


def where_problems(path: str, source: str, found: list[WhereProblem]) -> list[Problem]:
    """Author-facing problems, at the lines of the page's source they are about."""
    lines = SourceLines(source)
    problems = []
    previous: tuple[tuple[str, ...], int | None] | None = None
    for problem in found:
        # Problems of one block arrive together; find each block once.
        if previous is not None and previous[0] is problem.block:
            start = previous[1]
        else:
            # The math plugin's marks (mathrender.marks) are not in the source.
            first = unmarked(next((ln for ln in problem.block[1:] if ln.strip()), ""))
            start = lines.find_block(problem.block[0], first)
            previous = (problem.block, start)
        if start is None:
            # Text another plugin generated: no line of the page's own source to show.
            message = unmarked(problem.message)
            problems.append(Problem(Location(path), f"{message} (in generated text)"))
            continue
        line = start
        if problem.line > 0:
            found_line = lines.find_line(unmarked(problem.block[problem.line]), start + 1)
            line = found_line if found_line is not None else start
        problems.append(Problem(Location(path, line + 1), unmarked(problem.message)))
    return problems


def _unread_lines(source: str) -> set[int]:
    """1-based lines Markdown does not read as text: front matter and fenced code."""
    lines = source.split("\n")
    front = YAML_RE.match(source)
    skipped = set(range(1, front.group(0).count("\n") + 1)) if front else set()
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        if number in skipped:
            continue
        opened = _FENCE.match(line)
        if fence is not None:
            skipped.add(number)
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = None
        elif opened:
            fence = opened[1]
            skipped.add(number)
    return skipped


def symbol_problems(path: str, source: str, found: list[SymbolProblem]) -> list[Problem]:
    """Author-facing problems, each at the ``\\sym{id}`` it is about."""
    text = SourceText(path, source)
    unread = _unread_lines(source)
    places: dict[str, list[Location]] = {}
    for match in symbol_marks(source):
        where = text.location(match.start())
        if where.line not in unread:
            places.setdefault(match[1], []).append(where)
    problems = []
    for problem in found:
        marks = places.get(problem.ident, [])
        if problem.occurrence <= len(marks):
            problems.append(Problem(marks[problem.occurrence - 1], problem.message))
        else:
            message = f"{problem.message} (in text another plugin wrote)"
            problems.append(Problem(Location(path), message))
    return problems
