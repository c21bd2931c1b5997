"""Numbers: every number a reader sees in a lesson is tied to the course maths.

Each test writes a scratch lesson and its claims file into a temporary project and runs the
check command's own function on it (or a strict build): no test file per lesson.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.guarantees.support import (
    SHOWN_CLAIMS,
    at,
    check,
    scratch_site,
    shown,
)
from tests.support import build_site

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


def test_what_is_not_read_as_a_number(tmp_path: Path):
    """Code, links, ids, labels, comments and list numbering hold no number to claim."""
    body = """
1. A list item with `x = 2.5` in inline code and ``a `b` 3.5`` too.
2. A [link](https://example.org/v4.2/page-7.html "title 5") and <https://example.org/6>.

## A heading {#section-9 .class-3}

A footnote[^12] and lesson 14-2, and an HTML comment <!-- 7.5 -->.
A tag <span data-n="8">text</span> and an entity &#8722;.

```python
y = 9.25
```

    ```python
    z = 10.5  # a fence nested in an indented block
    ```

$$
\\sum_{j=1}^{J} x_j^2 \\label{eq:kl-1d} \\quad \\eqref{eq:kl-2d} \\quad 2\\pi s^2
$$

[^12]: The footnote's text.

[ref-3]: https://example.org/3
"""
    assert shown(check(scratch_site(tmp_path, body))) == []


@pytest.mark.parametrize(
    ("prose", "literal"),
    [
        ("the value is 0.25", "0.25"),
        ("a sign: −1.95 nats", "−1.95"),
        ("a sign: $\\approx -1.95$", "-1.95"),
        ("a count of 1,775 samples", "1,775"),
        ("a ratio $s^2 = 1/2$", "2$"),
        ("a fraction $\\frac{3}{2}$", "3"),
        ("a power $10^{32}$ grid", "10"),
        ("a product $2 \\times 3$", "2"),
        ("a base $\\N(0, 2^2)$", "2"),
        ("$w = 2$ in TeX", "2"),
        ("an ordinal 3rd", "3"),
        ("| 0.5 | in a table |", "0.5"),
    ],
)
def test_what_is_a_number(tmp_path: Path, prose: str, literal: str):
    """``literal`` starts with the first number that needs a claim."""
    site = scratch_site(tmp_path, f"\n{prose}\n")
    number = literal.rstrip("$")
    assert shown(check(site))[0] == f"{at(site, literal)}: {number} {UNCOVERED}"


@pytest.mark.parametrize(
    "prose",
    [
        "$x^2 + y_1 + z^{-1} + w^{2}$",
        "$\\tfrac{1}{2} \\log(2\\pi s^2)$ and $\\frac12$",
        "$\\frac{w^2}{2s^2} + \\mu^2 / 2 + \\frac{D}{2} + e^{\\ell / 2} + 2 \\log \\sigma$",
        "0 and 1, $N(0, 1)$ and −1",
    ],
)
def test_structural_numbers_need_no_claim(tmp_path: Path, prose: str):
    assert shown(check(scratch_site(tmp_path, f"\n{prose}\n"))) == []


def test_the_summary_is_prose_too(tmp_path: Path):
    site = scratch_site(tmp_path, "\nNo number here.\n", summary="The 3 steps of the ELBO.")
    assert shown(check(site)) == [f"{at(site, '3 steps')}: 3 {UNCOVERED}"]
    claims = 'claims:\n  - text: "The 3 steps"\n    is: 3\n'
    assert (
        shown(
            check(
                scratch_site(tmp_path / "fixed", "\nNo number.\n", claims, summary="The 3 steps.")
            )
        )
        == []
    )


def test_a_claim_may_state_0_and_1_too(tmp_path: Path):
    """Values go to the numbers that need a claim, or to those and every 0 and 1."""
    body = "\nHere $w = 2$ and $s^2 = 1$.\n"
    claims = 'claims:\n  - text: "$w = 2$ and $s^2 = 1$"\n    is: running.w\n'
    assert shown(check(scratch_site(tmp_path / "a", body, claims))) == []
    claims = 'claims:\n  - text: "$w = 2$ and $s^2 = 1$"\n    is: [running.w, running.w]\n'
    site = scratch_site(tmp_path / "b", body, claims)
    assert shown(check(site)) == [
        f"{at(site, '1$.')}: 1 does not match its claim: 'running.w' (lesson.numbers.yml:3) "
        "computes 2; write 2, or fix the claim"
    ]


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        (
            'claims:\n  - text: "$w = 2$"\n    is: running.w\n    note: x\n',
            "docs/lesson.numbers.yml:4:5: unknown key 'note' in claim 1 (allowed: text, is)",
        ),
        (
            'claims:\n  - text: "$w = 2$"\n    is: running.__class__\n',
            "docs/lesson.numbers.yml:3:9: this expression cannot be evaluated: '__class__': "
            "names starting with '_' are not allowed; fix it",
        ),
        (
            'claims:\n  - text: "$w = 2$"\n    is: [running.w, running.s2]\n',
            "docs/lesson.numbers.yml:3:9: 'is' gives 2 value(s) but the text holds 1 number(s) "
            "that need a claim (2; with 0 and 1: 2); give one expression per number, in order",
        ),
        (
            'claims:\n  - text: "$w = 2$"\n    is: running\n',
            "docs/lesson.numbers.yml:3:9: 'running' is a RunningExample, not a number; write "
            "an expression whose value is a number",
        ),
        (
            'claims:\n  - text: "$w = 2$"\n',
            "docs/lesson.numbers.yml:2:5: 'is' is missing in claim 1; add it",
        ),
        (
            "claims:\n  - text: 2\n    is: running.w\n",
            "docs/lesson.numbers.yml:2:11: 'text' must be text copied from the page; put it in "
            "quotes (got 2)",
        ),
        (
            'claims:\n  - text: "$w = 2$"\n    is: [kl_gaussians(0, 1, 0, 4), running.w]\n',
            "docs/lesson.numbers.yml:3:9: YAML splits a [...] list at every comma, also inside "
            "a call's parentheses; write one expression per line ('- kl_gaussians(0, 1, 0, 4)'),"
            ' or quote the whole list ("[kl_gaussians(0, 1, 0, 4), running.w]")',
        ),
        (
            'claims:\n  - text: "$w = 2$"\n    text: "$w = 2$"\n    is: running.w\n',
            "docs/lesson.numbers.yml:3:5: duplicate key 'text' (first on line 2); keep one",
        ),
    ],
)
def test_claims_file_problems_are_located(tmp_path: Path, claims: str, expected: str):
    problems = shown(check(scratch_site(tmp_path, "\nHere $w = 2$.\n", claims)))
    assert problems == [expected]


def test_every_build_checks_a_page_with_claims(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    """A strict build fails at the wrong number, before anything is written."""
    site = scratch_site(
        tmp_path, BODY.replace("0.32 nats", "0.33 nats"), CLAIMS.replace("0.32", "0.33")
    )
    with pytest.raises(Abort):
        build_site(site, strict=True)
    assert f"{at(site, '0.33')}: 0.33 does not match its claim" in caplog.text
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_lesson_without_claims_is_checked_by_the_check_only(tmp_path: Path):
    """Its first draft builds; the check command lists its numbers."""
    site = scratch_site(tmp_path, "\nA draft with 0.25 in it.\n")
    build_site(site, strict=True)
    assert shown(check(site)) == [f"{at(site, '0.25')}: 0.25 {UNCOVERED}"]


def test_a_page_that_is_not_a_lesson_is_checked_when_it_has_claims(tmp_path: Path):
    notation = "# Notation\n\nOne nat is $1/\\ln 2 \\approx 1.44$ bits, and 7 is unclaimed.\n"
    claims = "claims:\n  - text: '1/\\ln 2 \\approx 1.44'\n    is: [2, 1 / log(2)]\n"
    site = scratch_site(
        tmp_path,
        "\nA lesson.\n",
        pages={"notation.md": notation, "notation.numbers.yml": claims, "plain.md": "# 5\n"},
    )
    assert shown(check(site)) == [
        f"{at(site, '7 is', 'docs/notation.md')}: 7 {UNCOVERED.replace('lesson.', 'notation.')}"
    ]


def test_claims_files_stay_out_of_the_site_and_beside_their_page(tmp_path: Path):
    site = scratch_site(
        tmp_path, "\nHere $w = 2$.\n", CLAIMS_W, pages={"gone.numbers.yml": CLAIMS_W}
    )
    build_site(site, strict=True)
    assert not list((tmp_path / "site").rglob("*.numbers.yml"))
    assert shown(check(site)) == [
        "docs/gone.numbers.yml: this claims file is beside no page: gone.md does not exist; "
        "rename it after its page, or delete it"
    ]


CLAIMS_W = 'claims:\n  - text: "$w = 2$"\n    is: running.w\n'
