"""MkDocs hooks of the explorer: register its marker, ship the assets."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from authoring.markers import Expansion, Marker
from authoring.memo import Memo
from authoring.plugin import CoursePlugin
from authoring.problems import Problem
from authoring.source import project_root
from explorer.config import ExplorerConfig
from explorer.fallback import find_fallback, missing_figure_message
from explorer.marker import NAME, SYNTAX, parse_marker
from explorer.remembered import explorer_memo, render_remembered
from explorer.render import Fallback

ASSETS = Path(__file__).parent / "assets"
SITE_ASSETS = "assets/course-explorer"
ASSET_NAMES = ("explorer.js", "explorer.css")


class ExplorerPlugin(CoursePlugin[ExplorerConfig]):
    def __init__(self) -> None:
        self.fallback: Fallback | None = None  # the page being converted's figure
        self.instances = 0  # explorers on that page so far
        self.memo: Memo | None = None

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        self.report.markers.register(NAME, SYNTAX, self._expand, takes_argument=False)
        self.memo = explorer_memo(project_root(config))
        config.extra_css.append(f"{SITE_ASSETS}/explorer.css")
        config.extra_javascript.append(ExtraScriptValue(f"{SITE_ASSETS}/explorer.js"))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for name in ASSET_NAMES:
            uri = f"{SITE_ASSETS}/{name}"
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        return files

    def page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.fallback = find_fallback(self.config, page, files)
        self.instances = 0
        return markdown

    def _expand(self, marker: Marker) -> Expansion | None:
        settings, problems = parse_marker(marker)
        fallback = self.fallback
        if fallback is None:  # not a page of this build (the marker extension used elsewhere)
            return None
        if self.instances == 0 and settings is not None:
            missing = missing_figure_message(self.config, fallback)
            if missing is not None:  # readers without JavaScript would see no figure
                problems.append(Problem(marker.location, missing))
        self.report.extend(problems, marker.page)
        if settings is None:
            return None
        self.instances += 1
        element_id = f"course-explorer-{self.instances}"
        html = render_remembered(self.memo, settings, element_id, fallback)
        return Expansion(html=html)
