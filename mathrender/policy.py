"""The course's policy for links in rendered math, checked again on every rendering.

MathJax applies the policy while it renders (node/policy.mjs). The same check runs on each
rendering before it goes into a page, whether it was just rendered or read from the cache,
so no path (an altered cache entry, a MathJax update) can put a script link on a page.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\bhref\s*=\s*\"([^\"]*)\"", re.I)
# An event-handler attribute, as MathJax's serializer writes attributes (name="value").
_HANDLER = re.compile(r"\son[a-z]+\s*=\s*\"", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\\]")
_SCHEME_OK = re.compile(r"^https?://", re.I)

URL_RULE = "\\href only takes http(s), relative or #anchor URLs"


def url_allowed(url: str) -> bool:
    """http(s), relative or #fragment, as a browser reads the address (node/policy.mjs)."""
    if _INVISIBLE.search(url):
        return False
    if _SCHEME_OK.match(url):
        return True
    return ":" not in re.split(r"[/?#]", url, maxsplit=1)[0]


def unsafe(rendering: str) -> str | None:
    """What in a rendering breaks the policy (a link address, an event handler), or None."""
    for found in _LINK.finditer(rendering):
        url = html.unescape(found[1])
        if not url_allowed(url):
            return url
    handler = _HANDLER.search(rendering)
    return handler[0] if handler else None
