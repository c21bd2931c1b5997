"""``python -m quiz check``: the build's checks from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.quiz.support import SAMPLE, dedent
from tests.support import ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
    )


def test_course_quizzes_pass() -> None:
    proc = run("check", "docs")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 problem(s)" in proc.stderr
    assert "TeX not checked" not in proc.stderr


def test_problems_are_printed_with_positions(tmp_path: Path) -> None:
    (tmp_path / "a.quiz.yml").write_text(
        dedent(
            """
            questions:
              - id: q
                type: single
                prompt: Which one?
                explanation: E
                options:
                  - {text: a, corect: true}
                  - text: b
              - id: r
                type: numeric
                prompt: What is $\\frac{1}{2$?
                answer: 0.5
                explanation: E
            """
        )
    )
    (tmp_path / "page.md").write_text(
        "# P\n\n<!-- quiz: a.quiz.yml -->\n<!-- quiz: b.quiz.yml -->\n"
    )
    proc = run("check", str(tmp_path), "--config-file", str(ROOT / "mkdocs.yml"))
    assert proc.returncode == 1
    shown = os.path.relpath((tmp_path / "a.quiz.yml").resolve(), ROOT)
    assert proc.stdout.splitlines() == [
        f"{shown}:7:19: question 'q': unknown key 'corect' for an option (did you mean 'correct'?)",
        f"{shown}:11:22: question 'r': TeX error: Missing close brace in $\\frac{{1}}{{2$",
        f"{shown[: -len('a.quiz.yml')]}page.md:4:1: quiz file 'b.quiz.yml' not found",
    ]
    assert "Traceback" not in proc.stderr


def test_unused_quiz_file_is_a_warning_failing_only_strict(tmp_path: Path) -> None:
    (tmp_path / "spare.quiz.yml").write_text(SAMPLE)
    (tmp_path / "page.md").write_text("# P\n")
    relaxed = run("check", str(tmp_path), "--config-file", "none.yml", cwd=tmp_path)
    assert relaxed.returncode == 0
    assert (
        relaxed.stdout.strip() == "spare.quiz.yml:1:1: warning: quiz file is not used by any page"
    )
    assert "note: TeX not checked" in relaxed.stderr
    strict = run("check", str(tmp_path), "--strict", "--config-file", "none.yml", cwd=tmp_path)
    assert strict.returncode == 1


def test_a_page_brings_its_quiz_file_along(tmp_path: Path) -> None:
    (tmp_path / "a.quiz.yml").write_text(SAMPLE)
    (tmp_path / "page.md").write_text("# P\n\n<!-- quiz: a.quiz.yml -->\n")
    proc = run("check", "page.md", "--config-file", "none.yml", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout
    assert "1 quiz file(s), 1 page(s): 0 problem(s)" in proc.stderr


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("check", "nowhere", cwd=tmp_path)
    assert proc.returncode == 2
    assert "no such file or folder: nowhere" in proc.stderr
