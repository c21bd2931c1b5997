"""The running example's evidence and posterior: p(x) is the area under the joint p(x, z).

Top: the prior p(z) and the decoder's density of the observed x as a function of z.
Bottom: their product, the joint p(x, z), shaded (its area is p(x)); and the posterior
p(z | x), the same curve divided by that area.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from coursemath import vae
from coursemath.running_example import RUNNING_EXAMPLE
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    lo, hi = out.params.numbers("z_range")
    model, x = RUNNING_EXAMPLE.model, RUNNING_EXAMPLE.x
    z = np.linspace(lo, hi, 601)
    prior = vae.gaussian_pdf(z, 0.0, 1.0)
    likelihood = vae.gaussian_pdf(x, model.w * z, model.s2)
    joint = prior * likelihood
    evidence = float(np.exp(model.log_evidence(x)))
    post_mean, post_var = (float(v) for v in model.posterior(x))
    posterior = vae.gaussian_pdf(z, post_mean, post_var)

    def draw(fig: Figure, palette: Palette) -> None:
        top, bottom = fig.subplots(2, 1, sharex=True)
        prior_style, lik_style = style.series(palette, 0), style.series(palette, 1)
        joint_colour, post_style = palette.series[2], style.series(palette, 3)
        top.plot(z, prior, **prior_style)
        top.plot(z, likelihood, **lik_style)
        style.direct_label(
            top,
            palette,
            (-1.0, float(vae.gaussian_pdf(-1.0, 0.0, 1.0))),
            "prior p(z)",
            color=prior_style["color"],
            ha="right",
            va="bottom",
            offset=(-2, 4),
        )
        at = 1.45
        style.direct_label(
            top,
            palette,
            (at, float(vae.gaussian_pdf(x, model.w * at, model.s2))),
            f"p(x = {x:g} | z)",
            color=lik_style["color"],
            ha="left",
            va="bottom",
            offset=(4, 2),
        )
        top.set_ylabel("density")
        top.set_ylim(0, float(max(prior.max(), likelihood.max())) * 1.3)

        bottom.fill_between(z, 0, joint, color=joint_colour, alpha=palette.fill_alpha, linewidth=0)
        bottom.plot(z, joint, color=joint_colour, linewidth=style.LINE_WIDTH)
        bottom.plot(z, posterior, **post_style)
        peak = int(np.argmax(joint))
        bottom.annotate(
            f"joint p(x, z): its\narea is p(x) = {evidence:.3f}",
            xy=(float(z[peak]) - 0.35, float(joint[peak]) * 0.5),
            xytext=(lo + 0.1, float(posterior.max()) * 0.55),
            ha="left",
            va="center",
            color=joint_colour,
            fontsize=style.LABEL_FONT_PT,
            path_effects=style.halo(palette),
            arrowprops={"arrowstyle": "->", "color": joint_colour, "linewidth": 1.4},
        )
        style.direct_label(
            bottom,
            palette,
            (post_mean, float(posterior.max())),
            f"posterior p(z | x) = N({post_mean:.1f}, {post_var:.1f})",
            color=post_style["color"],
            ha="center",
            va="bottom",
            offset=(0, 4),
        )
        bottom.set_ylabel("density")
        bottom.set_ylim(0, float(posterior.max()) * 1.3)
        bottom.set_xlabel("latent code z")
        bottom.set_xlim(lo, hi)

    out.figure("latent-posterior", draw, size=(4.6, 4.6))
