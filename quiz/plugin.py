"""MkDocs hooks of the course-quiz plugin; the work is done in build.py and catalogue.py."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from quiz import build
from quiz.catalogue import Catalogue
from quiz.config import QuizPluginConfig


class QuizPlugin(BasePlugin[QuizPluginConfig]):
    """Expands ``<!-- quiz: FILE -->`` markers into quizzes; keeps quiz files out of the site."""

    catalogue: Catalogue | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.enabled:
            build.add_assets(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        self.catalogue = build.catalogue_site(files, config, self.config.math_plugin)
        for asset in build.asset_files(config):
            files.append(asset)
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.catalogue is None:
            return markdown
        return build.expand(self.catalogue, page.file.src_uri, markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.catalogue is not None:
            build.check_page_html(self.catalogue, html, page, config)
        return html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # After every page was read, so one run reports every problem, including markers
        # that Markdown left unexpanded; before course-math's on_env, so quiz TeX errors are
        # reported at the quiz file rather than at the page.
        if self.catalogue is not None:
            build.report(self.catalogue)
        return env
