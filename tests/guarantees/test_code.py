"""Code: every code block of every lesson is run by the check command.

Scratch lessons in temporary projects; the check runs each page's code in a process of its
own. The prose of these lessons holds no number, so only code problems are reported.
"""

from __future__ import annotations

import importlib.util
import os
import time
from pathlib import Path

import pytest

from guarantees import code
from tests.guarantees.support import check, check_command, line_of, scratch_site, shown

FENCE = "```"
NORUN_HINT = "<!-- norun: why this block is not run -->"


def block(source: str, language: str = "python", indent: str = "") -> str:
    lines = [FENCE + language, *source.strip("\n").split("\n"), FENCE]
    return "\n".join(indent + line if line else line for line in lines) + "\n"


def test_blocks_run_in_page_order_in_one_namespace(tmp_path: Path):
    body = (
        "\nA function first.\n\n"
        + block("import math\n\ndef double(value):\n    return 2 * value")
        + "\nThen a session that uses it.\n\n"
        + block(">>> double(21)\n42\n>>> print(f'{math.pi:.2f}')\n3.14", "pycon")
        + "\nAnd a block after the session.\n\n"
        + block("assert double(math.pi) > 6")
    )
    assert shown(check(scratch_site(tmp_path, body))) == []


def test_a_block_that_raises(tmp_path: Path):
    body = "\nBelow, a mistake.\n\n" + block("ratio = 1\nzero = 0\nratio / zero")
    site = scratch_site(tmp_path, body)
    result = check(site)
    assert shown(result) == [
        f"{line_of(site, FENCE + 'python')}: this code block raises an error "
        f"(line {int(line_of(site, 'ratio / zero').split(':')[1])}); fix the code, or mark "
        f"it {NORUN_HINT}"
    ]
    assert result.problems[0].context == "ZeroDivisionError: division by zero"


def test_a_doctest_whose_output_differs(tmp_path: Path):
    session = ">>> total = sum([0.25, 0.5])\n>>> print(total)\n0.7"
    site = scratch_site(tmp_path, "\nA session.\n\n" + block(session, "pycon"))
    result = check(site)
    assert shown(result) == [
        f"{line_of(site, FENCE + 'pycon')}: this doctest prints something else than it shows "
        f"(line {int(line_of(site, '>>> print').split(':')[1])}): it shows '0.7' but prints "
        "'0.75'; fix the code or the output shown"
    ]
    assert result.problems[0].context == "expected '0.7', got '0.75'"


def test_a_doctest_that_raises(tmp_path: Path):
    site = scratch_site(tmp_path, "\nA session.\n\n" + block(">>> undefined_name", "pycon"))
    result = check(site)
    assert shown(result) == [
        f"{line_of(site, FENCE + 'pycon')}: this doctest raises an error "
        f"(line {int(line_of(site, '>>> undefined').split(':')[1])}); fix the code, or mark "
        f"it {NORUN_HINT}"
    ]
    assert result.problems[0].context == "NameError: name 'undefined_name' is not defined"


TABS = """
Before the tabs.

{before}
=== "NumPy"

{numpy}
=== "Other"

{other}
After the tabs.

{after}"""


def tabbed(before: str, numpy: str, other: str, after: str) -> str:
    return TABS.format(
        before=block(before),
        numpy=block(numpy, indent="    "),
        other=block(other, indent="    "),
        after=block(after),
    )


def test_each_tab_starts_from_the_namespace_before_the_group(tmp_path: Path):
    body = tabbed(
        before="backend = 'none'",
        numpy="assert backend == 'none'\nbackend = 'numpy'\nonly_numpy = True",
        other="assert backend == 'none'\nassert 'only_numpy' not in dir()\nbackend = 'other'",
        after="assert backend == 'numpy' and only_numpy  # the first tab goes on",
    )
    assert shown(check(scratch_site(tmp_path, body))) == []


