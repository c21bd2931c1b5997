"""The numbers check remembered across builds (guarantees.numbersmemo): never hides a problem.

A warm build answers an unchanged page from ``.cache/numbers`` (or, under ``mkdocs serve``,
from memory) and reports the problems found the first time again. Any changed input (the
page, its claims file, a value of the course maths) is checked afresh.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from authoring.memo import forget_all
from coursemath import running_example
from guarantees import feature, numbers
from tests.guarantees.support import at, check, scratch_site, shown
from tests.guarantees.test_numbers import BODY, CLAIMS

WRONG_BODY = BODY.replace("0.32 nats", "0.33 nats")
WRONG_CLAIMS = CLAIMS.replace("0.32", "0.33")


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_all()
    yield
    forget_all()


def not_checked_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a page's numbers can only come from the memo."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the numbers were checked again")

    monkeypatch.setattr(numbers, "check_numbers", fail)  # (feature imports it when needed)
    monkeypatch.setattr(feature, "read_claims", fail)


def entries(site: Path) -> list[Path]:
    return sorted((site.parent / ".cache" / "numbers").rglob("*.json"))


def test_a_wrong_number_is_reported_again_by_every_warm_build(tmp_path: Path, monkeypatch):
    site = scratch_site(tmp_path, WRONG_BODY, WRONG_CLAIMS)
    expected = [
        f"{at(site, '0.33')}: 0.33 does not match its claim: 'kl_gaussians(0, 1, 0, 4)' "
        f"(lesson.numbers.yml:13) computes 0.31815; write 0.32, or fix the claim"
    ]
    assert shown(check(site)) == expected
    assert len(entries(site)) == 1
    not_checked_again(monkeypatch)
    forget_all()  # a new process: from the folder
    assert shown(check(site)) == expected
    assert shown(check(site)) == expected  # mkdocs serve: from memory


def test_a_claims_file_problem_is_reported_again(tmp_path: Path, monkeypatch):
    site = scratch_site(tmp_path, "\nHere $w = 2$.\n", "claims:\n  - text: w = 2\n")
    first = shown(check(site))
    assert len(first) == 1 and first[0].startswith("docs/lesson.numbers.yml:2:"), first
    not_checked_again(monkeypatch)
    forget_all()
    assert shown(check(site)) == first


def test_a_changed_page_or_claims_file_is_checked_afresh(tmp_path: Path):
    site = scratch_site(tmp_path, BODY, CLAIMS)
    assert shown(check(site)) == []
    page = site.parent / "docs" / "lesson.md"
    page.write_text(page.read_text("utf-8").replace("0.32 nats", "0.33 nats"), "utf-8")
    assert f"{at(site, '0.33')}: 0.33 is not tied to the course maths" in "\n".join(
        shown(check(site))
    )
    claims = site.parent / "docs" / "lesson.numbers.yml"
    claims.write_text(WRONG_CLAIMS, "utf-8")
    assert [problem.split(": ", 1)[1][:33] for problem in shown(check(site))] == [
        "0.33 does not match its claim: 'k"
    ]


def test_a_changed_value_of_the_course_maths_is_checked_afresh(tmp_path: Path, monkeypatch):
    site = scratch_site(tmp_path, BODY, CLAIMS)
    assert shown(check(site)) == []
    changed = dataclasses.replace(running_example.RUNNING_EXAMPLE, w=3.0)
    monkeypatch.setattr(running_example, "RUNNING_EXAMPLE", changed)
    assert f"{at(site, '2$ and')}: 2 does not match its claim: 'running.w'" in "\n".join(
        shown(check(site))
    )


def test_a_damaged_entry_is_checked_again(tmp_path: Path):
    site = scratch_site(tmp_path, WRONG_BODY, WRONG_CLAIMS)
    first = shown(check(site))
    (entry,) = entries(site)
    entry.write_text(entry.read_text("utf-8").replace("does not match", "matches"), "utf-8")
    forget_all()
    assert shown(check(site)) == first


def test_a_warm_build_does_not_import_numpy(tmp_path: Path) -> None:
    """The claims' namespace (and NumPy with it) is made only when numbers are checked."""
    site = scratch_site(tmp_path, BODY, CLAIMS)
    script = (
        "import sys\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        f"build(load_config({str(site)!r}))\n"
        "print('numpy' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]

    def numpy_imported() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
        )
        return done.stdout.strip().splitlines()[-1]

    assert numpy_imported() == "True"  # cold: the numbers are checked
    assert numpy_imported() == "False"
