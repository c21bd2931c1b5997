"""All quiz files of a site and the pages that embed them: the checks shared by build and CLI.

The catalogue loads every quiz file, checks their TeX, resolves every page's markers and
knows which files no page uses. The plugin and ``python -m quiz check`` both drive it, so
both report the same problems.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from quiz.errors import Problem, QuizError
from quiz.loader import QuizFileError, load_quiz
from quiz.markers import SYNTAX, Marker, expand, scan
from quiz.model import Question, Quiz
from quiz.render import render_quiz
from quiz.texcheck import TexChecker
from quiz.yamlsource import Source

QUIZ_SUFFIX = ".quiz.yml"
_COMMENT = re.compile(r"<!--\s*quiz\s*:.*?-->", re.DOTALL)


def is_quiz_file(src_uri: str) -> bool:
    return src_uri.endswith(QUIZ_SUFFIX)


@dataclass
class Catalogue:
    quizzes: dict[str, Quiz] = field(default_factory=dict)  # by src_uri (docs-relative)
    broken: set[str] = field(default_factory=set)  # quiz files with problems of their own
    valid_parts: list[Quiz] = field(default_factory=list)  # their questions without problems
    problems: list[Problem] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def add_quiz_file(self, src_uri: str, shown_path: str, content: str | bytes) -> None:
        if isinstance(content, str):
            text = content
        else:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError as exc:
                readable = content[: exc.start].decode("utf-8", "replace")
                where = Source(shown_path, readable).position(len(readable))
                self.problems.append(Problem(shown_path, where.line, where.col, "not UTF-8 text"))
                self.broken.add(src_uri)
                return
        try:
            self.quizzes[src_uri] = load_quiz(Source(shown_path, text), src_uri)
        except QuizError as error:
            self.problems.extend(error.problems)
            self.broken.add(src_uri)
            if isinstance(error, QuizFileError):
                self.valid_parts.append(error.valid_part)

    def check_tex(self, checker: TexChecker) -> None:
        self.problems.extend(checker.check([*self.quizzes.values(), *self.valid_parts]))

    def add_page(self, src_uri: str, shown_path: str, markdown: str) -> None:
        """Check every marker of a page (its full source text, so lines are the author's)."""
        markers, malformed = scan(markdown)
        for bad in malformed:
            message = f"malformed quiz marker {bad.text!r}; write {SYNTAX}"
            self.problems.append(Problem(shown_path, bad.line, bad.col, message))
        for marker in markers:
            try:
                self.resolve(src_uri, marker)
            except UnresolvedMarker as unresolved:
                if unresolved.reason is not None:
                    self.problems.append(
                        Problem(shown_path, marker.line, marker.col, unresolved.reason)
                    )

    def resolve(self, page_src_uri: str, marker: Marker) -> tuple[Quiz, tuple[Question, ...]]:
        """The quiz and questions a marker asks for; UnresolvedMarker if it names none."""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src_uri), marker.path))
        if target.startswith("../") or target == ".." or posixpath.isabs(marker.path):
            raise UnresolvedMarker(f"quiz file '{marker.path}' is outside the docs folder")
        if not is_quiz_file(target):
            raise UnresolvedMarker(f"'{marker.path}' is not a quiz file (name it *{QUIZ_SUFFIX})")
        self.used.add(target)
        if target in self.broken:
            raise UnresolvedMarker(None)  # the file's own problems are already reported
        quiz = self.quizzes.get(target)
        if quiz is None:
            raise UnresolvedMarker(f"quiz file '{marker.path}' not found")
        if marker.questions is None:
            return quiz, quiz.questions
        chosen = []
        for question_id in marker.questions:
            question = quiz.question(question_id)
            if question is None:
                known = ", ".join(q.id for q in quiz.questions)
                raise UnresolvedMarker(
                    f"no question '{question_id}' in '{marker.path}' (its questions: {known})"
                )
            chosen.append(question)
        return quiz, tuple(chosen)

    def unexpanded(self, html: str, shown_path: str, source: str) -> None:
        """Report markers that Markdown kept as comments: those nested in lists, admonitions...

        A marker in code reaches the HTML escaped (``&lt;!--``), so only real comments match.
        Top-level markers that stayed comments were unresolved, and add_page reported them.
        """
        lines = source.split("\n")
        top_level = {marker.line for marker in scan(source)[0]}
        for comment in _COMMENT.findall(html):
            found = [n for n, text in enumerate(lines, 1) if comment in text]
            if found and all(n in top_level for n in found):
                continue
            line = next((n for n in found if n not in top_level), 1)
            self.problems.append(
                Problem(
                    shown_path,
                    line,
                    1,
                    "this quiz marker was not expanded: a marker must start at the beginning of"
                    " its line, outside lists, admonitions and other indented blocks",
                )
            )

    def unused(self) -> list[str]:
        return sorted((set(self.quizzes) | self.broken) - self.used)

    def expand_page(self, page_src_uri: str, markdown: str) -> str:
        """The page's Markdown with each resolvable marker replaced by its quiz.

        An unresolvable marker stays as it is: add_page has reported it already.
        """
        instances = 0

        def render(marker: Marker) -> str | None:
            nonlocal instances
            try:
                quiz, questions = self.resolve(page_src_uri, marker)
            except UnresolvedMarker:
                return None
            instances += 1
            key = quiz.src_uri
            if marker.questions is not None:
                key += "#" + ",".join(marker.questions)
            prefix = "quiz" if instances == 1 else f"quiz{instances}"
            return render_quiz(quiz, questions, key, prefix)

        return expand(markdown, render)


class UnresolvedMarker(Exception):
    """A marker naming a missing or broken quiz file or question (``reason`` None: broken)."""

    def __init__(self, reason: str | None) -> None:
        super().__init__(reason or "the quiz file has problems")
        self.reason = reason
