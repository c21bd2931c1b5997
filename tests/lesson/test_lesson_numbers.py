"""Every number stated in lesson 14-2 (and the notation page) is computed here and compared.

Each decimal in the text a learner reads must be covered by a claim: a snippet of the page
and the quantity it states, computed with coursemath.vae (or from the parameters of
the figure it describes). Integers must be one of a few structural values, or be covered by
a claim too. A number added to the lesson without a claim fails the test. Code blocks are
not read here: they are executed by test_code_blocks.py.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import yaml

from coursemath import vae as vm
from coursemath.vae import LinearGaussianModel
from tests.support import ROOT

LESSON = ROOT / "docs" / "module-14" / "14-2-deriving-the-elbo.md"
NOTATION = ROOT / "docs" / "notation.md"
CATALOG = yaml.safe_load((ROOT / "figures_src" / "catalog.yml").read_text(encoding="utf-8"))
RUNNING = LinearGaussianModel(w=2.0, s2=1.0)
X = 1.5

_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])")


def _jensen() -> dict[str, float]:
    points = np.array(CATALOG["jensen"]["params"]["points"], dtype=float)
    return {
        "mean": float(points.mean()),
        "log_of_mean": float(np.log(points.mean())),
        "mean_of_log": float(np.mean(np.log(points))),
        "gap": float(np.log(points.mean()) - np.mean(np.log(points))),
    }


JENSEN = _jensen()
ASYM = CATALOG["kl-asymmetry"]["params"]
KL_QP = float(vm.kl_gaussians(ASYM["mean"], ASYM["q_var"], ASYM["mean"], ASYM["p_var"]))
KL_PQ = float(vm.kl_gaussians(ASYM["mean"], ASYM["p_var"], ASYM["mean"], ASYM["q_var"]))
POST_MEAN, POST_VAR = (float(v) for v in RUNNING.posterior(X))


@dataclass(frozen=True)
class Claim:
    """Wherever ``snippet`` occurs in the page, its number ``literal`` states ``value``.

    The literal is compared to the value rounded to the literal's digits.
    """

    snippet: str
    literal: str
    value: float


LESSON_CLAIMS = [
    # KL refresher: the asymmetry example (the kl-asymmetry figure's parameters)
    Claim(r"\KL(q \,\|\, p) \approx 0.318", "0.318", KL_QP),
    Claim(r"\KL(p \,\|\, q) \approx 0.807", "0.807", KL_PQ),
    Claim("KL(q ‖ p) ≈ 0.32 nats", "0.32", KL_QP),
    Claim("KL(p ‖ q) ≈ 0.81 nats", "0.81", KL_PQ),
    Claim("the narrow q = N(0, 1)", "1", ASYM["q_var"]),
    Claim("p = N(0, 4)", "4", ASYM["p_var"]),
    Claim(r"the wider $p = \N(0, 2^2)$", "2", math.sqrt(ASYM["p_var"])),
    # the worked example: N(1, 1) is 0.5 nats from N(0, 1)
    Claim(r"is exactly $0.5$ nats", "0.5", float(vm.kl_to_standard_normal(1.0, 1.0))),
    Claim(r"- \log 1\bigr) = 0.5", "0.5", float(vm.kl_to_standard_normal(1.0, 1.0))),
    Claim("KL(q ‖ p) = 0.5 nats", "0.5", float(vm.kl_to_standard_normal(1.0, 1.0))),
    Claim(r"is the $0.5$ nats", "0.5", float(vm.kl_to_standard_normal(1.0, 1.0))),
    # Jensen figure (its parameters: two equally likely points)
    Claim("values of X, 0.5 and 4", "0.5", CATALOG["jensen"]["params"]["points"][0]),
    Claim("values of X, 0.5 and 4", "4", CATALOG["jensen"]["params"]["points"][1]),
    Claim("E[X] = 2.25", "2.25", JENSEN["mean"]),
    Claim("log E[X] ≈ 0.81", "0.81", JENSEN["log_of_mean"]),
    Claim("E[log X] ≈ 0.35", "0.35", JENSEN["mean_of_log"]),
    Claim("about 0.46, is marked", "0.46", JENSEN["gap"]),
    # the running example
    Claim("$x = 1.5$", "1.5", X),
    Claim(r"\N(1.5; 0, 5)", "1.5", X),
    Claim(r"\N(1.5; 0, 5)", "5", RUNNING.w**2 + RUNNING.s2),
    Claim(r"\log p_\theta(x) \approx -1.95", "1.95", -float(RUNNING.log_evidence(X))),
    Claim(r"\N(1.5; 0, 5) \approx 1.95", "1.95", -float(RUNNING.log_evidence(X))),
    Claim("about −1.95 nats", "1.95", -float(RUNNING.log_evidence(X))),
    Claim(r"\N(0.6, 0.2)", "0.6", POST_MEAN),
    Claim(r"\N(0.6, 0.2)", "0.2", POST_VAR),
    Claim(r"$q = \N(m, 0.2)$", "0.2", POST_VAR),
    Claim("touching it only at $m = 0.6$", "0.6", POST_MEAN),
    Claim("variance fixed at 0.2", "0.2", POST_VAR),
    Claim("at m = 0.6, where q", "0.6", POST_MEAN),
    Claim(r"(w^2 + s^2) = 0.2$", "0.2", RUNNING.optimal_encoder_var()),
    Claim("minimum at σ² = 0.2", "0.2", RUNNING.optimal_encoder_var()),
    Claim(r"\N(1, 0.2)", "0.2", POST_VAR),
    Claim(r"0.2)\bigr) = 0.4$", "0.4", float(RUNNING.gap(X, 1.0, POST_VAR))),
    # heat map contour labels (the figure's levels)
    Claim("labelled 0.5, 1, 2", "0.5", CATALOG["kl-heatmap"]["params"]["levels"][0]),
    # the sigma vs sigma^2 pitfall
    Claim(r"$\sigma = 0.3$", "0.3", 0.3),
    Claim(r"(0.09 - 1 - \log 0.09)", "0.09", 0.3**2),
    Claim(r"\approx 0.749$", "0.749", float(vm.kl_to_standard_normal(0.0, 0.3**2))),
    Claim(r"gives $\approx 0.252$", "0.252", float(vm.kl_to_standard_normal(0.0, 0.3))),
    # decoder variance of common implementations
    Claim("$s^2 = 1/2$", "2", 1 / vm.decoder_var_for_squared_error_weight(1.0)),
    Claim("$D = 784$", "784", 28 * 28),
    Claim("$s^2 = 392$", "392", vm.decoder_var_for_squared_error_weight(1 / 784)),
]

NOTATION_CLAIMS = [
    Claim(r"$1/\ln 2 \approx 1.44$", "1.44", 1 / math.log(2)),
]

# Integers that state nothing to compute: small counts, indices, exponents and TeX
# constants (1/2, 2 pi), the 28 x 28 image, the 32-dimensional example and its 10^32 grid.
STRUCTURAL_INTEGERS = {0, 1, 2, 3, 4, 5, 10, 28, 32}


def prose(text: str) -> str:
    """The text a learner reads, minus code, paths and cross-reference names."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter (no numbers)
    text = re.sub(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", "", text, flags=re.S | re.M)
    text = re.sub(r"`[^`\n]*`", "", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"^\s*--8<--.*$", "", text, flags=re.M)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link and image targets
    text = re.sub(r"\\(?:label|eqref)\{[^}]*\}", "", text)
    text = re.sub(r"\b14-[1-3]\b", "", text)  # lesson numbers
    return re.sub(r"\\[td]?frac(\d)(\d)", r"\\frac{\1}{\2}", text)


def _uncovered(text: str, claims: list[Claim]) -> list[str]:
    covered: set[int] = set()
    problems = []
    for claim in claims:
        spans = [m.start() for m in re.finditer(re.escape(claim.snippet), text)]
        offsets = [m.start() for m in _NUMBER.finditer(claim.snippet) if m.group() == claim.literal]
        if not spans or not offsets:
            problems.append(f"claim not in the page: {claim.literal!r} in {claim.snippet!r}")
            continue
        digits = len(claim.literal.split(".")[1]) if "." in claim.literal else 0
        if round(claim.value, digits) != pytest.approx(float(claim.literal), abs=1e-12):
            problems.append(f"{claim.literal!r} in {claim.snippet!r}: computed {claim.value!r}")
        covered.update(start + offset for start in spans for offset in offsets)
    for match in _NUMBER.finditer(text):
        literal = match.group()
        if match.start() in covered:
            continue
        if "." not in literal and int(literal) in STRUCTURAL_INTEGERS:
            continue
        line = text.count("\n", 0, match.start()) + 1
        context = text[max(0, match.start() - 40) : match.end() + 20].replace("\n", " ")
        problems.append(f"unchecked number {literal!r} (prose line {line}): ...{context}...")
    return problems


@pytest.mark.parametrize(
    ("page", "claims"),
    [(LESSON, LESSON_CLAIMS), (NOTATION, NOTATION_CLAIMS)],
    ids=["lesson-14-2", "notation"],
)
def test_every_number_is_computed(page: Path, claims: list[Claim]):
    problems = _uncovered(prose(page.read_text(encoding="utf-8")), claims)
    assert not problems, "\n".join(problems)


def test_prose_filter_keeps_numbers_and_drops_code():
    text = "---\nt: 1\n---\nA $0.25$ b `7.5`\n\n```python\nx = 9.5\n```\n![a 3.5](p-6.7.svg)"
    assert [m.group() for m in _NUMBER.finditer(prose(text))] == ["0.25", "3.5"]


def test_an_unclaimed_number_is_reported():
    assert _uncovered("the KL is 0.123 nats", []) == [
        "unchecked number '0.123' (prose line 1): ...the KL is 0.123 nats..."
    ]
    assert _uncovered("KL = 0.5 nats", [Claim("KL = 0.5", "0.5", 0.25)]) == [
        "'0.5' in 'KL = 0.5': computed 0.25"
    ]


def test_monte_carlo_table_claim(course_site: Path):
    """The lesson says no row of the KL table differs by more than two standard errors.

    The table is generated by the build (course_site), as the lesson includes it.
    """
    table = (ROOT / "docs/assets/generated/tables/kl-grid.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\|\s*([-\d.]+)\s*\|\s*([-\d.]+)\s*\|\s*([-\d.]+)\s*\|\s*"
        r"([-\d.]+)\s*±\s*([\d.]+)\s*\|$",
        table,
        flags=re.M,
    )
    assert len(rows) >= 4, table
    for mu, sd, closed, estimate, stderr in rows:
        assert float(closed) == pytest.approx(
            float(vm.kl_to_standard_normal(float(mu), float(sd) ** 2)), abs=5e-5
        )
        assert abs(float(closed) - float(estimate)) <= 2 * float(stderr) + 1e-4, (mu, sd)
