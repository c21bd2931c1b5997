"""`mkdocs serve`: a TeX error is shown in the terminal and the last good build stays served."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

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
