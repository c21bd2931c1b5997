"""Score-function vs reparameterised gradients of the reconstruction term, on the running example.

The variance of a one-sample estimate of d/dm E_q[log p(x | z)], q = N(m, σ²) with m at the
posterior mean, against σ² (log-log): exact curves (Gauss-Hermite) and a fixed-seed
simulation (dots). Both estimators are unbiased; their variances move in opposite directions.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from coursemath import estimators
from coursemath.running_example import RUNNING_EXAMPLE
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette

LABELS = {"score": "score function", "reparam": "reparameterised"}


def build(out: Outputs) -> None:
    model, x = RUNNING_EXAMPLE.model, RUNNING_EXAMPLE.x
    lo, hi = out.params.numbers("var_range")
    sim_n, sim_seed = out.params.integer("sim_samples"), out.params.integer("sim_seed")
    m, post_var = (float(v) for v in model.posterior(x))
    var = np.geomspace(lo, hi, 200)
    dots = np.geomspace(lo, hi, 7)
    exact = {
        kind: np.array([estimators.gradient_estimator_variance(model, x, m, v, kind) for v in var])
        for kind in estimators.ESTIMATORS
    }
    simulated = {
        kind: np.array(
            [
                estimators.gradient_estimator_variance_mc(model, x, m, v, kind, sim_n, sim_seed + i)
                for i, v in enumerate(dots)
            ]
        )
        for kind in estimators.ESTIMATORS
    }
    at_post = {
        kind: estimators.gradient_estimator_variance(model, x, m, post_var, kind)
        for kind in estimators.ESTIMATORS
    }

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        for index, kind in enumerate(estimators.ESTIMATORS):
            line = style.series(palette, index)
            ax.plot(var, exact[kind], **line)
            ax.plot(dots, simulated[kind], "o", color=line["color"], markersize=5, zorder=3)
            ax.plot([post_var], [at_post[kind]], "s", color=line["color"], markersize=8, zorder=4)
            style.direct_label(
                ax,
                palette,
                (post_var, at_post[kind]),
                f"{LABELS[kind]}: {at_post[kind]:.1f}",
                color=line["color"],
                ha="center" if kind == "score" else "left",
                va="bottom" if kind == "score" else "top",
                offset=(0, 30) if kind == "score" else (8, -6),
            )
        ax.axvline(post_var, color=palette.axis, linewidth=1.2, linestyle=(0, (2, 3)), zorder=1)
        ax.set_xscale("log")
        ax.set_yscale("log")
        fmt = FuncFormatter(lambda v, _: f"{v:g}")
        ax.xaxis.set_major_formatter(fmt)
        ax.yaxis.set_major_formatter(fmt)
        ax.set_xlabel(f"encoder variance σ²  (m = {m:.1f}; dotted: σ² = {post_var:.1f})")
        ax.set_ylabel("variance of one gradient sample")
        ax.set_xlim(lo, hi)

    out.figure("gradient-variance", draw, size=(4.6, 3.4))
