"""Estimated reading time of a page, from its words and its equations.

Counted on the page's HTML before the math is rendered, when each formula is still an
arithmatex element holding its TeX: prose and code are counted in words, inline formulas as
a few words each, and displayed equations by their lines, which are read far more slowly
than prose.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from html.parser import HTMLParser

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

    def minutes(self, config: LessonsConfig) -> int:
        """Whole minutes, at least one."""
        words = self.words + self.inline_formulas * config.words_per_inline_formula
        seconds = 60.0 * words / config.words_per_minute
        seconds += self.equation_lines * config.seconds_per_equation_line
        return max(1, math.floor(seconds / 60.0 + 0.5))


class _Counter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words = 0
        self.inline = 0
        self.lines = 0
        self._stack: list[tuple[str, str | None]] = []  # (tag, "inline"/"display"/"skip"/None)
        self._math: list[str] = []

    def _mode(self) -> str | None:
        for _tag, mode in reversed(self._stack):
            if mode is not None:
                return mode
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            return
        classes = (dict(attrs).get("class") or "").split()
        mode: str | None = None
        if tag in _SKIPPED_TAGS or "headerlink" in classes:
            mode = "skip"
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
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        mode = self._mode()
        if mode in ("inline", "display"):
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
    return ReadingStats(counter.words, counter.inline, counter.lines)
