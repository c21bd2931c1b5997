"""MkDocs plugin `course-figures`: render stale figures before MkDocs collects the files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files

from figures_src.config import FiguresPluginConfig, PipelinePaths
from figures_src.errors import FiguresError
from figures_src.files import TABLES_SUBDIR
from figures_src.pipeline import JobResult, run

log = get_plugin_logger(__name__)


def _log_progress(result: JobResult) -> None:
    if result.problem is None:
        log.info(f"rendered {result.name} in {result.seconds:.2f} s")
    for warning in result.warnings:
        log.warning(f"{result.name}: {warning}")


class FiguresPlugin(BasePlugin[FiguresPluginConfig]):
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        paths = PipelinePaths.for_mkdocs(config.config_file_path, config.docs_dir, self.config)
        try:
            report = run(paths, progress=_log_progress)
        except FiguresError as exc:
            raise PluginError(f"figures: {len(exc.problems)} problem(s):\n{exc}") from None
        if report.plan.orphans:
            log.info(f"removed {len(report.plan.orphans)} orphaned generated file(s)")

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # Tables are Markdown fragments for pymdownx.snippets, not pages of their own.
        paths = PipelinePaths.for_mkdocs(config.config_file_path, config.docs_dir, self.config)
        tables = paths.output_dir / TABLES_SUBDIR
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(tables):
                files.remove(file)
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        paths = PipelinePaths.for_mkdocs(config.config_file_path, config.docs_dir, self.config)
        server.watch(str(paths.source_dir))
        return server
