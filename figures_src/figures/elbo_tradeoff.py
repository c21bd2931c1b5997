"""Reconstruction vs KL: both terms of -ELBO as the encoder variance moves.

The no-JavaScript fallback of the lesson's interactive explorer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from coursemath.running_example import RUNNING_EXAMPLE
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    model, x = RUNNING_EXAMPLE.model, RUNNING_EXAMPLE.x
    lo, hi = out.params.numbers("var_range")
    mean, post_var = model.posterior(x)
    var = np.geomspace(lo, hi, 300)
    reconstruction = -model.expected_log_likelihood(x, mean, var)
    kl = model.kl_to_prior(mean, var)
    neg_elbo = -model.elbo(x, mean, var)
    best_var = model.optimal_encoder_var()
    best = float(-model.elbo(x, mean, best_var))
    top = float(max(neg_elbo.max(), reconstruction.max())) * 1.3

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        rec_style, kl_style = style.series(palette, 0), style.series(palette, 1)
        # The same colours and weights as the lesson's live explorer: -ELBO solid and heavy.
        total_style: dict[str, Any] = {"color": palette.series[2], "linewidth": 3.2}
        ax.plot(var, reconstruction, **rec_style)
        ax.plot(var, kl, **kl_style)
        ax.plot(var, neg_elbo, **total_style)
        ax.vlines(best_var, 0, top * 0.84, color=palette.axis, linewidth=1.2, linestyle=(0, (2, 3)))
        ax.plot([best_var], [best], "o", color=palette.series[2], markersize=8, zorder=4)
        # Reconstruction and -ELBO are labelled at the left, where the curves are apart;
        # KL where it bottoms out at the right, in the room left under the other two.
        at = 12
        style.direct_label(
            ax,
            palette,
            (var[at], float(reconstruction[at])),
            "reconstruction",
            color=rec_style["color"],
            ha="left",
            va="top",
            offset=(0, -6),
        )
        kl_at = float(np.sqrt(best_var * hi))  # halfway (on the log axis) to the right edge
        style.direct_label(
            ax,
            palette,
            (kl_at, float(model.kl_to_prior(mean, kl_at))),
            "KL to prior",
            color=kl_style["color"],
            ha="left",
            va="bottom",
            offset=(0, 7),
        )
        style.direct_label(
            ax,
            palette,
            (var[at], float(neg_elbo[at])),
            "−ELBO (their sum)",
            color=total_style["color"],
            ha="left",
            va="bottom",
            offset=(0, 6),
        )
        style.direct_label(
            ax,
            palette,
            (best_var, top),
            f"minimum at σ² = {post_var:.2f},\nthe true posterior variance",
            ha="center",
            va="top",
            offset=(0, -2),
        )
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.set_xlabel("encoder variance σ²  (log scale)")
        ax.set_ylabel("nats")
        ax.set_xlim(lo, hi)
        ax.set_ylim(0, top)

    out.figure("elbo-tradeoff", draw, size=(4.6, 3.4))
