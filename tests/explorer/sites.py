"""Small fixture sites for the explorer tests: real MkDocs projects in temporary folders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
