"""The quiz of lesson 14-2: its questions, its numbers (from the shared maths), its links."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from markdown.extensions.toc import slugify

from authoring.source import SourceText
from coursemath.vae import kl_diagonal_to_standard_normal
from quiz.loader import load_quiz
from quiz.model import Quiz
from tests.support import ROOT

LESSON = ROOT / "docs/module-14/14-2-deriving-the-elbo.md"
QUIZ_FILE = ROOT / "docs/module-14/14-2-deriving-the-elbo.quiz.yml"

# The numeric question's data, as its prompt states them.
MEAN = (1.0, 0.0)
VARIANCE = (1.0, 0.5)


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_quiz(SourceText(str(QUIZ_FILE), QUIZ_FILE.read_text("utf-8")), QUIZ_FILE.name)


def test_three_questions_single_numeric_ordering(quiz: Quiz) -> None:
    assert [(q.id, q.kind) for q in quiz.questions] == [
        ("jensen-step", "single"),
        ("kl-diagonal-value", "numeric"),
        ("elbo-derivation-order", "ordering"),
    ]


def test_jensen_answer_is_the_move_of_the_log_inside_the_expectation(quiz: Quiz) -> None:
    question = quiz.questions[0]
    (correct,) = [o for o in question.options if o.correct]
    left, right = correct.text.markdown.split("\\ge")
    assert left.strip().startswith("$\\log \\E_{z \\sim q_\\phi(z \\mid x)}")
    assert right.strip().startswith("\\E_{z \\sim q_\\phi(z \\mid x)}\\!\\left[\\log")
    # Every other option is an equality: a step of the derivation that is not Jensen's.
    for option in question.options:
        assert option.feedback is not None
        if not option.correct:
            assert "\\ge" not in option.text.markdown and "=" in option.text.markdown


def test_numeric_answer_is_the_shared_maths_value(quiz: Quiz) -> None:
    question = quiz.questions[1]
    exact = kl_diagonal_to_standard_normal(MEAN, [math.log(v) for v in VARIANCE])
    assert question.answer == round(exact, 3)
    assert abs(exact - question.answer) <= question.tolerance
    assert question.tolerance < 0.01, "tight enough to tell a wrong log or variance apart"
    # The data in the prompt are the data the value was computed from.
    assert "$\\mu = (1, 0)$" in question.prompt.markdown
    assert "$\\sigma^2 = (1, 0.5)$" in question.prompt.markdown
    assert question.unit is not None and question.unit.markdown == "nats"


def test_numeric_answer_rejects_the_usual_mistakes(quiz: Quiz) -> None:
    """Using sigma for sigma^2, or forgetting the 1/2, falls outside the tolerance."""
    question = quiz.questions[1]
    assert question.answer is not None
    sd = [math.sqrt(v) for v in VARIANCE]
    wrong = [
        kl_diagonal_to_standard_normal(MEAN, [math.log(s) for s in sd]),
        2 * kl_diagonal_to_standard_normal(MEAN, [math.log(v) for v in VARIANCE]),
        kl_diagonal_to_standard_normal(MEAN[:1], [0.0]),
    ]
    for value in wrong:
        assert abs(value - question.answer) > question.tolerance


def test_ordering_steps_follow_the_derivation(quiz: Quiz) -> None:
    steps = [step.text.markdown for step in quiz.questions[2].steps]
    assert [s.split()[0] for s in steps] == ["Write", "Multiply", "Apply", "Factorise"]


def _anchors(markdown_text: str) -> set[str]:
    body = re.sub(r"^```.*?^```", "", markdown_text, flags=re.S | re.M)
    return {slugify(h, "-") for h in re.findall(r"^#{1,6} (.+?)\s*$", body, flags=re.M)}


def test_explanations_link_to_sections_of_the_lesson(quiz: Quiz) -> None:
    anchors = _anchors(LESSON.read_text("utf-8"))
    for question in quiz.questions:
        links = re.findall(r"\]\(#([^)]+)\)", question.explanation.markdown)
        assert links, f"{question.id}: the explanation points back to the lesson"
        assert set(links) <= anchors, f"{question.id}: {set(links) - anchors}"


def test_the_lesson_embeds_the_quiz() -> None:
    assert "<!-- quiz: 14-2-deriving-the-elbo.quiz.yml -->" in LESSON.read_text("utf-8")


def test_built_course_has_the_quiz(course_site: Path) -> None:
    html = (course_site / "module-14/14-2-deriving-the-elbo/index.html").read_text("utf-8")
    assert 'data-quiz="module-14/14-2-deriving-the-elbo.quiz.yml"' in html
    assert html.count('class="quiz-question"') == 3
    assert not list(course_site.rglob("*.quiz.yml"))
