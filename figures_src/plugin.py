"""MkDocs plugin `course-figures`: render stale figures before MkDocs collects the files."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from authoring.plugin import CoursePlugin
from authoring.problems import ProblemsFound
from figures_src.config import FiguresPluginConfig, PipelinePaths
from figures_src.files import TABLES_SUBDIR, Resolver
from figures_src.pageimages import ImageSizes, add_image_attributes
from figures_src.pipeline import JobResult, run

log = get_plugin_logger(__name__)


def _log_progress(result: JobResult) -> None:
    if result.problem is None:
        log.info(f"rendered {result.name} in {result.seconds:.2f} s")
    for warning in result.warnings:
        log.warning(f"{result.name}: {warning}")


class FiguresPlugin(CoursePlugin[FiguresPluginConfig]):
    """Brings the generated figures and tables up to date at the start of every build.

    A failing script or a bad catalog entry goes to the build's report, so one build lists
    them with every other problem of the course (the report stops it before pages are
    written); the other jobs' outputs are still brought up to date.
    """

    def __init__(self) -> None:
        super().__init__()
        self._image_sizes = ImageSizes()  # read once per file, kept across serve's rebuilds

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        paths = PipelinePaths.for_mkdocs(config, self.config)
        try:
            report = run(paths, progress=_log_progress, warn=log.warning)
        except ProblemsFound as found:
            self.report.extend(found.problems)
            return
        if report.plan.orphans:
            log.info(f"removed {len(report.plan.orphans)} orphaned generated file(s)")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # Tables are Markdown fragments for pymdownx.snippets, not pages of their own.
        tables = PipelinePaths.for_mkdocs(config, self.config).output_dir / TABLES_SUBDIR
        resolved = Resolver()
        for file in list(files):
            if file.abs_src_path and resolved.path(file.abs_src_path).is_relative_to(tables):
                files.remove(file)
        return files

    # After every other plugin's content hook, so images they add get their attributes too.
    @event_priority(-50)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        return add_image_attributes(html, page.url, files, self._image_sizes)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(PipelinePaths.for_mkdocs(config, self.config).source_dir))
        return server
