"""Author-facing problems with TeX, reported as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TexProblem:
    path: str
    line: int | None
    message: str
    tex: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else f"{self.path}"
        tex = " ".join(self.tex.split())
        if len(tex) > 160:
            tex = tex[:157] + "..."
        return f"{where}: TeX error: {self.message}\n    in: {tex}"


def summary(problems: list[TexProblem]) -> str:
    count = len(problems)
    head = f"{count} TeX error{'s' if count != 1 else ''} in the course's math:"
    return "\n".join([head, *(str(p) for p in problems)])
