"""``python -m quiz check``: an alias of the check command, the build's checks without a site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.quiz.support import SAMPLE, dedent, quiz_site
from tests.support import ROOT

COURSE_QUIZ = ROOT / "docs/module-14/14-2-deriving-the-elbo.quiz.yml"
COURSE_LESSON = ROOT / "docs/module-14/14-2-deriving-the-elbo.md"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quiz", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
    )


def test_course_quiz_passes_with_its_tex_checked(tmp_path: Path) -> None:
    """The course's quiz file, its TeX rendered with the course's macros, has no problem."""
    # The lesson's section headings: the quiz's explanations link to them.
    headings = [ln for ln in COURSE_LESSON.read_text("utf-8").splitlines() if ln[:3] == "## "]
    quiz_site(
        tmp_path,
        {
            "lesson.md": "\n\n".join(["# Lesson", *headings, "<!-- quiz: lesson.quiz.yml -->\n"]),
            "lesson.quiz.yml": COURSE_QUIZ.read_text("utf-8"),
        },
    )
    proc = run("check", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "No problems found."
    # The check did render the TeX: a broken formula in the same file is found.
    broken = COURSE_QUIZ.read_text("utf-8").replace("\\mu = (1, 0)", "\\mu = \\nosuchmacro", 1)
    (tmp_path / "docs" / "lesson.quiz.yml").write_text(broken, "utf-8")
    proc = run("check", cwd=tmp_path)
    assert proc.returncode == 1
    assert (
        "question 'kl-diagonal-value': TeX error: Undefined control sequence \\nosuchmacro"
        in proc.stdout
    )


def test_problems_are_printed_with_positions(tmp_path: Path) -> None:
    quiz = """
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
    page = "# P\n\n<!-- quiz: a.quiz.yml -->\n<!-- quiz: b.quiz.yml -->\n"
    config = quiz_site(tmp_path, {"a.quiz.yml": quiz, "page.md": page, "index.md": "# Home\n"})
    proc = run("check", "-f", str(config), str(tmp_path / "docs"), cwd=tmp_path.parent)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "The course has 3 problems to fix:",
        "docs/a.quiz.yml:7:19: question 'q': unknown key 'corect' in an option (did you mean"
        " 'correct'?)",
        "docs/a.quiz.yml:11:22: question 'r': TeX error: Missing close brace; fix the TeX shown"
        " below",
        "    in: \\frac{1}{2",
        "docs/page.md:4:1: quiz file 'b.quiz.yml' not found; the path is relative to this page's"
        " file",
    ]
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "site").exists()


def test_paths_choose_whose_problems_are_printed(tmp_path: Path) -> None:
    pages = {
        "spare.quiz.yml": SAMPLE,
        "page.md": "# P\n\n<!-- quiz: nope.quiz.yml -->\n",
        "index.md": "# Home\n",
    }
    quiz_site(tmp_path, pages)
    everything = run("check", cwd=tmp_path)
    assert everything.returncode == 1
    assert [line.split(": ")[0] for line in everything.stdout.splitlines()[1:]] == [
        "docs/page.md:3:1",
        "docs/spare.quiz.yml:1",
    ]
    unused = run("check", "docs/spare.quiz.yml", cwd=tmp_path)
    assert unused.returncode == 1
    assert unused.stdout.splitlines()[1:] == [
        "docs/spare.quiz.yml:1: no page uses this quiz file; add <!-- quiz: FILE.quiz.yml --> to"
        " a page at the top level, outside code (or delete the file)"
    ]
    clean = run("check", "docs/index.md", cwd=tmp_path)
    assert clean.returncode == 0 and clean.stdout.strip() == "No problems found."


def test_usage_errors(tmp_path: Path) -> None:
    quiz_site(tmp_path, {"index.md": dedent("# Home\n")})
    no_command = run(cwd=tmp_path)
    assert no_command.returncode == 2
    assert "usage: python -m quiz check" in no_command.stderr
    missing = run("check", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert "no such file or folder: nowhere" in missing.stderr
