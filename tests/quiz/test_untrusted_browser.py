"""Raw HTML in quiz text, in a real Chromium: shown as text, never run, the page intact.

The quiz file is golden/untrusted.quiz.yml: ``<script>`` in a prompt, ``<img onerror>`` in an
option, an ``onclick`` in the hint, stray closing tags (``</fieldset>``...) in feedback, the
explanation and steps. The page is built strictly with the real math renderer and served on
127.0.0.1; the context is watched (a console error, a failed request such as the image's
``src=x``, or a request to another host fails the test).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.quiz.support import quiz_site
from tests.support import LOOPBACK, build_site, free_port, serve_directory, working_directory

pytestmark = pytest.mark.browser

QUIZ = Path(__file__).parent / "golden" / "untrusted.quiz.yml"
PAGE = "# Untrusted\n\nBefore the quiz.\n\n<!-- quiz: untrusted.quiz.yml -->\n\nAfter the quiz.\n"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("quiz-untrusted")
    port = free_port()
    url = f"http://{LOOPBACK}:{port}/"
    pages = {"index.md": PAGE, "untrusted.quiz.yml": QUIZ.read_text("utf-8")}
    config = quiz_site(root, pages, site_url=url)
    with working_directory(root):
        build_site(config, strict=True)
    with serve_directory(root / "site", port) as served:
        yield served


@pytest.fixture
def page(watched_context: tuple[Any, Any], site_url: str) -> Iterator[Any]:
    context, _ = watched_context
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url)
    page.wait_for_selector(".quiz[data-quiz-started]")
    yield page
    assert dialogs == [], f"author text opened dialogs: {dialogs}"
    assert page.title() == "Fixture", "author text changed the title"  # the home page's


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def test_author_html_is_shown_as_text_and_never_runs(page: Any) -> None:
    quiz = page.locator(".quiz")
    # No element of the quiz comes from author text: no script, image or handler.
    assert page.evaluate(
        """() => {
          const quiz = document.querySelector('.quiz');
          const elements = [...quiz.querySelectorAll('*')];
          return {
            scripts: quiz.querySelectorAll('script, img, b, html, body').length,
            handlers: elements.filter(e => [...e.attributes].some(a => /^on/i.test(a.name))).length,
          };
        }"""
    ) == {"scripts": 0, "handlers": 0}
    prompt = page.locator("#quiz-raw-html__prompt")
    expect(prompt).to_contain_text('Which tag runs code? <script>document.title = "PWNED"</script>')
    expect(prompt).to_contain_text('<div class="admonition">a block of HTML</div>')
    expect(page.locator("#quiz-raw-html label").nth(0)).to_have_text(
        "A. <img src=x onerror=\"document.title='PWNED'\">"
    )
    hint = page.locator("#quiz-raw-html details.quiz-hint")
    hint.locator("summary").click()
    text = hint.get_by_text('<b onclick="alert(1)">Look at the tags</b>')
    expect(text).to_be_visible()
    text.click()
    expect(quiz.locator(".quiz-progress")).to_have_text("1 / 2")


def test_stray_closing_tags_do_not_close_the_quiz(page: Any) -> None:
    """The page's tree is the one the quiz wrote: both questions inside the quiz, each with
    its own parts, and the page's next paragraph after the quiz, not inside it."""
    shape = page.evaluate(
        """() => {
          const quiz = document.querySelector('.quiz');
          const questions = [...quiz.querySelectorAll(':scope > fieldset.quiz-question')];
          return {
            questions: questions.map(q => q.id),
            parts: questions.map(q => [...q.children].map(c => c.className || c.tagName)),
            after: quiz.nextElementSibling && quiz.nextElementSibling.textContent,
            before: quiz.previousElementSibling && quiz.previousElementSibling.textContent,
            fieldsets: document.querySelectorAll('fieldset').length,
          };
        }"""
    )
    assert shape["questions"] == ["quiz-raw-html", "quiz-raw-steps"]
    assert shape["fieldsets"] == 2
    assert shape["before"] == "Before the quiz." and shape["after"] == "After the quiz."
    first, second = shape["parts"]
    written = ["quiz-legend", "quiz-prompt", "quiz-options quiz-options--radio"]
    written += ["quiz-hint tip", "quiz-answer"]
    assert [part for part in first if part in written] == written, first
    assert "quiz-steps" in second and "quiz-answer" in second, second


def test_the_quiz_still_works(page: Any) -> None:
    quiz = page.locator(".quiz")
    verdict = page.locator("#quiz-raw-html .quiz-verdict")
    page.locator("#quiz-raw-html label").nth(0).click()
    quiz.locator(".quiz-check").click()
    expect(verdict).to_contain_text("Not quite")
    feedback = page.locator("#quiz-raw-html .quiz-option").nth(0).locator(".quiz-option-feedback")
    expect(feedback).to_have_text(
        "An image, with an error handler. </span></label></div></div></fieldset>"
    )
    page.locator("#quiz-raw-html label").nth(1).click()
    quiz.locator(".quiz-check").click()
    expect(verdict).to_have_text("Correct.")
    # The math next to the closing tags was rendered at build time.
    label = page.locator("#quiz-raw-html label").nth(1)
    expect(label.locator("mjx-container")).to_have_count(1)
    expect(label.locator("code")).to_have_text("</label></div>")
    explanation = page.locator("#quiz-raw-html .quiz-explanation")
    expect(explanation).to_have_text("</details></fieldset></div><script>alert(1)</script>")
    quiz.locator(".quiz-next").click()
    expect(quiz.locator(".quiz-progress")).to_have_text("2 / 2")
    steps = page.locator("#quiz-raw-steps .quiz-step-text")
    expect(steps).to_have_count(3)
    expect(steps.filter(has_text="<body></ol></fieldset>")).to_have_count(1)
