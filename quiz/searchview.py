"""What Material's search plugin reads of a quiz: its words, without the quiz's markup.

Material's search plugin parses each page's HTML to index its text; a quiz is hundreds of
elements (fieldsets, inputs, labels, feedback) whose text is a few sentences, and parsing
them was a large part of a warm build. So, after every plugin made the page's HTML (the
math rendered, the images sized) and before it is indexed, each quiz is replaced by its text
with only the tags the search plugin keeps (paragraphs, lists, code, sub- and superscripts);
once indexed, the quiz is put back, before the math plugin puts its equations in. The page
a reader gets is unchanged; the index holds the same words in the same order.
"""

from __future__ import annotations

import re

from authoring.files import sha256

# The tags Material's search plugin writes into the index (its Parser.keep); no others.
KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
_END = "<!--/course-quiz-slot-->"
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?/?>", re.S)


def _lean(block: str) -> str:
    """``block``'s text, with only the tags the search plugin keeps (without attributes)."""

    def tag(found: re.Match[str]) -> str:
        name = (found[2] or "").lower()
        return f"<{found[1]}{name}>" if name in KEPT else ""

    return _TAG.sub(tag, block)


class SearchView:
    """Quizzes out of a page's HTML while it is indexed, back in afterwards."""

    def __init__(self) -> None:
        self._nonces: dict[str, str] = {}  # by page
        self._blocks: dict[str, list[str]] = {}  # by page, from lean to restore

    def wrap(self, page: str, markdown: str, html: str) -> str:
        """A quiz's HTML on ``page`` (whose Markdown is ``markdown``), marked for ``lean``.

        The marks hold a hash of the page's Markdown: the same in every build of an
        unchanged page (its HTML is the key of the caches that follow), and no text of the
        page can hold them.
        """
        nonce = self._nonces.setdefault(page, sha256(f"{page}\n{markdown}")[:16])
        return f"<!--course-quiz {nonce}-->{html}<!--/course-quiz {nonce}-->"

    def lean(self, page: str, html: str) -> str:
        """The page's HTML with each marked quiz as its text; the quizzes kept for ``restore``."""
        nonce = self._nonces.get(page)
        if nonce is None:
            return html
        blocks: list[str] = []

        def slot(found: re.Match[str]) -> str:
            blocks.append(found[1])
            return f"<!--course-quiz-slot {nonce}:{len(blocks) - 1}-->{_lean(found[1])}{_END}"

        pattern = re.compile(rf"<!--course-quiz {nonce}-->(.*?)<!--/course-quiz {nonce}-->", re.S)
        leaner = pattern.sub(slot, html)
        self._blocks[page] = blocks
        return leaner

    def restore(self, page: str, html: str) -> str:
        """The page's HTML with its quizzes back (as they were before ``lean``)."""
        nonce, blocks = self._nonces.pop(page, None), self._blocks.pop(page, None)
        if nonce is None or not blocks:
            return html
        pattern = re.compile(rf"<!--course-quiz-slot {nonce}:(\d+)-->.*?{_END}", re.S)
        return pattern.sub(lambda found: blocks[int(found[1])], html)
