"""What a figure script receives: its parameters and the place to put its outputs.

A script is a module with ``build(out: Outputs) -> None``. It reads parameters from
``out.params`` and hands each declared output to ``out.figure`` or ``out.table``. Nothing
reaches the disk until the whole script has succeeded (the renderer then writes every
output atomically), so a failing script never leaves half its outputs new.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from figures_src.files import figure_outputs, table_output

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from figures_src.palette import Palette


class OutputError(Exception):
    """A script broke its catalog contract (an undeclared output, a bad parameter)."""


class Params:
    """A job's parameters from the catalog, read with the type the script expects.

    Reading marks a parameter as used; one the script never reads is an error, so a typo
    in the catalog cannot silently leave the default in place.
    """

    def __init__(self, values: Mapping[str, object]) -> None:
        self._values = dict(values)
        self._used: set[str] = set()

    def _get(self, name: str) -> object:
        if name not in self._values:
            raise OutputError(f"parameter '{name}' is missing from the catalog entry")
        self._used.add(name)
        return self._values[name]

    def number(self, name: str) -> float:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise OutputError(f"parameter '{name}' must be a number, got {value!r}")
        return float(value)

    def numbers(self, name: str) -> tuple[float, ...]:
        value = self._get(name)
        if not isinstance(value, list) or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value
        ):
            raise OutputError(f"parameter '{name}' must be a list of numbers, got {value!r}")
        return tuple(float(v) for v in value)

    def integer(self, name: str) -> int:
        value = self._get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise OutputError(f"parameter '{name}' must be an integer, got {value!r}")
        return value

    def unused(self) -> list[str]:
        return sorted(set(self._values) - self._used)


DrawFunction = Callable[["Figure", "Palette"], None]


class Outputs:
    """Collects one job's outputs in memory, checking each against the catalog."""

    def __init__(
        self, job: str, params: Mapping[str, object], figures: list[str], tables: list[str]
    ) -> None:
        self.job = job
        self.params = Params(params)
        self._figures = figures
        self._tables = tables
        self.rendered: dict[str, bytes] = {}

    def figure(
        self, name: str, draw: DrawFunction, size: tuple[float, float] | None = None
    ) -> None:
        """Render ``draw`` once per palette (light, dark) to figures/<name>-<theme>.svg.

        ``draw(fig, palette)`` gets an empty constrained-layout Figure and the palette to
        draw with; ``size`` is (width, height) in inches, at most style.MAX_WIDTH_IN wide.
        """
        if name not in self._figures:
            raise OutputError(
                f"figure '{name}' is not declared for job '{self.job}' in the catalog "
                f"(declared: {', '.join(self._figures) or 'none'})"
            )
        from figures_src import style  # matplotlib: only when a figure is drawn

        width, height = size if size is not None else style.DEFAULT_SIZE
        if width > style.MAX_WIDTH_IN:
            raise OutputError(
                f"figure '{name}' is {width} in wide; at most {style.MAX_WIDTH_IN} in keeps "
                "its text readable on a phone"
            )
        for output, palette in zip(figure_outputs(name), style.PALETTES, strict=True):
            self._store(output, style.render_svg(draw, palette, (width, height)))

    def table(self, name: str, markdown: str) -> None:
        """Store a Markdown fragment as tables/<name>.md (lessons include it with snippets)."""
        if name not in self._tables:
            raise OutputError(
                f"table '{name}' is not declared for job '{self.job}' in the catalog "
                f"(declared: {', '.join(self._tables) or 'none'})"
            )
        self._store(table_output(name), (markdown.rstrip("\n") + "\n").encode("utf-8"))

    def _store(self, output: str, data: bytes) -> None:
        if output in self.rendered:
            raise OutputError(f"{output} is written twice")
        self.rendered[output] = data

    def missing(self) -> list[str]:
        declared = [out for n in self._figures for out in figure_outputs(n)]
        declared += [table_output(n) for n in self._tables]
        return [out for out in declared if out not in self.rendered]
