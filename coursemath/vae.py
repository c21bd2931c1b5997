"""Shared maths of the VAE lessons: one source of truth, pure NumPy.

The figures, the tables, the numbers quoted in lessons, the quiz answers and the
tests all import from here, so a formula is written exactly once.

Conventions: variances (not standard deviations) are passed everywhere, named
``var``; natural logarithms, so every divergence is in nats.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
ArrayLike: TypeAlias = "float | npt.ArrayLike"

LOG_2PI = float(np.log(2.0 * np.pi))


class InvalidParameterError(ValueError):
    """A parameter is outside the domain of the formula (e.g. a variance <= 0)."""


def _positive(name: str, value: ArrayLike) -> FloatArray:
    arr = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0.0):
        raise InvalidParameterError(
            f"{name} must be finite and > 0 (a Gaussian with zero variance has no density); "
            f"got {value!r}"
        )
    return arr


def _finite(name: str, value: ArrayLike) -> FloatArray:
    arr = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(arr)):
        raise InvalidParameterError(f"{name} must be finite; got {value!r}")
    return arr


def _scalar_or_array(arr: FloatArray) -> FloatArray:
    return arr[()] if arr.ndim == 0 else arr


# --- Gaussian densities and divergences ------------------------------------------------


def gaussian_logpdf(x: ArrayLike, mean: ArrayLike, var: ArrayLike) -> FloatArray:
    """log N(x; mean, var)."""
    v = _positive("var", var)
    xx = _finite("x", x)
    mm = _finite("mean", mean)
    return _scalar_or_array(-0.5 * (LOG_2PI + np.log(v) + (xx - mm) ** 2 / v))


def gaussian_pdf(x: ArrayLike, mean: ArrayLike, var: ArrayLike) -> FloatArray:
    """N(x; mean, var)."""
    return _scalar_or_array(np.exp(gaussian_logpdf(x, mean, var)))


def kl_gaussians(
    mean_q: ArrayLike, var_q: ArrayLike, mean_p: ArrayLike, var_p: ArrayLike
) -> FloatArray:
    """KL(N(mean_q, var_q) || N(mean_p, var_p)) for 1-D Gaussians, in nats."""
    vq = _positive("var_q", var_q)
    vp = _positive("var_p", var_p)
    mq = _finite("mean_q", mean_q)
    mp = _finite("mean_p", mean_p)
    return _scalar_or_array(0.5 * (np.log(vp / vq) + (vq + (mq - mp) ** 2) / vp - 1.0))


def kl_to_standard_normal(mean: ArrayLike, var: ArrayLike) -> FloatArray:
    """KL(N(mean, var) || N(0, 1)) = 1/2 (mean^2 + var - 1 - log var), elementwise."""
    v = _positive("var", var)
    m = _finite("mean", mean)
    return _scalar_or_array(0.5 * (m**2 + v - 1.0 - np.log(v)))


def kl_diagonal_to_standard_normal(mean: ArrayLike, logvar: ArrayLike) -> float:
    """KL(N(mean, diag(exp(logvar))) || N(0, I)): the sum of the per-dimension KLs.

    Takes the log-variance, as VAE encoders output it.
    """
    lv = _finite("logvar", logvar)
    m = _finite("mean", mean)
    if m.shape != lv.shape:
        raise InvalidParameterError(f"mean {m.shape} and logvar {lv.shape} differ in shape")
    return float(np.sum(0.5 * (m**2 + np.exp(lv) - 1.0 - lv)))


# --- The Gaussian decoder ----------------------------------------------------------------


def isotropic_gaussian_nll(x: ArrayLike, mean: ArrayLike, var: ArrayLike) -> FloatArray:
    """-log N(x; mean, var I) over the last axis: |x - mean|^2 / (2 var) + D/2 log(2 pi var)."""
    v = _positive("var", var)
    xx = _finite("x", x)
    mm = _finite("mean", mean)
    if xx.ndim == 0:
        raise InvalidParameterError("x must have a last axis (the D data dimensions)")
    d = xx.shape[-1]
    sq = np.sum((xx - mm) ** 2, axis=-1)
    return _scalar_or_array(sq / (2.0 * v) + 0.5 * d * (LOG_2PI + np.log(v)))


def decoder_var_for_squared_error_weight(weight: float) -> float:
    """The decoder variance s2 for which -log N(x; f, s2 I) weights |x - f|^2 by ``weight``.

    weight = 1/(2 s2), so s2 = 1/(2 weight): summed squared error (weight 1) is s2 = 1/2,
    squared error averaged over D dimensions (weight 1/D) is s2 = D/2.
    """
    if not np.isfinite(weight) or weight <= 0:
        raise InvalidParameterError(f"weight must be finite and > 0; got {weight!r}")
    return 1.0 / (2.0 * weight)


def expected_squared_error_linear_decoder(
    x: ArrayLike, weight: ArrayLike, bias: ArrayLike, mean: ArrayLike, var: ArrayLike
) -> float:
    """E_q |x - (W z + b)|^2 for q = N(mean, diag(var)) and a linear decoder f(z) = W z + b.

    Equals |x - W mean - b|^2 + sum_{d,j} W_dj^2 var_j (the bias of the mean, plus the
    variance each latent dimension passes through W).
    """
    w = _finite("weight", weight)
    m = _finite("mean", mean)
    v = _positive("var", var)
    resid = _finite("x", x) - w @ m - _finite("bias", bias)
    return float(np.sum(resid**2) + np.sum(w**2 * v))


# --- The 1-D linear-Gaussian latent variable model -------------------------------------


@dataclass(frozen=True)
class LinearGaussianModel:
    """p(z) = N(0, 1), p(x|z) = N(w z, s2): every ELBO quantity in closed form."""

    w: float
    s2: float

    def __post_init__(self) -> None:
        _finite("w", self.w)
        _positive("s2", self.s2)

    def log_evidence(self, x: ArrayLike) -> FloatArray:
        """log p(x) = log N(x; 0, w^2 + s2)."""
        return gaussian_logpdf(x, 0.0, self.w**2 + self.s2)

    def posterior(self, x: ArrayLike) -> tuple[FloatArray, float]:
        """The exact posterior p(z|x) = N(w x / (w^2 + s2), s2 / (w^2 + s2))."""
        denom = self.w**2 + self.s2
        mean = _scalar_or_array(self.w * _finite("x", x) / denom)
        return mean, self.s2 / denom

    def expected_log_likelihood(self, x: ArrayLike, m: ArrayLike, var: ArrayLike) -> FloatArray:
        """E_{q}[log p(x|z)] for q = N(m, var): the reconstruction term."""
        v = _positive("var", var)
        xx = _finite("x", x)
        mm = _finite("m", m)
        sq = (xx - self.w * mm) ** 2 + self.w**2 * v
        return _scalar_or_array(-0.5 * (LOG_2PI + np.log(self.s2)) - sq / (2.0 * self.s2))

    def kl_to_prior(self, m: ArrayLike, var: ArrayLike) -> FloatArray:
        """KL(q || p(z)) for q = N(m, var): the regularisation term."""
        return kl_to_standard_normal(m, var)

    def elbo(self, x: ArrayLike, m: ArrayLike, var: ArrayLike, beta: float = 1.0) -> FloatArray:
        """E_q[log p(x|z)] - beta KL(q || p(z)); beta = 1 is the ELBO itself."""
        return _scalar_or_array(
            self.expected_log_likelihood(x, m, var) - beta * self.kl_to_prior(m, var)
        )

    def gap(self, x: ArrayLike, m: ArrayLike, var: ArrayLike) -> FloatArray:
        """log p(x) - ELBO, computed as KL(q || p(z|x)) (the identity the lesson derives)."""
        post_mean, post_var = self.posterior(x)
        return kl_gaussians(m, var, post_mean, post_var)

    def optimal_encoder_var(self, beta: float = 1.0) -> float:
        """The encoder variance that maximises E_q[log p(x|z)] - beta KL: s2 beta / (w^2 + beta s2).

        For beta = 1 this is the posterior variance; it does not depend on x or m.
        """
        if beta <= 0:
            raise InvalidParameterError(f"beta must be > 0; got {beta!r}")
        return self.s2 * beta / (self.w**2 + beta * self.s2)

    def optimal_encoder_mean(self, x: ArrayLike, beta: float = 1.0) -> FloatArray:
        """The encoder mean that maximises E_q[log p(x|z)] - beta KL: w x / (w^2 + beta s2).

        For beta = 1 this is the posterior mean; it does not depend on the encoder variance.
        """
        if beta <= 0:
            raise InvalidParameterError(f"beta must be > 0; got {beta!r}")
        return _scalar_or_array(self.w * _finite("x", x) / (self.w**2 + beta * self.s2))


# --- Independent numerical checks ------------------------------------------------------


def integrate(
    f: Callable[[FloatArray], FloatArray], lo: float, hi: float, n: int = 200_001
) -> float:
    """Composite Simpson's rule on [lo, hi] (n odd): quadrature independent of the closed forms."""
    if n < 3 or n % 2 == 0:
        raise InvalidParameterError(f"n must be odd and >= 3; got {n}")
    x = np.linspace(lo, hi, n)
    y = f(x)
    h = (hi - lo) / (n - 1)
    return float(h / 3.0 * (y[0] + y[-1] + 4.0 * y[1:-1:2].sum() + 2.0 * y[2:-1:2].sum()))


