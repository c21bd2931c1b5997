"""Scripts that fail, or break their catalog contract, fail the run clearly and lose nothing."""

from __future__ import annotations

import pytest

from authoring.problems import ProblemsFound
from figures_src.config import PipelinePaths
from figures_src.pipeline import make_plan, run
from tests.figures.support import add_job, append, outputs, run_cli

RAISING = """
    def build(out):
        values = out.params.numbers("values")
        raise ValueError(f"cannot plot {len(values)} values")
"""

LAZY = """
    def build(out):
        out.table("first", "| a |\\n|---|\\n| 1 |")
"""


def failing_problems(paths: PipelinePaths) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        run(paths)
    return [str(p) for p in caught.value.problems]


def test_all_failures_reported_together_and_other_jobs_still_written(
    project: PipelinePaths,
) -> None:
    add_job(
        project,
        "broken",
        RAISING,
        "script: figures/broken.py\ntables: [b]\nparams: {values: [1, 2]}",
    )
    add_job(project, "lazy", LAZY, "script: figures/lazy.py\ntables: [first, second]")
    append(project.source_dir / "figures" / "jensen.py", "\n# edited alongside\n")
    assert failing_problems(project) == [
        "figures_src/figures/broken.py:3: ValueError: cannot plot 2 values",
        "figures_src/figures/lazy.py: did not write declared output tables/second.md",
    ]
    # The good job went through; the failed ones wrote nothing and stay stale.
    assert make_plan(project).stale.keys() == {"broken", "lazy"}
    assert "tables/first.md" not in outputs(project)


def test_a_failed_job_is_rendered_once_fixed(project: PipelinePaths) -> None:
    script = add_job(
        project, "broken", RAISING, "script: figures/broken.py\ntables: [b]\nparams: {values: [1]}"
    )
    failing_problems(project)
    script.write_text(
        'def build(out):\n    out.table("b", f"{len(out.params.numbers(\'values\'))} value")\n'
    )
    assert [r.name for r in run(project).rendered] == ["broken"]
    assert outputs(project)["tables/b.md"] == b"1 value\n"


@pytest.mark.parametrize(
    ("script", "entry", "expected"),
    [
        (
            'def build(out):\n    out.table("undeclared", "x")\n',
            "tables: [t]",
            "figures_src/figures/contract.py:2: table 'undeclared' is not declared for job "
            "'contract' in the catalog (declared: t)",
        ),
        (
            'def build(out):\n    out.table("t", "x")\n',
            "tables: [t]\nparams: {unused: 1}",
            "figures_src/figures/contract.py: parameter 'unused' is never read",
        ),
        (
            'def build(out):\n    out.params.number("absent")\n',
            "tables: [t]",
            "figures_src/figures/contract.py:2: parameter 'absent' is missing from the catalog "
            "entry",
        ),
        (
            "from coursemath import vae as vae_math\n\n\ndef build(out):\n"
            "    vae_math.kl_to_standard_normal(0.0, 0.0)\n",
            "tables: [t]",
            "figures_src/figures/contract.py:5: InvalidParameterError: var must be finite and > 0",
        ),
        (
            "import sys\n\n\ndef build(out):\n    sys.exit(3)\n",
            "tables: [t]",
            "figures_src/figures/contract.py:5: SystemExit: 3",
        ),
        (
            "x = 1\n",
            "tables: [t]",
            "figures_src/figures/contract.py: defines no build(out) function",
        ),
        (
            "import os\n\n\ndef build(out):\n    os._exit(9)\n",
            "tables: [t]",
            "figures_src/figures/contract.py: the renderer process died (exit code 9)",
        ),
    ],
    ids=[
        "undeclared",
        "unused-param",
        "missing-param",
        "shared-maths",
        "sys-exit",
        "no-build",
        "crash",
    ],
)
def test_contract_breaches_name_the_script(
    project: PipelinePaths, script: str, entry: str, expected: str
) -> None:
    add_job(project, "contract", script, f"script: figures/contract.py\n{entry}")
    (problem,) = failing_problems(project)
    assert problem.startswith(expected), problem


def test_cli_exits_nonzero_with_the_same_message_and_no_traceback(project: PipelinePaths) -> None:
    add_job(
        project,
        "broken",
        RAISING,
        "script: figures/broken.py\ntables: [b]\nparams: {values: [1, 2]}",
    )
    result = run_cli(project)
    assert result.returncode == 1
    assert "figures_src/figures/broken.py:3: ValueError: cannot plot 2 values" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "broken                   FAILED" in result.stdout


def test_warnings_while_rendering_are_reported(project: PipelinePaths) -> None:
    script = """
        import numpy as np

        def build(out):
            out.table("w", f"{np.log(np.zeros(1))[0]}")
    """
    add_job(project, "warns", script, "script: figures/warns.py\ntables: [w]")
    (result,) = run(project).rendered
    assert result.problem is None
    assert result.warnings == ["RuntimeWarning: divide by zero encountered in log"]
    assert outputs(project)["tables/w.md"] == b"-inf\n"
