"""Jensen's inequality for the concave log: log E[X] lies above E[log X]."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    points = np.array(out.params.numbers("points"))
    if len(points) != 2 or np.any(points <= 0):
        raise ValueError(f"points must be two positive values of X, got {points.tolist()}")
    mean_x = float(points.mean())
    log_of_mean = float(np.log(mean_x))
    mean_of_log = float(np.log(points).mean())
    x = np.linspace(points.min() * 0.5, points.max() * 1.25, 400)

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        curve, chord = style.series(palette, 0), style.series(palette, 1)
        accent = palette.series[2]
        ax.plot(x, np.log(x), **curve)
        style.direct_label(
            ax,
            palette,
            (1.2, float(np.log(1.2))),
            "log t",
            color=curve["color"],
            ha="right",
            va="bottom",
            offset=(-4, 6),
        )
        ax.plot(
            points, np.log(points), linewidth=style.LINE_WIDTH, **{**chord, "color": chord["color"]}
        )
        ax.plot(points, np.log(points), "o", color=curve["color"], markersize=7, zorder=3)
        for xi in points:
            style.direct_label(
                ax, palette, (xi, np.log(xi)), f"X = {xi:g}", ha="left", va="top", offset=(6, -4)
            )
        ax.plot([mean_x], [log_of_mean], "o", color=accent, markersize=8, zorder=4)
        ax.plot([mean_x], [mean_of_log], "s", color=chord["color"], markersize=7, zorder=4)
        ax.vlines(mean_x, mean_of_log, log_of_mean, color=accent, linewidth=3, zorder=3)
        ax.axvline(mean_x, color=palette.axis, linewidth=1, linestyle=(0, (2, 3)), zorder=1)
        style.direct_label(
            ax,
            palette,
            (mean_x, log_of_mean),
            f"log E[X] = {log_of_mean:.2f}",
            color=accent,
            ha="right",
            va="bottom",
            offset=(-6, 4),
        )
        style.direct_label(
            ax,
            palette,
            (mean_x, mean_of_log),
            f"E[log X] = {mean_of_log:.2f}",
            color=chord["color"],
            ha="left",
            va="top",
            offset=(8, -6),
        )
        ax.annotate(
            f"Jensen gap = {log_of_mean - mean_of_log:.2f}",
            xy=(mean_x + 0.06, (log_of_mean + mean_of_log) / 2),
            xytext=(x[-1], -0.6),
            ha="right",
            va="center",
            color=accent,
            fontsize=style.LABEL_FONT_PT,
            arrowprops={
                "arrowstyle": "->",
                "color": accent,
                "linewidth": 1.4,
                "shrinkA": 4,
                "shrinkB": 2,
                "connectionstyle": "arc3,rad=-0.2",
            },
        )
        ax.set_xlabel(f"t   (X is {points[0]:g} or {points[1]:g}; E[X] = {mean_x:g})")
        ax.set_ylabel("log t")
        ax.set_xlim(0, x[-1])

    out.figure("jensen", draw)
