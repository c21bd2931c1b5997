"""MkDocs hooks of course-quiz; the work is in build.py, catalogue.py and embed.py."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from authoring.markers import Expansion, Marker
from authoring.plugin import CoursePlugin
from authoring.problems import Problem
from quiz import build
from quiz.config import QuizPluginConfig
from quiz.embed import NAME, SYNTAX, QuizMarkers
from quiz.text import QuizText


class QuizPlugin(CoursePlugin[QuizPluginConfig]):
    """Expands ``<!-- quiz: FILE -->`` markers into quizzes; keeps quiz files out of the site."""

    markers: QuizMarkers | None = None

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        self.markers = None
        if self.config.enabled:
            build.add_assets(config)
            self.report.markers.register(NAME, SYNTAX, self._expand, takes_argument=True)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        catalogue = build.catalogue_site(files, config, self.config.math_plugin)
        self.report.extend(catalogue.problems)
        self.markers = QuizMarkers(catalogue, self.report.add, QuizText(config))
        for asset in build.asset_files(config):
            files.append(asset)
        return files

    def page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.markers is not None:
            self.markers.text.start_page(page, files)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.markers is not None:
            build.add_links(page, self.markers.text.finish_page())
        return html

    def _expand(self, marker: Marker) -> Expansion | None:
        return None if self.markers is None else self.markers.expand(marker)

    def final_checks(self, config: MkDocsConfig) -> list[Problem]:
        return [] if self.markers is None else build.unused_problems(self.markers.catalogue)
