"""The width of a where list's symbol column, known before the browser lays the list out.

The column is as wide as the widest symbol (``minmax(3em, max-content)``). While a long page
is parsed, the browser may paint a list before its last entries arrive: a wider symbol
parsed later then widened the column and moved every description already on screen (a
layout shift). Once the math is rendered, each symbol's width is in its SVG (MathJax gives
it in ``ex``); the widest goes on the list as ``--where-symbol``, the column's least width
(lessons.css), so the column has its final width from the first entry on.

Only the lists this plugin writes are read: ``<dl>`` directly in ``<div class="where">``,
each ``<dt>`` holding one rendered inline formula (lessons.where).
"""

from __future__ import annotations

import re

LIST_START = '<div class="where">\n<p class="where-title">where</p>\n<dl>'
_DL = "<dl>"
# A break of size 0 has no width; the others hold a space of up to about 0.28em (measured in
# Chromium: 3.3 px for size 3, 4.1 px for size 4 at 14.7 px), at most 0.62ex at a small
# x-height of 0.45em: 0.8ex is an upper bound. (The column may be a pixel wider; never narrower.)
_SPACED_BREAK = re.compile(r'<mjx-break size="[1-9]"')
_BREAK_EX = 0.8
_SVG_TAG = re.compile(r'<svg\b[^>]*?\swidth="(?P<ex>[0-9]+(?:\.[0-9]+)?)ex"[^>]*>|<svg\b|</svg>')


def symbol_width(term_html: str) -> float:
    """The width in ex of the formula in one ``<dt>``: its outermost SVGs side by side, and
    the spaces between the pieces of a formula MathJax broke (``mjx-break``)."""
    depth = 0
    total = 0.0
    for found in _SVG_TAG.finditer(term_html):
        if found[0] == "</svg>":
            depth = max(0, depth - 1)
            continue
        if depth == 0 and found["ex"] is not None:
            total += float(found["ex"])
        depth += 1
    return total + _BREAK_EX * len(_SPACED_BREAK.findall(term_html))


def with_symbol_widths(content: str) -> str:
    """``content`` with each where list's ``<dl>`` carrying its widest symbol's width."""
    if LIST_START not in content:
        return content
    out: list[str] = []
    cursor = 0
    while (start := content.find(LIST_START, cursor)) >= 0:
        dl = start + len(LIST_START) - len(_DL)
        end = content.find("</dl>", dl)
        if end < 0:
            break
        widest = 0.0
        term = content.find("<dt>", dl, end)
        while term >= 0:
            term_end = content.find("</dt>", term, end)
            if term_end < 0:
                break
            widest = max(widest, symbol_width(content[term:term_end]))
            term = content.find("<dt>", term_end, end)
        out.append(content[cursor:dl])
        if widest > 0:
            out.append(f'<dl style="--where-symbol: {widest:.3f}ex">')
        else:
            out.append(_DL)
        cursor = dl + len(_DL)
    out.append(content[cursor:])
    return "".join(out)