def test_a_tab_does_not_see_its_twin(tmp_path: Path):
    body = tabbed(
        before="backend = 'none'",
        numpy="only_numpy = True",
        other="print(only_numpy)",
        after="pass",
    )
    site = scratch_site(tmp_path, body)
    result = check(site)
    other_fence = line_of(site, "print(only_numpy)").split(":")
    assert shown(result) == [
        f"docs/lesson.md:{int(other_fence[1]) - 1}: this code block raises an error "
        f"(line {other_fence[1]}); fix the code, or mark it {NORUN_HINT}"
    ]
    assert result.problems[0].context == "NameError: name 'only_numpy' is not defined"


def test_a_norun_block_is_skipped_and_its_reason_printed(tmp_path: Path):
    body = (
        "\nThis block would stop the check.\n\n"
        "<!-- norun: it needs a GPU cluster -->\n"
        + block("raise SystemExit('never run')")
        + "\nThis one runs.\n\n"
        + block("value = 3")
    )
    site = scratch_site(tmp_path, body)
    run = check_command(site)
    assert run.returncode == 0, run.stdout + run.stderr
    fence = line_of(site, FENCE + "python")
    assert f"note: {fence}: code block not run: it needs a GPU cluster" in run.stdout
    assert "No problems found." in run.stdout


def test_norun_needs_a_reason_and_a_block(tmp_path: Path):
    body = (
        "\nNo reason given.\n\n<!-- norun -->\n"
        + block("value = 1")
        + "\nA marker with no block after it.\n\n<!-- norun: nothing to skip -->\n\nJust prose.\n"
    )
    site = scratch_site(tmp_path, body)
    assert shown(check(site)) == [
        f"{line_of(site, '<!-- norun -->')}:1: this marker needs an argument: {NORUN_HINT}",
        f"{line_of(site, 'nothing to skip')}:1: this norun marker is not followed by a code "
        f"block; put it on the line before the block it is about: {NORUN_HINT}",
    ]


def test_norun_before_a_tab_group_applies_to_every_tab(tmp_path: Path):
    body = (
        "\nTwo tabs not run.\n\n<!-- norun: needs hardware -->\n"
        '=== "One"\n\n'
        + block("raise RuntimeError('no')", indent="    ")
        + '\n=== "Two"\n\n'
        + block("raise RuntimeError('no')", indent="    ")
    )
    result = check(scratch_site(tmp_path, body))
    assert shown(result) == []
    assert [note.split(": ", 1)[1] for note in result.notes] == [
        "code block not run: needs hardware"
    ] * 2


