"""Golden files: a quiz file in, the exact page HTML out, one per question type.

Set QUIZ_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quiz.render import render_quiz
from tests.quiz.support import load, to_html

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name.removesuffix(".quiz.yml") for path in GOLDEN.glob("*.quiz.yml"))


@pytest.mark.parametrize("case", CASES)
def test_rendered_html_matches_golden_file(case: str) -> None:
    quiz = load((GOLDEN / f"{case}.quiz.yml").read_text("utf-8"), f"{case}.quiz.yml")
    block = render_quiz(quiz, quiz.questions, f"{case}.quiz.yml", "quiz")
    html = to_html(f"# Page\n\n{block}\n\nAfter the quiz.\n") + "\n"
    expected = GOLDEN / f"{case}.html"
    if os.environ.get("QUIZ_UPDATE_GOLDEN"):
        expected.write_text(html, encoding="utf-8")
    assert html == expected.read_text(encoding="utf-8")


def test_every_question_type_has_a_golden_file() -> None:
    assert CASES == ["multiple", "numeric", "ordering", "single"]
