"""Reading time remembered by the page's HTML (lessons.readingtime.ReadingTimes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring.memo import forget_all
from lessons import readingtime
from lessons.readingtime import ReadingStats, ReadingTimes, reading_stats

PAGE = (
    "<p>Four words of prose.</p>"
    '<div class="arithmatex">\\[ a \\\\ b \\]</div>'
    "<pre><code>x = 1\ny = 2\n</code></pre>"
)


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_all()
    yield
    forget_all()


def not_counted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(page_html: str) -> ReadingStats:
        raise AssertionError("counted again")

    monkeypatch.setattr(readingtime, "reading_stats", fail)


def test_an_unchanged_page_is_not_parsed_again(tmp_path: Path, monkeypatch):
    expected = reading_stats(PAGE)
    assert expected == ReadingStats(words=4, inline_formulas=0, equation_lines=2, code_lines=2)
    assert ReadingTimes(tmp_path).stats(PAGE) == expected
    not_counted_again(monkeypatch)
    forget_all()  # a new process: from .cache/readingtime
    assert ReadingTimes(tmp_path).stats(PAGE) == expected
    assert ReadingTimes(tmp_path).stats(PAGE) == expected  # mkdocs serve: from memory


def test_changed_html_is_counted_again(tmp_path: Path):
    times = ReadingTimes(tmp_path)
    times.stats(PAGE)
    longer = PAGE + "<p>and three more</p>"
    assert times.stats(longer).words == 7


def test_a_damaged_entry_is_counted_again(tmp_path: Path):
    ReadingTimes(tmp_path).stats(PAGE)
    (entry,) = (tmp_path / ".cache" / "readingtime").rglob("*.json")
    entry.write_text(entry.read_text("utf-8").replace("[4, ", "[40, "), "utf-8")
    forget_all()
    assert ReadingTimes(tmp_path).stats(PAGE).words == 4
