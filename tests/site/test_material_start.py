"""The page's scripts run after the end of parsing, and Material's bundle starts in a task of
its own, after the end of parsing (overrides/partials/course-start.html); every
DOMContentLoaded listener still gets the event exactly once.

What the page records, from a script that runs before any of the page's own:
- which scripts with a src entered the document while it was parsed: none may, the
  page's last block (Material's bundle, the extra_javascript, course-a11y.js) is written
  with data-src instead of src, and the start script runs it after the end of parsing;
- which scripts with a src were added after it outside the head: none may (added to the
  body, they restyled the whole page);
- whether Material's bundle ran (it assigns window.document$) after the end of parsing
  and outside the task that ended it;
- whether it is still inside the task that dispatched the browser's DOMContentLoaded
  (a flag set by a capturing listener that comes first, cleared by a timer queued
  before any of the page's);
- when Material's document$ first emits (its components start on that emission), and
  whether that flag was still set then;
- how many DOMContentLoaded events a listener on the document got.
Opened from disk Material's document$ completes without emitting (its own behaviour, with
or without the course's script); there the course's scripts start on the event, which must
still come exactly once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.whole_pages import STARTED, disk_pages, site_pages

pytestmark = pytest.mark.browser

RECORD = """(() => {
    const seen = {
        parserEndTask: false, starts: [], events: 0, bundleAfterParsing: null, parsed: [],
        addedOutsideHead: [],
    };
    window.__courseStart = seen;
    // Scripts inserted before the end of parsing are the parser's.
    let parsing = true;
    const note = (records) => {
        for (const record of records) for (const node of record.addedNodes) {
            if (node.tagName !== 'SCRIPT' || !node.src) continue;
            if (parsing) seen.parsed.push(node.src);
            else if (node.parentNode !== document.head) seen.addedOutsideHead.push(node.src);
        }
    };
    const observer = new MutationObserver(note);
    observer.observe(document, { childList: true, subtree: true });
    addEventListener('DOMContentLoaded', (event) => {
        if (!event.isTrusted) return;
        note(observer.takeRecords());
        parsing = false;
        seen.parserEndTask = true;
        setTimeout(() => { seen.parserEndTask = false; });
    }, true);
    document.addEventListener('DOMContentLoaded', () => { seen.events += 1; });
    // Material assigns window.document$ once, when its bundle runs.
    Object.defineProperty(window, 'document$', {
        configurable: true,
        set(subject) {
            Object.defineProperty(window, 'document$', {
                value: subject, writable: true, configurable: true,
            });
            seen.bundleAfterParsing = !parsing && !seen.parserEndTask;
            subject.subscribe(() => { seen.starts.push(seen.parserEndTask); });
        },
    });
})()"""

def _check(page: Any, where: str, starts: list[bool]) -> None:
    page.wait_for_function(STARTED, timeout=15_000)
    page.wait_for_timeout(100)  # a later start or event, if there were one, would come by now
    seen = page.evaluate("window.__courseStart")
    assert seen["parsed"] == [], (where, "run by the parser", seen)
    assert seen["bundleAfterParsing"] is True, (where, "bundle ran while parsing", seen)
    # A script added to the body restyled the whole page (Material's sibling rules on the
    # body's children): the start script adds the page's scripts to the head.
    assert seen["addedOutsideHead"] == [], (where, "added outside the head", seen)
    assert seen["starts"] == starts, (where, seen)
    assert seen["events"] == 1, (where, seen)


def test_material_starts_after_the_end_of_parsing_on_every_page(
    browser: Any, course_site: Path, course_url: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        context.add_init_script(RECORD)
        page = context.new_page()
        for rel in site_pages(course_site):
            page.goto(course_url + rel, wait_until="load")
            # Material once, not in the task that ended parsing.
            _check(page, rel, [False])
    finally:
        context.close()


def test_opened_from_disk_every_listener_gets_the_event_once(
    browser: Any, course_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(RECORD)
        page = context.new_page()
        for rel, url in disk_pages(course_site):
            page.goto(url, wait_until="load")
            # Material's document$ does not emit from file://: no start is recorded.
            _check(page, f"file:// {rel}", [])
    finally:
        context.close()
