"""Names of generated files (shared by the planner and the renderer)."""

from __future__ import annotations

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
