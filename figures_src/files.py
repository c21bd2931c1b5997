"""Names and safe writing of generated files (shared by the planner and the renderer)."""

from __future__ import annotations

import contextlib
import os
import tempfile
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


def write_atomically(path: Path, data: bytes) -> None:
    """Write a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the site server must read these
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
