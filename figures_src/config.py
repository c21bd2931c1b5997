"""Typed configuration: the plugin's options, a catalog entry, and the resolved paths."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from authoring.source import project_root, shown_path

CATALOG_NAME = "catalog.yml"
# Seconds a figure script may run when its catalog entry sets no `timeout:`.
DEFAULT_TIMEOUT = 120


class Seconds(c.Type[float]):
    """A time limit in seconds: a number greater than 0."""

    def __init__(self, default: float | None = None) -> None:
        super().__init__((int, float), default=default)

    def run_validation(self, value: object) -> float:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and 0 < value < math.inf:  # type: ignore[operator]
            return float(value)  # type: ignore[arg-type]
        raise base.ValidationError("must be a number of seconds greater than 0, such as 30")


class FiguresPluginConfig(base.Config):
    """`course-figures` options in mkdocs.yml (the defaults suit this repository)."""

    source_dir = c.Type(str, default="figures_src")
    """The figures package (catalog.yml, scripts, shared maths), relative to mkdocs.yml."""
    output_dir = c.Type(str, default="assets/generated")
    """Where generated files go, relative to docs_dir."""
    cache_dir = c.Type(str, default=".cache/figures")
    """Where the content-hash manifest lives, relative to mkdocs.yml."""
    timeout = Seconds(default=DEFAULT_TIMEOUT)
    """Seconds a figure script may run unless its catalog entry sets its own `timeout:`."""


class JobConfig(base.Config):
    """One catalog entry: a script and the outputs it promises to write."""

    script = c.Type(str)
    """The script's path relative to the figures package, e.g. figures/jensen.py."""
    figures = c.ListOfItems(c.Type(str), default=[])
    """Figure names; each becomes figures/<name>-light.svg and figures/<name>-dark.svg."""
    tables = c.ListOfItems(c.Type(str), default=[])
    """Table names; each becomes tables/<name>.md."""
    params = c.Type(dict, default={})
    """Parameters handed to the script (numbers, strings, booleans and lists of them)."""
    timeout = c.Optional(Seconds())
    """Seconds the script may run (default: the plugin's `timeout`, 120)."""


@dataclass(frozen=True)
class PipelinePaths:
    """Where the pipeline reads and writes; every path absolute."""

    root: Path  # messages show paths relative to this (the folder of mkdocs.yml)
    source_dir: Path
    output_dir: Path
    cache_dir: Path
    timeout: float = DEFAULT_TIMEOUT  # a job's time limit unless its catalog entry sets one

    @property
    def catalog(self) -> Path:
        return self.source_dir / CATALOG_NAME

    @property
    def manifest(self) -> Path:
        return self.cache_dir / "manifest.json"

    @classmethod
    def for_root(cls, root: Path) -> PipelinePaths:
        """The standard layout: figures_src/, docs/assets/generated/, .cache/figures/."""
        root = root.resolve()
        return cls(
            root=root,
            source_dir=root / "figures_src",
            output_dir=root / "docs" / "assets" / "generated",
            cache_dir=root / ".cache" / "figures",
        )

    @classmethod
    def for_mkdocs(cls, config: MkDocsConfig, options: FiguresPluginConfig) -> PipelinePaths:
        root = project_root(config).resolve()
        return cls(
            root=root,
            source_dir=(root / options.source_dir).resolve(),
            output_dir=(Path(config.docs_dir) / options.output_dir).resolve(),
            cache_dir=(root / options.cache_dir).resolve(),
            timeout=options.timeout,
        )

    def show(self, path: Path) -> str:
        """``path`` as authors should read it: relative to the root when inside it."""
        return shown_path(path.resolve(), self.root)
