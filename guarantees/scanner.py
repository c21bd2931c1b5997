"""The numbers a reader sees in a page's prose, each with its place and whether it is structural.

The prose (guarantees.prose) has no fenced code any more. What else a reader does not read
as a number is blanked out first, keeping every character's position: inline code, HTML
comments and tags, link and image targets, URLs, attribute lists ``{#id .class}``, footnote
labels ``[^1]``, ordered-list numbering ``1.``, lesson ids ``14-2``, and inside TeX the
names in ``\\label{}``, ``\\eqref{}``, ``\\ref{}``, ``\\sym{id}``, ``\\begin{}``/``\\end{}``.

A number is a run of digits with an optional decimal part (``0.318``) and thousands commas
(``1,000``), not glued to a word before it (``s2``, ``x_1``, ``\\frac12`` hold no number). A
minus sign written against it (``−1.95``, ``-1.95``) belongs to it unless it follows a word,
a digit or a closing bracket (``x-1`` is a subtraction).

Structural numbers (STRUCTURAL below) need no claim; every other number does.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from decimal import Decimal

from guarantees.prose import ProseLine

STRUCTURAL = """\
- the integers 0 and 1 (and -1), anywhere;
- in TeX only: a one-digit exponent or subscript (x^2, x_1, x^{2}, x^{-1}); the 2 of
  \\frac{1}{2} and \\tfrac{1}{2} (\\frac12 holds no number at all); the 2 of 2\\pi;
  and a 2 that multiplies or divides a symbol: 2s^2, 2\\sigma^2, 2 \\log \\sigma, D/2,
  \\mu^2 / 2, \\frac{D}{2} (but 1/2, \\frac{3}{2} and 2 \\times 3 hold numbers to claim).
"""


@dataclass(frozen=True)
class Number:
    """One number in the prose; ``start``/``end`` index the page text."""

    start: int
    end: int
    literal: str  # as written, with its sign: "−1.95"
    value: Decimal
    decimals: int
    in_tex: bool
    structural: bool  # needs no claim
    formula: bool  # structural by its place in a formula (x^2, 2\\pi): never a claimed value


@dataclass(frozen=True)
class PageText:
    """The prose of a page joined into one text, with the file place of every character."""

    text: str  # as written
    masked: str  # the same length, with what is not read as numbers blanked
    starts: list[int]  # the text index where each prose line starts
    lines: list[ProseLine]
    tex: list[tuple[int, int]]

    def place(self, index: int) -> tuple[int, int]:
        """The file line and column of text index ``index``."""
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        line = self.lines[lo]
        return line.line, line.col + index - self.starts[lo]


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_TEX = re.compile(
    r"(?<!\\)\$\$.+?(?<!\\)\$\$"
    r"|\\\[.+?\\\]"
    r"|\\begin\{(?P<env>[^}]+)\}.+?\\end\{(?P=env)\}"
    r"|\\\(.+?\\\)"
    r"|(?<![\\$])\$(?![\s$])(?:\\.|[^\\$\n]|\n(?![ \t]*\n))+?(?<![\s\\])\$",
    re.S,
)
# Blanked outside TeX: what is not read as a number.
_NOT_PROSE = [
    re.compile(
        r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s<>=/]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=]+))?)*\s*/?>"
    ),
    re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"),
    re.compile(r"(?<=\])\[[^\]\n]*\]"),  # [text][reference]
    re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*$", re.M),  # reference definitions
    re.compile(r"\b(?:https?|ftp|mailto):[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+"),
    re.compile(r"(?<!\\)\{\s*[:#.][^{}\n]*\}"),  # attribute lists
    re.compile(r"\[\^[^\]\s]+\]"),  # footnote labels
    re.compile(r"^[ \t]*\d+(?=[.)][ \t])", re.M),  # ordered-list numbers
    re.compile(r"(?<![\w.\-])\d+-\d+(?![\w\-]|\.\d)"),  # lesson ids: 14-2
    re.compile(r"&#?\w+;"),  # HTML entities
    re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:"),  # icons
    re.compile(r"^[ \t]*-{1,2}8<-{1,2}.*$", re.M),  # snippet directives
]
# Blanked inside TeX: names, not numbers.
_TEX_NAMES = re.compile(r"\\(?:label|eqref|ref|sym|class|begin|end|href|tag\*)\s*\{[^{}]*\}")
_NUMBER = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)|\d+)(?:\.\d+)?")
_MINUS = "-−"
_OPERAND = re.compile(r"[\w)\]}]")


def _blanks(text: str) -> str:
    """Spaces for ``text``, its line breaks kept (every position stays where it was)."""
    return re.sub(r"[^\n]", " ", text)


def _inside(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether ``index`` is inside one of ``spans`` (sorted, not overlapping)."""
    at = bisect.bisect_right(spans, (index, sys.maxsize)) - 1
    return at >= 0 and spans[at][0] <= index < spans[at][1]


