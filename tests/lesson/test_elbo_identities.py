"""The derivation of lesson 14-2, checked numerically where everything is exact.

The model is the 1-D linear-Gaussian one: p(z) = N(0, 1), p(x|z) = N(w z, s2), encoder
q(z|x) = N(m, v). Its closed forms come from coursemath.vae; every identity of the
lesson is checked against an independent computation (quadrature of the definitions, Monte
Carlo, or plain algebra on sampled parameters), never against the same formula.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursemath import vae as vm
from coursemath.running_example import RUNNING_EXAMPLE
from coursemath.vae import LinearGaussianModel

RUNNING = RUNNING_EXAMPLE.model  # the lesson's running example (w = 2, s² = 1, x = 1.5)
X = RUNNING_EXAMPLE.x
W, S2 = RUNNING.w, RUNNING.s2

weights = st.floats(-3.0, 3.0).filter(lambda w: abs(w) > 1e-3)
noise = st.floats(0.05, 4.0)
data = st.floats(-4.0, 4.0)
means = st.floats(-3.0, 3.0)
variances = st.floats(0.02, 4.0)


def elbo_by_quadrature(model: LinearGaussianModel, x: float, m: float, v: float) -> float:
    """E_q[log p(x, z) - log q(z)] straight from the ELBO's definition (eq:jensen)."""
    sd = float(np.sqrt(v))

    def integrand(z: np.ndarray) -> np.ndarray:
        log_q = vm.gaussian_logpdf(z, m, v)
        log_joint = vm.gaussian_logpdf(x, model.w * z, model.s2) + vm.gaussian_logpdf(z, 0, 1)
        return np.exp(log_q) * (log_joint - log_q)

    return vm.integrate(integrand, m - 12 * sd, m + 12 * sd, n=20_001)


def log_evidence_by_quadrature(model: LinearGaussianModel, x: float) -> float:
    """log of the integral of p(x|z) p(z) dz (eq:evidence), the intractable quantity."""

    def integrand(z: np.ndarray) -> np.ndarray:
        return np.exp(vm.gaussian_logpdf(x, model.w * z, model.s2) + vm.gaussian_logpdf(z, 0, 1))

    return float(np.log(vm.integrate(integrand, -15.0, 15.0, n=60_001)))


@settings(max_examples=60, deadline=None)
@given(weights, noise, data, means, variances)
def test_elbo_never_exceeds_the_log_evidence(w: float, s2: float, x: float, m: float, v: float):
    model = LinearGaussianModel(w, s2)
    assert float(model.elbo(x, m, v)) <= float(model.log_evidence(x)) + 1e-12


