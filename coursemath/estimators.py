"""Monte Carlo estimators of module 14, computed exactly and simulated with a fixed seed.

- Lesson 14-1: the evidence p(x) = E_{z ~ p(z)}[p(x | z)] estimated by averaging the decoder's
  density over codes drawn from the prior, and how its variance grows as the posterior narrows.
- Lesson 14-3: two unbiased estimators of the gradient of the reconstruction term
  E_{z ~ q}[log p(x | z)] with respect to the encoder mean m, q = N(m, var): the score-function
  estimator f(z) (z - m) / var and the reparameterised estimator f'(m + sd eps).

Everything is for the 1-D linear-Gaussian model of ``coursemath.vae``. Exact values come from
closed forms or Gauss-Hermite quadrature (exact for the polynomials that appear here);
the simulations are independent of them and take an explicit seed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.polynomial.hermite_e import hermegauss

from coursemath.vae import (
    ArrayLike,
    FloatArray,
    InvalidParameterError,
    LinearGaussianModel,
    MonteCarloEstimate,
    _finite,
    _positive,
    gaussian_logpdf,
    gaussian_pdf,
)

Estimator = Literal["score", "reparam"]
ESTIMATORS: tuple[Estimator, ...] = ("score", "reparam")


def gaussian_expectation(
    f: Callable[[FloatArray], FloatArray], mean: float, var: float, nodes: int = 40
) -> float:
    """E[f(z)] for z ~ N(mean, var) by Gauss-Hermite quadrature in eps = (z - mean) / sd.

    Exact when f is a polynomial of degree below 2 * nodes.
    """
    sd = float(np.sqrt(_positive("var", var)))
    eps, weights = hermegauss(nodes)
    return float(np.sum(weights * f(float(mean) + sd * eps)) / np.sum(weights))


# --- Lesson 14-1: the evidence by sampling the prior ------------------------------------


def prior_sampling_relative_variance(model: LinearGaussianModel, x: float) -> float:
    """Var[p(x | z)] / p(x)^2 for one code z ~ p(z): the squared coefficient of variation.

    The average of n prior samples has n times less: its relative standard error is
    sqrt(this / n). Closed form: N(x; w z, s2)^2 = N(x; w z, s2 / 2) / (2 sqrt(pi s2)), and
    averaging that over z ~ N(0, 1) gives E[p(x | z)^2] = N(x; 0, w^2 + s2 / 2) / (2 sqrt(pi s2)).
    """
    xx = float(_finite("x", x))
    second_moment = gaussian_pdf(xx, 0.0, model.w**2 + model.s2 / 2.0) / (
        2.0 * np.sqrt(np.pi * model.s2)
    )
    evidence = np.exp(model.log_evidence(xx))
    return float(second_moment / evidence**2 - 1.0)


def prior_sampling_samples_needed(
    model: LinearGaussianModel, x: float, relative_error: float, dims: int = 1
) -> float:
    """Prior samples needed for a relative standard error ``relative_error`` of the estimate.

    With ``dims`` independent latent coordinates, each like this 1-D model, one sample's
    relative second moment is the product of theirs: 1 + v_J = (1 + v)^J.
    """
    if not np.isfinite(relative_error) or relative_error <= 0:
        raise InvalidParameterError(
            f"relative_error must be finite and > 0; got {relative_error!r}"
        )
    if dims < 1:
        raise InvalidParameterError(f"dims must be >= 1; got {dims!r}")
    per_dim = prior_sampling_relative_variance(model, x)
    return float(((1.0 + per_dim) ** dims - 1.0) / relative_error**2)


def prior_sampling_estimate(
    model: LinearGaussianModel, x: float, n: int, seed: int
) -> MonteCarloEstimate:
    """Simulate the naive estimator: the mean of p(x | z_i) over n codes z_i ~ p(z), with its
    standard error (fixed seed)."""
    if n < 2:
        raise InvalidParameterError(f"n must be >= 2; got {n!r}")
    z = np.random.default_rng(seed).standard_normal(n)
    values = gaussian_pdf(float(x), model.w * z, model.s2)
    return MonteCarloEstimate(float(values.mean()), float(values.std(ddof=1) / np.sqrt(n)))


def prior_sampling_relative_variance_mc(
    model: LinearGaussianModel, x: float, n: int, seed: int
) -> float:
    """The simulated counterpart of prior_sampling_relative_variance: the sample variance of
    p(x | z_i) over the square of their mean, n codes from the prior (fixed seed)."""
    if n < 2:
        raise InvalidParameterError(f"n must be >= 2; got {n!r}")
    z = np.random.default_rng(seed).standard_normal(n)
    values = gaussian_pdf(float(x), model.w * z, model.s2)
    return float(values.var(ddof=1) / values.mean() ** 2)


def prior_draws(n: int, seed: int) -> FloatArray:
    """n codes drawn from the prior N(0, 1) with a fixed seed (the naive-mc figure's draws)."""
    if n < 1:
        raise InvalidParameterError(f"n must be >= 1; got {n!r}")
    return np.random.default_rng(seed).standard_normal(n)


def prior_draws_near_posterior(
    model: LinearGaussianModel, x: float, n: int, seed: int, sds: float = 2.0
) -> int:
    """How many of prior_draws(n, seed) land within ``sds`` posterior standard deviations of
    the posterior mean: the draws that explain x well."""
    mean, var = model.posterior(x)
    distance = np.abs(prior_draws(n, seed) - float(mean))
    return int(np.sum(distance < sds * np.sqrt(var)))


# --- Lesson 14-3: gradients of the reconstruction term ----------------------------------


def reconstruction_gradient(model: LinearGaussianModel, x: float, m: float) -> float:
    """d/dm E_{N(m, var)}[log p(x | z)] = w (x - w m) / s2 (it does not depend on var)."""
    return float(model.w * (float(x) - model.w * float(m)) / model.s2)


def gradient_samples(
    model: LinearGaussianModel, x: float, m: float, var: float, eps: ArrayLike, kind: Estimator
) -> FloatArray:
    """One-sample estimates of d/dm E_q[log p(x | z)], q = N(m, var), for the noise ``eps``.

    Both use the code z = m + sd eps. ``score``: log p(x | z) times the score
    d/dm log q(z) = (z - m) / var. ``reparam``: the derivative of log p(x | z) at z,
    w (x - w z) / s2, carried back to m through dz/dm = 1.
    """
    v = float(_positive("var", var))
    e = _finite("eps", eps)
    z = float(m) + np.sqrt(v) * e
    if kind == "score":
        logp = gaussian_logpdf(float(x), model.w * z, model.s2)
        return np.asarray(logp * (z - float(m)) / v, dtype=np.float64)
    if kind == "reparam":
        return np.asarray(model.w * (float(x) - model.w * z) / model.s2, dtype=np.float64)
    raise InvalidParameterError(f"kind must be one of {', '.join(ESTIMATORS)}; got {kind!r}")


def gradient_estimator_variance(
    model: LinearGaussianModel, x: float, m: float, var: float, kind: Estimator
) -> float:
    """The exact variance of one sample of ``gradient_samples`` (Gauss-Hermite over eps)."""
    eps, weights = hermegauss(40)
    weights = weights / np.sum(weights)
    g = gradient_samples(model, x, m, var, eps, kind)
    mean = float(np.sum(weights * g))
    return float(np.sum(weights * g**2) - mean**2)


def gradient_estimator_variance_mc(
    model: LinearGaussianModel, x: float, m: float, var: float, kind: Estimator, n: int, seed: int
) -> float:
    """The simulated counterpart: the sample variance of n one-sample estimates (fixed seed)."""
    if n < 2:
        raise InvalidParameterError(f"n must be >= 2; got {n!r}")
    eps = np.random.default_rng(seed).standard_normal(n)
    return float(gradient_samples(model, x, m, var, eps, kind).var(ddof=1))
