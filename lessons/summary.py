"""The lesson summary: plain text with optional inline math written as ``$...$``."""

from __future__ import annotations

import html


def split_inline_math(text: str) -> list[tuple[bool, str]] | None:
    """``[(is_math, text), ...]``, or None if a ``$`` is unbalanced. ``\\$`` is a dollar sign."""
    parts: list[tuple[bool, str]] = []
    current: list[str] = []
    in_math = False
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] == "$" and not in_math:
            current.append("$")
            i += 2
            continue
        if char == "\\" and in_math and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if char == "$":
            parts.append((in_math, "".join(current)))
            current = []
            in_math = not in_math
        else:
            current.append(char)
        i += 1
    if in_math:
        return None
    parts.append((False, "".join(current)))
    if any(is_math and not part.strip() for is_math, part in parts):
        return None
    return [(is_math, part) for is_math, part in parts if part]


def summary_html(text: str) -> str:
    """HTML of a validated summary: text escaped, math marked as pymdownx.arithmatex does.

    The math plugin, which runs after this one, renders the marked spans like any other
    inline math of the page.
    """
    parts = split_inline_math(text)
    if parts is None:
        return html.escape(text)
    out = []
    for is_math, part in parts:
        if is_math:
            out.append(f'<span class="arithmatex">\\({html.escape(part, quote=False)}\\)</span>')
        else:
            out.append(html.escape(part, quote=False))
    return " ".join("".join(out).split())
