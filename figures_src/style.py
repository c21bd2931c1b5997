"""How every figure looks: sizes, fonts, colours, direct labels, deterministic SVG.

Sizes are chosen for a phone: Material's content column is about 343 CSS px wide on a
375 px screen, so a figure MAX_WIDTH_IN wide is shown scaled down, and the smallest text
(MIN_FONT_PT) must still come out at PHONE_MIN_TEXT_PX or more.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before anything else from matplotlib: no GUI backend, ever

import matplotlib.patheffects as path_effects
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from figures_src.palette import LINE_STYLES, PALETTES, Palette
from figures_src.svgslim import slim_svg

__all__ = ["PALETTES", "Palette"]

# 1 pt = 1/72 in; a CSS px is 1/96 in.
PHONE_CONTENT_PX = 343.0
PHONE_MIN_TEXT_PX = 11.0
MIN_FONT_PT = 11.0  # tick labels, the smallest text
LABEL_FONT_PT = 12.0  # axis labels, direct labels, annotations
MAX_WIDTH_IN = MIN_FONT_PT * PHONE_CONTENT_PX / PHONE_MIN_TEXT_PX / 72.0  # ≈ 4.76 in
DEFAULT_SIZE = (4.6, 3.1)
# Figures inside an admonition's list (the lesson's refreshers) get about 293 px on that
# phone, so they are drawn narrower to keep the same text size there.
NARROW_WIDTH_IN = 3.9
LINE_WIDTH = 2.2

# DejaVu Sans ships with matplotlib (so output does not depend on the machine's fonts)
# and is close in proportions to the system UI fonts the site uses.
FONT_FAMILY = "DejaVu Sans"


def rc(palette: Palette) -> dict[str, Any]:
    """matplotlib settings for one palette."""
    return {
        "font.family": FONT_FAMILY,
        "mathtext.fontset": "dejavusans",
        "font.size": LABEL_FONT_PT,
        "axes.labelsize": LABEL_FONT_PT,
        "axes.titlesize": LABEL_FONT_PT,
        "xtick.labelsize": MIN_FONT_PT,
        "ytick.labelsize": MIN_FONT_PT,
        "legend.fontsize": MIN_FONT_PT,
        "text.color": palette.text,
        "axes.labelcolor": palette.text,
        "axes.edgecolor": palette.axis,
        "xtick.color": palette.axis,
        "ytick.color": palette.axis,
        "xtick.labelcolor": palette.text,
        "ytick.labelcolor": palette.text,
        "axes.facecolor": "none",
        "figure.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": palette.grid,
        "grid.linewidth": 0.8,
        "axes.axisbelow": True,
        "axes.linewidth": 1.0,
        "lines.linewidth": LINE_WIDTH,
        "lines.solid_capstyle": "round",
        "lines.dash_capstyle": "round",
        "image.cmap": palette.colormap,
        # Determinism: fixed ids, no creation date (passed at save), text as glyph paths.
        "svg.hashsalt": "figures_src",
        "svg.fonttype": "path",
        "path.simplify": True,
    }


def series(palette: Palette, index: int) -> dict[str, Any]:
    """Colour and line style of the index-th curve: colour is never the only cue."""
    return {
        "color": palette.series[index % len(palette.series)],
        "linestyle": LINE_STYLES[index % len(LINE_STYLES)],
    }


def halo(palette: Palette, width: float = 3.5) -> list[path_effects.AbstractPathEffect]:
    """A page-coloured outline that keeps text legible where it crosses a line."""
    return [path_effects.withStroke(linewidth=width, foreground=palette.background)]


def direct_label(
    ax: Axes,
    palette: Palette,
    xy: tuple[float, float],
    text: str,
    color: str | None = None,
    offset: tuple[float, float] = (6.0, 0.0),
    **kwargs: Any,
) -> None:
    """Label a curve next to it (offset in points), instead of in a legend."""
    ax.annotate(
        text,
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        color=color or palette.text,
        fontsize=LABEL_FONT_PT,
        va=kwargs.pop("va", "center"),
        ha=kwargs.pop("ha", "left"),
        path_effects=halo(palette),
        **kwargs,
    )


def render_svg(
    draw: Callable[[Figure, Palette], None], palette: Palette, size: tuple[float, float]
) -> bytes:
    """Draw one variant and return its SVG bytes (identical bytes for identical inputs)."""
    settings: Any = rc(palette)  # a plain dict; the stubs want literal keys
    with matplotlib.rc_context(settings):
        fig = Figure(figsize=size, layout="constrained")
        draw(fig, palette)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return slim_svg(buffer.getvalue())
