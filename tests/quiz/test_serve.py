"""`mkdocs serve`: a broken quiz file is reported, and its page keeps its last good version."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.quiz.support import SAMPLE
from tests.support import LOOPBACK, free_port, write_site


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def test_serve_keeps_the_page_of_a_broken_quiz(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n<!-- quiz: q.quiz.yml -->\n", "q.quiz.yml": SAMPLE}
    config = write_site(tmp_path, pages, ["course-quiz"])
    port = free_port()
    url = f"http://{LOOPBACK}:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config)]
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [*command, "--dev-addr", f"{LOOPBACK}:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        wait_for(lambda: 'data-qid="half"' in fetch(url), 90, "the first build")
        quiz = tmp_path / "docs" / "q.quiz.yml"
        quiz.write_text(SAMPLE.replace("tolerance: 0.01", "tolerence: 0.01"), "utf-8")
        wait_for(lambda: "problem to fix" in log.read_text("utf-8"), 60, "the report")
        text = log.read_text("utf-8")
        assert "docs/q.quiz.yml:29:5: question 'half': unknown key 'tolerence'" in text
        assert "Traceback" not in text
        assert 'data-qid="half"' in fetch(url), "the last good page is still served"

        quiz.write_text(SAMPLE.replace("What is", "Now, what is"), "utf-8")
        wait_for(lambda: "Now, what is" in fetch(url), 60, "the rebuild after the fix")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
