"""MkDocs' own warnings as located problems: its link and anchor checks name no line.

MkDocs validates every link and anchor (``validation:`` in mkdocs.yml) and logs a warning
naming the page and the link as written. The check command turns each into a problem at the
line that holds the link: where a plugin says it wrote it on the page from another file
(``record_links``: the quiz's text, at its quiz file's line), else in the page's source.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from authoring.problems import Problem
from authoring.source import Location, shown_path

_LINK = re.compile(
    r"Doc file '(?P<page>[^']+)' contains (?:an? )?(?:absolute |unrecognized relative )?"
    r"link '(?P<link>[^']+)'"
)
PAGES_LOGGER = "mkdocs.structure.pages"  # where MkDocs logs its link and anchor checks


def is_link_warning(message: str) -> bool:
    return _LINK.search(message) is not None


_LOCATED = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.*)", re.S)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")

# Links that plugins put on pages from other files, by page (src_uri), then link as
# written: where each was written. One build at a time per process; a page's entry is
# replaced each time the page is read.
_written: dict[str, dict[str, Location]] = {}


def record_links(page_src_uri: str, links: dict[str, Location]) -> None:
    """The links a plugin placed on a page from another file, and where each was written."""
    _written[page_src_uri] = dict(links)


def _line_of_link(text: str, link: str) -> tuple[int, int] | None:
    """The 1-based line and column where ``link`` is written as a link target, outside code."""
    fence: str | None = None
    needles = (f"]({link}", f"]: {link}", f'href="{link}"', f"<{link}>")
    for number, line in enumerate(text.split("\n"), start=1):
        opened = _FENCE.match(line)
        if opened:
            mark = opened.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        for needle in needles:
            col = line.find(needle)
            if col >= 0:
                return number, col + 1 + (needle.index(link))
    return None


def validate_anchors(files: Files, config: MkDocsConfig) -> None:
    """MkDocs' own anchor check of every page read so far: its warnings are logged as in a
    build (the check command runs it before the build stops, since MkDocs runs it only
    after writing the pages)."""
    level = config.validation.links.anchors
    for file in files.documentation_pages():
        if file.page is not None and file.page.present_anchor_ids is not None:
            file.page.validate_anchor_links(files=files, log_level=level)


def locate_warning(message: str, config: MkDocsConfig, root: Path) -> Problem:
    """A problem for one logged warning, at the line of the link it names when it names one."""
    located = _LOCATED.match(message)
    if located:
        line, col = int(located["line"]), located["col"]
        where = Location(located["path"], line, int(col) if col else None)
        return Problem(where, located["message"])
    link = _LINK.search(message)
    if link is None:
        return Problem(Location(shown_path(config.config_file_path or "mkdocs.yml", root)), message)
    placed = _written.get(link["page"], {}).get(link["link"])
    if placed is not None:
        return Problem(placed, _plain(message))
    page = Path(config.docs_dir) / link["page"]
    try:
        found = _line_of_link(page.read_text(encoding="utf-8"), link["link"])
    except OSError:
        found = None
    where = Location(shown_path(page, root), *(found or (None, None)))
    return Problem(where, _plain(message))


def _plain(message: str) -> str:
    """MkDocs' sentence without the page name the location already gives, ending with the fix."""
    text = re.sub(r"^Doc file '[^']+' contains ", "", message).rstrip(".")
    return f"{text}; fix the link or the heading it points to"
