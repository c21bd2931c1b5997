"""KL(N(μ, σ²) ‖ N(0, 1)) over a (μ, σ) grid, with labelled contours."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from coursemath import vae as vae_math
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette

# Pixels per inch of the rasterised bands: 2x the 96 CSS px of an inch.
RASTER_DPI = 192


def build(out: Outputs) -> None:
    mu_lo, mu_hi = out.params.numbers("mean_range")
    sd_lo, sd_hi = out.params.numbers("sd_range")
    levels = out.params.numbers("levels")
    mu = np.linspace(mu_lo, mu_hi, 121)
    sd = np.linspace(sd_lo, sd_hi, 117)
    mu_grid, sd_grid = np.meshgrid(mu, sd)
    kl = vae_math.kl_to_standard_normal(mu_grid, sd_grid**2)

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        # The filled bands are thousands of vertices as vector paths; as pixels (the lines,
        # labels and text stay vector) they are a quarter of the bytes. See RASTER_DPI.
        top = float(levels[-1]) * 1.5
        bands = np.arange(0.0, top + 1e-9, 0.5)
        mesh = ax.contourf(
            mu, sd, kl, levels=bands, cmap=palette.colormap, extend="max", rasterized=True
        )
        lines = ax.contour(
            mu, sd, kl, levels=list(levels), colors=palette.background, linewidths=1.2
        )
        ax.clabel(
            lines,
            fmt=lambda v: f"{v:g}",
            fontsize=style.MIN_FONT_PT,
            colors=palette.text,
            inline_spacing=4,
        )
        for text in lines.labelTexts:
            text.set_path_effects(style.halo(palette))
        ax.plot([0], [1], "o", color=palette.background, markersize=8, markeredgecolor=palette.text)
        style.direct_label(ax, palette, (0, 1), "KL = 0", ha="center", va="top", offset=(0, -8))
        bar = fig.colorbar(mesh, ax=ax)
        bar.set_label("KL (nats)")
        bar.set_ticks(np.arange(0.0, top + 1e-9, 1.0).tolist())
        bar.ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        bar.outline.set_edgecolor(palette.axis)
        ax.grid(False)
        ax.set_xlabel("encoder mean μ")
        ax.set_ylabel("encoder sd σ")
        # Last: the contour labels were placed at the default resolution, as before.
        fig.set_dpi(RASTER_DPI)

    out.figure("kl-heatmap", draw, size=(4.6, 3.6))
