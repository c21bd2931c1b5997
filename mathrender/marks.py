r"""Marks that carry the place each math fragment was written through Python-Markdown.

Python-Markdown keeps no source positions. Before its block parser runs, the page's lines
are scanned for the math that pymdownx.arithmatex will find (with arithmatex's own patterns
and settings, code spans set aside as Markdown sets them aside), and an invisible mark is
put just inside each opening delimiter: ``$x$`` becomes ``$<mark 3>x$``. The mark is a
few private-use characters, never whitespace, a backslash, ``$`` or Markdown syntax, and it
is placed where it cannot change what arithmatex matches. Markdown's parser then decides
where the text goes: into a math element (whose TeX then says where it was written), into
code (the mark is dropped), or, for math that did not render, into plain text, a table cell
or an attribute, where the mark says exactly which line to blame.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from pymdownx import arithmatex

_START, _END = "\ue07b", "\ue07d"
_DIGIT0 = 0xE070
MARK = re.compile("\ue07b([\ue070-\ue079]+)\ue07d")
MARK_START = _START  # text without it holds no mark (a quicker test than MARK)

# Markdown's code span (markdown.inlinepatterns.BACKTICK_RE), which runs before arithmatex.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
# Every opening below starts with one of these.
_CANDIDATE = re.compile(r"\$|\\\(|\\\[|\\begin\{")
_SPACES = re.compile(r"\s*")
_DISPLAY_OPEN = re.compile(r"\$\$|\\\[|\\begin\{(?P<env>[a-z]+\*?)\}|\\\(")


@functools.cache
def mark(index: int) -> str:
    return _START + "".join(chr(_DIGIT0 + int(d)) for d in str(index)) + _END


def unmarked(text: str) -> str:
    """``text`` without marks (text a plugin compares with the page's source)."""
    return MARK.sub("", text) if _START in text else text


def marks_in(text: str) -> list[int]:
    return [int("".join(str(ord(c) - _DIGIT0) for c in m[1])) for m in MARK.finditer(text)]


@dataclass(frozen=True)
class Opening:
    """Math as the scan found it: where it opens and what kind it is."""

    line: int  # of the opening delimiter, in the page's source file
    col: int
    delimiter: str  # "$", "\\(", "$$", "\\[" or "\\begin{env}"
    display: bool
    tex_line: int  # of the TeX's first character
    tex_col: int
    tex: str = ""  # inline math: the TeX between the delimiters
    closer: str = ""  # display math: the delimiter that ends it
    closed: bool = True  # display math: ended in the same block of lines
    cut_at: int | None = None  # display math: the blank line that ended its block
    alone: bool = True  # display math: the whole block


@dataclass
class Scan:
    """The marks of one page: their openings, by the index each mark holds."""

    openings: list[Opening] = field(default_factory=list)
    # Where each mark went: (index of the line, column in the line as it was given).
    places: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class _Cut:
    """Display math whose block of lines ended (at a blank line) before it closed."""

    opening: Opening
    blank: int | None = None

    def close(self, scan: Scan) -> None:
        """Its closing delimiter was found after the blank line: say so in its opening."""
        for index, item in enumerate(scan.openings):
            if item is self.opening:
                scan.openings[index] = replace(item, cut_at=self.blank)


def _escaped(text: str, index: int) -> bool:
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _closer(delimiter: str) -> str:
    if delimiter == "$$":
        return "$$"
    if delimiter == "\\[":
        return "\\]"
    if delimiter == "\\(":
        return "\\)"
    return "\\end" + delimiter[len("\\begin") :]


class Scanner:
    """Finds math openings in a page's lines, as arithmatex with ``config`` will."""

    def __init__(self, config: dict[str, Any]) -> None:
        inline = set(config.get("inline_syntax", ["dollar", "round"]))
        patterns = []
        if "dollar" in inline:
            smart = config.get("smart_dollar", True)
            patterns.append(
                arithmatex.RE_SMART_DOLLAR_INLINE if smart else arithmatex.RE_DOLLAR_INLINE
            )
        if "round" in inline:
            patterns.append(arithmatex.RE_BRACKET_INLINE)
        self.inline = re.compile(f"(?:{'|'.join(patterns)})", re.S) if patterns else None
        block = set(config.get("block_syntax", ["dollar", "square", "begin"]))
        blocks = []
        if "dollar" in block:
            blocks.append(arithmatex.RE_DOLLAR_BLOCK)
        if "square" in block:
            blocks.append(arithmatex.RE_BRACKET_BLOCK)
        if "begin" in block:
            blocks.append(arithmatex.RE_TEX_BLOCK)
        self.block = re.compile(rf"(?s)^(?:{'|'.join(blocks)})[ ]*$") if blocks else None

    def scan(self, lines: list[str], line_of: Callable[[int], int]) -> tuple[list[str], Scan]:
        """The lines with a mark inside each math opening, and what each mark stands for."""
        scan = Scan()
        out = list(lines)
        cut: _Cut | None = None  # display math whose block of lines ended before it closed
        start = 0
        while start < len(lines):
            if not lines[start].strip():
                if cut is not None and cut.blank is None:
                    cut.blank = line_of(start)
                start += 1
                continue
            end = start
            while end + 1 < len(lines) and lines[end + 1].strip():
                end += 1
            chunk = "\n".join(lines[start : end + 1])
            marked, cut = self._chunk(chunk, start, line_of, scan, cut)
            out[start : end + 1] = marked.split("\n")
            start = end + 1
        return out, scan

    def _chunk(
        self,
        chunk: str,
        first: int,
        line_of: Callable[[int], int],
        scan: Scan,
        cut: _Cut | None,
    ) -> tuple[str, _Cut | None]:
        if cut is None and not _CANDIDATE.search(chunk):
            return chunk, None  # no math can start here
        masked = _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", "\x02", m[0]), chunk)
        inserts: list[tuple[int, Opening]] = []  # (index in chunk, opening)

        def place(index: int) -> tuple[int, int]:
            line = chunk.count("\n", 0, index)
            return line_of(first + line), index - (chunk.rfind("\n", 0, index) + 1) + 1

        def opening(index: int, delimiter: str, display: bool, **kw: Any) -> Opening:
            # An environment is part of its TeX; other delimiters are not.
            after = index if delimiter.startswith("\\begin") else index + len(delimiter)
            spaces = _SPACES.match(chunk, after)  # (\s* always matches)
            tex = spaces.end() if spaces is not None else after
            return Opening(*place(index), delimiter, display, *place(tex), **kw)

        position = 0
        if cut is not None:
            # The rest of display math that a blank line cut: its closing is no opening.
            # (Looked for in the next block only: a later one starts math of its own.)
            found = masked.find(cut.opening.closer)
            if found >= 0:
                cut.close(scan)
                position = found + len(cut.opening.closer)
            cut = None

        dedented = "\n".join(line.lstrip() for line in masked.split("\n"))
        if position == 0 and self.block is not None and self.block.match(dedented):
            index = len(masked) - len(masked.lstrip())
            delimiter = _DISPLAY_OPEN.match(masked, index)
            if delimiter is not None:
                text = delimiter[0]
                spot = self._inside(chunk, index + len(text))
                if spot is not None:
                    inserts.append((spot, opening(index, text, True, closer=_closer(text))))
                return self._apply(chunk, first, inserts, scan), None

        inline_spans: list[tuple[int, int]] = []
        if self.inline is not None:
            for match in self.inline.finditer(masked, position):
                groups = match.groups()
                if groups[0] or (len(groups) > 3 and groups[3]):
                    continue  # escaped backslashes
                group = 2 if groups[1] else 5
                inline_spans.append((match.start(), match.end()))
                item = opening(match.start(group), match[group], False, tex=match[group + 1])
                inserts.append((match.end(group), item))

        # Display delimiters, and \( that never closes: math arithmatex will leave as text.
        while True:
            delimiter = _DISPLAY_OPEN.search(masked, position)
            if delimiter is None:
                break
            index, text = delimiter.start(), delimiter[0]
            position = delimiter.end()
            if _escaped(masked, index) or any(a < index < b for a, b in inline_spans):
                continue
            close = _closer(text)
            end = masked.find(close, position)
            if text == "\\(":
                if end < 0:
                    inserts.append((position, opening(index, text, False, closed=False)))
                continue
            spot = self._inside(chunk, position)
            if spot is None or (end >= 0 and spot >= end):
                # No place for a mark (the check after rendering still sees raw TeX), or
                # nothing between the delimiters, where a mark would become the math.
                if end < 0:
                    break
                position = end + len(close)
                continue
            if end >= 0:
                # Inline math cut out of $$x$$ belongs to this display math.
                stop = end + len(close)
                inserts[:] = [(i, o) for i, o in inserts if not index <= i <= stop]
            item = opening(index, text, True, closer=close, closed=end >= 0, alone=False)
            inserts.append((spot, item))
            if end < 0:
                cut = _Cut(item)
                break
            position = end + len(close)
        return self._apply(chunk, first, inserts, scan), cut

    @staticmethod
    def _inside(chunk: str, index: int) -> int | None:
        """Where a display opening's mark goes (``index``: just after the delimiter), or None.

        Right after the delimiter when text follows on its line; else before the formula's
        first character on a later line, if that character cannot start Markdown syntax (a
        letter, a backslash, a brace...). A mark never goes before a ``$`` or right after
        ``$$`` and a space or line break: arithmatex reads those places for inline math.
        """
        following = chunk[index : index + 1]
        if following and not following.isspace():
            return index if following != "$" else None
        rest = chunk[index:]
        start = index + len(rest) - len(rest.lstrip())
        first = chunk[start : start + 1]
        if first and (first.isalpha() or first in "\\{(&"):
            return start
        return None

    @staticmethod
    def _apply(chunk: str, first: int, inserts: list[tuple[int, Opening]], scan: Scan) -> str:
        out = []
        cursor = 0
        for index, item in sorted(inserts, key=lambda pair: pair[0]):
            out.append(chunk[cursor:index])
            out.append(mark(len(scan.openings)))
            scan.openings.append(item)
            line_start = chunk.rfind("\n", 0, index) + 1
            scan.places.append((first + chunk.count("\n", 0, index), index - line_start))
            cursor = index
        out.append(chunk[cursor:])
        return "".join(out)
