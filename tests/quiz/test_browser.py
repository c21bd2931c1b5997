"""The quiz in a real Chromium: answering, keyboard use, saved progress, navigation, a11y.

One fixture site (built once for this module) holds every question type on one page, two
quizzes on another, and a home page to navigate from. Every test runs in a watched context:
a console error, an uncaught exception or a request to another host fails it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quiz.numeric import parse_number
from tests.conftest import open_context
from tests.quiz.support import SAMPLE, quiz_site
from tests.support import LOOPBACK, ROOT, build_site, free_port, serve_directory

pytestmark = pytest.mark.browser

OTHER = """\
questions:
  - id: other-number
    type: numeric
    prompt: What is $2 + 2$?
    answer: 4
    explanation: Count.
"""
PAGES = {
    "index.md": "# Home\n\n[All question types](quiz.md)\n\n[Two quizzes](two.md)\n",
    "quiz.md": "# Every type\n\nSome text first.\n\n## Quiz\n\n<!-- quiz: sample.quiz.yml -->\n",
    "two.md": (
        "# Two quizzes\n\n[Back to every type](quiz.md)\n\n"
        "<!-- quiz: sample.quiz.yml#pick-one -->\n\n"
        "Between the quizzes.\n\n<!-- quiz: other.quiz.yml -->\n"
    ),
    "sample.quiz.yml": SAMPLE,
    "other.quiz.yml": OTHER,
}
THEME = {
    "name": "material",
    "font": False,
    "features": ["navigation.instant"],
    "palette": [
        {"scheme": "default", "primary": "indigo", "accent": "deep orange"},
        {"scheme": "slate", "primary": "indigo", "accent": "deep orange"},
    ],
}
KEY = "course-quiz:sample.quiz.yml"
HELP = "enter a number such as 0.5, .5, 1/2 or 5e-1"
AXE = ROOT / "node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("quiz-browser")
    port = free_port()
    url = f"http://{LOOPBACK}:{port}/"
    # site_url is the served address: instant navigation follows only sitemap URLs.
    config = quiz_site(root, PAGES, site_url=url, theme=THEME)
    cwd = Path.cwd()
    os.chdir(root)
    try:
        build_site(config, strict=True)
    finally:
        os.chdir(cwd)
    with serve_directory(root / "site", port) as served:
        assert served == url
        yield url


@pytest.fixture
def page(watched_context: tuple[Any, Any], site_url: str) -> Any:
    context, _ = watched_context
    page = context.new_page()
    page.goto(site_url + "quiz/")
    page.wait_for_selector(".quiz[data-quiz-started]")
    return page


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def verdict(page: Any, question: str) -> Any:
    return page.locator(f"#quiz-{question} .quiz-verdict")


def stored(page: Any, key: str = KEY) -> Any:
    raw = page.evaluate("key => localStorage.getItem(key)", key)
    return None if raw is None else json.loads(raw)


def tab_to(page: Any, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def step_order(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#quiz-steps .quiz-step", "els => els.map(e => e.dataset.step)"
    )


def solved_order(page: Any) -> list[str]:
    return page.get_attribute("#quiz-steps .quiz-steps", "data-order").split()


def test_correct_and_wrong_answers(page: Any) -> None:
    quiz = page.locator(".quiz")
    expect(quiz.locator(".quiz-progress")).to_have_text("1 / 4")
    expect(page.locator("#quiz-pick-many")).to_be_hidden()
    answer = page.locator("#quiz-pick-one details.quiz-answer")
    expect(answer).to_be_hidden()

    page.locator("#quiz-pick-one label").nth(0).click()
    quiz.locator(".quiz-check").click()
    expect(verdict(page, "pick-one")).to_have_text(
        "Not quite. Try again, or open \u201cShow answer\u201d."
    )
    expect(quiz.locator(".quiz-status")).to_have_text(
        "Not quite. Try again, or open \u201cShow answer\u201d."
    )
    first = page.locator("#quiz-pick-one .quiz-option").nth(0)
    expect(first).to_have_class("quiz-option quiz-option--picked quiz-option--wrong")
    expect(first.locator(".quiz-option-feedback")).to_have_text("An equality.")
    expect(answer).to_be_visible()
    assert answer.get_attribute("open") is None

    # Changing the answer clears the verdict until the next check.
    page.locator("#quiz-pick-one label").nth(1).click()
    expect(verdict(page, "pick-one")).to_be_hidden()
    expect(first.locator(".quiz-option-feedback")).to_be_hidden()
    quiz.locator(".quiz-check").click()
    expect(verdict(page, "pick-one")).to_have_text("Correct.")
    assert answer.get_attribute("open") is not None
    expect(page.locator("#quiz-pick-one .quiz-option").nth(1)).to_have_class(
        "quiz-option quiz-option--picked quiz-option--right"
    )

    quiz.locator(".quiz-next").click()
    expect(quiz.locator(".quiz-progress")).to_have_text("2 / 4")
    many = page.locator("#quiz-pick-many input")
    many.nth(0).check()
    quiz.locator(".quiz-check").click()
    expect(verdict(page, "pick-many")).to_contain_text("Not quite")
    many.nth(2).check()
    quiz.locator(".quiz-check").click()
    expect(verdict(page, "pick-many")).to_have_text("Correct.")

    # Checking nothing is not an answer.
    quiz.locator(".quiz-next").click()
    quiz.locator(".quiz-check").click()
    expect(verdict(page, "half")).to_have_text("Type a number first.")
    assert stored(page)["q"]["half"]["c"] is False


def test_keyboard_only_completion(page: Any) -> None:
    page.locator("h1").focus()
    # Question 1 (single): the radio group is one tab stop; arrows choose.
    tab_to(page, "#quiz-pick-one input")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.quiz-option').innerText").startswith(
        "B."
    )
    tab_to(page, ".quiz-check")
    page.keyboard.press("Enter")
    expect(verdict(page, "pick-one")).to_have_text("Correct.")
    tab_to(page, ".quiz-next")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "quiz-pick-many"

    # Question 2 (multiple): Space ticks, arrows only move.
    tab_to(page, "#quiz-pick-many input")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    tab_to(page, ".quiz-check")
    page.keyboard.press("Enter")
    expect(verdict(page, "pick-many")).to_have_text("Correct.")
    tab_to(page, ".quiz-next")
    page.keyboard.press("Enter")

    # Question 3 (numeric): Enter in the field checks.
    tab_to(page, "#quiz-half input")
    page.keyboard.type("1/2")
    page.keyboard.press("Enter")
    expect(verdict(page, "half")).to_have_text("Correct.")
    tab_to(page, ".quiz-next")
    page.keyboard.press("Enter")

    # Question 4 (ordering): move each step up into place with its button.
    target = solved_order(page)
    for position, key in enumerate(target):
        moves = step_order(page).index(key) - position
        if moves:
            tab_to(page, f'#quiz-steps .quiz-step[data-step="{key}"] .quiz-move-button:first-child')
            for _ in range(moves):
                page.keyboard.press("Enter")
    assert step_order(page) == target
    tab_to(page, ".quiz-check")
    page.keyboard.press("Enter")
    expect(verdict(page, "steps")).to_have_text("Correct.")
    tab_to(page, ".quiz-next")
    expect(page.locator(".quiz-next")).to_have_text("See results")
    page.keyboard.press("Enter")

    score = page.locator(".quiz-score")
    expect(score).to_have_text("You answered 4 of 4 questions correctly.")
    expect(score).to_be_focused()
    expect(page.locator(".quiz-review-item")).to_have_count(4)
    tab_to(page, ".quiz-again")
    page.keyboard.press("Enter")
    expect(page.locator(".quiz-progress")).to_have_text("1 / 4")
    expect(page.locator("#quiz-pick-one")).to_be_focused()
    assert page.locator("#quiz-pick-one input:checked").count() == 0


def test_arrow_keys_move_without_submitting(page: Any) -> None:
    page.locator("#quiz-pick-one label").nth(0).click()
    for key in ("ArrowDown", "ArrowDown", "ArrowUp", "ArrowRight", "Enter", " "):
        page.keyboard.press(key)
    expect(verdict(page, "pick-one")).to_be_hidden()
    expect(page.locator("#quiz-pick-one details.quiz-answer")).to_be_hidden()
    expect(page.locator(".quiz-progress")).to_have_text("1 / 4")
    assert page.locator(".quiz-status").text_content() == ""
    assert stored(page)["q"]["pick-one"]["c"] is False

    page.locator(".quiz-next").click()
    boxes = page.locator("#quiz-pick-many input")
    boxes.nth(0).focus()
    page.keyboard.press("ArrowDown")
    expect(boxes.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(boxes.nth(2)).to_be_focused()
    assert page.locator("#quiz-pick-many input:checked").count() == 0
    expect(verdict(page, "pick-many")).to_be_hidden()


ACCEPTED = ["0.5", "0.50", ".5", "1/2", " 1 / 2 ", "5e-1", "+.5", "0.5 nats", "0.505"]
WRONG = ["0.6", "-0.5", "1/3", "0.52"]
UNREADABLE = ["abc", "0,5", "1/0", "half", "--1", "1//2"]


def test_numeric_parsing_matches_the_python_grammar(page: Any) -> None:
    page.locator(".quiz-next").click()
    page.locator(".quiz-next").click()
    field = page.locator("#quiz-half input")
    for text in [*ACCEPTED, *WRONG, *UNREADABLE]:
        field.fill(text)
        page.locator(".quiz-check").click()
        shown = verdict(page, "half")
        if text in UNREADABLE:
            expect(shown).to_contain_text(
                f"Could not read \u201c{text.strip()}\u201d as a number: {HELP}"
            )
            assert parse_number(text) is None
        elif text in WRONG:
            expect(shown).to_contain_text("Not quite")
            assert parse_number(text) is not None
        else:
            expect(shown).to_have_text("Correct.")
    # An unreadable entry is kept as typed, but it is not a checked answer.
    record = stored(page)["q"]["half"]
    assert (record["a"], record["c"]) == ("1//2", False)


def test_ordering_by_keyboard_keeps_focus_and_announces(page: Any) -> None:
    for _ in range(3):
        page.locator(".quiz-next").click()
    before = step_order(page)
    first_down = page.locator(
        f'#quiz-steps .quiz-step[data-step="{before[0]}"] .quiz-move-button'
    ).nth(1)
    assert first_down.get_attribute("aria-label") == "Move down"
    described = first_down.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").count() == 1
    first_down.focus()
    page.keyboard.press("Enter")
    assert step_order(page) == [before[1], before[0], *before[2:]]
    expect(first_down).to_be_focused()
    expect(page.locator(".quiz-status")).to_have_text("Moved to position 2 of 4.")
    page.keyboard.press("Space")
    assert step_order(page)[2] == before[0]
    top_up = page.locator(f'#quiz-steps .quiz-step[data-step="{before[1]}"] .quiz-move-button').nth(
        0
    )
    top_up.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".quiz-status")).to_have_text("Already the first step.")
    assert stored(page)["q"]["steps"]["a"] == step_order(page)


def centre(page: Any, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def grip(key: str) -> str:
    return f'#quiz-steps .quiz-step[data-step="{key}"] .quiz-grip'


def test_ordering_by_mouse_drag_matches_the_buttons(page: Any) -> None:
    for _ in range(3):
        page.locator(".quiz-next").click()
    before = step_order(page)
    x, y = centre(page, grip(before[0]))
    _, target_y = centre(page, f'#quiz-steps .quiz-step[data-step="{before[2]}"]')
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, target_y + 5, steps=8)
    expect(page.locator(".quiz-step--dragged")).to_have_count(1)
    page.mouse.up()
    dragged = [before[1], before[2], before[0], *before[3:]]
    assert step_order(page) == dragged
    expect(page.locator(".quiz-step--dragged")).to_have_count(0)
    expect(page.locator(".quiz-status")).to_have_text("Moved to position 3 of 4.")
    assert stored(page)["q"]["steps"]["a"] == dragged
    # The buttons undo the drag, and redo it, step for step.
    step = f'#quiz-steps .quiz-step[data-step="{before[0]}"] .quiz-move-button'
    for _ in range(2):
        page.locator(step).nth(0).click()
    assert step_order(page) == before
    for _ in range(2):
        page.locator(step).nth(1).click()
    assert step_order(page) == dragged
    # A drag that ends where it began changes nothing and says nothing.
    page.locator(".quiz-check").click()
    checked = stored(page)
    x, y = centre(page, grip(before[3]))
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y + 3, steps=2)
    page.mouse.up()
    assert step_order(page) == dragged
    assert stored(page) == checked
    page.reload()
    page.wait_for_selector(".quiz[data-quiz-started]")
    assert step_order(page) == dragged


def touch(cdp: Any, kind: str, x: float, y: float) -> None:
    points = [] if kind in ("touchEnd", "touchCancel") else [{"x": x, "y": y}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def test_ordering_by_touch_drag_on_a_phone(browser: Any, site_url: str) -> None:
    context, watch = open_context(
        browser, viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        page.goto(site_url + "quiz/")
        page.wait_for_selector(".quiz[data-quiz-started]")
        for _ in range(3):
            page.locator(".quiz-next").tap()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        before = step_order(page)
        grip_style = page.eval_on_selector(grip(before[0]), "e => getComputedStyle(e).touchAction")
        step_style = page.eval_on_selector(
            "#quiz-steps .quiz-step-text", "e => getComputedStyle(e).touchAction"
        )
        # Only the handle keeps the finger: anywhere else a swipe scrolls the page.
        assert (grip_style, step_style) == ("none", "auto")
        cdp = context.new_cdp_session(page)
        seen = page.evaluate_handle(
            "() => { const kinds = [];"
            " document.querySelector('#quiz-steps .quiz-steps').addEventListener("
            "'pointermove', e => kinds.push(e.pointerType), true); return kinds; }"
        )
        # Drag the last step to the top.
        x, y = centre(page, grip(before[3]))
        _, top = centre(page, f'#quiz-steps .quiz-step[data-step="{before[0]}"]')
        touch(cdp, "touchStart", x, y)
        for i in range(1, 9):
            touch(cdp, "touchMove", x, y + (top - 5 - y) * i / 8)
        touch(cdp, "touchEnd", x, top - 5)
        dragged = [before[3], *before[:3]]
        assert step_order(page) == dragged
        assert set(seen.json_value()) == {"touch"}
        expect(page.locator(".quiz-status")).to_have_text("Moved to position 1 of 4.")
        assert stored(page)["q"]["steps"]["a"] == dragged
        # A cancelled touch puts the step back where it was.
        x, y = centre(page, grip(dragged[0]))
        _, bottom = centre(page, f'#quiz-steps .quiz-step[data-step="{dragged[3]}"]')
        touch(cdp, "touchStart", x, y)
        for i in range(1, 9):
            touch(cdp, "touchMove", x, y + (bottom + 5 - y) * i / 8)
        assert step_order(page) != dragged
        touch(cdp, "touchCancel", x, bottom + 5)
        assert step_order(page) == dragged
        assert stored(page)["q"]["steps"]["a"] == dragged
    finally:
        context.close()
    watch.assert_clean()


def test_progress_survives_reload_and_edits_reset_it(page: Any) -> None:
    page.locator("#quiz-pick-one label").nth(1).click()
    page.locator(".quiz-check").click()
    page.locator(".quiz-next").click()
    page.locator("#quiz-pick-many input").nth(1).check()
    page.locator(".quiz-next").click()
    page.locator("#quiz-half input").fill("0.4")
    page.locator(".quiz-next").click()
    page.locator("#quiz-steps .quiz-move-button").nth(1).click()
    order = step_order(page)
    page.locator(".quiz-prev").click()

    page.reload()
    page.wait_for_selector(".quiz[data-quiz-started]")
    expect(page.locator(".quiz-progress")).to_have_text("3 / 4")
    expect(page.locator("#quiz-half input")).to_have_value("0.4")
    expect(verdict(page, "half")).to_be_hidden()
    assert page.locator("#quiz-pick-many input").nth(1).is_checked()
    assert step_order(page) == order
    page.locator(".quiz-prev").click()
    page.locator(".quiz-prev").click()
    expect(verdict(page, "pick-one")).to_have_text("Correct.")
    assert page.locator("#quiz-pick-one input").nth(1).is_checked()

    # A question whose content changed has another version: its saved answer is dropped.
    data = stored(page)
    data["q"]["pick-one"]["h"] = "an-older-version"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(data)])
    page.reload()
    page.wait_for_selector(".quiz[data-quiz-started]")
    assert page.locator("#quiz-pick-one input:checked").count() == 0
    expect(verdict(page, "pick-one")).to_be_hidden()
    assert page.locator("#quiz-pick-many input").nth(1).is_checked()


def test_corrupted_or_foreign_storage_is_ignored(
    watched_context: tuple[Any, Any], site_url: str
) -> None:
    context, _ = watched_context
    page = context.new_page()
    page.goto(site_url + "quiz/")
    page.wait_for_selector(".quiz[data-quiz-started]")
    version = page.get_attribute("#quiz-pick-one", "data-version")
    steps = page.get_attribute("#quiz-steps", "data-version")
    bad_values = [
        "not json {",
        "null",
        "42",
        '"a string"',
        "[1, 2, 3]",
        '{"q": 5, "at": 7}',
        '{"q": [], "at": "nowhere"}',
        '{"q": {"pick-one": "yes"}}',
        json.dumps({"q": {"pick-one": {"h": version, "a": 42, "c": True}}}),
        json.dumps({"q": {"pick-one": {"h": version, "a": "o-not-an-option", "c": True}}}),
        json.dumps({"q": {"pick-one": {"h": version, "a": ["x"], "c": True}}}),
        json.dumps({"q": {"steps": {"h": steps, "a": ["sx", "sy", "sz", "sw"], "c": True}}}),
        json.dumps({"q": {"steps": {"h": steps, "a": {"length": 4}, "c": True}}}),
        '{"q": {"constructor": {"h": 1}, "__proto__": {"polluted": true}}}',
        '{"at": {"toString": 1}, "q": {"half": {"h": null, "a": "0.5"}}}',
        "x" * 100_000,
    ]
    for value in bad_values:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, value])
        page.reload()
        page.wait_for_selector(".quiz[data-quiz-started]")
        expect(page.locator(".quiz-progress")).to_have_text("1 / 4")
        assert page.locator(".quiz input:checked").count() == 0, value
        assert page.locator("#quiz-half input").input_value() == "", value
        assert page.locator(".quiz img").count() == 0
        assert page.evaluate("({}).polluted") is None
        expect(verdict(page, "pick-one")).to_be_hidden()
    # Saved text is only ever a field's value, never markup.
    half = page.get_attribute("#quiz-half", "data-version")
    markup = "<img src=x onerror=alert(1)>"
    record = {"q": {"half": {"h": half, "a": markup, "c": True}}, "at": "half"}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(record)])
    page.reload()
    page.wait_for_selector(".quiz[data-quiz-started]")
    expect(page.locator("#quiz-half input")).to_have_value(markup)
    expect(verdict(page, "half")).to_contain_text("Could not read")
    assert page.locator(".quiz img").count() == 0
    page.locator(".quiz-prev").click()
    page.locator(".quiz-prev").click()
    # The quiz still works, and writes a clean record over the bad one.
    page.locator("#quiz-pick-one label").nth(1).click()
    page.locator(".quiz-check").click()
    expect(verdict(page, "pick-one")).to_have_text("Correct.")
    assert stored(page)["q"]["pick-one"]["c"] is True
    # Blocked storage (as in some private modes) only loses the progress.
    page.evaluate(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }})"
    )
    page.locator(".quiz-next").click()
    expect(page.locator(".quiz-progress")).to_have_text("2 / 4")


def test_instant_navigation_and_two_quizzes_on_a_page(
    watched_context: tuple[Any, Any], site_url: str
) -> None:
    context, _ = watched_context
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("window.__sameDocument = true")
    page.locator("article").get_by_role("link", name="All question types").click()
    page.wait_for_selector(".quiz[data-quiz-started]")
    assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
    expect(page.locator(".quiz-nav")).to_have_count(1)
    page.locator("#quiz-pick-one label").nth(1).click()
    page.locator(".quiz-check").click()
    expect(verdict(page, "pick-one")).to_have_text("Correct.")

    page.goto(site_url + "two/")
    page.wait_for_selector(".quiz[data-quiz-started]")
    page.evaluate("window.__sameDocument = true")
    first, second = page.locator(".quiz").nth(0), page.locator(".quiz").nth(1)
    expect(page.locator(".quiz-nav")).to_have_count(2)
    # This page selected one question of sample.quiz.yml: a quiz of its own, saved apart.
    expect(first.locator(".quiz-progress")).to_have_text("1 / 1")
    expect(second.locator(".quiz-progress")).to_have_text("1 / 1")
    second.locator("input.quiz-number").fill("4")
    second.locator(".quiz-check").click()
    expect(second.locator(".quiz-verdict")).to_have_text("Correct.")
    expect(first.locator(".quiz-verdict")).to_be_hidden()
    first.locator("label").nth(0).click()
    first.locator(".quiz-check").click()
    expect(first.locator(".quiz-verdict")).to_contain_text("Not quite")
    expect(second.locator(".quiz-verdict")).to_have_text("Correct.")
    assert stored(page, "course-quiz:other.quiz.yml")["q"]["other-number"]["c"] is True
    assert stored(page, "course-quiz:sample.quiz.yml#pick-one")["q"]["pick-one"]["c"] is True

    page.locator("article").get_by_role("link", name="Back to every type").click()
    page.wait_for_selector("#quiz-pick-one")
    page.wait_for_selector(".quiz[data-quiz-started]")
    assert page.evaluate("window.__sameDocument") is True, "navigation was not instant"
    expect(page.locator(".quiz-nav")).to_have_count(1)
    expect(verdict(page, "pick-one")).to_have_text("Correct.")
    page.go_back()
    page.wait_for_selector(".quiz-nav >> nth=1")
    expect(page.locator(".quiz-nav")).to_have_count(2)
    expect(page.locator(".quiz").nth(1).locator(".quiz-verdict")).to_have_text("Correct.")


def test_without_javascript_everything_is_readable(browser: Any, site_url: str) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(site_url + "quiz/")
        questions = page.locator(".quiz-question")
        expect(questions).to_have_count(4)
        for i in range(4):
            expect(questions.nth(i)).to_be_visible()
            expect(questions.nth(i).locator("legend")).to_have_text(f"Question {i + 1} of 4")
        expect(page.locator(".quiz-option")).to_have_count(6)
        expect(page.locator(".quiz-step")).to_have_count(4)
        expect(page.locator(".quiz-option-feedback").first).to_be_hidden()
        expect(page.locator(".quiz-nav")).to_have_count(0)
        answers = page.locator("details.quiz-answer")
        expect(answers).to_have_count(4)
        explanation = answers.nth(0).locator(".quiz-explanation")
        expect(explanation).to_be_hidden()
        answers.nth(0).locator("summary").click()
        expect(explanation).to_have_text("Only one step is a bound.")
        expect(answers.nth(0).locator(".quiz-solution")).to_have_text("Correct answer: B")
        expect(answers.nth(0).locator(".quiz-feedback").nth(0)).to_have_text(
            "A is incorrect. An equality."
        )
        answers.nth(2).locator("summary").click()
        expect(answers.nth(2).locator(".quiz-solution")).to_have_text(
            "Answer: 0.5 nats (answers within ±0.01 count as correct)"
        )
    finally:
        context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    # Colours are measured at rest: not under the pointer, not halfway through a transition
    # (a button just clicked is still fading to its hover colour).
    page.mouse.move(0, 0)
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')", timeout=5000
    )
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "async () => axe.run(document.querySelectorAll('.quiz'))"
    )
    assert {"button-name", "aria-valid-attr"} <= {p["id"] for p in result["passes"]}
    return [
        {"id": v["id"], "nodes": [n["html"][:120] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_axe_finds_no_violations(page: Any, scheme: str) -> None:
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
    assert run_axe(page) == []
    page.locator("#quiz-pick-one label").nth(0).click()
    page.locator(".quiz-check").click()
    page.locator("#quiz-pick-one details.quiz-answer summary").click()
    page.locator("#quiz-pick-one details.quiz-hint summary").click()
    assert run_axe(page) == []
    for _ in range(3):
        page.locator(".quiz-next").click()
    page.locator(".quiz-check").click()
    assert run_axe(page) == []
    page.locator(".quiz-next").click()
    expect(page.locator(".quiz-score")).to_be_visible()
    assert run_axe(page) == []


def test_math_options_have_accessible_names(page: Any) -> None:
    """The SVG is hidden from assistive technology; MathJax's MathML gives the name."""
    import re

    option = page.locator("#quiz-pick-one input").nth(1)
    expect(option).to_have_accessible_name(re.compile(r"^B\. log\W*E \[ X \] ≥ E \[ log\W*X \]$"))
    step = page.locator("#quiz-steps .quiz-step-text").first
    assert "$" not in step.inner_text() and "\\(" not in step.inner_text()
