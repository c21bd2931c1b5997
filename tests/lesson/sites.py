"""Small fixture sites for the lesson tests: real MkDocs projects in temporary folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support import write_site

MACROS = {
    "KL": "D_{\\mathrm{KL}}",
    "E": "\\mathbb{E}",
    "N": "\\mathcal{N}",
    "R": "\\mathbb{R}",
    "sym": ["\\class{sym sym-#1}{#2}", 2],
}


def write_lesson_site(
    root: Path, pages: dict[str, str], *, math: bool = False, **extra: Any
) -> Path:
    """A site with the course-lessons plugin; ``math`` adds the build-time math renderer
    (needed only when a test looks at rendered equations)."""
    plugins: list[Any] = ["course-lessons"]
    if math:
        plugins.append({"course-math": {"macros": MACROS}})
    return write_site(root, pages, plugins=plugins, extra=extra or None)


def lesson_page(front_matter: str, body: str = "# Title\n\nSome text.\n") -> str:
    return f"---\n{front_matter.strip()}\n---\n\n{body}"
