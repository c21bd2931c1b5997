"""Equation references in Chromium under Material's instant navigation: they work, no errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PageWatch
from tests.support import LOOPBACK, build_site, free_port, serve_directory, write_site

pytestmark = pytest.mark.browser

PAGE = r"""# References

See $\eqref{eq:far}$ below.

<div style="height: 2400px"></div>

\begin{equation}
e^{i\pi} + 1 = 0 \label{eq:far}
\end{equation}
"""


def test_eqref_link_scrolls_to_the_equation(
    tmp_path: Path, watched_context: tuple[Any, PageWatch]
) -> None:
    port = free_port()
    config = write_site(
        tmp_path,
        {"index.md": PAGE, "other.md": "# Other\n\n[back](index.md)\n"},
        extra={"site_url": f"http://{LOOPBACK}:{port}/"},
    )
    build_site(config)
    context, _watch = watched_context
    with serve_directory(tmp_path / "site", port) as url:
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        target = page.locator('[id="mjx-eqn:eq:far"]')
        assert not target.is_visible() or target.bounding_box()["y"] > 900  # type: ignore[index]
        page.locator(".arithmatex a").first.click()
        page.wait_for_function("location.hash === '#mjx-eqn%3Aeq%3Afar'")
        page.wait_for_timeout(300)
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 900
