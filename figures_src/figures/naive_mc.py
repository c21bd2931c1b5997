"""Naive Monte Carlo for the evidence: average p(x | z) over codes drawn from the prior.

Top: for a precise decoder (small s², so a narrow posterior), the decoder's density of the
observed x as a function of z, and the value it gives each of a few codes drawn from the
prior: most give almost nothing. Bottom: the number of prior samples needed for a 10 %
relative standard error, against the posterior's standard deviation, exact (line) and
simulated with a fixed seed (dots); the running example and the top panel's case marked.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from coursemath import estimators, vae
from coursemath.running_example import RUNNING_EXAMPLE
from coursemath.vae import LinearGaussianModel
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette


def build(out: Outputs) -> None:
    w, x = RUNNING_EXAMPLE.w, RUNNING_EXAMPLE.x
    narrow = LinearGaussianModel(w=w, s2=out.params.number("narrow_s2"))
    n_draws, draws_seed = out.params.integer("draws"), out.params.integer("draws_seed")
    draws = estimators.prior_draws(n_draws, draws_seed)
    s2_lo, s2_hi = out.params.numbers("s2_range")
    relative_error = out.params.number("relative_error")
    sim_n, sim_seed = out.params.integer("sim_samples"), out.params.integer("sim_seed")

    z = np.linspace(-3.0, 3.0, 2001)
    curve = vae.gaussian_pdf(x, w * z, narrow.s2)
    heights = vae.gaussian_pdf(x, w * draws, narrow.s2)
    narrow_mean = float(narrow.posterior(x)[0])
    near = estimators.prior_draws_near_posterior(narrow, x, n_draws, draws_seed)

    def needed(model: LinearGaussianModel) -> float:
        return estimators.prior_sampling_samples_needed(model, x, relative_error)

    def post_sd(model: LinearGaussianModel) -> float:
        return float(np.sqrt(model.posterior(x)[1]))

    sweep = [LinearGaussianModel(w=w, s2=s2) for s2 in np.geomspace(s2_lo, s2_hi, 200)]
    sweep_sd = np.array([post_sd(m) for m in sweep])
    sweep_needed = np.array([needed(m) for m in sweep])
    dots = [LinearGaussianModel(w=w, s2=s2) for s2 in np.geomspace(s2_lo, s2_hi, 7)]
    dots_sd = np.array([post_sd(m) for m in dots])
    dots_needed = np.array(
        [
            estimators.prior_sampling_relative_variance_mc(m, x, sim_n, sim_seed + i)
            / relative_error**2
            for i, m in enumerate(dots)
        ]
    )
    marked = [
        (RUNNING_EXAMPLE.model, "running example"),
        (narrow, f"s² = {narrow.s2:g} (top)"),
    ]

    def draw(fig: Figure, palette: Palette) -> None:
        top, bottom = fig.subplots(2, 1, height_ratios=[1, 1.25])
        line, stems = style.series(palette, 0), palette.series[1]
        top.plot(z, curve, **line)
        top.vlines(draws, 0, heights, color=stems, linewidth=1.6)
        top.plot(draws, heights, "o", color=stems, markersize=4)
        top.plot(draws, np.zeros_like(draws), "|", color=stems, markersize=9)
        style.direct_label(
            top,
            palette,
            (narrow_mean, float(curve.max())),
            f"p(x = {x:g} | z)\nwith s² = {narrow.s2:g}",
            color=line["color"],
            ha="left",
            va="top",
            offset=(10, -2),
        )
        style.direct_label(
            top,
            palette,
            (-3.0, float(curve.max()) * 0.6),
            f"{draws.size} prior draws:\n{near} near the spike",
            color=stems,
            ha="left",
            va="center",
            offset=(2, 0),
        )
        top.set_xlim(-3.0, 3.0)
        top.set_ylim(0, float(curve.max()) * 1.12)
        top.set_xlabel("latent code z")
        top.set_ylabel("p(x | z)")

        total = palette.series[2]
        bottom.plot(sweep_sd, sweep_needed, color=total, linewidth=style.LINE_WIDTH)
        bottom.plot(dots_sd, dots_needed, "o", color=palette.text, markersize=5, zorder=3)
        for (model, label), right in zip(marked, (False, True), strict=True):
            sd, n = post_sd(model), needed(model)
            bottom.plot([sd], [n], "s", color=total, markersize=8, zorder=4)
            # The curve falls to the right: above-right and below-left of it are free.
            style.direct_label(
                bottom,
                palette,
                (sd, n),
                f"{label}:\n{n:,.0f} samples",
                ha="left" if right else "right",
                va="bottom" if right else "top",
                offset=(6, 4) if right else (-6, -4),
            )
        bottom.set_xscale("log")
        bottom.set_yscale("log")
        bottom.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        bottom.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        bottom.set_xlabel("posterior standard deviation  (log scale)")
        bottom.set_ylabel(f"samples for {relative_error:.0%}\nrelative error")
        bottom.set_xlim(float(sweep_sd.min()), float(sweep_sd.max()))

    out.figure("naive-mc", draw, size=(4.6, 5.6))
