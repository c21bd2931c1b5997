"""Finding the TeX that pymdownx.arithmatex (generic mode) marked in a page's HTML.

Arithmatex escapes the TeX and wraps it in exactly ``<span class="arithmatex">\\(..\\)</span>``
or ``<div class="arithmatex">\\[..\\]</div>``; the escaped body holds no tags, so these
elements can be found without parsing the rest of the page. Code blocks cannot produce a
match: their ``<`` is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A plugin that places math written in another file on the page (quiz text) says where it
# was written: ``data-source="path:line:col"``. The attribute is dropped when rendered.
_ELEMENT = re.compile(
    r'<(?P<tag>span|div) class="arithmatex"(?: data-source="(?P<origin>[^"]*)")?>'
    r"(?P<body>.*?)</(?P=tag)>",
    re.S,
)

# Fragments whose output depends on the others of the page: numbering, labels, references.
_CONTEXTUAL = re.compile(
    r"\\(?:label|ref|eqref|tag|notag|nonumber)(?![A-Za-z])"
    r"|\\begin\s*\{(?:equation|align|gather|multline|flalign|alignat|xalignat|xxalignat"
    r"|eqnarray)\}"
)
# Page-level definitions would leak between fragments and defeat the cache.
_DEFINITION = re.compile(r"\\(?:newcommand|renewcommand|def|let|DeclareMathOperator)(?![A-Za-z])")


@dataclass(frozen=True)
class Fragment:
    tex: str
    display: bool
    start: int
    end: int
    open_tag: str
    close_tag: str
    origin: str | None = None  # "path:line:col" where it was written, when not in the page


def is_contextual(tex: str) -> bool:
    """Whether the output of ``tex`` depends on the page's other equations."""
    return _CONTEXTUAL.search(tex) is not None


def defines_macros(tex: str) -> bool:
    return _DEFINITION.search(tex) is not None


def _strip_delimiters(body: str) -> tuple[str, bool | None]:
    text = body.strip()
    for opener, closer, display in (("\\(", "\\)", False), ("\\[", "\\]", True)):
        if text.startswith(opener) and text.endswith(closer):
            return text[len(opener) : -len(closer)], display
    return text, None  # a bare \begin{...}...\end{...} block


def find_fragments(page_html: str) -> list[Fragment]:
    fragments = []
    for match in _ELEMENT.finditer(page_html):
        tex, display = _strip_delimiters(html.unescape(match["body"]))
        if display is None:
            display = match["tag"] == "div"
        tag = match["tag"]
        fragments.append(
            Fragment(
                tex=tex,
                display=display,
                start=match.start(),
                end=match.end(),
                open_tag=f'<{tag} class="arithmatex">',
                close_tag=f"</{tag}>",
                origin=None if match["origin"] is None else html.unescape(match["origin"]),
            )
        )
    return fragments


def source_lines(source: str, fragments: list[Fragment]) -> list[int | None]:
    """The line of the page's source where each fragment starts, when it can be found.

    Fragments are searched in page order, each from where the previous one was found, so a
    repeated equation is attributed to the right occurrence. Text that a plugin generated
    (not in the source file) gets None.
    """
    lines: list[int | None] = []
    cursor = 0
    for fragment in fragments:
        if fragment.origin is not None:  # written elsewhere: not searched in this page
            lines.append(None)
            continue
        first = next((ln.strip() for ln in fragment.tex.splitlines() if ln.strip()), "")
        index = source.find(first, cursor) if first else -1
        if index < 0 and first:
            index = source.find(first)
        if index < 0:
            lines.append(None)
            continue
        lines.append(source.count("\n", 0, index) + 1)
        cursor = index + len(first)
    return lines
