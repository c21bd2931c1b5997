"""MkDocs hooks of the course-math plugin; the work is done in render.py and node_process.py."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mathrender.config import MathRenderConfig
from mathrender.errors import TexProblem, summary
from mathrender.factory import make_renderer
from mathrender.node_process import NodeProcess, RendererUnavailable
from mathrender.render import MathRenderer

log = get_plugin_logger(__name__)
STYLESHEET = "assets/course-math.css"


class MathRenderPlugin(BasePlugin[MathRenderConfig]):
    """Renders TeX to SVG during the build; pages ship no MathJax JavaScript."""

    def __init__(self) -> None:
        self.process: NodeProcess | None = None
        self.renderer: MathRenderer | None = None
        self.problems: list[TexProblem] = []
        self.serving = False
        # Under `mkdocs serve`: each page's last rendering without TeX errors.
        self.last_good: dict[str, str] = {}

    # Defining on_startup keeps this instance (and its Node process) across serve rebuilds.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.problems = []
        try:
            self.renderer, self.process = make_renderer(self.config, config, self.process)
        except RendererUnavailable as exc:
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
        path = os.path.relpath(page.file.abs_src_path or page.file.src_uri, _project_dir(config))
        try:
            source = page.file.content_string
        except (OSError, TypeError):
            source = ""
        try:
            html, problems = self.renderer.render_page(html, path, source)
        except RendererUnavailable as exc:
            raise PluginError(f"course-math: {exc}") from None
        if not problems:
            self.last_good[page.file.src_uri] = html
            return html
        self.problems.extend(problems)
        # A failed build would make MkDocs' server hold every request until the error is
        # fixed; while serving, the page keeps its last good version instead.
        return self.last_good.get(page.file.src_uri, html) if self.serving else html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Raised here, after every page was read, so one run reports every TeX error.
        stats = self.renderer.stats if self.renderer else None
        if stats is not None:
            log.debug("math: %d rendered, %d from cache", stats.rendered, stats.from_cache)
        if self.problems and self.serving:
            log.error("%s\nServing the last good version of these pages.", summary(self.problems))
        elif self.problems:
            raise PluginError(summary(self.problems))
        return env

    def on_shutdown(self) -> None:
        if self.process is not None:
            self.process.close()
            self.process = None


def _project_dir(config: MkDocsConfig) -> str:
    return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