def test_a_missing_optional_package_is_skipped_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The rest of its tab is skipped too; the page goes on from the first tab."""
    monkeypatch.setattr(code, "OPTIONAL_PACKAGES", ("torch", "course_absent_package"))
    body = (
        "\nTwo tabs.\n\n"
        + block("value = 1")
        + '\n=== "NumPy"\n\n'
        + block("value = 2", indent="    ")
        + '\n=== "Absent"\n\n'
        + block("import course_absent_package\n\nvalue = 3", indent="    ")
        + "\n"
        + block("print(course_absent_package)", indent="    ")
        + "\nAfter the tabs.\n\n"
        + block("assert value == 2")
    )
    site = scratch_site(tmp_path, body)
    result = check(site)
    assert shown(result) == []
    first = int(line_of(site, "import course_absent_package").split(":")[1]) - 1
    second = int(line_of(site, "print(course_absent_package)").split(":")[1]) - 1
    reason = "code block not run: course_absent_package is not installed"
    assert result.notes == [
        f"docs/lesson.md:{first}: {reason}",
        f"docs/lesson.md:{second}: {reason}",
    ]


def test_an_optional_package_asked_for_is_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """With WITH_<PACKAGE>=1 (as CI sets WITH_TORCH=1) a missing package is an error."""
    monkeypatch.setattr(code, "OPTIONAL_PACKAGES", ("course_absent_package",))
    monkeypatch.setenv("WITH_COURSE_ABSENT_PACKAGE", "1")
    site = scratch_site(tmp_path, "\nNeeds it.\n\n" + block("import course_absent_package"))
    result = check(site)
    assert [p.context for p in result.problems] == [
        "ModuleNotFoundError: No module named 'course_absent_package'"
    ]
    assert result.notes == []


def test_torch_runs_when_installed_and_is_reported_when_not(tmp_path: Path):
    site = scratch_site(
        tmp_path, "\nA tensor.\n\n" + block("import torch\n\nassert torch.ones(2).sum() == 2")
    )
    result = check(site)
    assert shown(result) == []
    if importlib.util.find_spec("torch") is None:
        fence = line_of(site, FENCE + "python")
        assert result.notes == [f"{fence}: code block not run: torch is not installed"]
    else:
        assert result.notes == []


def test_without_torch_its_blocks_are_reported_not_run(tmp_path: Path):
    """torch hidden from every Python process (a sitecustomize on PYTHONPATH), no opt-in:
    the check command prints the block with the reason and finds no problem."""
    hide = tmp_path / "hide-torch"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text("import sys\nsys.modules['torch'] = None\n")
    site = scratch_site(tmp_path / "site", "\nA tensor.\n\n" + block("import torch"))
    environment = {k: v for k, v in os.environ.items() if k != "WITH_TORCH"}
    run = check_command(site, {**environment, "PYTHONPATH": str(hide)})
    assert run.returncode == 0, run.stdout + run.stderr
    fence = line_of(site, FENCE + "python")
    assert f"note: {fence}: code block not run: torch is not installed" in run.stdout
    with_torch = check_command(site, {**environment, "PYTHONPATH": str(hide), "WITH_TORCH": "1"})
    assert with_torch.returncode == 1, with_torch.stdout + with_torch.stderr
    assert f"{fence}: this code block raises an error" in with_torch.stdout


def test_a_block_that_never_ends_is_stopped_at_the_time_limit(tmp_path: Path):
    body = "\nFirst a quick block.\n\n" + block("ready = True") + "\nThen a loop.\n\n"
    body += block("while ready:\n    pass")
    site = scratch_site(tmp_path, body, options={"code_timeout": 2})
    started = time.perf_counter()
    result = check(site)
    assert time.perf_counter() - started < 60
    loop = line_of(site, "while ready").split(":")
    assert shown(result) == [
        f"docs/lesson.md:{int(loop[1]) - 1}: this code block did not finish within 2 s (the "
        "time limit of a page's code, code_timeout in the course-lessons options); make it "
        f"faster, or mark it {NORUN_HINT}"
    ]


def test_other_languages_are_not_run(tmp_path: Path):
    body = (
        "\nShell, YAML, text and Markdown are shown, not run.\n\n"
        + block("exit 1", "sh")
        + "\n"
        + block("key: [unclosed", "yaml")
        + "\n"
        + block("raise SystemExit", "text")
        + "\n"
        + block("raise SystemExit", "markdown")
        + "\n"
        + block("raise SystemExit", "")
    )
    result = check(scratch_site(tmp_path, body))
    assert shown(result) == [] and result.notes == []


def test_code_runs_in_a_folder_of_its_own(tmp_path: Path):
    site = scratch_site(tmp_path, "\nWrites a file.\n\n" + block("open('out.txt', 'w').close()"))
    assert shown(check(site)) == []
    assert not list(tmp_path.rglob("out.txt"))


def test_pages_that_are_not_lessons_are_not_run(tmp_path: Path):
    """Not even one with a claims file, whose numbers are checked."""
    page = "# Not a lesson\n\n" + block("raise SystemExit('not run')")
    pages = {"other.md": page, "other.numbers.yml": "claims: []\n", "plain.md": page}
    site = scratch_site(tmp_path, "\nA lesson.\n", pages=pages)
    assert shown(check(site)) == []
