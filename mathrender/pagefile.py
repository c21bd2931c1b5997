"""A page's equations as they go into the page, stored in one file per page.

A warm build reads this one file for a page instead of looking up each equation: the
equations after their glyph outlines were moved out (mathrender.glyphs), and the page's
glyph definitions. The file's key is the hash of the page's HTML as Markdown made it (TeX
included), the renderer's fingerprint and the code below, so any edit of the page is a miss,
and the page is rendered from its equations' cache (mathrender.cache). Pages with a TeX
problem are not stored. What a file holds passes the policy check (mathrender.policy) before
it is used; a file that fails it, or holds anything else than it should, counts as damaged.

The body is not JSON (whose escaped quotes made reading it the slowest part of a warm build)
but the glyph definitions, the words of each equation for the search index
(mathrender.searchtext, so a warm build does not find them again) and each equation,
separated by NUL, a character no rendering holds (a page whose renderings hold one is not
stored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from authoring.files import sha256
from mathrender.cache import RenderCache, is_rendering
from mathrender.policy import unsafe

SEPARATOR = "\x00"
WORD_SEPARATOR = "\x01"
_WORDS = re.compile("[A-Za-z0-9 .\x01-]*")  # what searchtext.readable writes, and separators
# The code that turns renderings into what a page file holds: a change of it is a miss.
CODE = sha256(
    b"".join(
        Path(__file__).with_name(name).read_bytes()
        for name in ("glyphs.py", "render.py", "pagefile.py")
    )
)


def _name(path: str) -> str:
    return f"page {path}"


def page_key(cache: RenderCache, path: str, page_html: str) -> str:
    return cache.key("page", CODE, path, sha256(page_html))  # (hashing the text is quicker)


@dataclass(frozen=True)
class StoredPage:
    equations: list[str]  # each equation's rendering, without its glyph outlines
    glyphs: str  # the page's glyph definitions
    words: list[str]  # each equation's words for the search index (mathrender.searchtext)


def read_page(cache: RenderCache, path: str, key: str, count: int) -> StoredPage | None:
    """The ``count`` equations, glyph definitions and words stored for the page, or None."""
    name = _name(path)
    body = cache.read_text(name, key)
    if body is None:
        return None
    parts = body.split(SEPARATOR)
    glyphs, words, equations = parts[0], parts[1] if len(parts) > 1 else "", parts[2:]
    if (
        len(equations) != count
        or not _WORDS.fullmatch(words)
        or len(words.split(WORD_SEPARATOR)) != count
        or not all(map(is_rendering, equations))
        # One check of the whole body: a match never spans a separator without holding it,
        # and a NUL in an address is refused, so each part is checked as on its own.
        or unsafe(body) is not None
    ):
        cache.damaged_file(name)
        return None
    return StoredPage(equations, glyphs, words.split(WORD_SEPARATOR))


def write_page(cache: RenderCache, path: str, key: str, page: StoredPage) -> None:
    if any(SEPARATOR in part for part in [page.glyphs, *page.equations]) or not all(
        _WORDS.fullmatch(words) for words in page.words
    ):
        return
    words = WORD_SEPARATOR.join(page.words)
    cache.write_text(_name(path), key, SEPARATOR.join([page.glyphs, words, *page.equations]))
