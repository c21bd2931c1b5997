"""Quiz text to HTML: the author's Markdown with inline math, and never raw HTML.

Quiz files come from contributors' pull requests and every learner's browser shows them,
so their text is untrusted (CONTRIBUTING.md, "Author content is untrusted"):

- raw HTML is not read. Markdown's HTML parsing is switched off, so ``<script>``,
  ``<img onerror=...>`` or a stray ``</fieldset>`` stays text, which the serializer escapes;
- each text is converted on its own into an element tree that Markdown serializes, so
  nothing in it can close an element of the quiz around it;
- links and images point only to http(s), mailto, relative or ``#fragment`` addresses,
  and event-handler or style attributes are removed;
- options, feedback and steps stand inside a label or a list item: they are read as
  inline Markdown only (one paragraph; lists, headings and display math are not read).

Otherwise the page's own Markdown extensions read the text (the same math, code
highlighting, links rewritten and checked by MkDocs as the page's), except those that would
let it set attributes or give it ids that clash with the page's: attr_list, md_in_html, toc,
footnotes and pymdownx.tabbed.

A text's HTML is remembered across builds (quiz.textmemo), with its link and image
addresses left open: every build puts them back through MkDocs' own rewriting and checks for
the page showing the quiz. A text that includes a snippet is converted by every build.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

import markdown
import mkdocs
import pymdownx
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page, _RelativePathTreeprocessor

from authoring.files import sha256
from authoring.memo import Memo, code_fingerprint
from authoring.problems import Problem
from authoring.source import Location, SourceText, project_root
from mathrender.fragments import find_fragments
from quiz.model import Text
from quiz.textmemo import Addresses, Converted, QuizTexts

LEFT_OUT = frozenset({"attr_list", "md_in_html", "toc", "footnotes", "pymdownx.tabbed"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_INLINE_BLOCKS = ("empty", "paragraph")  # an inline text is one paragraph, nothing else
_BLOCK_TAG = re.compile(
    r"<(?:/?p|div|pre|ul|ol|li|table|h[1-6]|blockquote|hr|details|dl|figure)[\s>/]"
)


def unsafe_url(url: str) -> bool:
    """Whether ``url`` (as written in a link or image) names a scheme other than http(s) or
    mailto, as a browser would read it: entities decoded, spaces and control characters
    ignored (``java&#115;cript:``, `` javascript:``)."""
    plain = _INVISIBLE.sub("", html.unescape(url))
    scheme = _SCHEME.match(plain)
    return scheme is not None and scheme.group(1).lower() not in SAFE_SCHEMES


def extensions(config: MkDocsConfig) -> tuple[list[str], dict[str, Any]]:
    """The page's Markdown extensions that quiz text is read with, and their settings.

    Extension objects (the course's own marker extension) are left out: markers are page
    syntax, not quiz syntax.
    """
    names = [
        name
        for name in config.markdown_extensions
        if isinstance(name, str) and name.removeprefix("markdown.extensions.") not in LEFT_OUT
    ]
    settings = {name: value for name, value in config.mdx_configs.items() if name in names}
    return names, settings


class _Guard(Treeprocessor):
    """Removes unsafe addresses and attributes; records every link as written."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.unescape = UnescapeTreeprocessor(md).unescape
        self.links: list[str] = []
        self.unsafe: list[str] = []

    def run(self, root: Any) -> None:
        for element in root.iter():
            for name in list(element.keys()):
                if name.lower().startswith("on") or name.lower() == "style":
                    del element.attrib[name]
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                url = self.unescape(value)
                if unsafe_url(url):
                    self.unsafe.append(url)
                    element.set(attribute, "")  # MkDocs expects the attribute
                elif attribute == "href":
                    self.links.append(url)


def _markdown(config: MkDocsConfig, inline: bool) -> markdown.Markdown:
    names, settings = extensions(config)
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    md.preprocessors.deregister("html_block", strict=False)
    md.inlinePatterns.deregister("html", strict=False)
    if inline:
        blocks = md.parser.blockprocessors
        # The registry lists its names only privately.
        names = [item.name for item in getattr(blocks, "_priority")]  # noqa: B009
        for name in names:
            if name not in _INLINE_BLOCKS:
                blocks.deregister(name)
    # After Markdown's own tree processors, before MkDocs rewrites links (0).
    md.treeprocessors.register(_Guard(md), "course_quiz_guard", 0.5)
    # Where MkDocs' rewriting runs on a page (0, after Markdown's unescaping); each build
    # rewrites the addresses it keeps for the page (quiz.textmemo).
    md.treeprocessors.register(Addresses(md), "course_quiz_addresses", 0)
    return md


@dataclass
class PageLinks:
    """What the quiz text of one page links to, for MkDocs' own checks and for locating them."""

    links_to_anchors: dict[File, dict[str, str]] = field(default_factory=dict)
    written: dict[str, Location] = field(default_factory=dict)  # link as written -> where


@dataclass
class QuizText:
    """Converts the quiz text of the page being read; one instance per build."""

    config: MkDocsConfig
    problems: list[Problem] = field(default_factory=list)
    links: PageLinks = field(default_factory=PageLinks)
    _block: markdown.Markdown | None = None
    _inline: markdown.Markdown | None = None
    _relpath: _RelativePathTreeprocessor | None = None
    _done: dict[tuple[int, bool], str] = field(default_factory=dict)
    _texts: QuizTexts = field(default_factory=lambda: QuizTexts(None, ""))

    def __post_init__(self) -> None:
        names, settings = extensions(self.config)
        if any("auto_append" in str(value) for value in settings.values()):
            return  # every text would include files: nothing is remembered
        hashed = sha256(json.dumps([names, settings], sort_keys=True, default=_named))
        versions = f"markdown {markdown.__version__} pymdownx {pymdownx.__version__}"
        code = code_fingerprint("quiz.text", "quiz.textmemo", "mathrender.fragments")
        versions += f" mkdocs {mkdocs.__version__}"
        self._texts = QuizTexts(
            Memo("quiztext", project_root(self.config), f"{code} {versions}"), hashed
        )

    def start_page(self, page: Page, files: Files) -> None:
        """Links in quiz text are the page's: MkDocs rewrites and checks them for it."""
        if self._block is None or self._inline is None:
            self._block, self._inline = _markdown(self.config, False), _markdown(self.config, True)
        self._relpath = _RelativePathTreeprocessor(page.file, files, self.config)
        self.problems = []
        self.links = PageLinks()
        self._done = {}

    def finish_page(self) -> PageLinks:
        self._texts.flush()
        if self._relpath is not None:
            for target, anchors in self._relpath.links_to_anchors.items():
                for anchor, url in anchors.items():
                    self.links.links_to_anchors.setdefault(target, {}).setdefault(anchor, url)
        return self.links

    def block(self, text: Text, source: SourceText) -> str:
        """A prompt, hint or explanation: any Markdown but raw HTML."""
        return self._convert(text, source, inline=False)

    def inline(self, text: Text, source: SourceText) -> str:
        """An option, its feedback or a step: one paragraph of inline Markdown, unwrapped."""
        converted = self._convert(text, source, inline=True)
        inner = converted.removeprefix("<p>").removesuffix("</p>")
        if inner == converted or _BLOCK_TAG.search(inner):
            # Fenced code or an included snippet: blocks, which a label cannot hold.
            message = (
                "options, feedback and steps are one line of text; move code blocks, lists and"
                " included files into the prompt or the explanation"
            )
            self.problems.append(Problem(text.scalar.location, message))
        return inner

    def _convert(self, text: Text, source: SourceText, inline: bool) -> str:
        key = (id(text), inline)
        if key in self._done:
            return self._done[key]
        md = self._inline if inline else self._block
        assert md is not None and self._relpath is not None, "start_page first"
        converted = self._texts.get(source, inline, text.markdown)
        if converted is None:
            converted = _converted(md, text, source)
            self._texts.put(source, inline, text.markdown, converted)
        for url in converted.unsafe:
            message = (
                f"the address '{url}' is not allowed in quiz text; link only to http(s), "
                "mailto, relative or #fragment addresses"
            )
            self.problems.append(Problem(text.location_of(source, url), message))
        for url in converted.links:
            self.links.written.setdefault(url, text.location_of(source, url))
        html = converted.page_html(self._relpath.path_to_url, lambda value: _finish(md, value))
        self._done[key] = html
        return html


def _converted(md: markdown.Markdown, text: Text, source: SourceText) -> Converted:
    """``text`` converted, its addresses as tokens (quiz.textmemo)."""
    guard = md.treeprocessors["course_quiz_guard"]
    addresses = md.treeprocessors["course_quiz_addresses"]
    assert isinstance(guard, _Guard) and isinstance(addresses, Addresses)
    guard.links, guard.unsafe = [], []
    addresses.start()
    md.reset()
    html = _locate_math(md.convert(text.markdown), text, source)
    return Converted(
        html, addresses.nonce, tuple(addresses.urls), tuple(guard.links), tuple(guard.unsafe)
    )


def _finish(md: markdown.Markdown, attribute: str) -> str:
    """An attribute value as Markdown finishes the serialized page (its postprocessors)."""
    for postprocessor in md.postprocessors:
        attribute = postprocessor.run(attribute)
    return attribute


def _locate_math(converted: str, text: Text, source: SourceText) -> str:
    """Each math element says where its TeX was written (``data-source``), so the math
    plugin reports a problem with it in the quiz file; it drops the attribute."""
    fragments = find_fragments(converted)
    if not fragments:
        return converted
    where = text.locations_of(source, [fragment.tex for fragment in fragments])
    out: list[str] = []
    cursor = 0
    for fragment, location in zip(fragments, where, strict=True):
        tag = fragment.open_tag.removesuffix(">")
        out.append(converted[cursor : fragment.start])
        out.append(f'{tag} data-source="{html.escape(str(location))}">')
        cursor = fragment.start + len(fragment.open_tag)
    out.append(converted[cursor:])
    return "".join(out)


def _named(value: object) -> str:
    """A setting that is not plain data (a function): its module and name."""
    module = getattr(value, "__module__", None) or type(value).__module__
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{module}.{name}"
