"""MkDocs' own warnings as located problems: its link and anchor checks name no line.

MkDocs validates every link and anchor (``validation:`` in mkdocs.yml) and logs a warning
naming the page and the link as written. The check command turns each into a problem at the
line that holds the link: in the page itself, or in a quiz file beside it (quizzes are
Markdown shown on the page).
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from authoring.problems import Problem
from authoring.source import Location, shown_path

_LINK = re.compile(
    r"Doc file '(?P<page>[^']+)' contains (?:an? )?(?:absolute |unrecognized relative )?"
    r"link '(?P<link>[^']+)'"
)
_LOCATED = re.compile(r"^(?P<path>[^\s:]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<message>.*)", re.S)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


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
    page = Path(config.docs_dir) / link["page"]
    candidates = [page, *sorted(page.parent.glob(f"{page.stem}*.quiz.yml"))]
    for candidate in candidates:
        try:
            text = candidate.read_text(encoding="utf-8")
        except OSError:
            continue
        found = _line_of_link(text, link["link"])
        if found is not None:
            where = Location(shown_path(candidate, root), found[0], found[1])
            return Problem(where, _plain(message))
    return Problem(Location(shown_path(page, root)), _plain(message))


def _plain(message: str) -> str:
    """MkDocs' sentence without the page name the location already gives, ending with the fix."""
    text = re.sub(r"^Doc file '[^']+' contains ", "", message).rstrip(".")
    return f"{text}; fix the link or the heading it points to"
