r"""A `javascript:` \href in a page is never a link that runs script, in a real Chromium.

The build refuses such TeX (test_policy.py), so no page with it is ever written by
`mkdocs build`. `mkdocs serve` is where an author sees a page that has the problem: with no
last good version yet, it serves the page as it is. The refused equation stays text there;
clicking it must run nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import open_context
from tests.support import LOOPBACK, free_port, write_site

pytestmark = pytest.mark.browser

PAGE = r"""# Links

Click $\href{javascript:document.title='PWNED'}{\text{here}}$ to see.

Or $\href{JaVaScRiPt:window.pwned=1}{\text{there}}$, or
$\href{java
script:window.pwned=2}{\text{this}}$.

Good math: $a^2 + b^2$.
"""

SERVE = [sys.executable, "-m", "mkdocs", "serve"]

# Every link in the document, in HTML, SVG (xlink:href) and MathML, as a browser reads it.
LINKS = """() => [...document.querySelectorAll('[href], a')].map(el =>
  (el.getAttribute('href') || el.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '')
    .replace(/[\\u0000-\\u0020]/g, '').toLowerCase())"""


def script_ran(page: Any) -> bool:
    """Whether a script link ran: it sets the title or a global, or replaces the document."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            "document.title === 'PWNED' || window.pwned !== undefined"
            " || !document.querySelector('article')",
            timeout=1000,
        )
    except PlaywrightTimeout:
        return False
    return True


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    config = write_site(tmp_path, {"index.md": PAGE})
    port = free_port()
    url = f"http://{LOOPBACK}:{port}/"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*SERVE, "-f", str(config), "--dev-addr", f"{LOOPBACK}:{port}", "--no-livereload"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        deadline = time.monotonic() + 90
        while "Good math" not in _get(url):
            assert time.monotonic() < deadline, log.read_text("utf-8")
            time.sleep(0.2)
        assert "TeX not allowed: \\href{javascript:document.title='PWNED'}" in log.read_text()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_javascript_href_is_not_clickable_into_script(browser: Any, served: str) -> None:
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served, wait_until="load")
        title = page.title()
        links = page.evaluate(LINKS)
        assert not [link for link in links if link.startswith(("javascript:", "data:"))]
        math = page.locator("article p .arithmatex")
        assert math.count() == 4
        for index in range(3):  # the three refused equations: click each where it is drawn
            math.nth(index).click(timeout=5000)
            assert not script_ran(page), f"clicking equation {index + 1} ran its link's script"
            assert page.title() == title and page.url == served
        assert not dialogs
    finally:
        context.close()
    watch.assert_clean()