def kl_by_quadrature(mean_q: float, var_q: float, mean_p: float, var_p: float) -> float:
    """KL(q || p) as the integral of q log(q/p), by Simpson's rule over +-12 sd of q."""
    sd = float(np.sqrt(_positive("var_q", var_q)))

    def integrand(z: FloatArray) -> FloatArray:
        lq = gaussian_logpdf(z, mean_q, var_q)
        return np.exp(lq) * (lq - gaussian_logpdf(z, mean_p, var_p))

    return integrate(integrand, mean_q - 12 * sd, mean_q + 12 * sd)


@dataclass(frozen=True)
class MonteCarloEstimate:
    mean: float
    stderr: float


def kl_to_standard_normal_mc(
    mean: float, var: float, n: int = 100_000, seed: int = 0
) -> MonteCarloEstimate:
    """Monte Carlo estimate of KL(N(mean, var) || N(0, 1)) with its standard error (fixed seed)."""
    sd = float(np.sqrt(_positive("var", var)))
    rng = np.random.default_rng(seed)
    z = mean + sd * rng.standard_normal(n)
    terms = gaussian_logpdf(z, mean, var) - gaussian_logpdf(z, 0.0, 1.0)
    return MonteCarloEstimate(float(terms.mean()), float(terms.std(ddof=1) / np.sqrt(n)))