def _blank_all(
    text: str, pattern: re.Pattern[str], spans: list[tuple[int, int]] | None, inside: bool
) -> str:
    """``text`` with the matches of ``pattern`` blanked: those that start inside ``spans``
    (``inside``) or outside them; all of them when ``spans`` is None."""

    def blank(match: re.Match[str]) -> str:
        if spans is not None and _inside(spans, match.start()) != inside:
            return match.group(0)
        return _blanks(match.group(0))

    return pattern.sub(blank, text)


def page_text(lines: list[ProseLine]) -> PageText:
    """Join prose lines (a gap between non-adjacent lines becomes a paragraph break)."""
    parts: list[str] = []
    starts: list[int] = []
    position = 0
    for index, line in enumerate(lines):
        if index:
            separator = "\n" if line.line == lines[index - 1].line + 1 else "\n\n"
            parts.append(separator)
            position += len(separator)
        starts.append(position)
        parts.append(line.text)
        position += len(line.text)
    text = "".join(parts)
    masked = _blank_all(text, _COMMENT, None, False)
    masked = _blank_all(masked, _CODE_SPAN, None, False)
    tex = [(m.start(), m.end()) for m in _TEX.finditer(masked)]
    for pattern in _NOT_PROSE:
        masked = _blank_all(masked, pattern, tex, inside=False)
    masked = _blank_all(masked, _TEX_NAMES, tex, inside=True)
    return PageText(text, masked, starts, lines, tex)


def numbers(page: PageText) -> list[Number]:
    """Every number of the page's prose, in order."""
    found = []
    masked = page.masked
    for match in _NUMBER.finditer(masked):
        start, end = match.start(), match.end()
        in_tex = _inside(page.tex, start)
        if start and masked[start - 1] in _MINUS and not _follows_operand(masked, start - 1):
            start -= 1
        literal = page.text[start:end]
        digits = match.group(0).replace(",", "")
        negative = start < match.start()
        value = Decimal(("-" if negative else "") + digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        formula = in_tex and _formula(masked, match.start(), end)
        structural = formula or (decimals == 0 and abs(value) in (0, 1))
        found.append(Number(start, end, literal, value, decimals, in_tex, structural, formula))
    return found


def _follows_operand(text: str, sign: int) -> bool:
    """Whether the minus at ``sign`` is a subtraction: it is glued to a word or bracket."""
    return sign > 0 and _OPERAND.match(text[sign - 1]) is not None


# A relation or operator after a 2 makes it a plain number (2 \times 3), not a factor.
_FACTOR_OF = re.compile(
    r"\s*(?:\\(?!(?:times|cdot|approx|le|leq|ge|geq|ne|neq|quad|qquad|pm|mp|to|in|text)"
    r"(?![A-Za-z]))[A-Za-z]|[A-Za-z])"
)
_NUMBER_OVER = re.compile(r"(?:^|[^\w^_{.])\d+(?:\.\d+)?\s*/\s*$")  # 1/2, 3 / 2
_FRAC_OF_NUMBER = re.compile(r"\\[dt]?frac\{\s*\d+(?:\.\d+)?\s*\}\{$")  # \frac{3}{2}


def _formula(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]``, in TeX, is part of a formula's form."""
    digits = text[start:end]
    before, after = text[max(0, start - 24) : start], text[end : end + 12]
    if len(digits) == 1:
        if before.endswith(("^", "_")):
            return True
        if re.search(r"[\^_]\{-?$", before) and after.startswith("}"):
            return True
    if digits != "2":
        return False
    if re.search(r"\\[dt]?frac\{1\}\{$", before) and after.startswith("}"):
        return True
    if _FACTOR_OF.match(after):  # 2\pi, 2s^2, 2\sigma^2, 2 \log
        return True
    if re.search(r"/\s*$", before):  # D/2, \mu^2 / 2, but not 1/2
        return _NUMBER_OVER.search(before) is None
    if before.endswith("}{") and after.startswith("}"):  # \frac{D}{2}, not \frac{3}{2}
        return _FRAC_OF_NUMBER.search(before) is None
    return False
