"""Quiz files: what loads, and every author mistake with its line, column and message."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.model import short_hash
from tests.quiz.support import ERROR_CASES, SAMPLE, dedent, load, problems


def test_sample_loads_with_every_question_type() -> None:
    quiz = load(SAMPLE)
    assert [(q.id, q.kind) for q in quiz.questions] == [
        ("pick-one", "single"),
        ("pick-many", "multiple"),
        ("half", "numeric"),
        ("steps", "ordering"),
    ]
    single, multiple, numeric, ordering = quiz.questions
    assert [o.correct for o in single.options] == [False, True, False]
    assert single.options[1].feedback is not None
    assert single.hint is not None and single.hint.markdown == "Find the inequality."
    assert [o.correct for o in multiple.options] == [True, False, True]
    assert (numeric.answer, numeric.tolerance, numeric.answer_text) == (0.5, 0.01, "0.5")
    assert numeric.unit is not None and numeric.unit.markdown == "nats"
    assert len(ordering.steps) == 4


def test_numeric_answer_may_be_a_fraction() -> None:
    quiz = load(SAMPLE.replace("answer: 0.5", 'answer: "1/2"'))
    assert quiz.questions[2].answer == 0.5
    assert quiz.questions[2].answer_text == "1/2"


def test_derived_ids_come_from_content_not_position() -> None:
    text = """\
    questions:
      - type: numeric
        prompt: One?
        answer: 1
        explanation: e
      - type: numeric
        prompt: Two?
        answer: 2
        explanation: e
    """
    first = [q.id for q in load(text).questions]
    swapped = dedent(text).split("  - ")
    reordered = [q.id for q in load("  - ".join([swapped[0], swapped[2], swapped[1]])).questions]
    assert first == ["q-" + short_hash("numeric", "One?"), "q-" + short_hash("numeric", "Two?")]
    assert reordered == first[::-1]


def test_version_changes_with_content_only() -> None:
    before = load(SAMPLE).questions
    edited = load(SAMPLE.replace("Half the squared shift.", "Half the squared shift!")).questions
    assert [q.version for q in before[:2]] == [q.version for q in edited[:2]]
    assert before[2].version != edited[2].version
    assert before[2].id == edited[2].id


def test_option_keys_do_not_depend_on_position() -> None:
    options = load(SAMPLE).questions[0].options
    last = "      - text: Splitting the joint density.\n"
    text = SAMPLE.replace(last, "").replace("    options:\n", f"    options:\n{last}", 1)
    moved = load(text).questions[0].options
    assert {o.key for o in options} == {o.key for o in moved}
    assert options[2].key == moved[0].key


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda case: case["name"])
def test_author_mistake_is_located_and_explained(case: dict[str, Any]) -> None:
    expected = [f"t.quiz.yml:{problem}" for problem in case["problems"]]
    assert problems(case["quiz"]) == expected


def test_all_problems_of_a_file_come_in_one_error() -> None:
    text = "\n".join(
        [
            "questions:",
            "  - {id: a, type: single, prompt: P, explanation: E, options: [{text: x}, {text: y}]}",
            "  - {id: b, type: numeric, prompt: P, explanation: E, answer: x}",
            "  - {id: c, type: ordering, prompt: P, explanation: E, steps: [s]}",
            "  - {id: d, type: multiple, prompt: P, explanation: E,",
            "     options: [{text: x, corect: true}]}",
        ]
    )
    found = problems(text)
    assert [p.split(": question ")[1][:3] for p in found] == ["'a'", "'b'", "'c'", "'d'"]


def test_the_example_in_contributing_is_a_valid_quiz() -> None:
    from tests.support import ROOT

    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    quizzes = text.split("## Quizzes", 1)[1]
    example = quizzes.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert [q.kind for q in load(example).questions] == ["single", "numeric", "ordering"]
