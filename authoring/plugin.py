"""The base class of every course plugin: the build's report, the order check, serve's last
good pages, the search entries remembered across builds (authoring.searchmemo), old cache
files deleted after the first full build (authoring.cacheprune). Subclasses
keep to MkDocs hooks and implement ``configure`` and ``final_checks``.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from authoring.cacheprune import prune_once
from authoring.markers import PageSource
from authoring.order import check_order
from authoring.problems import Problem
from authoring.report import BuildReport, Mode, report_for
from authoring.searchmemo import remember_search_entries
from authoring.source import file_path, project_root

C = TypeVar("C", bound=Config)


class _NoOptions(Config):
    pass


# BasePlugin[C] cannot take a type variable at run time (it builds a class from it), so the
# base names an empty config and subclasses name their own: CoursePlugin[QuizPluginConfig].
class CoursePlugin(BasePlugin[_NoOptions], Generic[C]):
    """Joins the build's one report; the report is closed after every page was read."""

    config: C  # type: ignore[assignment]

    mode: Mode = "build"
    dirty = False  # a --dirty build reads only the pages that changed
    report: BuildReport

    # Defining on_startup keeps the instance (and its caches) across serve's rebuilds.
    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.mode = "serve" if command == "serve" else "build"
        self.dirty = dirty

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        check_order(config.plugins.keys())
        self.report = report_for(config, self.mode)
        if not self.report.plugins:
            # MkDocs types this list as names; Markdown accepts extension instances too.
            extensions: list[Any] = config.markdown_extensions
            extensions.append(self.report.markers.extension())
        self.report.plugins.append(self)
        return self.configure(config)

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """The plugin's own on_config work."""
        return config

    def final_checks(self, config: MkDocsConfig) -> list[Problem]:
        """Problems that can only be found once every page was read (unused files...)."""
        return []

    def check_only(self, config: MkDocsConfig) -> list[Problem]:
        """Checks too slow for every build (running code...): the check command runs them."""
        return []

    @event_priority(-100)
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        # After every plugin's on_config, which is where the search plugin makes its index.
        remember_search_entries(config)
        # The markers' Markdown extension learns here which page it is about to convert.
        self.report.markers.page = PageSource(
            page, file_path(page.file, config), page.file.content_string
        )
        return self.page_markdown(markdown, page=page, config=config, files=files)

    def page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """The plugin's own on_page_markdown work (after every other plugin's)."""
        return markdown

    # After every other plugin's env hook, before MkDocs writes anything.
    @event_priority(-100)
    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        self.report.finish(config, files)
        return env

    @event_priority(-100)
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        return self.report.keep_last_good(page, output)

    # Last: every cache this build reads was read by now (the search index's entries too).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.dirty:
            prune_once(project_root(config))
