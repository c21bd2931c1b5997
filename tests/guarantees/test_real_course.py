"""The guarantees on the real course: its lessons' numbers and code pass the check.

This replaces the hand-written tests of lesson 14-2 (its numbers and its code blocks): the
check command runs on a private copy of the course, so every lesson, and the notation page,
is held to the same guarantees.
"""

from __future__ import annotations

import importlib.util
import os
import re

import pytest

from authoring.check import CheckResult
from coursemath import vae
from figures_src.figures.kl_tables import kl_grid
from guarantees.evaluator import evaluate
from guarantees.namespace import claims_namespace
from tests.guarantees.support import check
from tests.support import ROOT, copy_course

# The pages whose numbers and code were once checked by test files of their own.
PAGES = ("docs/module-14/14-2-deriving-the-elbo", "docs/notation")


@pytest.fixture(scope="module")
def course_check(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    return check(copy_course(tmp_path_factory.mktemp("course") / "project"))


def test_the_pages_numbers_and_code_pass_the_check(course_check: CheckResult):
    problems = [str(p) for p in course_check.problems if p.path.startswith(PAGES)]
    assert problems == []


def test_every_lesson_has_its_numbers_claimed_and_its_code_run(course_check: CheckResult):
    claimed = {str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.numbers.yml")}
    assert "docs/module-14/14-2-deriving-the-elbo.numbers.yml" in claimed
    assert "docs/notation.numbers.yml" in claimed
    guarantee_problems = [
        str(p)
        for p in course_check.problems
        if "tie it to the course maths" in p.message
        or "not found in the lesson" in p.message
        or "does not match its claim" in p.message
        or "code block" in p.message
        or "doctest" in p.message
    ]
    assert guarantee_problems == []


def test_torch_code_runs_with_torch_and_is_reported_without(course_check: CheckResult):
    """The PyTorch tabs run with real torch when it is installed (CI: WITH_TORCH=1); else
    each is reported as not run, with the reason, never silently."""
    skipped = [note for note in course_check.notes if note.endswith("torch is not installed")]
    torch_blocks = _torch_blocks()
    if importlib.util.find_spec("torch") is None and os.environ.get("WITH_TORCH") != "1":
        assert len(skipped) >= len(torch_blocks)
    else:
        assert skipped == []


def _torch_blocks() -> list[str]:
    blocks = []
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        blocks += re.findall(r"^\s*(?:import torch|from torch)", text, flags=re.M)
    return blocks


def test_the_kl_table_agrees_within_two_standard_errors():
    """14-2 says so in words: no row of the KL table differs by more than two standard
    errors. The table is made from the kl-tables figure's parameters."""
    params = evaluate('figure_params("kl-tables")', claims_namespace(ROOT))
    table = kl_grid(
        tuple(params["grid_means"]),
        tuple(params["grid_sds"]),
        int(params["mc_samples"]),
        int(params["mc_seed"]),
    )
    rows = re.findall(
        r"^\|\s*([-\d.]+)\s*\|\s*([-\d.]+)\s*\|\s*([-\d.]+)\s*\|\s*([-\d.]+)\s*±\s*([\d.]+)\s*\|$",
        table,
        flags=re.M,
    )
    assert len(rows) == len(params["grid_means"]) * len(params["grid_sds"])
    for mean, sd, closed, estimate, stderr in rows:
        exact = float(vae.kl_to_standard_normal(float(mean), float(sd) ** 2))
        assert float(closed) == pytest.approx(exact, abs=5e-5)
        assert abs(float(closed) - float(estimate)) <= 2 * float(stderr) + 1e-4, (mean, sd)
