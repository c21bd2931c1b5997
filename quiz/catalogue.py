"""All quiz files of a site: loaded, their TeX checked, and which ones the pages use.

The plugin fills the catalogue when the site's files are known, and every quiz marker is
resolved against it while the pages are converted; what no marker asked for is unused.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from authoring.memo import Memo
from authoring.problems import Problem, ProblemsFound
from authoring.source import SourceText
from quiz.loader import QuizFileError, load_quiz
from quiz.model import Question, Quiz
from quiz.texcheck import TexChecker

QUIZ_SUFFIX = ".quiz.yml"


def is_quiz_file(src_uri: str) -> bool:
    return src_uri.endswith(QUIZ_SUFFIX)


@dataclass(frozen=True)
class Selection:
    """What a marker asks for: a quiz file (relative to the page) and maybe some questions."""

    path: str
    questions: tuple[str, ...] | None  # None: every question, in file order


class UnresolvedMarker(Exception):
    """A marker naming a missing quiz file or question (``reason``), or a broken quiz file
    (``reason`` None, and the file's own ``problems``)."""

    def __init__(self, reason: str | None, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(reason or "the quiz file has problems")
        self.reason = reason
        self.problems = problems


@dataclass
class Catalogue:
    quizzes: dict[str, Quiz] = field(default_factory=dict)  # by src_uri (docs-relative)
    shown_paths: dict[str, str] = field(default_factory=dict)  # src_uri -> path for authors
    broken: dict[str, list[Problem]] = field(default_factory=dict)  # files with problems
    valid_parts: list[Quiz] = field(default_factory=list)  # their questions without problems
    used: set[str] = field(default_factory=set)
    yaml: Memo | None = None  # the YAML of files read in earlier builds (authoring.yamlmemo)

    @property
    def problems(self) -> list[Problem]:
        return [problem for found in self.broken.values() for problem in found]

    def add_quiz_file(self, src_uri: str, shown_path: str, content: str | bytes) -> None:
        self.shown_paths[src_uri] = shown_path
        if isinstance(content, str):
            text = content
        else:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError as exc:
                readable = content[: exc.start].decode("utf-8", "replace")
                where = SourceText(shown_path, readable).location(len(readable))
                message = "this file is not UTF-8 text; save it as UTF-8"
                self.broken[src_uri] = [Problem(where, message)]
                return
        try:
            self.quizzes[src_uri] = load_quiz(SourceText(shown_path, text), src_uri, self.yaml)
        except ProblemsFound as error:
            self.broken[src_uri] = list(error.problems)
            if isinstance(error, QuizFileError):
                self.valid_parts.append(error.valid_part)

    def check_tex(self, checker: TexChecker) -> None:
        """A quiz with TeX errors counts as broken: no page shows it until it is fixed."""
        for found in checker.check([*self.quizzes.values(), *self.valid_parts]):
            self.broken.setdefault(found.src_uri, []).append(found.problem)

    def resolve(self, page_src_uri: str, selection: Selection) -> tuple[Quiz, tuple[Question, ...]]:
        """The quiz and questions a marker asks for; UnresolvedMarker if it names none."""
        path = selection.path
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page_src_uri), path))
        if target.startswith("../") or target == ".." or posixpath.isabs(path):
            raise UnresolvedMarker(
                f"quiz file '{path}' is outside the docs folder; move it into docs/"
            )
        if not is_quiz_file(target):
            raise UnresolvedMarker(f"'{path}' is not a quiz file; name it *{QUIZ_SUFFIX}")
        self.used.add(target)
        if target in self.broken:
            raise UnresolvedMarker(None, tuple(self.broken[target]))
        quiz = self.quizzes.get(target)
        if quiz is None:
            raise UnresolvedMarker(
                f"quiz file '{path}' not found; the path is relative to this page's file"
            )
        if selection.questions is None:
            return quiz, quiz.questions
        chosen = []
        for question_id in selection.questions:
            question = quiz.question(question_id)
            if question is None:
                known = ", ".join(q.id for q in quiz.questions)
                raise UnresolvedMarker(
                    f"no question '{question_id}' in '{path}'; its questions are: {known}"
                )
            chosen.append(question)
        return quiz, tuple(chosen)

    def unused(self) -> list[str]:
        """The quiz files no marker asked for, by src_uri."""
        return sorted((set(self.quizzes) | set(self.broken)) - self.used)
