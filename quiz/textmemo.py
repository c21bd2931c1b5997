"""Quiz text as converted, remembered across builds, with its addresses left open.

Converting a quiz text depends on the page showing it only through its addresses: MkDocs
rewrites each link and image relative to the page and checks it (a missing page, a missing
anchor). So a text is converted with every address replaced by a token (``Addresses``, run
where MkDocs' own link rewriting would run), and every build, warm or cold, puts the
addresses back through MkDocs' own rewriting for the page (``Converted.html``): the links of
a remembered text are rewritten and checked exactly as if it had been converted again.

The texts of one quiz file are stored together (``QuizTexts``: one memo entry per file, keyed
by the file's text, path, the extension settings and the code), so a warm build reads one
small file per quiz. A text that includes another file (a snippet) is never stored, nor one
whose address holds Markdown's internal placeholders.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]
from markdown.treeprocessors import Treeprocessor

from authoring.memo import Memo
from authoring.source import SourceText

ADDRESSED = {"a": "href", "img": "src"}  # as MkDocs' _RelativePathTreeprocessor
_MARKDOWN_INTERNAL = re.compile("[\x02\x03]")
_TOKEN = re.compile(r"course-quiz-address-([0-9a-f]{16})-(\d+)-")


def _token(nonce: str, number: int) -> str:
    return f"course-quiz-address-{nonce}-{number}-"


class Addresses(Treeprocessor):
    """Replaces each link and image address with a token and keeps the address."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.nonce = ""
        self.urls: list[str] = []

    def start(self) -> None:
        # Unpredictable, so no text written before the conversion can hold a token.
        self.nonce = secrets.token_hex(8)
        self.urls = []

    def run(self, root: Any) -> None:
        for element in root.iter():
            attribute = ADDRESSED.get(element.tag)
            value = None if attribute is None else element.get(attribute)
            if attribute is None or value is None:
                continue
            element.set(attribute, _token(self.nonce, len(self.urls)))
            self.urls.append(value)


@dataclass(frozen=True)
class Converted:
    """One text's HTML with its addresses as tokens, and what its conversion found."""

    html: str
    nonce: str
    urls: tuple[str, ...]  # the addresses, as MkDocs' rewriting receives them
    links: tuple[str, ...]  # links as written (to locate MkDocs' warnings)
    unsafe: tuple[str, ...]  # addresses refused (problems every build)

    def page_html(self, rewrite: Callable[[str], str], finish: Callable[[str], str]) -> str:
        """The HTML for the page: each address through ``rewrite`` (MkDocs' own rewriting and
        checks for the page), written as Markdown writes an attribute (``finish``)."""
        if not self.urls:
            return self.html
        values = [finish(_escape_attrib_html(rewrite(url))) for url in self.urls]

        def value(found: re.Match[str]) -> str:
            return values[int(found[2])] if found[1] == self.nonce else found[0]

        return _TOKEN.sub(value, self.html)

    def storable(self) -> bool:
        return not any(_MARKDOWN_INTERNAL.search(url) for url in self.urls)

    def data(self) -> list[Any]:
        return [self.html, self.nonce, list(self.urls), list(self.links), list(self.unsafe)]


def converted_from(data: Any) -> Converted | None:
    """What ``Converted.data`` gave, if it is exactly that: every token once, in order."""
    if not (isinstance(data, list) and len(data) == 5):
        return None
    html, nonce, urls, links, unsafe = data
    lists = (urls, links, unsafe)
    if not (
        isinstance(html, str)
        and isinstance(nonce, str)
        and re.fullmatch("[0-9a-f]{16}", nonce)
        and all(isinstance(part, list) and all(isinstance(s, str) for s in part) for part in lists)
    ):
        return None
    found = [number for token, number in _TOKEN.findall(html) if token == nonce]
    if found != [str(number) for number in range(len(urls))]:
        return None
    converted = Converted(html, nonce, tuple(urls), tuple(links), tuple(unsafe))
    return converted if converted.storable() else None


class QuizTexts:
    """The converted texts of each quiz file, one memo entry per file."""

    def __init__(self, memo: Memo | None, settings: str) -> None:
        self.memo = memo
        self.settings = settings
        self._files: dict[tuple[str, int, str], tuple[str, dict[str, Any]]] = {}
        self._changed: set[tuple[str, int, str]] = set()

    def get(self, source: SourceText, inline: bool, text: str) -> Converted | None:
        entries = self._entries(source)
        if entries is None:
            return None
        return converted_from(entries[1].get(_name(inline, text)))

    def put(self, source: SourceText, inline: bool, text: str, converted: Converted) -> None:
        entries = self._entries(source)
        if entries is None or "--8<--" in text or not converted.storable():
            return  # a snippet includes another file: converted by every build
        entries[1][_name(inline, text)] = converted.data()
        self._changed.add(_file(source))

    def flush(self) -> None:
        """Store the files that got new texts in this build."""
        if self.memo is None:
            return
        for file in sorted(self._changed):
            key, texts = self._files[file]
            self.memo.put(key, dict(texts))
        self._changed.clear()

    def _entries(self, source: SourceText) -> tuple[str, dict[str, Any]] | None:
        if self.memo is None:
            return None
        file = _file(source)
        if file not in self._files:
            key = self.memo.key(self.settings, *file)
            stored = self.memo.get(key, _is_texts)
            self._files[file] = (key, dict(stored) if isinstance(stored, dict) else {})
        return self._files[file]


def _file(source: SourceText) -> tuple[str, int, str]:
    return (source.path, source.first_line, source.text)


def _name(inline: bool, text: str) -> str:
    return ("inline:" if inline else "block:") + text


def _is_texts(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(name, str) for name in value)
