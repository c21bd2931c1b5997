"""Small fixture sites for the explorer tests: real MkDocs projects in temporary folders,
and one page of such a site converted as a build converts it (the quiz tests use it too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import load_config
from mkdocs.structure.files import File, get_files
from mkdocs.structure.pages import Page

from authoring.problems import Problem, sorted_problems
from authoring.report import report_for
from tests.support import write_site

# The course's palette (mkdocs.yml), so light and dark both exist in fixture sites.
PALETTE: list[dict[str, Any]] = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "primary": "indigo",
        "accent": "deep orange",
        "toggle": {"icon": "material/weather-sunny", "name": "Switch to dark mode"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "primary": "indigo",
        "accent": "deep orange",
        "toggle": {"icon": "material/weather-night", "name": "Switch to light mode"},
    },
]

FIGURE_DIR = "assets/generated/figures"


def stand_in_figure(label: str) -> str:
    """A throwaway SVG in place of the figure pipeline's output (fixture sites only)."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="460" height="340" viewBox="0 0 460 340">'
        f'<rect width="460" height="340" fill="#888"/><text x="20" y="40">{label}</text></svg>'
    )


def stand_in_figures() -> dict[str, str]:
    return {
        f"{FIGURE_DIR}/elbo-tradeoff-light.svg": stand_in_figure("light stand-in"),
        f"{FIGURE_DIR}/elbo-tradeoff-dark.svg": stand_in_figure("dark stand-in"),
    }


def write_explorer_site(
    root: Path,
    pages: dict[str, str],
    *,
    site_url: str = "https://fixture.example.org/",
    figures: bool = True,
) -> Path:
    """A site with the explorer plugin (and no others it does not need)."""
    all_pages = {**(stand_in_figures() if figures else {}), **pages}
    return write_site(
        root,
        all_pages,
        plugins=["search", "course-explorer"],
        extra={
            "site_url": site_url,
            "theme": {
                "name": "material",
                "font": False,
                "features": ["navigation.instant"],
                "palette": PALETTE,
            },
        },
    )


class SiteBuild:
    """A fixture site's build up to its pages: MkDocs' hooks in MkDocs' order, nothing written.

    ``convert`` turns one page into HTML as ``mkdocs build`` does (every plugin's page hooks
    run); the build's report collects the problems.
    """

    def __init__(self, config_file: Path) -> None:
        config = load_config(str(config_file))
        config.plugins.on_startup(command="build", dirty=False)
        self.config = config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        self.files = config.plugins.on_files(get_files(config), config=config)
        self.report = report_for(config, "build")

    def convert(self, src_uri: str, text: str | None = None) -> str:
        """The HTML of the site's page ``src_uri``, or of a page of that name holding ``text``."""
        config, files = self.config, self.files
        file = (
            files.get_file_from_path(src_uri)
            if text is None
            else File.generated(config, src_uri, content=text)
        )
        assert file is not None, src_uri
        page = Page(None, file, config)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(
            page.markdown, page=page, config=config, files=files
        )
        page.render(config, files)
        assert page.content is not None
        return str(
            config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        )


def convert_page(config_file: Path, src_uri: str) -> tuple[str, list[Problem]]:
    """One page of a fixture site converted as ``mkdocs build`` converts it, and the problems
    the build's report holds then, sorted."""
    build = SiteBuild(config_file)
    html = build.convert(src_uri)
    return html, sorted_problems(build.report.problems)
