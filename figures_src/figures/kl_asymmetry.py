"""KL asymmetry: KL(p‖q) and KL(q‖p) differ when the two Gaussians differ in width.

Top: the densities. Bottom: the integrands p log(p/q) and q log(q/p), whose shaded
areas are the two divergences, so the reader sees where each one's weight comes from.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from coursemath import vae as vae_math
from coursemath.vae import FloatArray
from figures_src import style
from figures_src.outputs import Outputs
from figures_src.palette import Palette

BoolArray = npt.NDArray[np.bool_]


def build(out: Outputs) -> None:
    mean = out.params.number("mean")
    p_var, q_var = out.params.number("p_var"), out.params.number("q_var")
    kl_pq = float(vae_math.kl_gaussians(mean, p_var, mean, q_var))
    kl_qp = float(vae_math.kl_gaussians(mean, q_var, mean, p_var))
    sd = float(np.sqrt(max(p_var, q_var)))
    z = np.linspace(mean - 3.5 * sd, mean + 3.5 * sd, 701)
    log_p = vae_math.gaussian_logpdf(z, mean, p_var)
    log_q = vae_math.gaussian_logpdf(z, mean, q_var)
    pq_integrand = np.exp(log_p) * (log_p - log_q)
    qp_integrand = np.exp(log_q) * (log_q - log_p)
    p_width = "wide" if p_var > q_var else "narrow"
    q_width = "narrow" if p_var > q_var else "wide"

    def label_at_peak(
        ax: Axes, curve: FloatArray, where: BoolArray, text: str, colour: str, palette: Palette
    ) -> None:
        """Label ``curve`` above its highest point among ``where``."""
        i = int(np.argmax(np.where(where, curve, -np.inf)))
        style.direct_label(
            ax,
            palette,
            (float(z[i]), float(curve[i])),
            text,
            color=colour,
            ha="center",
            va="bottom",
            offset=(0, 5),
        )

    def draw(fig: Figure, palette: Palette) -> None:
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[1, 1.15])
        p_style, q_style = style.series(palette, 0), style.series(palette, 1)
        p_density, q_density = np.exp(log_p), np.exp(log_q)
        top.plot(z, p_density, **p_style)
        top.plot(z, q_density, **q_style)

        # Each label sits just outside its own curve, where that curve falls to a fraction
        # of its peak: the narrow one's on the left, the wide one's on the right.
        def outside(density: FloatArray, fraction: float, side: int) -> tuple[float, float]:
            level = fraction * float(density.max())
            inside = np.flatnonzero(density >= level)
            i = int(inside[-1] if side > 0 else inside[0])
            return float(z[i]), level

        p_at = outside(p_density, 0.55 if p_var > q_var else 0.8, 1)
        q_at = outside(q_density, 0.8 if p_var > q_var else 0.55, -1)
        style.direct_label(
            top,
            palette,
            p_at,
            f"p = N({mean:g}, {p_var:g})\n{p_width}",
            color=p_style["color"],
            ha="left",
            va="bottom",
            offset=(4, 2),
        )
        style.direct_label(
            top,
            palette,
            q_at,
            f"q = N({mean:g}, {q_var:g})\n{q_width}",
            color=q_style["color"],
            ha="right",
            va="center",
            offset=(-6, 0),
        )
        top.set_ylabel("density")
        top.set_ylim(0, float(max(p_density.max(), q_density.max())) * 1.15)

        for curve, curve_style in ((pq_integrand, p_style), (qp_integrand, q_style)):
            bottom.plot(z, curve, **curve_style)
            bottom.fill_between(
                z, 0, curve, color=curve_style["color"], alpha=palette.fill_alpha, linewidth=0
            )
        bottom.axhline(0, color=palette.axis, linewidth=1)
        label_at_peak(
            bottom, pq_integrand, z > mean, f"KL(p ‖ q)\n= {kl_pq:.2f}", p_style["color"], palette
        )
        label_at_peak(
            bottom,
            qp_integrand,
            z < mean - 0.02 * sd,
            f"KL(q ‖ p)\n= {kl_qp:.2f}",
            q_style["color"],
            palette,
        )
        top_value = float(max(pq_integrand.max(), qp_integrand.max()))
        bottom.set_ylim(float(min(pq_integrand.min(), qp_integrand.min())) * 1.2, top_value * 1.6)
        bottom.set_ylabel("integrand")
        bottom.set_xlabel("z   (net shaded area = KL in nats)")
        bottom.set_xlim(z[0], z[-1])

    out.figure("kl-asymmetry", draw, size=(style.NARROW_WIDTH_IN, 4.4))
