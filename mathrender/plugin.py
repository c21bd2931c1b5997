"""MkDocs hooks of the course-math plugin; the work is done in render.py and node_process.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from authoring.markers import PageSource
from authoring.plugin import CoursePlugin
from authoring.problems import Problem
from authoring.source import file_path
from mathrender.config import MathRenderConfig
from mathrender.factory import make_renderer
from mathrender.locate import MathLocations, Report, Scans
from mathrender.node_process import NodeProcess, RendererUnavailable
from mathrender.pagecheck import check_page
from mathrender.recent import Recent
from mathrender.render import MathRenderer, RenderedPage

log = get_plugin_logger(__name__)
STYLESHEET = "assets/course-math.css"


class MathRenderPlugin(CoursePlugin[MathRenderConfig]):
    """Renders TeX to SVG during the build; pages ship no MathJax JavaScript.

    TeX errors go to the build's report; under `mkdocs serve` the report keeps serving a
    broken page's last good version. The search index gets each equation's words: the
    renderings replace them in the page after it was indexed.
    """

    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (the base class defines on_startup).
        self.process: NodeProcess | None = None
        self.renderer: MathRenderer | None = None
        self.locations: MathLocations | None = None
        # Under `mkdocs serve` (mathrender.recent): each page's marks and raw TeX found.
        self.scans: Scans | None = None
        self.raw_tex: Recent[str, list[str]] | None = None
        self.rendered: dict[str, RenderedPage] = {}  # by page source, until indexed

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            # Under `mkdocs serve`, what the last build read and rendered is kept; a new
            # `mkdocs build` reads the cache from disk, where damage is found.
            serve = self.mode == "serve"
            self.renderer, self.process = make_renderer(
                self.config, config, self.process, self.renderer, serve
            )
        except RendererUnavailable as exc:  # the machine's problem, not an author's
            raise PluginError(f"course-math: {exc}") from None
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        # MkDocs types this list as names; Markdown accepts extension instances too.
        extensions: list[Any] = config.markdown_extensions
        if serve:
            self.scans = self.scans or Recent()
            self.scans.next_build()
            self.raw_tex = self.raw_tex or Recent()
            self.raw_tex.next_build()
        self.locations = MathLocations(
            self._page_being_converted, self.scans if serve else None, self.renderer.cache
        )
        extensions.append(self.locations)
        self.rendered = {}
        return config

    def _page_being_converted(self) -> tuple[PageSource, Report] | None:
        page = self.report.markers.page
        if page is None:
            return None
        return page, lambda problem: self.report.add(problem, page.page)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        try:
            css = self.renderer.stylesheet()
        except RendererUnavailable as exc:
            raise PluginError(f"course-math: {exc}") from None
        own = Path(__file__).with_name("assets").joinpath("course-math.css").read_text("utf-8")
        files.append(File.generated(config, STYLESHEET, content=f"{css}\n{own}"))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        try:
            source = page.file.content_string
        except (OSError, TypeError):
            source = ""
        path = file_path(page.file, config)
        try:
            rendered = self.renderer.render_page(html, path, source)
        except RendererUnavailable as exc:
            raise PluginError(f"course-math: {exc}") from None
        self.report.extend(rendered.problems, page)
        state = self.locations.state if self.locations is not None else None
        marked = state is not None and state.page.page is page and state.reported > 0
        recent = self.raw_tex if self.mode == "serve" else None
        self.report.extend(check_page(page, rendered.html, path, source, marked, recent), page)
        self.rendered[page.file.src_uri] = rendered
        return rendered.html

    # After the search plugin indexed the page's text (priority 0), before its template.
    @event_priority(-50)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        rendered = self.rendered.pop(page.file.src_uri, None)
        if rendered is not None and page.content is not None:
            page.content = rendered.substitute(page.content)
        return context

    def final_checks(self, config: MkDocsConfig) -> list[Problem]:
        stats = self.renderer.stats if self.renderer else None
        if stats is not None:
            log.debug("math: %d rendered, %d from cache", stats.rendered, stats.from_cache)
        return []

    def on_shutdown(self) -> None:
        if self.process is not None:
            self.process.close()
            self.process = None
