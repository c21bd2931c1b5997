"""The course's policy for links in rendered math, checked again on every rendering.

MathJax applies the policy while it renders (node/policy.mjs). The same check runs on each
rendering before it goes into a page, whether it was just rendered or read from the cache,
so no path (an altered cache entry, a MathJax update) can put a script link on a page.

A page has hundreds of renderings, each a few kilobytes of SVG with a dozen
``xlink:href="#glyph"`` references, so the check starts with an exact shortcut
(``_plainly_safe``) that proves most renderings safe with a few substring searches; anything
it cannot prove safe goes through the full check.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\bhref\s*=\s*\"([^\"]*)\"", re.I)
# An event-handler attribute, as MathJax's serializer writes attributes (name="value").
_HANDLER = re.compile(r"\son[a-z]+\s*=\s*\"", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\\]")
_SCHEME_OK = re.compile(r"^https?://", re.I)

# The shortcut reads the rendering as UTF-8 bytes with ASCII letters lowered. No character
# outside ASCII matches h, r, e, f, o or n when _LINK and _HANDLER ignore case (a test
# checks every code point), and in UTF-8 an ASCII byte is always that ASCII character, so
# every match of _LINK or _HANDLER shows up below as an "href" or an "on".
# An "href" that is exactly ="#..." with no character that is invisible, an entity or a
# backslash links to an anchor of the page: url_allowed says yes to it.
_ANCHOR_ONLY = re.compile(rb'href(?!="#[^"&\x00-\x20\x7f-\xff\\]*")')
# Bytes that can end a whitespace character (\s): ASCII whitespace, or the last byte of a
# character outside ASCII (some of which are whitespace).
_SPACE_END = frozenset(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ") | frozenset(range(0x80, 0x100))
# One pass over the bytes: ASCII letters lowered, every byte of _SPACE_END made NUL (and NUL
# itself \x01), so an "on" after such a byte is one search for b"\0on". _ANCHOR_ONLY reads
# the same: the bytes changed are all outside its anchor characters, and so is NUL.
_TABLE = bytes(
    0 if byte in _SPACE_END else 1 if byte == 0 else ord(chr(byte).lower()) if byte < 0x80 else byte
    for byte in range(256)
)

URL_RULE = "\\href only takes http(s), relative or #anchor URLs"


def url_allowed(url: str) -> bool:
    """http(s), relative or #fragment, as a browser reads the address (node/policy.mjs)."""
    if _INVISIBLE.search(url):
        return False
    if _SCHEME_OK.match(url):
        return True
    return ":" not in re.split(r"[/?#]", url, maxsplit=1)[0]


def _plainly_safe(rendering: str) -> bool:
    """True only if ``unsafe`` would find nothing: no link but to an anchor, no handler."""
    data = rendering.encode("utf-8", "surrogatepass").translate(_TABLE)
    # (An "on" at the very start has no space before it: no handler.)
    return not _ANCHOR_ONLY.search(data) and b"\0on" not in data


def unsafe(rendering: str) -> str | None:
    """What in a rendering breaks the policy (a link address, an event handler), or None."""
    if _plainly_safe(rendering):
        return None
    for found in _LINK.finditer(rendering):
        url = html.unescape(found[1])
        if not url_allowed(url):
            return url
    handler = _HANDLER.search(rendering)
    return handler[0] if handler else None
