"""Helpers of the figure-pipeline tests: private copies of figures_src/ and fixture sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from figures_src.config import PipelinePaths
from figures_src.registry import Job, load_catalog
from tests.support import BASE_MARKDOWN_EXTENSIONS, ROOT, write_site

FIGURES_SRC = ROOT / "figures_src"
COURSEMATH = ROOT / "coursemath"


def copy_pipeline(root: Path) -> PipelinePaths:
    """Private copies of the real figures_src/ and coursemath/ under ``root``.

    The repository is never touched; the figure worker imports the copies.
    """
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(FIGURES_SRC, root / "figures_src", ignore=ignore)
    shutil.copytree(COURSEMATH, root / "coursemath", ignore=ignore)
    return PipelinePaths.for_root(root)


def copy_project(source: PipelinePaths, root: Path) -> PipelinePaths:
    """Copy a rendered project (sources, outputs and cache) so a test can change it."""
    shutil.copytree(source.root, root, ignore=shutil.ignore_patterns("__pycache__", "site"))
    return PipelinePaths.for_root(root)


def jobs(paths: PipelinePaths) -> list[Job]:
    return load_catalog(paths)


def outputs(paths: PipelinePaths) -> dict[str, bytes]:
    """Every file in the managed output folders, by path relative to the output folder."""
    found = {}
    for folder in ("figures", "tables"):
        for path in sorted((paths.output_dir / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(paths.output_dir).as_posix()] = path.read_bytes()
    return found


def mtimes(paths: PipelinePaths) -> dict[str, int]:
    """Modification times: only to show files were not rewritten (staleness never uses them)."""
    return {rel: (paths.output_dir / rel).stat().st_mtime_ns for rel in outputs(paths)}


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def add_job(paths: PipelinePaths, name: str, script: str, entry: str) -> Path:
    """Add figures/<name>.py with ``script`` and a catalog entry (YAML, indented under the name)."""
    path = paths.source_dir / "figures" / f"{name.replace('-', '_')}.py"
    path.write_text(textwrap.dedent(script).lstrip("\n"), encoding="utf-8")
    append(paths.catalog, f"\n{name}:\n{textwrap.indent(textwrap.dedent(entry).strip(), '  ')}\n")
    return path


def run_cli(paths: PipelinePaths, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m figures_src` as an author runs it, from the project folder (the copy)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-m", "figures_src", *args],
        cwd=paths.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


FIGURE_PAGE = """\
# Figures

![The refresher figure.](assets/generated/figures/kl-refresher-light.svg#only-light)
![The refresher figure.](assets/generated/figures/kl-refresher-dark.svg#only-dark)

--8<-- "assets/generated/tables/kl-grid.md"
"""


def figures_site(root: Path, pages: dict[str, str] | None = None) -> Path:
    """A fixture site at ``root`` (which holds figures_src/) with the course-figures plugin."""
    docs = root / "docs"
    extensions: list[Any] = [
        *BASE_MARKDOWN_EXTENSIONS,
        {"pymdownx.snippets": {"check_paths": True, "base_path": [str(docs)]}},
    ]
    return write_site(
        root,
        pages if pages is not None else {"index.md": FIGURE_PAGE},
        plugins=["course-figures"],
        extra={"markdown_extensions": extensions, "validation": {"omitted_files": "warn"}},
    )
