"""Where the figure catalog is, which claims read (``figure_params``): a module of its own, so
the numbers memo can name it without importing the claims' namespace (and NumPy)."""

from __future__ import annotations

from pathlib import Path

CATALOG = Path("figures_src") / "catalog.yml"  # relative to the folder of mkdocs.yml


def catalog_path(root: Path) -> Path:
    """The figure catalog ``figure_params`` reads: the course's, else the package's own."""
    path = (root / CATALOG).resolve()
    if not path.is_file():
        import figures_src

        path = Path(figures_src.__file__).with_name(CATALOG.name)
    return path
