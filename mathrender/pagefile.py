"""A page's equations as they go into the page, stored in one file per page.

A warm build reads this one file for a page instead of looking up each equation: the
equations after their glyph outlines were moved out (mathrender.glyphs), and the page's
glyph definitions. The file's key is the hash of the page's HTML as Markdown made it (TeX
included), the renderer's fingerprint and the code below, so any edit of the page is a miss,
and the page is rendered from its equations' cache (mathrender.cache). Pages with a TeX
problem are not stored. What a file holds passes the policy check (mathrender.policy) before
it is used; a file that fails it, or holds anything else than it should, counts as damaged.

The body is not JSON (whose escaped quotes made reading it the slowest part of a warm build)
but the glyph definitions and each equation, separated by NUL, a character no rendering
holds (a page whose renderings hold one is not stored).
"""

from __future__ import annotations

from pathlib import Path

from authoring.files import sha256
from mathrender.cache import RenderCache, is_rendering
from mathrender.policy import unsafe

SEPARATOR = "\x00"
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


def read_page(cache: RenderCache, path: str, key: str, count: int) -> tuple[list[str], str] | None:
    """The ``count`` equations and the glyph definitions stored for the page, or None."""
    name = _name(path)
    body = cache.read_text(name, key)
    if body is None:
        return None
    glyphs, *equations = body.split(SEPARATOR)
    if (
        len(equations) != count
        or not all(map(is_rendering, equations))
        # One check of the whole body: a match never spans a separator without holding it,
        # and a NUL in an address is refused, so each part is checked as on its own.
        or unsafe(body) is not None
    ):
        cache.damaged_file(name)
        return None
    return equations, glyphs


def write_page(cache: RenderCache, path: str, key: str, equations: list[str], glyphs: str) -> None:
    if any(SEPARATOR in part for part in [glyphs, *equations]):
        return
    cache.write_text(_name(path), key, SEPARATOR.join([glyphs, *equations]))
