"""The build's side of the plugin: a site's quiz files into a checked Catalogue, the assets."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from authoring import linkcheck
from authoring.problems import Problem
from authoring.source import Location, file_path, project_root
from authoring.yamlmemo import yaml_memo
from mathrender.node_process import RendererUnavailable
from quiz.assets import SCRIPT, STYLESHEET
from quiz.catalogue import Catalogue, is_quiz_file
from quiz.texcheck import ARITHMATEX, TexChecker, TexRenderer, texcheck_memo
from quiz.text import PageLinks


def math_renderer(config: MkDocsConfig, plugin_name: str) -> TexRenderer | None:
    plugin = config.plugins.get(plugin_name)
    renderer = getattr(plugin, "renderer", None)
    return renderer if callable(getattr(renderer, "render", None)) else None


def catalogue_site(files: Files, config: MkDocsConfig, math_plugin: str) -> Catalogue:
    """Load every quiz file and check its TeX, and take the quiz files out of the site.

    Problems stay in the catalogue: the plugin adds them to the build's report.
    """
    root = project_root(config)
    catalogue = Catalogue(yaml=yaml_memo(root))
    for file in list(files):
        if is_quiz_file(file.src_uri):
            catalogue.add_quiz_file(file.src_uri, file_path(file, config), file.content_bytes)
            files.remove(file)
    renderer = math_renderer(config, math_plugin)
    if renderer is not None and ARITHMATEX in config.markdown_extensions:
        arithmatex = config.mdx_configs.get(ARITHMATEX, {})
        try:
            catalogue.check_tex(TexChecker(arithmatex, renderer, texcheck_memo(root)))
        except RendererUnavailable as exc:  # the renderer's failure (Node missing), not an author's
            raise PluginError(f"course-quiz: could not check TeX in quizzes: {exc}") from None
    return catalogue


def unused_problems(catalogue: Catalogue) -> list[Problem]:
    """One problem per quiz file that no page shows."""
    return [
        Problem(
            Location(catalogue.shown_paths[src_uri], 1),
            "no page uses this quiz file; add <!-- quiz: FILE.quiz.yml --> to a page at the top"
            " level, outside code (or delete the file)",
        )
        for src_uri in catalogue.unused()
    ]


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


def add_links(page: Page, links: PageLinks) -> None:
    """The links of a page's quiz text join the page's own: MkDocs checks their anchors with
    the page's, and the check command finds the quiz line each was written on."""
    linkcheck.record_links(page.file.src_uri, links.written)
    if not links.links_to_anchors:
        return
    if page.links_to_anchors is None:
        # MkDocs keeps no links to check when it logs at debug level; neither does the quiz.
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() <= logging.DEBUG:
            return
        page.links_to_anchors = {}
    for target, anchors in links.links_to_anchors.items():
        known = page.links_to_anchors.setdefault(target, {})
        for anchor, url in anchors.items():
            known.setdefault(anchor, url)
