"""TeX in quiz text, checked by the course's math renderer and reported at the quiz file.

The renderer is the course-math plugin's (mathrender.render.MathRenderer): the same MathJax,
macros and packages as the pages, so a fragment that passes here renders on the page. Its
results are cached, so the page build later reuses them.

TeX that depends on the page (``\\eqref`` to the lesson's equations, ``\\label``, numbered
environments) is not checked here, alone: a quiz sees the labels of the page that shows it.
The math plugin renders it with the page's equations and reports a problem with it at the
quiz file's line (quiz.text marks where each fragment was written).

Finding the fragments converts every text of every quiz; the fragments of a quiz are
remembered across builds (authoring.memo) by its texts and the arithmatex settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import markdown
import pymdownx

from authoring.memo import Memo, code_fingerprint
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

    def __init__(
        self, arithmatex_config: dict[str, Any], renderer: TexRenderer, memo: Memo | None = None
    ) -> None:
        # Only arithmatex: what counts as math (escapes, code spans) is decided exactly as on
        # the page, without running the page's other extensions on a fragment.
        self.markdown = markdown.Markdown(
            extensions=[ARITHMATEX], extension_configs={ARITHMATEX: arithmatex_config}
        )
        self.renderer = renderer
        self.memo = memo
        self.config = arithmatex_config

    def fragments(self, quiz: Quiz) -> list[_Fragment]:
        texts = [(question, text) for question in quiz.questions for text in question.texts]
        key = self._key([text.markdown for _, text in texts])
        remembered = None if key is None or self.memo is None else self.memo.get(key, _is_found)
        found = remembered if remembered is not None else self._find([t for _, t in texts])
        if key is not None and self.memo is not None and remembered is None:
            self.memo.put(key, found)
        return [
            _Fragment(quiz, texts[index][0].id, texts[index][1], tex, display)
            for index, tex, display in found
            if index < len(texts)
        ]

    def _find(self, texts: list[Text]) -> list[tuple[int, str, bool]]:
        """For each TeX fragment to check: the index of its text, the TeX, display or not."""
        found = []
        for index, text in enumerate(texts):
            self.markdown.reset()
            html = self.markdown.convert(text.markdown)
            for fragment in find_fragments(html):
                if is_contextual(fragment.tex):
                    continue  # checked with the page's equations (the math plugin)
                found.append((index, fragment.tex, fragment.display))
        return found

    def _errors(self, items: list[tuple[str, bool]]) -> list[tuple[int, str]]:
        """The renderer's error for each fragment that has one, by its index.

        Remembered by the fragments and the renderer's fingerprint (its MathJax, settings and
        macros), so a warm build does not read the renderings only to learn they have none.
        """
        fingerprint = getattr(self.renderer, "fingerprint", None)
        key = None
        if self.memo is not None and isinstance(fingerprint, str):
            key = self._key(["errors", fingerprint, items])
        if key is not None and self.memo is not None:
            stored = self.memo.get(key, _is_errors)
            if stored is not None and all(index < len(items) for index, _ in stored):
                return [(index, error) for index, error in stored]
        results = self.renderer.render(items)
        errors = [(i, result.error) for i, result in enumerate(results) if result.error is not None]
        if key is not None and self.memo is not None:
            self.memo.put(key, [list(error) for error in errors])
        return errors

    def _key(self, texts: list[Any]) -> str | None:
        if self.memo is None:
            return None
        try:
            return self.memo.key(self.config, texts)
        except (TypeError, ValueError):  # settings that are not plain data: not remembered
            return None

    def check(self, quizzes: Iterable[Quiz]) -> list[TexProblem]:
        fragments = [fragment for quiz in quizzes for fragment in self.fragments(quiz)]
        if not fragments:
            return []
        errors = self._errors([(f.tex, f.display) for f in fragments])
        problems = []
        for index, error in errors:
            fragment = fragments[index]
            quiz = fragment.quiz
            where = fragment.text.location_of(quiz.source, fragment.tex)
            message = f"question '{fragment.question}': {tex_message(error)}"
            problems.append(TexProblem(quiz.src_uri, Problem(where, message, fragment.tex)))
        return problems


def texcheck_memo(root: Path | None) -> Memo:
    """The memo of the fragments of each quiz (its code: this module and the fragment finder)."""
    code = code_fingerprint("quiz.texcheck", "mathrender.fragments")
    versions = f"markdown {markdown.__version__} pymdownx {pymdownx.__version__}"
    return Memo("quiztex", root, f"{code} {versions}")


def _is_found(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list)
        and len(item) == 3
        and isinstance(item[0], int)
        and not isinstance(item[0], bool)
        and item[0] >= 0
        and isinstance(item[1], str)
        and isinstance(item[2], bool)
        for item in value
    )


def _is_errors(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list)
        and len(item) == 2
        and type(item[0]) is int
        and item[0] >= 0
        and isinstance(item[1], str)
        for item in value
    )
