"""The figure an explorer shows without JavaScript, found among the site's files."""

from __future__ import annotations

from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from explorer.config import ExplorerConfig
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


def missing_figure_message(config: ExplorerConfig, fallback: Fallback) -> str | None:
    """What to say when the explorer's static figure is missing from the site, if it is."""
    pairs = ((config.fallback_light, fallback.light_src), (config.fallback_dark, fallback.dark_src))
    missing = [path for path, src in pairs if src is None]
    if not missing:
        return None
    return (
        "the explorer's no-JavaScript figure is missing from the documentation files: "
        f"{', '.join(missing)}; list course-figures before course-explorer in mkdocs.yml, or "
        "set fallback_light and fallback_dark of course-explorer to existing figures"
    )
