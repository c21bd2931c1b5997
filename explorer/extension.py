"""The Python-Markdown side: marker lines outside code become explorer HTML.

The preprocessor runs after fenced code has been set aside (priority 25) and before
raw HTML is (20), so a marker shown inside a code block stays text, and Markdown's own
parser, not a pattern, decides what is code. Indented code cannot hold a marker either:
a marker must start at the beginning of its line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from explorer.errors import ErrorLog
from explorer.marker import is_marker_line, parse_marker
from explorer.render import Fallback, render_explorer

PRIORITY = 22


@dataclass
class PageContext:
    """What the preprocessor needs to know about the page being converted."""

    path: str  # as shown in error messages
    source: str  # the page file as written, front matter included
    fallback: Fallback
    errors: ErrorLog
    instances: int = field(default=0)


def source_line_numbers(source: str, lines: list[str]) -> Callable[[int], int]:
    """Map an index into ``lines`` (the text Markdown is converting) to a line of ``source``.

    Front matter, other plugins' insertions and code set aside by fences all shift the
    lines; aligning the two texts maps every unchanged line back to where it was written.
    """
    written = [line.rstrip() for line in source.splitlines()]
    current = [line.rstrip() for line in lines]
    matcher = difflib.SequenceMatcher(None, written, current, autojunk=False)
    origin: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            origin[block.b + k] = block.a + k + 1

    def line_of(index: int) -> int:
        if index in origin:
            return origin[index]
        # Not in the source (e.g. pasted in by another plugin): the first identical line.
        text = current[index]
        return written.index(text) + 1 if text in written else 1

    return line_of


def report_unexpanded(html: str, page: PageContext) -> None:
    """Report markers Markdown kept as comments: indented ones (in lists, admonitions...)."""
    for comment in re.findall(r"<!-- explorer(?![\w-]).*?-->", html, flags=re.DOTALL):
        line = next((n for n, text in enumerate(page.source.splitlines(), 1) if comment in text), 1)
        page.errors.add(
            page.path,
            line,
            "this explorer marker was not expanded: a marker must start at the beginning "
            "of its line, outside lists, admonitions and other indented blocks",
        )


class ExplorerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: ExplorerExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.page
        if page is None or not any(is_marker_line(line) for line in lines):
            return lines
        line_of = source_line_numbers(page.source, lines)
        result: list[str] = []
        for index, line in enumerate(lines):
            if not is_marker_line(line):
                result.append(line)
                continue
            settings, problems = parse_marker(line)
            for problem in problems:
                page.errors.add(page.path, line_of(index), problem)
            if settings is None:
                result.append("")  # reported; the build stops before this page is written
                continue
            page.instances += 1
            html = render_explorer(settings, f"course-explorer-{page.instances}", page.fallback)
            result += ["", self.md.htmlStash.store(html), ""]
        return result


class ExplorerExtension(Extension):
    """Registered once by the plugin; the plugin points it at each page before conversion."""

    def __init__(self) -> None:
        super().__init__()
        self.page: PageContext | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(ExplorerPreprocessor(md, self), "course_explorer", PRIORITY)
