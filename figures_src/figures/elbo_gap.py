"""The ELBO gap: log p(x) minus the ELBO is KL(q ‖ p(z|x)), zero at the true posterior."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from coursemath.running_example import RUNNING_EXAMPLE
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    model, x = RUNNING_EXAMPLE.model, RUNNING_EXAMPLE.x
    halfwidth = out.params.number("mean_halfwidth")
    post_mean, post_var = model.posterior(x)
    centre = float(post_mean)
    m = np.linspace(centre - halfwidth, centre + halfwidth, 301)
    log_evidence = float(model.log_evidence(x))
    elbo = model.elbo(x, m, post_var)
    spread = log_evidence - float(elbo.min())

    def draw(fig: Figure, palette: Palette) -> None:
        ax = fig.add_subplot()
        evidence_style, elbo_style = style.series(palette, 0), style.series(palette, 1)
        gap_colour = palette.series[2]
        ax.axhline(log_evidence, **evidence_style)
        ax.plot(m, elbo, **elbo_style)
        ax.fill_between(
            m, elbo, log_evidence, color=gap_colour, alpha=palette.fill_alpha, linewidth=0
        )
        ax.plot([centre], [log_evidence], "o", color=palette.text, markersize=7, zorder=4)
        style.direct_label(
            ax,
            palette,
            (m[-1], log_evidence),
            "log p(x)",
            color=evidence_style["color"],
            ha="right",
            va="bottom",
            offset=(0, 5),
        )
        i = 75
        style.direct_label(
            ax,
            palette,
            (m[i], float(elbo[i])),
            "ELBO",
            color=elbo_style["color"],
            ha="left",
            va="top",
            offset=(10, 0),
        )
        j = 45
        ax.annotate(
            "gap = KL(q ‖ p(z|x))",
            xy=(m[j], (float(elbo[j]) + log_evidence) / 2),
            xytext=(m[0] + 0.04 * (m[-1] - m[0]), log_evidence + 0.15 * spread),
            ha="left",
            va="center",
            color=gap_colour,
            fontsize=style.LABEL_FONT_PT,
            arrowprops={
                "arrowstyle": "->",
                "color": gap_colour,
                "linewidth": 1.4,
                "shrinkA": 2,
                "shrinkB": 2,
            },
        )
        style.direct_label(
            ax,
            palette,
            (centre, log_evidence),
            "gap = 0 at\nq = p(z|x)",
            ha="center",
            va="top",
            offset=(0, -10),
        )
        ax.set_xlabel(f"encoder mean m   (σ² fixed at {post_var:.2f})")
        ax.set_ylabel("nats")
        ax.set_xlim(m[0], m[-1])
        ax.set_ylim(float(elbo.min()) - 0.05 * spread, log_evidence + 0.25 * spread)

    out.figure("elbo-gap", draw, size=(4.6, 3.4))
