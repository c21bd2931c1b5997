"""Numbers: every number a reader sees in a lesson is tied to the course maths.

Each test writes a scratch lesson and its claims file into a temporary project and runs the
check command's own function on it (or a strict build): no test file per lesson.
"""

from __future__ import annotations

from pathlib import Path

from tests.guarantees.support import (
    SHOWN_CLAIMS,
    at,
    check,
    scratch_site,
    shown,
)

BODY = """
The running example has $w = 2$ and $s^2 = 1$, with one observation $x = 1.5$: its
evidence is $\\N(1.5; 0, 5)$ and the true posterior is $\\N(0.6, 0.2)$.

!!! note "Asymmetry"

    For the narrow q = N(0, 1) and the wide p = N(0, 4), KL(q ‖ p) ≈ 0.32 nats.
"""

CLAIMS = """\
claims:
  - text: "$w = 2$ and $s^2 = 1$"
    is: [running.w, running.s2]
  - text: "$x = 1.5$"
    is: running.x
  - text: '\\N(1.5; 0, 5)'
    is: [running.x, running.evidence_var]
  - text: '\\N(0.6, 0.2)'
    is: running.model.posterior(running.x)
  - text: "p = N(0, 4), KL(q ‖ p) ≈ 0.32 nats"
    is:
      - figure_params("kl-asymmetry")["p_var"]
      - kl_gaussians(0, 1, 0, 4)
"""


UNCOVERED = (
    "is not tied to the course maths; tie it to the course maths in lesson.numbers.yml: a "
    "claim whose text holds this number and an expression that computes it"
)


def test_a_lesson_whose_numbers_are_claimed_passes(tmp_path: Path):
    result = check(scratch_site(tmp_path, BODY, CLAIMS))
    assert shown(result) == []


def test_a_wrong_number(tmp_path: Path):
    site = scratch_site(
        tmp_path, BODY.replace("0.32 nats", "0.33 nats"), CLAIMS.replace("0.32", "0.33")
    )
    assert shown(check(site)) == [
        f"{at(site, '0.33')}: 0.33 does not match its claim: 'kl_gaussians(0, 1, 0, 4)' "
        f"(lesson.numbers.yml:13) computes 0.31815; write 0.32, or fix the claim"
    ]


def test_an_uncovered_number(tmp_path: Path):
    body = BODY + "\nThe Jensen gap is about 0.46.\n"
    site = scratch_site(tmp_path, body, CLAIMS)
    assert shown(check(site)) == [f"{at(site, '0.46')}: 0.46 {UNCOVERED}"]


def test_the_running_example_changed_in_the_prose(tmp_path: Path):
    """ "w = 2, s² = 1" becomes "w = 3, s² = 2" in the prose only: the claim is stale and
    both new numbers are uncovered."""
    body = BODY.replace("$w = 2$ and $s^2 = 1$", "$w = 3$ and $s^2 = 2$")
    site = scratch_site(tmp_path, body, CLAIMS)
    assert shown(check(site)) == [
        f"{at(site, '3$ and')}: 3 {UNCOVERED}",
        f"{at(site, '2$, with')}: 2 {UNCOVERED}",
        f"{SHOWN_CLAIMS}:2:11: text not found in the lesson: '$w = 2$ and $s^2 = 1$'; copy the "
        "text as the page writes it now, and check the numbers it states, or remove this claim",
    ]


def test_a_running_example_parameter_that_changed_in_the_course_maths(tmp_path: Path):
    """The claim's text follows the prose, but the value is computed from coursemath: a prose
    literal that is not the running example's parameter fails at the number."""
    body = BODY.replace("$w = 2$ and $s^2 = 1$", "$w = 3$ and $s^2 = 1$")
    claims = CLAIMS.replace("$w = 2$ and $s^2 = 1$", "$w = 3$ and $s^2 = 1$")
    site = scratch_site(tmp_path, body, claims)
    assert shown(check(site)) == [
        f"{at(site, '3$')}: 3 does not match its claim: 'running.w' (lesson.numbers.yml:3) "
        "computes 2; write 2, or fix the claim"
    ]


def test_a_stale_claim(tmp_path: Path):
    claims = (
        CLAIMS + '  - text: "the gap is 0.4 nats"\n    is: running.model.gap(running.x, 1, 0.2)\n'
    )
    site = scratch_site(tmp_path, BODY, claims)
    assert shown(check(site)) == [
        f"{SHOWN_CLAIMS}:14:11: text not found in the lesson: 'the gap is 0.4 nats'; copy the "
        "text as the page writes it now, and check the numbers it states, or remove this claim"
    ]
