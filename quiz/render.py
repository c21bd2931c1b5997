"""A quiz as HTML, complete without JavaScript.

Every question, its options and a ``<details>`` "Show answer" with the answer, per-option
feedback and the explanation. quiz.js adds the one-question-at-a-time behaviour on top of
exactly this markup (classes and data-*). Only generated attribute values (escaped) and
fixed words are written here; author text comes as HTML from ``quiz.text`` (Markdown, raw
HTML never read), so no author text can add or close an element of this structure.
"""

from __future__ import annotations

import random
from html import escape
from typing import Protocol

from authoring.source import SourceText
from quiz.model import LETTERS, Question, Quiz, Text


class Converter(Protocol):
    """Author text to HTML (quiz.text.QuizText)."""

    def block(self, text: Text, source: SourceText) -> str: ...

    def inline(self, text: Text, source: SourceText) -> str: ...


class _Html:
    """The author texts of one quiz as HTML."""

    def __init__(self, convert: Converter, source: SourceText) -> None:
        self.convert = convert
        self.source = source

    def block(self, text: Text) -> str:
        return self.convert.block(text, self.source)

    def inline(self, text: Text) -> str:
        return self.convert.inline(text, self.source)


def render_quiz(
    quiz: Quiz,
    questions: tuple[Question, ...],
    storage_key: str,
    dom_prefix: str,
    convert: Converter,
) -> str:
    """The block that replaces a marker. ``dom_prefix`` keeps ids unique on the page."""
    text = _Html(convert, quiz.source)
    parts = [
        f'<div class="quiz" data-quiz="{escape(storage_key)}">',
        *(
            _question(question, number, len(questions), f"{dom_prefix}-{question.id}", text)
            for number, question in enumerate(questions, start=1)
        ),
        "</div>",
    ]
    return "\n".join(parts)


def _question(question: Question, number: int, count: int, base: str, text: _Html) -> str:
    body = {
        "single": _choices,
        "multiple": _choices,
        "numeric": _numeric,
        "ordering": _ordering,
    }[question.kind](question, base, text)
    hint = (
        [
            '<details class="quiz-hint tip">',
            "<summary>Hint</summary>",
            text.block(question.hint),
            "</details>",
        ]
        if question.hint
        else []
    )
    return "\n".join(
        [
            f'<fieldset class="quiz-question" id="{base}" data-qid="{question.id}"'
            f' data-kind="{question.kind}" data-version="{question.version}"'
            f' aria-describedby="{base}__prompt">',
            f'<legend class="quiz-legend">Question {number} of {count}</legend>',
            f'<div class="quiz-prompt" id="{base}__prompt">',
            text.block(question.prompt),
            "</div>",
            body,
            *hint,
            '<details class="quiz-answer">',
            "<summary>Show answer</summary>",
            _solution(question, text),
            '<div class="quiz-explanation">',
            text.block(question.explanation),
            "</div>",
            "</details>",
            "</fieldset>",
        ]
    )


def _choices(question: Question, base: str, text: _Html) -> str:
    kind = "radio" if question.kind == "single" else "checkbox"
    lines = [f'<div class="quiz-options quiz-options--{kind}">']
    for letter, option in zip(LETTERS, question.options, strict=False):
        input_id = f"{base}__{option.key}"
        correct = " data-correct" if option.correct else ""
        # Shown by quiz.js under the chosen option; without JavaScript it is in the answer.
        feedback = (
            f'<span class="quiz-option-feedback" hidden>{text.inline(option.feedback)}</span>'
            if option.feedback
            else ""
        )
        lines.append(
            f'<div class="quiz-option"><input type="{kind}" name="{base}"'
            f' id="{input_id}" value="{option.key}"{correct}>'
            f' <label for="{input_id}"><span class="quiz-letter">{letter}.</span>'
            f" {text.inline(option.text)}</label>{feedback}</div>"
        )
    lines.append("</div>")
    return "\n".join(lines)


def _numeric(question: Question, base: str, text: _Html) -> str:
    unit = question.unit.markdown if question.unit else ""
    unit_html = f' <span class="quiz-unit">{escape(unit)}</span>' if unit else ""
    return (
        f'<div class="quiz-numeric"><label for="{base}__input">Your answer</label>'
        f' <input type="text" class="quiz-number" id="{base}__input" inputmode="decimal"'
        f' autocomplete="off" spellcheck="false" data-answer="{question.answer!r}"'
        f' data-tolerance="{question.tolerance!r}" data-unit="{escape(unit)}">{unit_html}</div>'
    )


def shuffled(question: Question) -> list[int]:
    """A fixed scramble of the steps (never the solved order), the same in every build."""
    order = list(range(len(question.steps)))
    random.Random(question.id).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def _ordering(question: Question, base: str, text: _Html) -> str:
    solved = " ".join(step.key for step in question.steps)
    lines = [f'<ol class="quiz-steps" data-order="{solved}">']
    for index in shuffled(question):
        step = question.steps[index]
        lines.append(
            f'<li class="quiz-step" data-step="{step.key}">'
            f'<span class="quiz-step-text" id="{base}__{step.key}">{text.inline(step.text)}'
            "</span></li>"
        )
    lines.append("</ol>")
    return "\n".join(lines)


def _solution(question: Question, text: _Html) -> str:
    if question.kind == "numeric":
        unit = f" {escape(question.unit.markdown)}" if question.unit else ""
        tolerance = (
            f" (answers within ±{question.tolerance:g} count as correct)"
            if question.tolerance
            else ""
        )
        return (
            f'<p class="quiz-solution">Answer: <strong>{escape(question.answer_text)}'
            f"{unit}</strong>{tolerance}</p>"
        )
    if question.kind == "ordering":
        steps = "\n".join(f"<li>{text.inline(step.text)}</li>" for step in question.steps)
        return (
            '<p class="quiz-solution">The steps in order:</p>\n'
            f'<ol class="quiz-solution-steps">\n{steps}\n</ol>'
        )
    letters = [LETTERS[i] for i, option in enumerate(question.options) if option.correct]
    label = "Correct answer" if len(letters) == 1 else "Correct answers"
    lines = [
        f'<p class="quiz-solution">{label}: <strong>{", ".join(letters)}</strong></p>',
        '<ul class="quiz-feedback-list">',
    ]
    for letter, option in zip(LETTERS, question.options, strict=False):
        verdict = "correct" if option.correct else "incorrect"
        feedback = f" {text.inline(option.feedback)}" if option.feedback else ""
        lines.append(
            f'<li class="quiz-feedback" data-option="{option.key}">'
            f"<strong>{letter}</strong> is {verdict}.{feedback}</li>"
        )
    lines.append("</ul>")
    return "\n".join(lines)
