"""KL refresher: two unit-variance Gaussians one unit apart, and their KL in nats."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from coursemath import vae as vae_math
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    p_mean, p_var = out.params.number("p_mean"), out.params.number("p_var")
    q_mean, q_var = out.params.number("q_mean"), out.params.number("q_var")
    kl = float(vae_math.kl_gaussians(q_mean, q_var, p_mean, p_var))
    sd = np.sqrt(max(p_var, q_var))
    z = np.linspace(min(p_mean, q_mean) - 4 * sd, max(p_mean, q_mean) + 4 * sd, 401)
    p = vae_math.gaussian_pdf(z, p_mean, p_var)
    q = vae_math.gaussian_pdf(z, q_mean, q_var)

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        p_style, q_style = style.series(palette, 0), style.series(palette, 1)
        ax.plot(z, p, **p_style)
        ax.plot(z, q, **q_style)
        peak = float(vae_math.gaussian_pdf(0.0, 0.0, p_var))
        style.direct_label(
            ax,
            palette,
            (p_mean - 0.55, peak * 0.93),
            f"p = N({p_mean:g}, {p_var:g})",
            color=p_style["color"],
            ha="right",
            offset=(0, 0),
        )
        style.direct_label(
            ax,
            palette,
            (q_mean + 0.55, peak * 0.93),
            f"q = N({q_mean:g}, {q_var:g})",
            color=q_style["color"],
            ha="left",
            offset=(0, 0),
        )
        ax.annotate(
            f"KL(q ‖ p) = {kl:.2g} nats",
            xy=(0.5, 1.0),
            xycoords="axes fraction",
            ha="center",
            va="bottom",
            fontsize=style.LABEL_FONT_PT,
            fontweight="bold",
        )
        ax.set_xlabel("z")
        ax.set_ylabel("density")
        ax.set_ylim(0, peak * 1.12)
        ax.set_xlim(z[0], z[-1])

    out.figure("kl-refresher", draw, size=(style.NARROW_WIDTH_IN, 2.9))
