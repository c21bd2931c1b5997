"""`mkdocs serve`: a TeX error is shown in the terminal and the last good build stays served."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mathrender.marks import Scanner
from mathrender.plugin import MathRenderPlugin
from tests.support import LOOPBACK, free_port, write_site

MKDOCS_SERVE = [sys.executable, "-m", "mkdocs", "serve"]


def _wait(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def test_serve_reports_error_and_keeps_last_good_site(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"index.md": "# Home\n\nGood: $a^2 + b^2$.\n"})
    port = free_port()
    url = f"http://{LOOPBACK}:{port}/"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*MKDOCS_SERVE, "-f", str(config), "--dev-addr", f"{LOOPBACK}:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        _wait(lambda: "mjx-container" in (_get(url) or ""), 90, "the first build")
        page = tmp_path / "docs" / "index.md"
        page.write_text("# Home\n\nGood: $a^2 + b^2$.\n\nBad: $\\frac{1}$.\n", "utf-8")
        _wait(lambda: "TeX error" in log.read_text("utf-8"), 60, "the error message")
        text = log.read_text("utf-8")
        assert "docs/index.md:5:7: TeX error: Missing argument for \\frac" in text
        assert "Traceback" not in text
        served = _get(url) or ""
        assert "Good:" in served and "mjx-container" in served
        assert "Bad:" not in served, "the last good page should still be served"

        page.write_text("# Home\n\nFixed: $c^2$.\n", "utf-8")
        _wait(lambda: "Fixed" in (_get(url) or ""), 60, "the rebuild after the fix")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_rebuilds_reuse_the_renderer_and_the_unedited_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `mkdocs serve` rebuilds after a save: the same plugin, config loaded again."""
    scanned: list[int] = []  # pages whose math openings were looked for
    scan = Scanner.scan

    def counted(*args: Any, **kwargs: Any) -> Any:
        scanned.append(1)
        return scan(*args, **kwargs)

    monkeypatch.setattr(Scanner, "scan", counted)
    pages = {
        "index.md": "# A\n\n$a^2$ and $b^2$.\n\n$$\\sum_i c_i$$\n",
        "two.md": "# B\n\n$x + y$ and $\\frac{1}{2}$.\n",
    }
    config_file = write_site(tmp_path, pages)

    def rebuild(first: bool = False) -> MathRenderPlugin:
        config = load_config(str(config_file))
        plugin = config.plugins["course-math"]
        assert isinstance(plugin, MathRenderPlugin)
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        return plugin

    try:
        first = rebuild(first=True)
        assert first.renderer is not None and first.renderer.stats.rendered == 5
        assert first.process is not None
        renderer, starts = first.renderer, first.process.starts
        html = (tmp_path / "site" / "index.html").read_text("utf-8")
        cached = {p: p.stat().st_mtime_ns for p in (tmp_path / ".cache").rglob("*.json")}

        page = tmp_path / "docs" / "two.md"
        page.write_text(page.read_text("utf-8").replace("$x + y$", "$x - y$"), "utf-8")
        scanned.clear()
        second = rebuild()
        assert len(scanned) == 1, "the unedited page's math was looked for again"
        assert second is first and second.renderer is renderer, "the renderer was not kept"
        assert second.process is not None and second.process.starts == starts
        # Only the edited page was looked at again: one new equation, one from memory.
        assert renderer.stats.rendered == 1 and renderer.stats.from_cache == 1
        assert (tmp_path / "site" / "index.html").read_text("utf-8") == html
        written = [p for p, t in cached.items() if p.stat().st_mtime_ns != t]
        assert len(written) == 3, "only the edited page's cache files are written"

        page.write_text(pages["two.md"], "utf-8")
        third = rebuild()
        assert third.renderer is renderer and renderer.stats.rendered == 0

        # Math of no page (the quiz plugin checks its TeX on every build): from memory too.
        items = [("q^2", False), ("\\frac{1}", False)]
        results = renderer.render(items)
        counts = (renderer.stats.rendered, renderer.stats.from_cache)
        assert renderer.render(items) == results and results[1].error is not None
        assert (renderer.stats.rendered, renderer.stats.from_cache) == counts
    finally:
        # MkDocs keeps the plugin for the rest of this process: back to `mkdocs build`.
        load_config(str(config_file)).plugins.on_startup(command="build", dirty=False)
