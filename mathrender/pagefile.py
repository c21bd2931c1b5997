"""A page's equations as they go into the page, stored in one file per page.

A warm build reads this one file for a page instead of looking up each equation: the
equations after their glyph outlines were moved out (mathrender.glyphs), and the page's
glyph definitions. The file's key is the hash of the page's HTML as Markdown made it (TeX
included), the renderer's fingerprint and the code below, so any edit of the page is a miss,
and the page is rendered from its equations' cache (mathrender.cache). Pages with a TeX
problem are not stored. What a file holds passes the policy check (mathrender.policy) before
it is used; a file that fails it, or holds anything else than it should, counts as damaged.
"""

from __future__ import annotations

from pathlib import Path

from authoring.files import sha256
from mathrender.cache import RenderCache, is_rendering
from mathrender.policy import unsafe

_KEYS = {"equations", "glyphs"}
# The code that turns renderings into what a page file holds: a change of it is a miss.
CODE = sha256(
    b"".join(Path(__file__).with_name(name).read_bytes() for name in ("glyphs.py", "render.py"))
)


def _name(path: str) -> str:
    return f"page {path}"


def page_key(cache: RenderCache, path: str, page_html: str) -> str:
    return cache.key("page", CODE, path, page_html)


def read_page(cache: RenderCache, path: str, key: str, count: int) -> tuple[list[str], str] | None:
    """The ``count`` equations and the glyph definitions stored for the page, or None."""
    name = _name(path)
    body = cache.read(name, key)
    if body is None:
        return None
    if not isinstance(body, dict) or set(body) != _KEYS:
        cache.damaged_file(name)
        return None
    equations, glyphs = body["equations"], body["glyphs"]
    if (
        not isinstance(equations, list)
        or len(equations) != count
        or not all(map(is_rendering, equations))
        or not isinstance(glyphs, str)
        or any(unsafe(item) is not None for item in [*equations, glyphs])
    ):
        cache.damaged_file(name)
        return None
    return equations, glyphs


def write_page(cache: RenderCache, path: str, key: str, equations: list[str], glyphs: str) -> None:
    cache.write(_name(path), key, {"equations": equations, "glyphs": glyphs})
