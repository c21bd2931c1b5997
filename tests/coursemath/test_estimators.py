"""The Monte Carlo estimators of lessons 14-1 and 14-3 against independent computations.

Closed forms and Gauss-Hermite quadrature in coursemath.estimators are checked with Simpson's
rule over z (coursemath.vae.integrate), finite differences and fixed-seed simulations.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest

from coursemath import estimators as est
from coursemath import vae
from coursemath.running_example import RUNNING_EXAMPLE
from coursemath.vae import InvalidParameterError, LinearGaussianModel

MODELS = [RUNNING_EXAMPLE.model, LinearGaussianModel(w=2.0, s2=0.04), LinearGaussianModel(0.5, 3.0)]
X = RUNNING_EXAMPLE.x


def simpson(f: Callable[[vae.FloatArray], vae.FloatArray], lo: float, hi: float) -> float:
    return vae.integrate(f, lo, hi, n=400_001)


def test_gauss_hermite_is_exact_for_gaussian_moments() -> None:
    mean, var = 0.7, 0.3
    fourth = est.gaussian_expectation(lambda z: z**4, mean, var)
    assert fourth == pytest.approx(mean**4 + 6 * mean**2 * var + 3 * var**2, rel=1e-13)
    assert est.gaussian_expectation(lambda z: z, mean, var) == pytest.approx(mean, rel=1e-13)


@pytest.mark.parametrize("model", MODELS)
def test_relative_variance_of_prior_sampling_by_quadrature(model: LinearGaussianModel) -> None:
    def likelihood(z: vae.FloatArray) -> vae.FloatArray:
        return vae.gaussian_pdf(X, model.w * z, model.s2)

    def prior(z: vae.FloatArray) -> vae.FloatArray:
        return vae.gaussian_pdf(z, 0.0, 1.0)

    first = simpson(lambda z: prior(z) * likelihood(z), -12.0, 12.0)
    second = simpson(lambda z: prior(z) * likelihood(z) ** 2, -12.0, 12.0)
    assert first == pytest.approx(math.exp(float(model.log_evidence(X))), rel=1e-9)
    assert est.prior_sampling_relative_variance(model, X) == pytest.approx(
        second / first**2 - 1.0, rel=1e-8
    )


@pytest.mark.parametrize("model", MODELS)
def test_prior_sampling_simulation_agrees_with_the_exact_values(model: LinearGaussianModel) -> None:
    exact_evidence = math.exp(float(model.log_evidence(X)))
    estimate = est.prior_sampling_estimate(model, X, n=200_000, seed=3)
    assert abs(estimate.mean - exact_evidence) < 4 * estimate.stderr
    # The estimate's standard error is the exact per-sample spread over sqrt(n).
    exact_rel = est.prior_sampling_relative_variance(model, X)
    assert estimate.stderr / exact_evidence == pytest.approx(
        math.sqrt(exact_rel / 200_000), rel=0.1
    )
    simulated = est.prior_sampling_relative_variance_mc(model, X, n=400_000, seed=4)
    assert simulated == pytest.approx(exact_rel, rel=0.1)


def test_the_relative_variance_grows_as_the_posterior_narrows() -> None:
    values = [
        est.prior_sampling_relative_variance(LinearGaussianModel(2.0, s2), X)
        for s2 in (10.0, 1.0, 0.1, 0.01, 1e-4)
    ]
    assert values == sorted(values) and values[-1] > 100 * values[0]


def test_samples_needed_in_several_dimensions_by_simulation() -> None:
    """Two independent coordinates: the relative variance of the product is (1 + v)^2 - 1."""
    model = RUNNING_EXAMPLE.model
    rng = np.random.default_rng(5)
    z = rng.standard_normal((2, 1_000_000))
    product = np.prod(vae.gaussian_pdf(X, model.w * z, model.s2), axis=0)
    simulated = float(product.var() / product.mean() ** 2)
    assert est.prior_sampling_samples_needed(model, X, 1.0, dims=2) == pytest.approx(
        simulated, rel=0.05
    )
    one = est.prior_sampling_samples_needed(model, X, 0.1)
    assert one == pytest.approx(est.prior_sampling_relative_variance(model, X) / 0.01)


def test_prior_draws_near_the_posterior_counted_one_by_one() -> None:
    model = LinearGaussianModel(w=2.0, s2=0.01)
    draws = est.prior_draws(40, 14)
    assert np.array_equal(draws, np.random.default_rng(14).standard_normal(40))
    mean, var = 2.0 * X / (4.0 + 0.01), 0.01 / (4.0 + 0.01)
    near = sum(1 for z in draws if mean - 2 * math.sqrt(var) < z < mean + 2 * math.sqrt(var))
    assert est.prior_draws_near_posterior(model, X, 40, 14) == near
    assert est.prior_draws_near_posterior(model, X, 40, 14, sds=100.0) == 40


@pytest.mark.parametrize(("m", "var"), [(0.6, 0.2), (0.0, 1.0), (0.6, 0.01), (-1.0, 2.0)])
@pytest.mark.parametrize("kind", est.ESTIMATORS)
def test_both_gradient_estimators_are_unbiased_and_their_variances_are_exact(
    m: float, var: float, kind: est.Estimator
) -> None:
    model = RUNNING_EXAMPLE.model
    sd = math.sqrt(var)

    def sample(z: vae.FloatArray) -> vae.FloatArray:
        return est.gradient_samples(model, X, m, var, (z - m) / sd, kind)

    def density(z: vae.FloatArray) -> vae.FloatArray:
        return vae.gaussian_pdf(z, m, var)

    lo, hi = m - 14 * sd, m + 14 * sd
    mean = simpson(lambda z: density(z) * sample(z), lo, hi)
    second = simpson(lambda z: density(z) * sample(z) ** 2, lo, hi)
    # Unbiased: both average to the derivative of the reconstruction term...
    assert mean == pytest.approx(est.reconstruction_gradient(model, X, m), rel=1e-8, abs=1e-10)
    # ...which is the finite difference of the closed-form reconstruction term.
    h = 1e-5
    finite_difference = (
        float(model.expected_log_likelihood(X, m + h, var))
        - float(model.expected_log_likelihood(X, m - h, var))
    ) / (2 * h)
    assert est.reconstruction_gradient(model, X, m) == pytest.approx(finite_difference, rel=1e-7)
    exact = est.gradient_estimator_variance(model, X, m, var, kind)
    assert exact == pytest.approx(second - mean**2, rel=1e-7)
    simulated = est.gradient_estimator_variance_mc(model, X, m, var, kind, n=400_000, seed=6)
    assert simulated == pytest.approx(exact, rel=0.05)


def test_reparameterised_variance_closed_form_and_the_ordering() -> None:
    model = RUNNING_EXAMPLE.model
    for var in (0.01, 0.2, 1.0, 3.0):
        assert est.gradient_estimator_variance(model, X, 0.6, var, "reparam") == pytest.approx(
            model.w**4 * var / model.s2**2, rel=1e-12
        )
        assert est.gradient_estimator_variance(
            model, X, 0.6, var, "score"
        ) > est.gradient_estimator_variance(model, X, 0.6, var, "reparam")


@pytest.mark.parametrize(
    "call",
    [
        lambda: est.prior_sampling_samples_needed(RUNNING_EXAMPLE.model, X, 0.0),
        lambda: est.prior_sampling_samples_needed(RUNNING_EXAMPLE.model, X, 0.1, dims=0),
        lambda: est.prior_sampling_estimate(RUNNING_EXAMPLE.model, X, n=1, seed=0),
        lambda: est.gradient_samples(RUNNING_EXAMPLE.model, X, 0.0, 0.0, [0.0], "score"),
        lambda: est.gradient_samples(RUNNING_EXAMPLE.model, X, 0.0, 1.0, [0.0], "magic"),  # type: ignore[arg-type]
        lambda: est.gradient_estimator_variance_mc(
            RUNNING_EXAMPLE.model, X, 0.0, 1.0, "score", n=1, seed=0
        ),
    ],
)
def test_invalid_arguments_raise_a_clear_error(call: object) -> None:
    with pytest.raises(InvalidParameterError, match="must be"):
        call()  # type: ignore[operator]
