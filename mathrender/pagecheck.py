"""The check after rendering: no raw TeX reaches a page's text, table of contents or title.

Math that Markdown left as text is normally reported at the line it was written by the
marks (mathrender.locate). This check is the net under them, for what they cannot see: text
another plugin generated, a page whose source could not be read. It reads what the learner
gets: the page's text outside code, its table of contents and its title.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from authoring.problems import Problem
from authoring.source import Location
from mathrender import messages
from mathrender.recent import Recent

_RAW = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$|\\begin\{[A-Za-z*]+\}|\\end\{[A-Za-z*]+\}")
_TITLE_TEX = re.compile(r"\$[^$\s][^$]*\$|\\\(|\\\[|\$\$|\\begin\{")
_SKIPPED = re.compile(r"<(code|pre|script|style|kbd|samp)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_FRONT_TITLE = re.compile(r"^title\s*:")


def raw_tex(content: str) -> list[str]:
    """Raw TeX delimiters in the text of ``content`` (page HTML), outside code."""
    text = html.unescape(_TAG.sub(" ", _SKIPPED.sub(" ", content)))
    return [found[0] for found in _RAW.finditer(text)]


def _toc_titles(items: Iterable[AnchorLink]) -> Iterable[str]:
    for item in items:
        yield item.title
        yield from _toc_titles(item.children)


def _line_of(source: str, snippet: str) -> int | None:
    for number, line in enumerate(source.split("\n"), start=1):
        if snippet in line:
            return number
    return None


def check_page(
    page: Page,
    content: str,
    path: str,
    source: str,
    marked: bool,
    recent: Recent[str, list[str]] | None = None,
) -> list[Problem]:
    """Problems with raw TeX on ``page``; ``marked``: the marks already reported some.

    ``recent``: what the last build found in each page's text (`mkdocs serve`).
    """
    problems: list[Problem] = []
    if not marked:
        known = recent.get(content) if recent is not None else None
        if known is None:
            known = raw_tex(content)
            if recent is not None:
                recent.put(content, known)
        found = list(known)
        for heading in _toc_titles(page.toc):
            found += [m[0] for m in _RAW.finditer(html.unescape(heading))]
        if found:
            where = Location(path, _line_of(source, found[0]))
            message = (
                f"raw TeX reaches the page ({', '.join(dict.fromkeys(found))}): this math was "
                "not rendered; check its delimiters ($$ and \\[ … \\] on lines of their own, "
                "every \\begin{…} with its \\end{…}, no math in headings or raw HTML)"
            )
            problems.append(Problem(where, message))
    title = page.meta.get("title") if isinstance(page.meta, dict) else None
    if isinstance(title, str) and _TITLE_TEX.search(title):
        line = next(
            (n for n, text in enumerate(source.split("\n"), 1) if _FRONT_TITLE.match(text)), None
        )
        problems.append(Problem(Location(path, line, 1 if line else None), messages.TITLE))
    return problems
