"""The one error type authors see: problems located in their own files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One author mistake at ``path:line:col`` (1-based), optionally inside a question."""

    path: str
    line: int
    col: int
    message: str
    question: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        if self.question is not None:
            return f"{where}: question '{self.question}': {self.message}"
        return f"{where}: {self.message}"


class QuizError(Exception):
    """Every problem found in one run; the only exception the quiz package raises at authors."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.report())

    def report(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)
