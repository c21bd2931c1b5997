"""What Material's search plugin reads of a quiz (quiz.searchview): its words without its
markup; the page a reader gets holds the whole quiz, as without the search plugin."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search import plugin as search

from quiz.searchview import SearchView
from tests.quiz.support import PLUGINS, SAMPLE, quiz_site
from tests.support import build_site, working_directory

PAGE = "# Lesson\n\n## Evidence\n\nThe text of the lesson.\n\n<!-- quiz: q.quiz.yml -->\n"


def _quiz(html: str) -> str:
    start = html.index('<div class="quiz"')
    return html[start : html.index("</fieldset>\n</div>", start)]


def _index(root: Path) -> list[list[str]]:
    """The words of each entry of the site's search index, in order."""
    index = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))
    return [re.findall(r"\w+", re.sub(r"<[^>]*>", " ", doc["text"])) for doc in index["docs"]]


def test_the_index_gets_the_quiz_words_and_the_page_the_quiz(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed: list[str] = []
    add = search.SearchIndex.add_entry_from_context

    def spy(self: Any, page: Any) -> None:
        indexed.append(page.content)
        add(self, page)

    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", spy)
    pages = {"index.md": PAGE, "q.quiz.yml": SAMPLE}
    site = quiz_site(tmp_path / "with", pages)
    with working_directory(tmp_path / "with"):
        build_site(site)
    html = (tmp_path / "with" / "site" / "index.html").read_text("utf-8")
    (content,) = indexed
    assert 'class="quiz' not in content and "<input" not in content and "<label" not in content
    assert "course-quiz" not in html and 'class="quiz-option"' in html
    # The index holds the words it held when the search plugin read the whole quiz.
    monkeypatch.setattr(SearchView, "lean", lambda self, page, html: html)
    whole = quiz_site(tmp_path / "whole", pages)
    with working_directory(tmp_path / "whole"):
        build_site(whole)
    assert _index(tmp_path / "with") == _index(tmp_path / "whole")
    assert len(_index(tmp_path / "with")[1]) > 30  # the quiz's words
    # Built without a search plugin, the page holds the same quiz.
    alone = quiz_site(tmp_path / "alone", pages, plugins=[p for p in PLUGINS if p != "search"])
    with working_directory(tmp_path / "alone"):
        build_site(alone)
    assert _quiz((tmp_path / "alone" / "site" / "index.html").read_text("utf-8")) == _quiz(html)
