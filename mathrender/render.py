"""Rendering a page's math: cache first, then one request per page to the Node process.

A page's content leaves this module with a light placeholder per equation that holds its
words (mathrender.searchtext), so the search index reads text, not SVG; the plugin puts the
renderings in after the page was indexed (``RenderedPage.substitute``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from authoring.problems import Problem
from authoring.source import Location
from mathrender.cache import RenderCache, is_rendering, is_text, renderings
from mathrender.fragments import (
    Fragment,
    defines_macros,
    find_fragments,
    is_contextual,
    source_lines,
)
from mathrender.glyphs import PageGlyphs
from mathrender.node_process import NodeProcess
from mathrender.pagefile import StoredPage, page_key, read_page, write_page
from mathrender.policy import URL_RULE, unsafe
from mathrender.recent import Recent
from mathrender.searchtext import readable

DEFINITION_MESSAGE = (
    "macro definitions inside a page are not supported; define the macro once under "
    "`course-math: macros:` in mkdocs.yml"
)
# Valid TeX that the course's policy for author content refuses (node/policy.mjs).
POLICY = "TeX not allowed: "
_DUPLICATE_LABEL = re.compile(r"Label '(?P<label>.*)' multiply defined")
_PLACEHOLDER = re.compile(r'<(span|div) class="mjx-text" data-math="(\d+)">[^<]*</\1>')
GLYPHS_SLOT = "<!--course-math-glyphs-->"
SHARED = "fragments of no page"  # the cache bundle of math rendered for no page (quiz checks)


def tex_message(error: str) -> str:
    """MathJax's error as an author-facing message that ends with what to do."""
    if error.startswith(POLICY):
        return error
    if error == DEFINITION_MESSAGE:
        return f"TeX error: {error}"
    if error.startswith("Undefined control sequence"):
        fix = "check the spelling, or define the macro under `course-math: macros:` in mkdocs.yml"
    else:
        fix = "fix the TeX shown below"
    return f"TeX error: {error}; {fix}"


def origin_location(origin: str | None) -> Location | None:
    """A fragment's ``data-source`` ("path:line[:col]") as a location."""
    found = re.fullmatch(r"(?P<path>.+?):(?P<line>\d+)(?::(?P<col>\d+))?", origin or "")
    if found is None:
        return None
    col = found["col"]
    return Location(found["path"], int(found["line"]), int(col) if col else None)


@dataclass
class RenderStats:
    """What the renderer did in this build: tests observe the cache through it."""

    rendered: int = 0
    from_cache: int = 0


@dataclass(frozen=True)
class Result:
    html: str | None = None
    error: str | None = None


