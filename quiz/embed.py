"""The quiz marker, ``<!-- quiz: FILE.quiz.yml -->``: what it asks for and what it becomes.

The shared marker extension (``authoring.markers``) finds the marker outside code while the
page is converted; this module reads its argument, resolves it against the catalogue and
returns the quiz as HTML (author text converted by ``quiz.text``, raw HTML never read),
which the page keeps as it is.

    <!-- quiz: 14-2-deriving-the-elbo.quiz.yml -->
    <!-- quiz: 14-2-deriving-the-elbo.quiz.yml#jensen-step,kl-diagonal-value -->
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs.structure.pages import Page

from authoring.markers import Expansion, Marker
from authoring.problems import Problem
from quiz.catalogue import Catalogue, Selection, UnresolvedMarker
from quiz.render import render_quiz
from quiz.text import QuizText

NAME = "quiz"
SYNTAX = "<!-- quiz: FILE.quiz.yml --> or <!-- quiz: FILE.quiz.yml#id,id -->"
_ARGUMENT = re.compile(r"(?P<path>[^\s#]+?)(?:#(?P<ids>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?")


def parse_selection(argument: str) -> Selection | None:
    """The quiz file and questions a marker's argument names; None if it is malformed."""
    match = _ARGUMENT.fullmatch(argument)
    if match is None:
        return None
    ids = match["ids"]
    questions = tuple(part.strip() for part in ids.split(",")) if ids else None
    return Selection(match["path"], questions)


@dataclass
class QuizMarkers:
    """Expands the quiz markers of the page being converted (one instance per build)."""

    catalogue: Catalogue
    report: Callable[[Problem, Page | None], None]
    text: QuizText
    instances: dict[str, int] = field(default_factory=dict)  # quizzes so far, by page

    def expand(self, marker: Marker) -> Expansion | None:
        selection = parse_selection(marker.argument)
        if selection is None:
            message = f"malformed quiz marker {marker.line_text!r}; write {SYNTAX}"
            self.report(Problem(marker.location, message), marker.page)
            return None
        page_uri = marker.page.file.src_uri
        try:
            quiz, questions = self.catalogue.resolve(page_uri, selection)
        except UnresolvedMarker as unresolved:
            if unresolved.reason is not None:
                self.report(Problem(marker.location, unresolved.reason), marker.page)
            else:
                # The file's own problems, again with this page: serve keeps its last good
                # version (the report lists each problem once).
                for problem in unresolved.problems:
                    self.report(problem, marker.page)
            return None
        count = self.instances[page_uri] = self.instances.get(page_uri, 0) + 1
        key = quiz.src_uri
        if selection.questions is not None:
            key += "#" + ",".join(selection.questions)
        prefix = "quiz" if count == 1 else f"quiz{count}"
        known = len(self.text.problems)
        html = render_quiz(quiz, questions, key, prefix, self.text)
        found = self.text.problems[known:]
        for problem in found:
            self.report(problem, marker.page)
        return None if found else Expansion(html=html)
