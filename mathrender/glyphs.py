"""The glyph outlines of a page's equations, moved out of each equation (render.py)."""

from __future__ import annotations

import re

_LOCAL_ID = "MJX-X-"
_GLYPH = re.compile(r'<path id="MJX-X-([^"]+)" d="([^"]*)"></path>')
GLYPH_PREFIX = "MJX-G-"


class PageGlyphs:
    """The glyph outlines of a page's equations, defined once for the whole page.

    MathJax's local font cache repeats every glyph's outline in each equation that uses it;
    a page has a few hundred equations but about a hundred distinct glyphs. The outlines
    move into one hidden <svg> at the top of the page and every equation refers to them.
    """

    def __init__(self) -> None:
        self.paths: dict[str, str] = {}

    def take(self, html: str, number: int) -> str:
        paths = self.paths
        kept: list[str] = []  # the rendering without its glyph outlines
        found: dict[str, str] = {}
        cursor = 0
        for glyph in _GLYPH.finditer(html):
            name, d = glyph[1], glyph[2]
            if paths.get(name, d) != d:
                # Not the same outline under one name: keep this equation's own, with ids
                # made unique by the equation's place in the page.
                return html.replace(_LOCAL_ID, f"MJX-{number}-")
            found[name] = d
            kept.append(html[cursor : glyph.start()])
            cursor = glyph.end()
        paths.update(found)
        kept.append(html[cursor:])
        body = "".join(kept).replace("<defs></defs>", "")
        return body.replace(_LOCAL_ID, GLYPH_PREFIX)

    def defs(self) -> str:
        if not self.paths:
            return ""
        paths = "".join(
            f'<path id="{GLYPH_PREFIX}{name}" d="{d}"></path>'
            for name, d in sorted(self.paths.items())
        )
        return (
            '<svg class="mjx-glyphs" xmlns="http://www.w3.org/2000/svg" aria-hidden="true" '
            f'focusable="false" style="display: none"><defs>{paths}</defs></svg>'
        )
