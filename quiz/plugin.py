"""MkDocs hooks of course-quiz; the work is in build.py, catalogue.py and embed.py."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from authoring.markers import Expansion, Marker
from authoring.plugin import CoursePlugin
from authoring.problems import Problem
from quiz import build
from quiz.config import QuizPluginConfig
from quiz.embed import NAME, SYNTAX, QuizMarkers
from quiz.searchview import SearchView
from quiz.text import QuizText


class QuizPlugin(CoursePlugin[QuizPluginConfig]):
    """Expands ``<!-- quiz: FILE -->`` markers into quizzes; keeps quiz files out of the site."""

    markers: QuizMarkers | None = None
    search_view: SearchView | None = None

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        self.markers = None
        # Only where a search plugin indexes the pages ("search" or "material/search").
        indexed = any(name.split("/")[-1] == "search" for name in config.plugins)
        self.search_view = SearchView() if indexed else None
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

    # After every other plugin made the page's HTML (the math plugin's and the figures' -50).
    @event_priority(-60)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.markers is not None:
            build.add_links(page, self.markers.text.finish_page())
        if self.search_view is not None:
            return self.search_view.lean(page.file.src_uri, html)
        return html

    # After the search plugin indexed the page (0), before the math plugin's equations (-50).
    @event_priority(-40)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.search_view is not None and page.content is not None:
            page.content = self.search_view.restore(page.file.src_uri, page.content)
        return context

    def _expand(self, marker: Marker) -> Expansion | None:
        if self.markers is None:
            return None
        expansion = self.markers.expand(marker)
        if expansion is not None and expansion.html is not None and self.search_view is not None:
            page = marker.page
            wrapped = self.search_view.wrap(page.file.src_uri, page.markdown or "", expansion.html)
            return Expansion(html=wrapped)
        return expansion

    def final_checks(self, config: MkDocsConfig) -> list[Problem]:
        return [] if self.markers is None else build.unused_problems(self.markers.catalogue)
