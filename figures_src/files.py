"""Names of generated files (shared by the planner and the renderer), and paths resolved."""

from __future__ import annotations

import os
from pathlib import Path

# Generated files live under these sub-folders of the output folder; the pipeline owns
# them (anything else found there is an orphan and removed).
FIGURES_SUBDIR = "figures"
TABLES_SUBDIR = "tables"
MANAGED_SUBDIRS = (FIGURES_SUBDIR, TABLES_SUBDIR)
THEMES = ("light", "dark")


def figure_outputs(name: str) -> tuple[str, ...]:
    """figures/<name>-light.svg and figures/<name>-dark.svg."""
    return tuple(f"{FIGURES_SUBDIR}/{name}-{theme}.svg" for theme in THEMES)


def table_output(name: str) -> str:
    return f"{TABLES_SUBDIR}/{name}.md"


class Resolver:
    """``Path(path).resolve()``, resolving each folder once: a file that is not a symbolic
    link resolves to its folder's resolved path and its own name."""

    def __init__(self) -> None:
        self._folders: dict[str, Path] = {}

    def path(self, path: str) -> Path:
        if os.path.islink(path):
            return Path(path).resolve()
        folder, name = os.path.split(path)
        if not name or name in (".", ".."):
            return Path(path).resolve()
        if folder not in self._folders:
            self._folders[folder] = Path(folder).resolve()
        return self._folders[folder] / name
