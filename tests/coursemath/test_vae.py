"""The shared maths against independent computations: quadrature, Monte Carlo, known values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursemath import vae as vae_math
from coursemath.vae import InvalidParameterError, LinearGaussianModel

means = st.floats(-4.0, 4.0)
variances = st.floats(0.05, 9.0)


def test_kl_of_unit_gaussians_one_apart_is_exactly_half_a_nat() -> None:
    assert vae_math.kl_gaussians(1.0, 1.0, 0.0, 1.0) == 0.5
    assert vae_math.kl_to_standard_normal(1.0, 1.0) == 0.5
    assert vae_math.kl_diagonal_to_standard_normal(np.array([1.0]), np.array([0.0])) == 0.5


def test_known_values() -> None:
    # KL(N(0,1) || N(0,4)) = (log 4 + 1/4 - 1) / 2 and the reverse (4 - 1 - log 4) / 2.
    assert vae_math.kl_gaussians(0, 1, 0, 4) == pytest.approx((math.log(4) - 0.75) / 2, abs=1e-15)
    assert vae_math.kl_gaussians(0, 4, 0, 1) == pytest.approx((3 - math.log(4)) / 2, abs=1e-15)
    assert vae_math.kl_to_standard_normal(0.0, 1.0) == 0.0


@pytest.mark.parametrize(
    ("mean_q", "var_q", "mean_p", "var_p"),
    [(1.0, 1.0, 0.0, 1.0), (0.0, 0.25, 0.0, 1.0), (0.0, 4.0, 0.0, 1.0), (-1.3, 0.3, 2.0, 2.5)],
)
def test_closed_form_kl_matches_quadrature(
    mean_q: float, var_q: float, mean_p: float, var_p: float
) -> None:
    exact = float(vae_math.kl_gaussians(mean_q, var_q, mean_p, var_p))
    assert vae_math.kl_by_quadrature(mean_q, var_q, mean_p, var_p) == pytest.approx(
        exact, rel=1e-9, abs=1e-12
    )


@pytest.mark.parametrize(("mean", "var"), [(0.0, 0.25), (1.0, 1.0), (2.0, 4.0), (-0.5, 0.1)])
def test_closed_form_kl_within_monte_carlo_error(mean: float, var: float) -> None:
    exact = float(vae_math.kl_to_standard_normal(mean, var))
    estimate = vae_math.kl_to_standard_normal_mc(mean, var, n=50_000, seed=7)
    assert abs(estimate.mean - exact) < 4 * estimate.stderr + 1e-12


@settings(max_examples=60, deadline=None)
@given(mean_q=means, var_q=variances, mean_p=means, var_p=variances)
def test_kl_is_nonnegative_and_zero_only_for_equal_gaussians(
    mean_q: float, var_q: float, mean_p: float, var_p: float
) -> None:
    kl = float(vae_math.kl_gaussians(mean_q, var_q, mean_p, var_p))
    assert math.isfinite(kl) and kl >= -1e-15
    assert float(vae_math.kl_gaussians(mean_q, var_q, mean_q, var_q)) == 0.0


@settings(max_examples=40, deadline=None)
@given(mean=st.lists(means, min_size=1, max_size=6), data=st.data())
def test_diagonal_kl_is_the_sum_of_per_dimension_kls(
    mean: list[float], data: st.DataObject
) -> None:
    logvar = np.array(data.draw(st.lists(st.floats(-3, 3), min_size=len(mean), max_size=len(mean))))
    per_dim = vae_math.kl_to_standard_normal(np.array(mean), np.exp(logvar))
    total = vae_math.kl_diagonal_to_standard_normal(np.array(mean), logvar)
    assert total == pytest.approx(float(np.sum(per_dim)), rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(
    "call",
    [
        lambda: vae_math.kl_to_standard_normal(0.0, 0.0),
        lambda: vae_math.kl_to_standard_normal(0.0, -1.0),
        lambda: vae_math.kl_gaussians(0.0, 1.0, 0.0, 0.0),
        lambda: vae_math.kl_gaussians(0.0, float("nan"), 0.0, 1.0),
        lambda: vae_math.kl_to_standard_normal(float("nan"), 1.0),
        lambda: vae_math.kl_to_standard_normal(0.0, float("inf")),
        lambda: vae_math.gaussian_logpdf(0.0, 0.0, 0.0),
        lambda: vae_math.kl_to_standard_normal_mc(0.0, 0.0),
        lambda: LinearGaussianModel(w=1.0, s2=0.0),
        lambda: LinearGaussianModel(w=1.0, s2=1.0).elbo(1.0, 0.0, 0.0),
        lambda: LinearGaussianModel(w=1.0, s2=1.0).optimal_encoder_var(beta=0.0),
    ],
)
def test_zero_or_invalid_variance_raises_a_clear_error(call: object) -> None:
    with pytest.raises(InvalidParameterError, match="must be"):
        call()  # type: ignore[operator]


def test_sigma_towards_zero_stays_finite_until_it_is_zero() -> None:
    for var in (1e-2, 1e-8, 1e-100, 1e-300):
        kl = float(vae_math.kl_to_standard_normal(0.0, var))
        assert math.isfinite(kl) and kl == pytest.approx(0.5 * (var - 1 - math.log(var)))
    values = vae_math.kl_to_standard_normal(np.zeros(3), np.array([1.0, 1e-200, 1e-300]))
    assert np.all(np.isfinite(values))
    with pytest.raises(InvalidParameterError):
        vae_math.kl_to_standard_normal(np.zeros(2), np.array([1.0, 0.0]))


MODEL = LinearGaussianModel(w=2.0, s2=1.0)
X = 1.5


def test_linear_gaussian_evidence_and_posterior_by_quadrature() -> None:
    def joint(z: vae_math.FloatArray) -> vae_math.FloatArray:
        return vae_math.gaussian_pdf(z, 0.0, 1.0) * vae_math.gaussian_pdf(X, MODEL.w * z, MODEL.s2)

    evidence = vae_math.integrate(joint, -12.0, 12.0)
    post_mean = vae_math.integrate(lambda z: z * joint(z), -12.0, 12.0) / evidence
    post_second = vae_math.integrate(lambda z: z**2 * joint(z), -12.0, 12.0) / evidence
    mean, var = MODEL.posterior(X)
    assert float(MODEL.log_evidence(X)) == pytest.approx(math.log(evidence), rel=1e-10)
    assert float(mean) == pytest.approx(post_mean, rel=1e-10)
    assert var == pytest.approx(post_second - post_mean**2, rel=1e-9)
    # The lesson's running example: posterior N(0.6, 0.2).
    assert (float(mean), var) == pytest.approx((0.6, 0.2))


@pytest.mark.parametrize(("m", "var"), [(0.0, 1.0), (0.6, 0.2), (-1.0, 0.05)])
def test_elbo_terms_by_quadrature_and_the_gap_identity(m: float, var: float) -> None:
    sd = math.sqrt(var)
    expected_ll = vae_math.integrate(
        lambda z: (
            vae_math.gaussian_pdf(z, m, var) * vae_math.gaussian_logpdf(X, MODEL.w * z, MODEL.s2)
        ),
        m - 12 * sd,
        m + 12 * sd,
    )
    assert float(MODEL.expected_log_likelihood(X, m, var)) == pytest.approx(expected_ll, rel=1e-9)
    assert float(MODEL.kl_to_prior(m, var)) == pytest.approx(
        vae_math.kl_by_quadrature(m, var, 0.0, 1.0), rel=1e-9, abs=1e-12
    )
    # log p(x) = ELBO + KL(q || p(z|x)), and so ELBO <= log p(x).
    elbo, gap = float(MODEL.elbo(X, m, var)), float(MODEL.gap(X, m, var))
    assert elbo + gap == pytest.approx(float(MODEL.log_evidence(X)), abs=1e-12)
    assert gap >= 0.0


def test_gap_is_zero_at_the_posterior_and_the_optimal_variance_maximises_the_objective() -> None:
    mean, var = MODEL.posterior(X)
    assert float(MODEL.gap(X, mean, var)) == pytest.approx(0.0, abs=1e-15)
    grid = np.geomspace(1e-3, 10.0, 20_001)
    for beta in (0.5, 1.0, 2.0):
        best = grid[np.argmax(MODEL.elbo(X, mean, grid, beta=beta))]
        assert best == pytest.approx(MODEL.optimal_encoder_var(beta), rel=1e-3)
    assert MODEL.optimal_encoder_var() == pytest.approx(var)