@settings(max_examples=60, deadline=None)
@given(weights, noise, data, means, variances)
def test_gap_is_kl_to_the_true_posterior(w: float, s2: float, x: float, m: float, v: float):
    """log p(x) - ELBO == KL(q || p(z|x)) (eq:gap), the KL computed by its own closed form."""
    model = LinearGaussianModel(w, s2)
    gap = float(model.log_evidence(x)) - float(model.elbo(x, m, v))
    post_mean, post_var = model.posterior(x)
    assert gap == pytest.approx(float(vm.kl_gaussians(m, v, post_mean, post_var)), abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(weights, noise, data)
def test_bound_is_tight_at_the_true_posterior(w: float, s2: float, x: float):
    model = LinearGaussianModel(w, s2)
    post_mean, post_var = model.posterior(x)
    assert float(model.elbo(x, post_mean, post_var)) == pytest.approx(
        float(model.log_evidence(x)), abs=1e-10
    )


@pytest.mark.parametrize(("m", "v"), [(0.6, 0.2), (0.0, 1.0), (1.0, 0.2), (-1.0, 0.05)])
def test_elbo_definition_equals_the_two_term_split(m: float, v: float):
    """Quadrature of E_q[log p(x,z) - log q] == E_q[log p(x|z)] - KL(q || p(z)) (eq:two-terms)."""
    assert elbo_by_quadrature(RUNNING, X, m, v) == pytest.approx(
        float(RUNNING.elbo(X, m, v)), abs=1e-8
    )


def test_running_example_values():
    """The running example's evidence and posterior, from the integral itself."""
    assert log_evidence_by_quadrature(RUNNING, X) == pytest.approx(
        float(RUNNING.log_evidence(X)), abs=1e-9
    )
    assert float(RUNNING.log_evidence(X)) == pytest.approx(
        float(vm.gaussian_logpdf(X, 0.0, W**2 + S2)), abs=1e-12
    )
    post_mean, post_var = RUNNING.posterior(X)
    assert (float(post_mean), post_var) == pytest.approx((0.6, 0.2))
    # Posterior density = p(x|z) p(z) / p(x), checked pointwise.
    z = np.linspace(-3, 3, 13)
    bayes = vm.gaussian_logpdf(X, W * z, S2) + vm.gaussian_logpdf(z, 0, 1)
    bayes = bayes - float(RUNNING.log_evidence(X))
    np.testing.assert_allclose(vm.gaussian_logpdf(z, 0.6, 0.2), bayes, atol=1e-12)


def test_gap_of_the_off_mean_encoder_is_the_stated_0_4_nats():
    assert float(RUNNING.gap(X, 1.0, 0.2)) == pytest.approx(0.4, abs=1e-12)
    assert float(RUNNING.log_evidence(X) - RUNNING.elbo(X, 1.0, 0.2)) == pytest.approx(0.4)


def test_jensen_step_is_where_the_inequality_enters():
    """log E_q[p(x,z)/q] == log p(x) exactly (the multiply-and-divide step loses nothing),
    while E_q[log p(x,z)/q] is the ELBO: Monte Carlo on the running example."""
    rng = np.random.default_rng(1)
    m, v = 0.0, 1.0
    z = m + np.sqrt(v) * rng.standard_normal(400_000)
    log_ratio = (
        vm.gaussian_logpdf(X, W * z, S2) + vm.gaussian_logpdf(z, 0, 1) - vm.gaussian_logpdf(z, m, v)
    )
    log_of_mean = float(np.log(np.mean(np.exp(log_ratio))))
    mean_of_log = float(np.mean(log_ratio))
    stderr = float(np.std(log_ratio) / np.sqrt(z.size))
    assert log_of_mean == pytest.approx(float(RUNNING.log_evidence(X)), abs=0.02)
    assert mean_of_log == pytest.approx(float(RUNNING.elbo(X, m, v)), abs=4 * stderr)
    assert mean_of_log < log_of_mean


# --- The closed-form KL ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("mu", "var"), [(0.0, 1.0), (1.0, 1.0), (0.0, 0.25), (-1.5, 0.09), (2.0, 4.0)]
)
def test_closed_form_kl_equals_quadrature_and_monte_carlo(mu: float, var: float):
    closed = float(vm.kl_to_standard_normal(mu, var))
    assert vm.kl_by_quadrature(mu, var, 0.0, 1.0) == pytest.approx(closed, abs=1e-9)
    estimate = vm.kl_to_standard_normal_mc(mu, var, n=200_000, seed=3)
    assert abs(estimate.mean - closed) <= 4 * estimate.stderr + 1e-12


@pytest.mark.parametrize(("mu", "var"), [(0.3, 0.5), (-1.0, 2.0)])
def test_the_two_expectations_of_the_derivation(mu: float, var: float):
    """E_q[(z - mu)^2] = var and E_q[z^2] = var + mu^2, by quadrature."""
    sd = np.sqrt(var)

    def moment(f):
        return vm.integrate(
            lambda z: vm.gaussian_pdf(z, mu, var) * f(z), mu - 12 * sd, mu + 12 * sd
        )

    assert moment(lambda z: (z - mu) ** 2) == pytest.approx(var, abs=1e-10)
    assert moment(lambda z: z**2) == pytest.approx(var + mu**2, abs=1e-10)
    # and the expectation of the log-density difference is the closed form
    assert moment(
        lambda z: vm.gaussian_logpdf(z, mu, var) - vm.gaussian_logpdf(z, 0, 1)
    ) == pytest.approx(float(vm.kl_to_standard_normal(mu, var)), abs=1e-9)


def test_diagonal_kl_is_the_sum_over_dimensions_and_the_logvar_form_agrees():
    rng = np.random.default_rng(7)
    mu = rng.normal(size=5)
    logvar = rng.normal(scale=0.7, size=5)
    per_dim = vm.kl_to_standard_normal(mu, np.exp(logvar))
    logvar_form = -0.5 * np.sum(1 + logvar - mu**2 - np.exp(logvar))  # eq:kl-logvar
    assert float(np.sum(per_dim)) == pytest.approx(vm.kl_diagonal_to_standard_normal(mu, logvar))
    assert float(logvar_form) == pytest.approx(float(np.sum(per_dim)))
    # Monte Carlo on the joint J-dimensional distribution, not dimension by dimension.
    z = mu + np.exp(0.5 * logvar) * rng.standard_normal((200_000, 5))
    log_q = np.sum(vm.gaussian_logpdf(z, mu, np.exp(logvar)), axis=1)
    log_p = np.sum(vm.gaussian_logpdf(z, 0.0, 1.0), axis=1)
    terms = log_q - log_p
    assert abs(terms.mean() - np.sum(per_dim)) <= 4 * terms.std() / np.sqrt(len(terms))


