"""MkDocs hooks of the course-math plugin; the work is done in render.py and node_process.py."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from authoring.plugin import CoursePlugin
from authoring.problems import Problem
from authoring.source import file_path
from mathrender.config import MathRenderConfig
from mathrender.factory import make_renderer
from mathrender.node_process import NodeProcess, RendererUnavailable
from mathrender.render import MathRenderer

log = get_plugin_logger(__name__)
STYLESHEET = "assets/course-math.css"


class MathRenderPlugin(CoursePlugin[MathRenderConfig]):
    """Renders TeX to SVG during the build; pages ship no MathJax JavaScript.

    TeX errors go to the build's report; under `mkdocs serve` the report keeps serving a
    broken page's last good version.
    """

    def __init__(self) -> None:
        # Kept across `mkdocs serve` rebuilds (the base class defines on_startup).
        self.process: NodeProcess | None = None
        self.renderer: MathRenderer | None = None

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.renderer, self.process = make_renderer(self.config, config, self.process)
        except RendererUnavailable as exc:  # the machine's problem, not an author's
            raise PluginError(f"course-math: {exc}") from None
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

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
        try:
            html, problems = self.renderer.render_page(html, file_path(page.file, config), source)
        except RendererUnavailable as exc:
            raise PluginError(f"course-math: {exc}") from None
        self.report.extend(problems, page)
        return html

    def final_checks(self, config: MkDocsConfig) -> list[Problem]:
        stats = self.renderer.stats if self.renderer else None
        if stats is not None:
            log.debug("math: %d rendered, %d from cache", stats.rendered, stats.from_cache)
        return []

    def on_shutdown(self) -> None:
        if self.process is not None:
            self.process.close()
            self.process = None
