"""The built course opened from disk (file://): every course script starts on every page.

Material's document$ never emits there, so a script that waits only for it never starts.
Each page is checked for the marks the scripts leave when they start, and one thing of
each kind is used: a quiz moves to its next question, a symbol of a "where" list lights
up, an explorer slider moves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import SETTLE, disk_pages

pytestmark = pytest.mark.browser

STATE = """() => {
    const count = selector => document.querySelectorAll(selector).length;
    const scrollers = [...document.querySelectorAll('.md-typeset div.arithmatex')]
        .filter(box => box.scrollWidth > box.clientWidth + 1);
    return {
        quizzes: count('.quiz[data-quiz]'),
        quizzesStarted: count('.quiz[data-quiz][data-quiz-ready][data-quiz-started]'),
        whereLists: count('.md-typeset div.where'),
        whereListsLinked: count('.md-typeset div.where[data-sym-linked]'),
        linkedEquations: count('.arithmatex[data-linked-symbols]'),
        explorers: count('.course-explorer'),
        explorersStarted: count('.course-explorer[data-explorer-ready] svg path.is-loss'),
        wideMath: scrollers.length,
        wideMathFocusable: scrollers.filter(box => box.tabIndex >= 0).length,
    };
}"""


def use_a_quiz(page: Any) -> None:
    quiz = page.locator(".quiz[data-quiz-started]").first
    progress = quiz.locator(".quiz-progress")
    # The text as set, not as laid out: far from the viewport the quiz is not laid out
    # (content-visibility, performance.css), and innerText is then empty.
    before = progress.text_content() or ""
    assert before.startswith("1 / ")
    quiz.locator(".quiz-next").click()
    assert progress.text_content() == before.replace("1 / ", "2 / ", 1)


def use_a_where_list(page: Any) -> None:
    entries = ".md-typeset div.where[data-sym-linked] .where-entry[data-sym]:visible"
    entry = page.locator(entries).first
    entry.scroll_into_view_if_needed()
    entry.click()  # a tap pins the highlight on the entry and on its symbol
    sym = entry.get_attribute("data-sym")
    assert "is-active" in (entry.get_attribute("class") or "")
    where = entry.locator("xpath=ancestor::div[contains(@class, 'where')][1]")
    equation = where.locator("xpath=preceding-sibling::*[1]")
    assert equation.locator(f"svg .sym-{sym}.is-active").count() > 0


def use_an_explorer(page: Any) -> None:
    root = page.locator(".course-explorer[data-explorer-ready]").first
    value = root.locator('[data-value-of="sigma2"]')
    before = value.inner_text()
    root.locator("input[data-param='sigma2']").focus()
    page.keyboard.press("Home")
    assert value.inner_text() != before


def start_explorers(page: Any) -> None:
    """An explorer starts once it comes near the viewport (explorer.js, issue 12)."""
    roots = page.locator(".course-explorer")
    for i in range(roots.count()):
        roots.nth(i).scroll_into_view_if_needed()
        roots.nth(i).locator("svg path.is-loss").wait_for()


def test_every_script_starts_from_a_file_url(browser: Any, course_site: Path) -> None:
    # Not through open_context: its guard lets only 127.0.0.1 through, and this is file://.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    seen = {"quiz": 0, "where": 0, "explorer": 0}
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
        for rel, url in disk_pages(course_site):
            page.goto(url)
            page.evaluate(SETTLE)
            start_explorers(page)
            state = page.evaluate(STATE)
            name = rel or "home page"
            assert state["quizzesStarted"] == state["quizzes"], f"{name}: {state}"
            assert state["whereListsLinked"] == state["whereLists"], f"{name}: {state}"
            assert state["linkedEquations"] >= state["whereLists"], f"{name}: {state}"
            assert state["explorersStarted"] == state["explorers"], f"{name}: {state}"
            assert state["wideMathFocusable"] == state["wideMath"], f"{name}: {state}"
            if state["quizzes"]:
                use_a_quiz(page)
                seen["quiz"] += 1
            if state["whereLists"]:
                use_a_where_list(page)
                seen["where"] += 1
            if state["explorers"]:
                use_an_explorer(page)
                seen["explorer"] += 1
    finally:
        context.close()
    assert errors == []
    # The course has each kind somewhere; a page that lost one would make this vacuous.
    assert all(seen.values()), seen
