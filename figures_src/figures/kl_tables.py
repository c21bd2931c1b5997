"""Table A (KL grid: closed form vs Monte Carlo) and Table B (a 3-D diagonal example)."""

from __future__ import annotations

import numpy as np

from coursemath import vae as vae_math
from figures_src.outputs import Outputs


def kl_grid(means: tuple[float, ...], sds: tuple[float, ...], samples: int, seed: int) -> str:
    rows = [
        f"| mean $\\mu$ | standard deviation $\\sigma$ | closed form "
        f"| Monte Carlo, {samples:,} samples (± 1 s.e.) |",
        "|---:|---:|---:|---:|",
    ]
    for i, (mean, sd) in enumerate((m, s) for m in means for s in sds):
        exact = float(vae_math.kl_to_standard_normal(mean, sd**2))
        mc = vae_math.kl_to_standard_normal_mc(mean, sd**2, n=samples, seed=seed + i)
        rows.append(f"| {mean:g} | {sd:g} | {exact:.4f} | {mc.mean:.4f} ± {mc.stderr:.4f} |")
    return "\n".join(rows)


def kl_diagonal_example(means: tuple[float, ...], variances: tuple[float, ...]) -> str:
    if len(means) != len(variances):
        raise ValueError("example_means and example_vars differ in length")
    logvar = np.log(np.array(variances))
    per_dim = vae_math.kl_to_standard_normal(np.array(means), np.array(variances))
    total = vae_math.kl_diagonal_to_standard_normal(np.array(means), logvar)
    rows = [
        "| dimension $j$ | mean $\\mu_j$ | variance $\\sigma_j^2$ "
        "| log-variance $\\log \\sigma_j^2$ | KL term of dimension $j$ |",
        "|---:|---:|---:|---:|---:|",
    ]
    for j, (mean, var, lv, kl) in enumerate(zip(means, variances, logvar, per_dim, strict=True), 1):
        rows.append(f"| {j} | {mean:g} | {var:g} | {lv:.4f} | {kl:.4f} |")
    rows.append(f"| **sum** | | | | **{total:.4f}** |")
    return "\n".join(rows)


def build(out: Outputs) -> None:
    p = out.params
    out.table(
        "kl-grid",
        kl_grid(
            p.numbers("grid_means"),
            p.numbers("grid_sds"),
            p.integer("mc_samples"),
            p.integer("mc_seed"),
        ),
    )
    out.table(
        "kl-diagonal-example",
        kl_diagonal_example(p.numbers("example_means"), p.numbers("example_vars")),
    )
