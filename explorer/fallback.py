"""The figure an explorer shows without JavaScript, found among the site's files."""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from explorer.config import ExplorerConfig
from explorer.extension import PageContext
from explorer.render import Fallback


def find_fallback(config: ExplorerConfig, page: Page, files: Files) -> Fallback:
    """The light and dark figures' URLs relative to ``page`` (None where a file is missing)."""
    sources: list[str | None] = []
    for path in (config.fallback_light, config.fallback_dark):
        figure = files.get_file_from_path(path)
        sources.append(None if figure is None else figure.url_relative_to(page.file))
    return Fallback(
        light_src=sources[0],
        dark_src=sources[1],
        alt=config.fallback_alt,
        caption=config.fallback_caption,
    )


def missing_figure_messages(config: ExplorerConfig, page: PageContext) -> list[str]:
    """What to warn about when a page has explorers but their static figure is missing."""
    fallback = page.fallback
    pairs = ((config.fallback_light, fallback.light_src), (config.fallback_dark, fallback.dark_src))
    missing = [path for path, src in pairs if src is None]
    if not page.instances or not missing:
        return []
    return [
        f"{page.path}: the explorer's no-JavaScript figure is missing from the documentation "
        f"files: {', '.join(missing)}"
    ]
