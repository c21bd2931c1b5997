"""MkDocs hooks of the course-lessons plugin; the work is done in the modules they call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from authoring.markers import Expansion, Marker
from authoring.plugin import CoursePlugin
from authoring.problems import Problem
from authoring.source import file_path, project_root
from guarantees import LessonGuarantees
from lessons.catalog import CatalogEntry, scan_lessons
from lessons.config import LessonsConfig
from lessons.header import insert_header, render_header
from lessons.locate import symbol_problems, where_problems
from lessons.navigation import MARKER, MARKER_SYNTAX, CourseOrder, course_order, lessons_list
from lessons.readingtime import ReadingTimes
from lessons.snippets import SnippetCheckExtension
from lessons.where import WhereExtension
from lessons.wherewidth import with_symbol_widths

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).with_name("assets")
SCRIPT = "assets/lessons/lessons.js"
STYLESHEET = "assets/lessons/lessons.css"


class LessonsPlugin(CoursePlugin[LessonsConfig]):
    """Lesson headers from front matter, and "where" lists linked to their equations."""

    def __init__(self) -> None:
        self.where = WhereExtension()
        self.catalog: dict[str, CatalogEntry] = {}  # by lesson number
        self.pages: dict[str, CatalogEntry] = {}  # by page source path
        self.order = CourseOrder()  # the lessons in nav order

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        # Lesson guarantees: numbers tied to the course maths, code that runs (guarantees/).
        self.guarantees = LessonGuarantees.attach(self.report, config, self.config.code_timeout)
        # MkDocs types this list as names, but Markdown accepts extension instances too.
        extensions: list[Any] = config.markdown_extensions
        if self.where not in extensions:
            extensions.append(self.where)
        if not any(isinstance(e, SnippetCheckExtension) for e in extensions):
            extensions.append(
                SnippetCheckExtension(
                    lambda: self.report.markers.page,
                    lambda problem, page: self.report.add(problem, page),
                    project_root(config),
                )
            )
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        self.report.markers.register(MARKER, MARKER_SYNTAX, self._lessons_marker, False)
        self.reading = ReadingTimes(project_root(config))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for uri in (SCRIPT, STYLESHEET):
            source = ASSETS / Path(uri).name
            files.append(File.generated(config, uri, abs_src_path=str(source)))
        self.guarantees.keep_out_of_site(files)
        self.catalog = scan_lessons(files, config, self.report.add)
        self.pages = {entry.file.src_uri: entry for entry in self.catalog.values()}
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.order, found = course_order(nav, self.catalog)
        for problem, file in found:
            self.report.add(problem, file)
        return nav

    def _lessons_marker(self, marker: Marker) -> Expansion | None:
        expansion = lessons_list(marker, self.order)
        if isinstance(expansion, Expansion):
            return expansion
        self.report.add(expansion, marker.page)
        return None

    def page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.where.take_problems()  # nothing from an earlier page may leak into this one
        self.where.take_symbol_problems()
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        path = file_path(page.file, config)
        found = self.where.take_problems()
        if found:
            self.report.extend(where_problems(path, page.file.content_string, found), page)
        undefined = self.where.take_symbol_problems()
        if undefined:
            self.report.extend(symbol_problems(path, page.file.content_string, undefined), page)
        entry = self.pages.get(page.file.src_uri)
        if entry is None:
            return html
        stats = self.reading.stats(html)
        minutes = stats.minutes(self.config)
        log.debug("%s: %s -> about %d min", path, stats, minutes)
        return insert_header(html, render_header(entry.lesson, page.file, self.order, minutes))

    # After the math plugin put the rendered equations in (-50): their widths are known.
    @event_priority(-60)
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if page.content is not None:
            page.content = with_symbol_widths(page.content)
        return context

    def check_only(self, config: MkDocsConfig) -> list[Problem]:
        return self.guarantees.check_only()
