"""TeX in quiz text, checked by the course's math renderer and reported at the quiz file.

The renderer is the course-math plugin's (mathrender.render.MathRenderer): the same MathJax,
macros and packages as the pages, so a fragment that passes here renders on the page. Its
results are cached, so the page build later reuses them.

TeX that depends on the page (``\\eqref`` to the lesson's equations, ``\\label``, numbered
environments) is not checked here, alone: a quiz sees the labels of the page that shows it.
The math plugin renders it with the page's equations and reports a problem with it at the
quiz file's line (quiz.text marks where each fragment was written).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import markdown

from authoring.problems import Problem
from mathrender.fragments import find_fragments, is_contextual
from mathrender.render import tex_message
from quiz.model import Quiz, Text

ARITHMATEX = "pymdownx.arithmatex"


class RenderResult(Protocol):
    @property
    def error(self) -> str | None: ...


class TexRenderer(Protocol):
    def render(self, items: list[tuple[str, bool]]) -> Sequence[RenderResult]: ...


@dataclass(frozen=True)
class _Fragment:
    quiz: Quiz
    question: str
    text: Text
    tex: str
    display: bool


@dataclass(frozen=True)
class TexProblem:
    src_uri: str  # the quiz file's
    problem: Problem


class TexChecker:
    """Finds the TeX arithmatex would mark in each quiz text, and asks the renderer about it."""

    def __init__(self, arithmatex_config: dict[str, Any], renderer: TexRenderer) -> None:
        # Only arithmatex: what counts as math (escapes, code spans) is decided exactly as on
        # the page, without running the page's other extensions on a fragment.
        self.markdown = markdown.Markdown(
            extensions=[ARITHMATEX], extension_configs={ARITHMATEX: arithmatex_config}
        )
        self.renderer = renderer

    def fragments(self, quiz: Quiz) -> list[_Fragment]:
        found = []
        for question in quiz.questions:
            for text in question.texts:
                self.markdown.reset()
                html = self.markdown.convert(text.markdown)
                for fragment in find_fragments(html):
                    if is_contextual(fragment.tex):
                        continue  # checked with the page's equations (the math plugin)
                    found.append(_Fragment(quiz, question.id, text, fragment.tex, fragment.display))
        return found

    def check(self, quizzes: Iterable[Quiz]) -> list[TexProblem]:
        fragments = [fragment for quiz in quizzes for fragment in self.fragments(quiz)]
        if not fragments:
            return []
        results = self.renderer.render([(f.tex, f.display) for f in fragments])
        problems = []
        for fragment, result in zip(fragments, results, strict=True):
            if result.error is None:
                continue
            quiz = fragment.quiz
            where = fragment.text.location_of(quiz.source, fragment.tex)
            message = f"question '{fragment.question}': {tex_message(result.error)}"
            problems.append(TexProblem(quiz.src_uri, Problem(where, message, fragment.tex)))
        return problems
