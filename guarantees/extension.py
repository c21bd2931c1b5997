"""The Markdown extension that records, for each page converted, its prose and its code.

- a preprocessor after superfences has set fenced code aside (priority 24, see
  guarantees.prose) splits the page into prose lines and fenced blocks with file lines;
- a treeprocessor, once the block parser has built tabbed sets, records which tab of which
  tab group each fenced block ended up in (``=== "NumPy"`` / ``=== "PyTorch"``).

When a page is done, the recorder hands its record to ``on_page`` (the numbers check).
Markers' Markdown expansions are put through the same preprocessors in the middle of the
page's conversion (authoring.markers): only the first run of a conversion is the page.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from mkdocs.structure.pages import Page

from authoring.markers import Marker, PageSource
from guarantees.prose import SplitPage, split_page

PRIORITY = 24  # after superfences (25) set fenced code aside, before markers (22)
_STASHED = re.compile(r"\x02wzxhzdk:(\d+)\x03")


@dataclass
class PageRecord:
    """What the check needs from one converted page."""

    page: Page
    path: str  # as shown to authors
    source: str
    lines: list[str]  # the text Markdown converts, fenced code set aside
    tabs: dict[int, tuple[int, int]] = field(default_factory=dict)  # stash -> (group, tab)
    norun: list[Marker] = field(default_factory=list)

    @functools.cached_property
    def split(self) -> SplitPage:
        """Prose and fenced blocks (aligning the texts costs: only when a check needs it)."""
        return split_page(self.source, self.lines)


class Recorder:
    """The pages of one build, recorded as Markdown converts them."""

    def __init__(
        self,
        current: Callable[[], PageSource | None],
        wanted: Callable[[Page], bool],
        on_page: Callable[[PageRecord], None],
    ) -> None:
        self.current = current
        self.wanted = wanted
        self.on_page = on_page
        self.pages: dict[str, PageRecord] = {}  # by source URI, in conversion order
        self.pending: PageRecord | None = None
        self.converting: Markdown | None = None  # the conversion ``pending`` belongs to

    def start(self, md: Markdown, lines: list[str]) -> None:
        if md is self.converting:
            return  # a marker's expansion put through the preprocessors: not the page
        self.pending, self.converting = None, md
        source = self.current()
        if source is None or source.page.file.src_uri in self.pages:
            return  # not a page, or a second conversion of one
        if not self.wanted(source.page):
            return
        self.pending = PageRecord(source.page, source.path, source.source, list(lines))

    def finish(self, root: etree.Element) -> None:
        record, self.pending, self.converting = self.pending, None, None
        if record is None:
            return
        record.tabs = tab_groups(root)
        self.pages[record.page.file.src_uri] = record
        self.on_page(record)


def tab_groups(root: etree.Element) -> dict[int, tuple[int, int]]:
    """For each stashed block inside a tabbed set: (the set's number, the tab's index)."""
    found: dict[int, tuple[int, int]] = {}
    sets = 0

    def walk(element: etree.Element, where: tuple[int, int] | None) -> None:
        nonlocal sets
        classes = (element.get("class") or "").split()
        if "tabbed-set" in classes:
            sets += 1
            group = sets
            tabs = [child for child in element if _is_tab(child)]
            if not tabs:  # alternate style: the tabs are inside div.tabbed-content
                tabs = [
                    tab
                    for child in element
                    if "tabbed-content" in (child.get("class") or "").split()
                    for tab in child
                    if "tabbed-block" in (tab.get("class") or "").split()
                ]
            for index, tab in enumerate(tabs):
                walk(tab, (group, index))
            return
        for text in (element.text, element.tail):
            if text and where is not None:
                for match in _STASHED.finditer(text):
                    found[int(match[1])] = where
        for child in element:
            walk(child, where)

    walk(root, None)
    return found


def _is_tab(element: etree.Element) -> bool:
    classes = (element.get("class") or "").split()
    return "tabbed-content" in classes and not any(
        "tabbed-block" in (child.get("class") or "").split() for child in element
    )


class _Start(Preprocessor):
    def __init__(self, md: Markdown, recorder: Recorder) -> None:
        super().__init__(md)
        self.recorder = recorder

    def run(self, lines: list[str]) -> list[str]:
        self.recorder.start(self.md, lines)
        return lines


class _Finish(Treeprocessor):
    def __init__(self, md: Markdown, recorder: Recorder) -> None:
        super().__init__(md)
        self.recorder = recorder

    def run(self, root: etree.Element) -> None:
        self.recorder.finish(root)


class GuaranteesExtension(Extension):
    """Registered once per build by the lessons plugin (guarantees.LessonGuarantees)."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Start(md, self.recorder), "course_guarantees", PRIORITY)
        # Before inline patterns (20): stashed blocks are still placeholders in the text.
        md.treeprocessors.register(_Finish(md, self.recorder), "course_guarantees", 30)
