"""Scratch lessons in temporary MkDocs projects, checked by the real check command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from authoring.check import CheckResult, run_check
from tests.support import working_directory, write_site

PAGE = "lesson.md"
SHOWN = f"docs/{PAGE}"
CLAIMS = "lesson.numbers.yml"
SHOWN_CLAIMS = f"docs/{CLAIMS}"


def lesson(body: str, summary: str = "A scratch lesson.") -> str:
    """A lesson page (front matter with a ``lesson:`` block); the body starts on line 10."""
    return (
        "---\n"
        "title: Scratch\n"
        "lesson:\n"
        '  id: "1-1"\n'
        f"  summary: {summary}\n"
        "  icon: material/abacus\n"
        "---\n"
        "\n"
        "# Scratch\n"
        f"{body}"
    )


FIRST_BODY_LINE = 10


def scratch_site(
    root: Path,
    body: str,
    claims: str | None = None,
    *,
    options: dict[str, Any] | None = None,
    pages: dict[str, str] | None = None,
    summary: str = "A scratch lesson.",
) -> Path:
    """A project with one scratch lesson (and its claims file); returns its mkdocs.yml."""
    files = {PAGE: lesson(body, summary), **(pages or {})}
    if claims is not None:
        files[CLAIMS] = claims
    plugin: Any = {"course-lessons": options} if options else "course-lessons"
    return write_site(root, files, plugins=[plugin])


def check(config_file: Path) -> CheckResult:
    with working_directory(config_file.parent):
        return run_check(config_file)


def shown(result: CheckResult) -> list[str]:
    """Each problem as ``path:line:col: message``."""
    return [f"{problem.location}: {problem.message}" for problem in result.problems]


def check_command(
    config_file: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m authoring check`` as an author runs it."""
    return subprocess.run(
        [sys.executable, "-m", "authoring", "check", "-f", str(config_file)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def at(config_file: Path, needle: str, path: str = SHOWN, nth: int = 1) -> str:
    """``path:line:col`` of the ``nth`` occurrence of ``needle`` in a file of the project."""
    text = (config_file.parent / path).read_text(encoding="utf-8")
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"{path}:{line}:{col}"


def line_of(config_file: Path, needle: str, path: str = SHOWN) -> str:
    """``path:line`` of the first line holding ``needle``."""
    return at(config_file, needle, path).rsplit(":", 1)[0]
