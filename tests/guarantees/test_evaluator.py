"""The safe evaluator of claim expressions: what it computes, what it refuses, how it fails."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursemath import vae
from coursemath.running_example import RUNNING_EXAMPLE
from guarantees.evaluator import MAX_EXPONENT, ExpressionError, Namespace, evaluate
from guarantees.namespace import claims_namespace
from tests.support import ROOT

NAMESPACE = claims_namespace(ROOT)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kl_gaussians(0, 1, 0, 4)", float(vae.kl_gaussians(0, 1, 0, 4))),
        ("running.w", RUNNING_EXAMPLE.w),
        ("running.model.gap(running.x, 1, 0.2)", float(RUNNING_EXAMPLE.model.gap(1.5, 1, 0.2))),
        ("model(w=3, s2=2).optimal_encoder_var()", 2 / 11),
        ("-running.log_evidence", -RUNNING_EXAMPLE.log_evidence),
        ('figure_params("jensen")["points"][0]', 0.5),
        ('log(mean(figure_params("jensen")["points"]))', math.log(2.25)),
        ("1 / log(2)", 1 / math.log(2)),
        ("28 * 28", 784),
        ("2 ** 10 - sqrt(4) + pi", 1024 - 2 + math.pi),
        ("[running.w, running.s2][1]", RUNNING_EXAMPLE.s2),
    ],
)
def test_expressions_over_the_course_maths(text: str, expected: float):
    assert float(evaluate(text, NAMESPACE)) == pytest.approx(expected, rel=1e-12)


def test_a_tuple_result_is_kept_whole():
    mean, var = evaluate("running.model.posterior(running.x)", NAMESPACE)
    assert (float(mean), var) == pytest.approx((0.6, 0.2))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('__import__("os")', "unknown name '__import__'"),
        ("running.__class__", "names starting with '_'"),
        ("running._private", "names starting with '_'"),
        ("kl_gaussians.__globals__", "names starting with '_'"),
        ("open('x')", "unknown name 'open'"),
        ("eval('1')", "unknown name 'eval'"),
        ("2 ** 1000", f"at most {MAX_EXPONENT}"),
        ("(10 ** 100) ** 100", "too large"),
        ("((10 ** 90) * 10 ** 90) ** 90", "too large"),
        ("'a' * 100", "numbers, not text"),
        ("[1] * 10", "numbers, not a list"),
        ("running.w if 1 else 2", "'if ... else' is not allowed"),
        ("[x for x in [1]]", "comprehension"),
        ("lambda: 1", "lambda"),
        ("1 < 2", "comparison"),
        ("f'{running}'", "f-string"),
        ("kl_gaussians(*[0, 1, 0, 4])", "*arguments"),
        ("kl_gaussians(0, 1, 0, 0)", "'kl_gaussians' fails"),
        ("kl_to_standard_normal_mc(0, 1, n=10**8)", "at most 1000000"),
        ("figure_params('no-such-figure')", "no figure job 'no-such-figure'"),
        ("running.model.posterior.__func__", "names starting with '_'"),
        ("kl_gaussians(0, 1, 0, 4).dump('x')", "cannot be called"),
        ("integrate(kl_gaussians(0, 1, 0, 4).tofile, 0, 1, 3)", "cannot be passed"),
        ("1 / 0", "ZeroDivisionError"),
        ("log(0)", "'log' fails"),
        ("running.w +", "not a Python expression"),
        ("", "empty"),
        ("x = 1", "not a Python expression"),
    ],
)
def test_refused(text: str, fragment: str):
    with pytest.raises(ExpressionError) as refused:
        evaluate(text, NAMESPACE)
    assert fragment in refused.value.message


def test_the_error_says_where():
    with pytest.raises(ExpressionError) as refused:
        evaluate("running.w + running.__dict__", NAMESPACE)
    assert refused.value.col == len("running.w + ")


def test_nothing_else_is_reachable():
    """Only what the namespace lists: no builtins, no modules."""
    bare = Namespace({})
    for text in ("abs(1)", "print(1)", "np", "math", "__builtins__"):
        with pytest.raises(ExpressionError):
            evaluate(text, bare)


def test_the_figure_catalog_of_the_course_is_read(tmp_path: Path):
    """A fixture course has no figures_src/ of its own: the installed catalog is used."""
    points = evaluate('figure_params("jensen")["points"]', claims_namespace(tmp_path))
    assert points == [0.5, 4.0]
    points[0] = 99  # a copy: nothing shared is changed
    assert evaluate('figure_params("jensen")["points"][0]', claims_namespace(tmp_path)) == 0.5


_ATOMS = st.sampled_from(
    [
        "running",
        ".w",
        ".model",
        ".posterior",
        "(",
        ")",
        "[",
        "]",
        ",",
        "0",
        "1",
        "2.5",
        "1e308",
        "**",
        "*",
        "/",
        "-",
        "+",
        "%",
        "//",
        "__",
        "_",
        "import",
        "kl_gaussians",
        "figure_params",
        '"jensen"',
        "'",
        "log",
        "x",
        " ",
        "lambda",
        ":",
        "=",
        ".",
        "not",
        "if",
        "else",
        "{",
        "}",
        "@",
        "~",
        "<",
        "9" * 30,
        "\\",
        "\n",
        "#",
        "$",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ATOMS, max_size=14).map("".join) | st.text(max_size=40))
def test_fuzz_only_ever_raises_expression_error(text: str):
    try:
        value = evaluate(text, NAMESPACE)
    except ExpressionError as refused:
        assert refused.message
    else:
        assert (
            value is None
            or isinstance(
                value, bool | int | float | str | list | tuple | dict | np.ndarray | np.generic
            )
            or callable(value)
            or hasattr(value, "w")
        )
