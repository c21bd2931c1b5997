"""Where each math fragment of a page was written, and math that Markdown left as text.

A Markdown extension of the course-math plugin, in three steps (the marks: mathrender.marks):

- a preprocessor, after fenced code is set aside and before raw HTML is, marks each math
  opening with the line and column it was written at;
- a tree processor, after inline Markdown and before the table of contents and the page
  title are taken from the tree, gives each math element ``data-source="path:line:col"``
  (the math plugin reports its TeX problems there) and drops the marks. A mark found
  anywhere else is math that did not render: in a heading, a table cell cut by ``|``, an
  image's alt text, text where a blank line cut display math... each is reported at its
  line with the fix. Marks in code are dropped silently;
- a postprocessor does the same for raw HTML blocks, which Markdown does not parse.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any, NamedTuple

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.arithmatex import ArithmatexExtension

from authoring.markers import PageSource, source_line_numbers
from authoring.problems import Problem
from authoring.source import Location
from mathrender import messages
from mathrender.cache import RenderCache
from mathrender.markfile import read_scan, scan_key, write_scan
from mathrender.marks import MARK, MARK_START, Opening, Scan, Scanner, marks_in, unmarked
from mathrender.recent import Recent

NAME = "course_math_locations"
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CODE = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
_CELLS = frozenset({"td", "th"})
_CANDIDATE = re.compile(r"\$|\\\(|\\\[|\\begin\{")

Report = Callable[[Problem], None]
# A page's marked lines and their openings, by the page and the lines Markdown gave.
Scans = Recent[tuple[str, str, str, str], tuple[list[str], Scan]]


class _State:
    """The page being converted and the marks put into it."""

    def __init__(self, page: PageSource, report: Report) -> None:
        self.page = page
        self.report = report
        self.scan = Scan()
        self.source_lines = page.source.split("\n")
        self.reported = 0  # problems with math that did not render

    def location(self, opening: Opening) -> Location:
        return Location(self.page.path, opening.line, opening.col)

    def problem(self, opening: Opening, message: str) -> None:
        line = opening.line
        context = self.source_lines[line - 1] if 0 < line <= len(self.source_lines) else None
        self.report(Problem(self.location(opening), message, context=context))
        self.reported += 1

    def opening(self, index: int) -> Opening | None:
        openings = self.scan.openings
        return openings[index] if 0 <= index < len(openings) else None


class _MarkOpenings(Preprocessor):
    def __init__(self, md: Markdown, extension: MathLocations) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        state = self.extension.start(self.md)
        if state is None or not any(_CANDIDATE.search(line) for line in lines):
            return lines
        config = _arithmatex_config(self.md)
        if config is None:
            return lines
        page, settings = state.page, repr(sorted(config.items()))
        scans, store = self.extension.scans, self.extension.store
        key = (page.path, page.source, "\n".join(lines), settings)
        known = scans.get(key) if scans is not None else None
        if known is None and store is not None:  # the page as it was in an earlier build
            stored_key = scan_key(store, page.path, page.source, lines, settings)
            known = read_scan(store, page.path, stored_key, lines)
            if known is None:
                line_of = source_line_numbers(page.source, lines)
                known = Scanner(config).scan(lines, line_of)
                write_scan(store, page.path, stored_key, lines, *known)
        elif known is None:
            known = Scanner(config).scan(lines, source_line_numbers(page.source, lines))
        if scans is not None:
            scans.put(key, known)
        marked, state.scan = known
        return list(marked)


class _Inside(NamedTuple):
    """What an element is inside of (itself included), as far as marks are concerned."""

    heading: bool
    code: bool
    cell: bool


_OUTSIDE = _Inside(False, False, False)


class _PlaceMath(Treeprocessor):
    """Math elements say where they were written; marks left elsewhere are problems."""

    def __init__(self, md: Markdown, extension: MathLocations) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        state = self.extension.state
        if state is None or not state.scan.openings:
            return
        self._walk(root, _OUTSIDE, state)

    def _walk(self, element: etree.Element, inside: _Inside, state: _State) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        here = inside
        if tag in _HEADINGS or tag in _CODE or tag in _CELLS:
            here = _Inside(
                inside.heading or tag in _HEADINGS,
                inside.code or tag in _CODE,
                inside.cell or tag in _CELLS,
            )
        text = element.text
        if text and "arithmatex" in (element.get("class") or "").split():
            self._math(element, here, state)
        elif text and MARK_START in text:
            element.text = self._text(text, here, state)
        for name, value in element.items():
            if MARK_START in value and MARK.search(value):
                element.set(name, unmarked(value))
                for opening in _openings(value, state):
                    state.problem(opening, messages.in_attribute(name, opening))
        for child in element:
            self._walk(child, here, state)
            tail = child.tail
            if tail and MARK_START in tail:
                child.tail = self._text(tail, here, state)

    def _math(self, element: etree.Element, here: _Inside, state: _State) -> None:
        text = element.text or ""
        found = _openings(text, state)
        element.text = AtomicString(unmarked(text))
        if not found:
            return  # written by a plugin, not in the page's Markdown
        opening = found[0]
        tex = Location(state.page.path, opening.tex_line, opening.tex_col)
        element.set("data-source", str(tex))
        if here.heading:
            state.problem(opening, messages.HEADING)
        elif opening.display and element.tag == "span":
            state.problem(opening, messages.display_not_alone(opening))

    @staticmethod
    def _text(text: str | None, here: _Inside, state: _State) -> str | None:
        if not text or not MARK.search(text):
            return text
        if not here.code:
            for opening in _openings(text, state):
                state.problem(opening, messages.not_rendered(opening, here.cell))
        kept = unmarked(text)
        return AtomicString(kept) if isinstance(text, AtomicString) else kept


class _RawHtmlMarks(Postprocessor):
    """Marks in raw HTML blocks, which Markdown passes through without parsing."""

    def __init__(self, md: Markdown, extension: MathLocations) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, text: str) -> str:
        state = self.extension.state
        if state is None or not MARK.search(text):
            return text
        for found in MARK.finditer(text):
            before = text[: found.start()]
            if _in_raw_code(before):
                continue
            for opening in _openings(found[0], state):
                state.problem(opening, messages.IN_RAW_HTML)
        return unmarked(text)


def _in_raw_code(before: str) -> bool:
    """Whether the end of ``before`` is inside a code, pre, script or style element."""
    tags = re.findall(r"<(/?)(code|pre|kbd|samp|script|style)\b", before, re.I)
    return bool(tags) and tags[-1][0] == ""


def _openings(text: str, state: _State) -> list[Opening]:
    return [o for o in map(state.opening, marks_in(text)) if o is not None]


def _arithmatex_config(md: Markdown) -> dict[str, Any] | None:
    for extension in md.registeredExtensions:
        if isinstance(extension, ArithmatexExtension):
            config: dict[str, Any] = extension.getConfigs()
            return config
    return None


class MathLocations(Extension):
    """Registered by the course-math plugin; ``context`` gives the page being converted and
    where its problems go (None when no page of the site is being converted)."""

    def __init__(
        self,
        context: Callable[[], tuple[PageSource, Report] | None],
        scans: Scans | None = None,
        store: RenderCache | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self.scans = scans  # under `mkdocs serve`: the marks of the last build's pages
        self.store = store  # where each page's marks are kept between builds (markfile.py)
        self.state: _State | None = None

    def start(self, md: Markdown) -> _State | None:
        found = self.context()
        self.state = None if found is None else _State(*found)
        return self.state

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After superfences (25) and the course's markers (22), before raw HTML (20).
        md.preprocessors.register(_MarkOpenings(md, self), NAME, 21)
        # After inline Markdown (20), before attr_list (8), the toc (5) and the page title (1).
        md.treeprocessors.register(_PlaceMath(md, self), NAME, 15)
        # After raw HTML is put back (30).
        md.postprocessors.register(_RawHtmlMarks(md, self), NAME, 25)

    def reset(self) -> None:
        self.state = None