def test_sigma_versus_variance_pitfall_numbers():
    correct = float(vm.kl_to_standard_normal(0.0, 0.3**2))
    mistaken = float(vm.kl_to_standard_normal(0.0, 0.3))  # sigma put where sigma^2 belongs
    assert round(correct, 3) == 0.749
    assert round(mistaken, 3) == 0.252
    assert 0.3 < mistaken / correct < 0.37  # "about a third"


# --- The Gaussian decoder and the weighted objective -----------------------------------


def test_gaussian_decoder_negative_log_likelihood():
    rng = np.random.default_rng(2)
    x, f = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    s2 = 0.3
    from_densities = -np.sum(vm.gaussian_logpdf(x, f, s2), axis=-1)  # product of D Gaussians
    closed = np.sum((x - f) ** 2, axis=-1) / (2 * s2) + 6 / 2 * np.log(2 * np.pi * s2)
    np.testing.assert_allclose(vm.isotropic_gaussian_nll(x, f, s2), from_densities, rtol=1e-12)
    np.testing.assert_allclose(closed, from_densities, rtol=1e-12)


def test_learned_decoder_variance_is_the_mean_squared_error_per_dimension():
    sq, d = 7.3, 5
    s2 = np.linspace(0.2, 5.0, 200_001)
    loss = sq / (2 * s2) + d / 2 * np.log(2 * np.pi * s2)
    assert s2[np.argmin(loss)] == pytest.approx(sq / d, abs=1e-4)


def test_squared_error_weights_and_decoder_variances():
    assert vm.decoder_var_for_squared_error_weight(1.0) == 0.5  # summed squared error
    assert vm.decoder_var_for_squared_error_weight(1 / 784) == pytest.approx(392.0)  # mean, 28x28
    assert 28 * 28 == 784


def test_expected_squared_error_of_a_linear_decoder():
    rng = np.random.default_rng(4)
    w, b = rng.normal(size=(3, 2)), rng.normal(size=3)
    mu, var, x = rng.normal(size=2), np.array([0.3, 1.7]), rng.normal(size=3)
    z = mu + np.sqrt(var) * rng.standard_normal((400_000, 2))
    sq = np.sum((x - (z @ w.T + b)) ** 2, axis=1)
    closed = vm.expected_squared_error_linear_decoder(x, w, b, mu, var)
    assert abs(sq.mean() - closed) <= 4 * sq.std() / np.sqrt(len(sq))


@settings(max_examples=40, deadline=None)
@given(weights, noise, st.floats(0.1, 5.0))
def test_beta_weight_equals_a_scaled_decoder_variance(w: float, s2: float, beta: float):
    """The best encoder variance under L_beta is the posterior variance with s2 -> beta s2,
    found by grid search of the beta-weighted objective itself."""
    model = LinearGaussianModel(w, s2)
    grid = np.exp(np.linspace(np.log(1e-4), np.log(10.0), 20_001))
    best = grid[np.argmax(model.elbo(0.7, 0.1, grid, beta=beta))]
    expected = LinearGaussianModel(w, beta * s2).posterior(0.0)[1]
    assert best == pytest.approx(expected, rel=2e-3)
    assert model.optimal_encoder_var(beta) == pytest.approx(expected)


@settings(max_examples=40, deadline=None)
@given(weights, noise, data, means, variances, st.floats(1.0, 5.0))
def test_beta_at_least_one_is_still_a_lower_bound(w, s2, x, m, v, beta):
    model = LinearGaussianModel(w, s2)
    assert float(model.elbo(x, m, v, beta=beta)) <= float(model.elbo(x, m, v)) + 1e-12
    assert float(model.elbo(x, m, v, beta=beta)) <= float(model.log_evidence(x)) + 1e-12


def test_posterior_variance_minimises_the_negative_elbo_over_the_variance():
    """The derivative in the lesson, w^2/(2 s2) + 1/2 - 1/(2 v), vanishes at v = 0.2."""
    v = 0.2
    assert W**2 / (2 * S2) + 0.5 - 1 / (2 * v) == pytest.approx(0.0)
    grid = np.linspace(0.01, 1.0, 99_001)
    assert grid[np.argmax(RUNNING.elbo(X, 0.6, grid))] == pytest.approx(0.2, abs=1e-4)
