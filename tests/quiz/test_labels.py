"""A quiz sees the equation labels of the page that shows it; its TeX problems are its own.

Real builds with the real math renderer: ``\\eqref`` in a quiz explanation links to the
lesson's equation, and a problem with TeX in quiz text (an undefined reference, a label
defined twice) is reported at the quiz file's line, never at an unrelated page line.
"""

from __future__ import annotations

from pathlib import Path

from authoring.check import run_check
from tests.quiz.support import quiz_site
from tests.support import build_site, working_directory

LESSON = """\
# Lesson

Some prose, then the evidence:

\\begin{equation}
\\log p(x) = \\log \\int p(x, z)\\, dz \\label{eq:evidence}
\\end{equation}

More prose, and a second equation.

\\begin{equation}
\\log p(x) \\ge \\E[\\log p(x, z)] \\label{eq:bound}
\\end{equation}

<!-- quiz: checks.quiz.yml -->
"""


def quiz(explanation: str) -> str:
    return f"""\
questions:
  - id: evidence
    type: single
    prompt: Which equation is the evidence?
    options:
      - text: The first one.
        correct: true
      - text: The second one.
    explanation: {explanation}
"""


def site(tmp_path: Path, explanation: str) -> Path:
    return quiz_site(
        tmp_path,
        {"index.md": LESSON, "checks.quiz.yml": quiz(explanation)},
    )


def problems(config_file: Path) -> list[str]:
    with working_directory(config_file.parent):
        return [str(problem) for problem in run_check(config_file).problems]


def test_eqref_in_a_quiz_links_to_the_lessons_equation(tmp_path: Path) -> None:
    config_file = site(tmp_path, "See $\\eqref{eq:evidence}$, then $\\eqref{eq:bound}$.")
    with working_directory(tmp_path):
        build_site(config_file, strict=True)
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    explanation = html.split('class="quiz-explanation"')[1].split("</div>")[0]
    # MathJax's references: links to the two equations, numbered as in the lesson.
    assert explanation.count('xlink:href="#mjx-eqn') == 2, explanation
    # Numbered as in the lesson: the evidence (1), the bound (2).
    assert ">(1)<" in explanation and ">(2)<" in explanation
    assert "data-source" not in html, "the attribute is only for the build"
    assert "arithmatex" in explanation and "\\eqref" not in explanation.split("<svg")[0]


def test_an_undefined_reference_is_located_in_the_quiz_file(tmp_path: Path) -> None:
    config_file = site(tmp_path, "See $\\eqref{eq:nowhere}$.")
    found = problems(config_file)
    assert found == [
        "docs/checks.quiz.yml:9:23: TeX error: Reference to an undefined label: eq:nowhere;"
        " fix the TeX shown below\n    in: \\eqref{eq:nowhere}"
    ]


def test_a_label_in_a_quiz_is_located_in_the_quiz_file(tmp_path: Path) -> None:
    """A label the lesson already defines: the problem is the quiz's line, not the lesson's."""
    config_file = site(tmp_path, "Recall $x = 1 \\label{eq:evidence}$.")
    found = problems(config_file)
    assert len(found) == 1, found
    assert found[0].startswith("docs/checks.quiz.yml:9:26: TeX error: "), found
    assert "eq:evidence" in found[0]


def test_the_same_broken_tex_in_page_and_quiz_is_two_problems(tmp_path: Path) -> None:
    """Quiz TeX is never searched for in the page's source: the page's copy and the quiz's
    copy of a broken reference are each reported in their own file."""
    lesson = LESSON.replace(
        "More prose, and a second equation.", "The page says $\\eqref{eq:nowhere}$ too."
    )
    config_file = site(tmp_path, "See $x = 2$ and $\\eqref{eq:nowhere}$.")
    (tmp_path / "docs" / "index.md").write_text(lesson, "utf-8")
    message = "TeX error: Reference to an undefined label: eq:nowhere; fix the TeX shown below"
    quiz, page = [line.split("\n")[0] for line in problems(config_file)]
    assert quiz == f"docs/checks.quiz.yml:9:35: {message}"
    # The page's own copy, at its line (the math plugin may also give the column).
    assert page.startswith(("docs/index.md:9: ", "docs/index.md:9:16: ")), page
    assert page.endswith(message), page