class MathRenderer:
    def __init__(self, process: NodeProcess, cache: RenderCache, serve: bool = False) -> None:
        self.process = process
        self.cache = cache
        # The bundle of no page (quiz checks) is not read when their results are remembered.
        cache.keep(SHARED)
        self.stats = RenderStats()
        # Under `mkdocs serve`: the pages of the last build, by their input (mathrender.recent).
        self.pages: Recent[tuple[str, str, str], RenderedPage] | None = Recent() if serve else None
        self.calls: Recent[tuple[str, tuple[tuple[str, bool], ...]], list[Result]] | None = (
            Recent() if serve else None
        )

    @property
    def fingerprint(self) -> str:
        """What the renderings depend on besides the TeX (MathJax, its settings, macros)."""
        return self.cache.fingerprint

    def next_build(self) -> None:
        """Another build by the same process (`mkdocs serve`)."""
        self.stats = RenderStats()
        self.cache.begin_build()
        for recent in (self.pages, self.calls):
            if recent is not None:
                recent.next_build()

    def render(self, items: list[tuple[str, bool]], bundle: str = SHARED) -> list[Result]:
        """Render TeX fragments (``_render``); under `mkdocs serve`, the same fragments as in
        the last build (the quiz text's, checked on every build) are answered from memory."""
        if self.calls is None:
            return self._render(items, bundle)
        key = (bundle, tuple(items))
        known = self.calls.get(key)
        if known is None:
            known = self._render(items, bundle)
            self.calls.put(key, known)
        return list(known)

    def _render(self, items: list[tuple[str, bool]], bundle: str) -> list[Result]:
        """Render TeX fragments of one page (in page order) to MathJax SVG, or say why not.

        Context-free fragments are cached one by one; numbered or cross-referencing ones are
        rendered and cached together, since each one's output depends on the others. The
        cache keeps them in ``bundle`` (the page's path; fragments of no page: SHARED).
        """
        results: list[Result | None] = [None] * len(items)
        free: list[int] = []
        contextual: list[int] = []
        for i, (tex, _display) in enumerate(items):
            if defines_macros(tex):
                results[i] = Result(error=DEFINITION_MESSAGE)
            elif is_contextual(tex):
                contextual.append(i)
            else:
                free.append(i)

        missing = []
        for i in free:
            hit = self.cache.get(self.cache.key("one", *items[i]), is_rendering, bundle)
            if hit is None:
                missing.append(i)
            else:
                results[i] = Result(html=hit)
                self.stats.from_cache += 1
        if missing:
            for i, result in zip(
                missing, self._node_render([items[i] for i in missing]), strict=True
            ):
                results[i] = result
                if result.html is not None:
                    self.cache.put(self.cache.key("one", *items[i]), result.html, bundle)

        if contextual:
            group = [items[i] for i in contextual]
            key = self.cache.key("group", group)
            hit = self.cache.get(key, renderings(len(group)), bundle)
            if hit is not None:
                rendered = [Result(html=h) for h in hit]
                self.stats.from_cache += len(group)
            else:
                rendered = self._node_render(group)
                if all(r.html is not None for r in rendered):
                    self.cache.put(key, [r.html for r in rendered], bundle)
            for i, result in zip(contextual, rendered, strict=True):
                results[i] = result
        self.cache.flush(bundle)
        return [_checked(r) if r is not None else Result(error="not rendered") for r in results]

    def _node_render(self, items: list[tuple[str, bool]]) -> list[Result]:
        self.stats.rendered += len(items)
        payload = [{"tex": tex, "display": display} for tex, display in items]
        reply: dict[str, Any] = self.process.request({"op": "render", "fragments": payload})
        return [
            Result(error=f"{POLICY}{r['error']}" if r.get("policy") else r.get("error"))
            if r.get("error")
            else Result(html=r.get("html"))
            for r in reply["results"]
        ]

    def stylesheet(self) -> str:
        key = self.cache.key("stylesheet")
        css = self.cache.get(key, is_text, "stylesheet")
        if css is None:
            css = self.process.request({"op": "stylesheet"})["css"]
            self.cache.put(key, css, "stylesheet")
        self.cache.flush("stylesheet")
        return str(css)

    def render_page(self, page_html: str, path: str, source: str) -> RenderedPage:
        """Render each arithmatex element of a page and put a placeholder in its place."""
        if self.pages is None:
            return self._render_page(page_html, path, source)
        # A page that was not edited since the last build: its renderings were checked then.
        key = (path, source, page_html)
        page = self.pages.get(key)
        if page is None:
            page = self._render_page(page_html, path, source)
            self.pages.put(key, page)
        return page

    def _render_page(self, page_html: str, path: str, source: str) -> RenderedPage:
        fragments = find_fragments(page_html)
        page = RenderedPage(page_html)
        if not fragments:
            return page
        key = page_key(self.cache, path, page_html)
        stored = read_page(self.cache, path, key, len(fragments))
        bodies: list[str | None]
        if stored is not None:
            bodies, page.glyphs, words = list(stored.equations), stored.glyphs, stored.words
            self.stats.from_cache += len(fragments)
            self.cache.keep(path)  # its equations, for the next edit of the page
        else:
            bodies = self._bodies(page, fragments, path, source)
            words = [readable(fragment.tex) for fragment in fragments]
            if not page.problems:
                equations = [b or "" for b in bodies]
                write_page(self.cache, path, key, StoredPage(equations, page.glyphs, words))
        out: list[str] = []
        cursor = 0
        for number, (fragment, body) in enumerate(zip(fragments, bodies, strict=True)):
            out.append(page_html[cursor : fragment.start])
            cursor = fragment.end
            if body is None:  # not rendered: the TeX stays, as the problem shows it
                page.equations.append(page_html[fragment.start : fragment.end])
            else:
                page.equations.append(f"{fragment.open_tag}{body}{fragment.close_tag}")
            tag = "div" if fragment.close_tag == "</div>" else "span"
            text = html.escape(words[number], quote=False)
            # Spaces around the words: the index must not glue them to the text beside.
            out.append(f'<{tag} class="mjx-text" data-math="{number}"> {text} </{tag}>')
        out.append(page_html[cursor:])
        page.html = GLYPHS_SLOT + "".join(out)
        return page

    def _bodies(
        self, page: RenderedPage, fragments: list[Fragment], path: str, source: str
    ) -> list[str | None]:
        """Each fragment's rendering without its glyph outlines (``page.glyphs`` has them),
        or None with a problem in ``page.problems``."""
        results = self.render([(f.tex, f.display) for f in fragments], bundle=path)
        lines = source_lines(source, fragments)
        where = [
            origin_location(f.origin) or Location(path, line)
            for f, line in zip(fragments, lines, strict=True)
        ]
        glyphs = PageGlyphs()
        bodies: list[str | None] = []
        for number, (fragment, result) in enumerate(zip(fragments, results, strict=True)):
            if result.html is None:
                message = _message(result.error or "unknown error", number, fragments, where)
                page.problems.append(Problem(where[number], message, context=fragment.tex))
                bodies.append(None)
            else:
                bodies.append(glyphs.take(result.html, number + 1))
        page.glyphs = glyphs.defs()
        return bodies


@dataclass
class RenderedPage:
    """A page's content with placeholders, and what goes in their place."""

    html: str
    problems: list[Problem] = field(default_factory=list)
    equations: list[str] = field(default_factory=list)  # by placeholder number
    glyphs: str = ""

    def substitute(self, content: str) -> str:
        """``content`` (the page as indexed) with every placeholder replaced by its equation."""

        def equation(found: re.Match[str]) -> str:
            number = int(found[2])
            return self.equations[number] if number < len(self.equations) else found[0]

        return _PLACEHOLDER.sub(equation, content).replace(GLYPHS_SLOT, self.glyphs, 1)


def _checked(result: Result) -> Result:
    """A rendering that breaks the policy never reaches a page, wherever it came from."""
    if result.html is None:
        return result
    found = unsafe(result.html)
    if found is None:
        return result
    return Result(error=f"{POLICY}the rendering links to '{found}'; {URL_RULE}")


def _message(error: str, number: int, fragments: list[Fragment], where: list[Location]) -> str:
    """The author's message for fragment ``number``; a label defined twice names both places."""
    duplicate = _DUPLICATE_LABEL.fullmatch(error)
    if duplicate is not None:
        label = re.escape(duplicate["label"])
        pattern = re.compile(rf"\\label\s*\{{\s*{label}\s*\}}")
        others = [
            str(where[i])
            for i, other in enumerate(fragments)
            if i != number and pattern.search(other.tex)
        ]
        if others:
            also = ", ".join(others)
            return (
                f"TeX error: \\label{{{duplicate['label']}}} is also defined at {also}; "
                "give each equation its own label"
            )
    return tex_message(error)
