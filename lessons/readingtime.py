"""Estimated reading time of a page, counted on what a reader reads.

Counted on the page's HTML before the math is rendered, when each formula is still an
arithmatex element holding its TeX: prose in words, inline formulas as a few words each,
displayed equations by their lines (read far more slowly than prose), and code by its
non-blank lines, at its own rate. Not counted: what the page does not show until asked —
elements marked ``hidden`` or ``aria-hidden`` (the explorer's live controls, quiz feedback)
and the body of collapsed ``<details>`` blocks (quiz answers and hints, optional refreshers;
their summary line is counted).

Counting parses the whole page; ``ReadingTimes`` remembers the counts of a page's HTML
across builds (authoring.memo), so an unchanged page is not parsed again.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from authoring.files import sha256
from authoring.memo import Memo, code_fingerprint
from lessons.config import LessonsConfig

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# A row break in TeX, but not an escaped backslash followed by another command.
_ROW_BREAK = re.compile(r"\\\\(?![A-Za-z])")
_SKIPPED_TAGS = {"script", "style", "template"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass(frozen=True)
class ReadingStats:
    words: int
    inline_formulas: int
    equation_lines: int
    code_lines: int = 0

    def seconds(self, config: LessonsConfig) -> float:
        words = self.words + self.inline_formulas * config.words_per_inline_formula
        seconds = 60.0 * words / config.words_per_minute
        seconds += self.equation_lines * config.seconds_per_equation_line
        return seconds + self.code_lines * config.seconds_per_code_line

    def minutes(self, config: LessonsConfig) -> int:
        """Whole minutes, at least one."""
        return max(1, math.floor(self.seconds(config) / 60.0 + 0.5))


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words = 0
        self.inline = 0
        self.lines = 0
        self.code_lines = 0
        # (tag, "inline"/"display"/"code"/"skip"/"summary"/None)
        self._stack: list[tuple[str, str | None]] = []
        self._math: list[str] = []

    def _mode(self) -> str | None:
        for _tag, mode in reversed(self._stack):
            if mode == "summary":
                return None  # the summary of a collapsed block is read like prose
            if mode is not None:
                return mode
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            return
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        mode: str | None = None
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true"
        if tag in _SKIPPED_TAGS or "headerlink" in classes or hidden:
            mode = "skip"
        elif tag == "details" and "open" not in attributes:
            mode = "skip"  # collapsed: only its summary is read
        elif tag == "summary" and self._stack and self._stack[-1] == ("details", "skip"):
            mode = "summary"
        elif tag == "pre" and self._mode() is None:
            mode = "code"
            self._math = []
        elif "arithmatex" in classes and self._mode() is None:
            mode = "display" if tag == "div" else "inline"
            self._math = []
        self._stack.append((tag, mode))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        while self._stack:
            open_tag, mode = self._stack.pop()
            if mode in ("inline", "display"):
                self._finish_math(mode)
            elif mode == "code":
                code = "".join(self._math)
                self.code_lines += sum(1 for line in code.split("\n") if line.strip())
                self._math = []
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        mode = self._mode()
        if mode in ("inline", "display", "code"):
            self._math.append(data)
        elif mode is None:
            self.words += len(_WORD.findall(data))

    def _finish_math(self, mode: str) -> None:
        if mode == "inline":
            self.inline += 1
        else:
            self.lines += 1 + len(_ROW_BREAK.findall("".join(self._math)))
        self._math = []


def reading_stats(page_html: str) -> ReadingStats:
    counter = _Counter()
    counter.feed(page_html)
    counter.close()
    return ReadingStats(counter.words, counter.inline, counter.lines, counter.code_lines)


def _is_counts(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 4
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value)
    )


class ReadingTimes:
    """``reading_stats``, remembered by the hash of the page's HTML."""

    def __init__(self, root: Path | None) -> None:
        self.memo = Memo("readingtime", root, code_fingerprint("lessons.readingtime"))

    def stats(self, page_html: str) -> ReadingStats:
        key = self.memo.key(sha256(page_html))
        counts = self.memo.get(key, _is_counts)
        if counts is not None:
            return ReadingStats(*counts)
        stats = reading_stats(page_html)
        self.memo.put(
            key, [stats.words, stats.inline_formulas, stats.equation_lines, stats.code_lines]
        )
        return stats
