"""The build's side of the plugin: a site's quiz files and pages into a checked Catalogue."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mathrender.node_process import RendererUnavailable
from quiz.assets import SCRIPT, STYLESHEET
from quiz.catalogue import Catalogue, is_quiz_file
from quiz.texcheck import ARITHMATEX, TexChecker, TexRenderer

log = get_plugin_logger("course-quiz")


def shown_path(file: File, config: MkDocsConfig) -> str:
    """A file's path as authors know it: relative to the folder of mkdocs.yml."""
    project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    if file.abs_src_path is None:
        return file.src_uri
    return os.path.relpath(file.abs_src_path, project)


def math_renderer(config: MkDocsConfig, plugin_name: str) -> TexRenderer | None:
    plugin = config.plugins.get(plugin_name)
    renderer = getattr(plugin, "renderer", None)
    return renderer if callable(getattr(renderer, "render", None)) else None


def catalogue_site(files: Files, config: MkDocsConfig, math_plugin: str) -> Catalogue:
    """Load every quiz file, check its TeX and every page's markers, and take the quiz files
    out of the site. Problems are kept in the catalogue (see report) so that the pages are
    still read and one run reports every problem."""
    catalogue = Catalogue()
    for file in list(files):
        if is_quiz_file(file.src_uri):
            catalogue.add_quiz_file(file.src_uri, shown_path(file, config), file.content_bytes)
            files.remove(file)
    renderer = math_renderer(config, math_plugin)
    if renderer is not None and ARITHMATEX in config.markdown_extensions:
        arithmatex = config.mdx_configs.get(ARITHMATEX, {})
        try:
            catalogue.check_tex(TexChecker(arithmatex, renderer))
        except RendererUnavailable as exc:  # the renderer's failure (Node missing), not an author's
            raise PluginError(f"course-quiz: could not check TeX in quizzes: {exc}") from None
    for file in files.documentation_pages():
        catalogue.add_page(file.src_uri, shown_path(file, config), file.content_string)
    for src_uri in catalogue.unused():
        log.warning(
            "quiz file docs/%s is not used by any page (a marker inside code or indented"
            " by 4+ spaces does not count)",
            src_uri,
        )
    return catalogue


def add_assets(config: MkDocsConfig) -> None:
    if SCRIPT.site_uri not in config.extra_javascript:
        config.extra_javascript.append(SCRIPT.site_uri)
    if STYLESHEET.site_uri not in config.extra_css:
        config.extra_css.append(STYLESHEET.site_uri)


def asset_files(config: MkDocsConfig) -> list[File]:
    return [
        File.generated(config, asset.site_uri, abs_src_path=str(asset.path))
        for asset in (SCRIPT, STYLESHEET)
    ]


def report(catalogue: Catalogue) -> None:
    """Raise every problem found in quiz files and pages, all at once."""
    if catalogue.problems:
        count = len(catalogue.problems)
        lines = "\n".join(str(problem) for problem in sorted(catalogue.problems))
        raise PluginError(f"course-quiz: {count} problem{'s' if count > 1 else ''}:\n{lines}")


def check_page_html(catalogue: Catalogue, html: str, page: Page, config: MkDocsConfig) -> None:
    if "<!--" in html:
        catalogue.unexpanded(html, shown_path(page.file, config), page.file.content_string)


def expand(catalogue: Catalogue, page_src_uri: str, markdown: str) -> str:
    return catalogue.expand_page(page_src_uri, markdown)
