"""MkDocs hooks of the explorer: register the Markdown extension, ship the assets, report."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from explorer.config import ExplorerConfig
from explorer.errors import ErrorLog, shown_path
from explorer.extension import ExplorerExtension, PageContext, report_unexpanded
from explorer.fallback import find_fallback, missing_figure_messages

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
SITE_ASSETS = "assets/course-explorer"
ASSET_NAMES = ("explorer.js", "explorer.css")


class ExplorerPlugin(BasePlugin[ExplorerConfig]):
    def __init__(self) -> None:
        self.errors = ErrorLog()
        self.extension = ExplorerExtension()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]
        config.extra_css.append(f"{SITE_ASSETS}/explorer.css")
        config.extra_javascript.append(ExtraScriptValue(f"{SITE_ASSETS}/explorer.js"))
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.errors.clear()

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for name in ASSET_NAMES:
            uri = f"{SITE_ASSETS}/{name}"
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / name)))
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        self.extension.page = PageContext(
            path=shown_path(page, config),
            source=page.file.content_string,
            fallback=find_fallback(self.config, page, files),
            errors=self.errors,
        )
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        context, self.extension.page = self.extension.page, None
        if context is not None:
            report_unexpanded(html, context)
            # A warning, so --strict fails: readers without JavaScript would see no figure.
            for message in missing_figure_messages(self.config, context):
                log.warning(message)
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        self.errors.raise_if_any()
        return env
