"""The pipeline on a private copy of the real figures_src/: outputs, cache, determinism."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from figures_src import style
from figures_src.config import PipelinePaths
from figures_src.palette import DARK, LIGHT
from figures_src.pipeline import make_plan, run
from tests.figures.conftest import ColdRender
from tests.figures.support import append, copy_pipeline, jobs, mtimes, outputs, run_cli
from tests.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"


def test_a_cold_run_writes_every_declared_output_and_nothing_else(cold_render: ColdRender) -> None:
    paths = cold_render.paths
    all_jobs = jobs(paths)
    assert {r.name for r in cold_render.report.rendered} == {j.name for j in all_jobs}
    assert all(r.problem is None for r in cold_render.report.rendered)
    declared = {out for job in all_jobs for out in job.outputs}
    assert set(cold_render.outputs) == declared
    for name in (
        "kl-refresher",
        "kl-asymmetry",
        "jensen",
        "elbo-tradeoff",
        "elbo-gap",
        "kl-heatmap",
    ):
        for theme in ("light", "dark"):
            assert f"figures/{name}-{theme}.svg" in declared
    assert {"tables/kl-grid.md", "tables/kl-diagonal-example.md"} <= declared


def test_figures_are_deterministic_themed_svg_readable_on_a_phone(cold_render: ColdRender) -> None:
    for rel, data in cold_render.outputs.items():
        if not rel.endswith(".svg"):
            continue
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        width_pt = float(root.attrib["width"].removesuffix("pt"))
        # Scaled to a 343 px phone column, the smallest text is still >= 11 px.
        assert width_pt <= style.MAX_WIDTH_IN * 72 + 0.01, rel
        assert style.MIN_FONT_PT * min(1.0, 343 / (width_pt * 4 / 3)) * 4 / 3 >= 11.0
        text = data.decode("utf-8")
        assert "<dc:date>" not in text  # no creation date
        own, other = (LIGHT, DARK) if rel.endswith("-light.svg") else (DARK, LIGHT)
        assert own.text in text and other.text not in text, rel
        # Transparent: no opaque page-sized background behind the plot.
        assert not re.search(r"<rect[^>]*width=\"100%\"", text)


@pytest.mark.parametrize("name", ["kl-grid", "kl-diagonal-example"])
def test_tables_match_their_golden_files(cold_render: ColdRender, name: str) -> None:
    """``UPDATE_GOLDENS=1`` rewrites the expected tables (tests/golden.py)."""
    assert_golden(cold_render.outputs[f"tables/{name}.md"].decode("utf-8"), GOLDEN / f"{name}.md")


def test_two_clean_runs_give_identical_bytes(cold_render: ColdRender, tmp_path: Path) -> None:
    paths = copy_pipeline(tmp_path)
    run(paths)
    assert outputs(paths) == cold_render.outputs


def test_a_second_run_renders_nothing_and_writes_nothing(project: PipelinePaths) -> None:
    before, manifest = mtimes(project), project.manifest.read_bytes()
    report = run(project)
    assert report.rendered == [] and report.plan.stale == {}
    assert mtimes(project) == before
    assert project.manifest.read_bytes() == manifest


def test_a_warm_run_does_not_import_matplotlib(project: PipelinePaths) -> None:
    probe = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from figures_src.config import PipelinePaths
        from figures_src.pipeline import run
        report = run(PipelinePaths.for_root(Path({str(project.root)!r})))
        assert report.rendered == [], report.rendered
        print(sorted(m for m in sys.modules if m.startswith(("matplotlib", "figures_src"))))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = result.stdout.strip()
    assert "matplotlib" not in loaded
    assert "figures_src.style" not in loaded and "figures_src.figures" not in loaded


def test_touching_one_script_rerenders_only_that_figure(project: PipelinePaths) -> None:
    before = outputs(project)
    append(project.source_dir / "figures" / "jensen.py", "\n# an edit that changes no pixel\n")
    plan = make_plan(project)
    assert plan.stale == {"jensen": ["figures_src/figures/jensen.py changed"]}
    report = run(project)
    assert [r.name for r in report.rendered] == ["jensen"]
    assert outputs(project) == before  # same bytes: nothing rewritten for `mkdocs serve` to see
    assert run(project).rendered == []


def test_changing_the_shared_maths_rerenders_its_dependents(project: PipelinePaths) -> None:
    append(project.root / "coursemath" / "vae.py", "\n# a change to the shared maths\n")
    dependents = {
        job.name for job in jobs(project) if "coursemath" in job.script.read_text(encoding="utf-8")
    }
    assert "jensen" not in dependents and len(dependents) >= 5
    report = run(project)
    assert {r.name for r in report.rendered} == dependents
    for name in dependents:
        assert "coursemath/vae.py changed" in report.plan.stale[name]


def test_changing_a_parameter_rerenders_that_job(project: PipelinePaths) -> None:
    before = outputs(project)
    catalog = project.catalog.read_text(encoding="utf-8")
    project.catalog.write_text(catalog.replace("points: [0.5, 4.0]", "points: [0.5, 3.0]"))
    report = run(project)
    assert [r.name for r in report.rendered] == ["jensen"]
    assert report.plan.stale["jensen"] == ["params changed"]
    after = outputs(project)
    assert after["figures/jensen-light.svg"] != before["figures/jensen-light.svg"]
    assert {k for k in after if after[k] != before[k]} == {
        "figures/jensen-light.svg",
        "figures/jensen-dark.svg",
    }


def test_missing_or_hand_edited_outputs_are_rerendered(project: PipelinePaths) -> None:
    before = outputs(project)
    (project.output_dir / "figures" / "kl-refresher-dark.svg").unlink()
    append(project.output_dir / "tables" / "kl-grid.md", "| edited | by | hand | ! |\n")
    plan = make_plan(project)
    assert plan.stale == {
        "kl-refresher": ["figures/kl-refresher-dark.svg is missing"],
        "kl-tables": ["tables/kl-grid.md was modified"],
    }
    assert {r.name for r in run(project).rendered} == {"kl-refresher", "kl-tables"}
    assert outputs(project) == before


def test_orphans_are_removed_and_other_files_kept(project: PipelinePaths) -> None:
    orphans = [
        project.output_dir / "figures" / "retired-light.svg",
        project.output_dir / "tables" / "old" / "nested.md",
        project.output_dir / "figures" / ".kl-refresher-light.svg.abc.tmp",
    ]
    for path in orphans:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("stale")
    keep = project.output_dir / "other-tool" / "keep.txt"
    keep.parent.mkdir(parents=True)
    keep.write_text("not ours")
    assert sorted(make_plan(project).orphans) == sorted(orphans)
    report = run(project)
    assert report.rendered == []
    assert not any(path.exists() for path in orphans)
    assert keep.read_text() == "not ours"


def test_a_renamed_figure_replaces_its_old_outputs(project: PipelinePaths) -> None:
    catalog = project.catalog.read_text(encoding="utf-8")
    project.catalog.write_text(catalog.replace("figures: [jensen]", "figures: [jensen-renamed]"))
    script = project.source_dir / "figures" / "jensen.py"
    script.write_text(
        script.read_text().replace('out.figure("jensen"', 'out.figure("jensen-renamed"')
    )
    run(project)
    names = set(outputs(project))
    assert "figures/jensen-renamed-light.svg" in names and "figures/jensen-light.svg" not in names
    manifest = json.loads(project.manifest.read_text())
    assert "figures/jensen-renamed-dark.svg" in manifest["jobs"]["jensen"]["outputs"]


def test_cli_check_reports_without_rendering(project: PipelinePaths) -> None:
    assert run_cli(project, "--check").returncode == 0
    append(project.source_dir / "figures" / "kl_heatmap.py", "\n# edited\n")
    (project.output_dir / "tables" / "orphan.md").write_text("x")
    before = mtimes(project)
    result = run_cli(project, "--check")
    assert result.returncode == 1, result.stderr
    assert re.search(
        r"^kl-heatmap +stale: figures_src/figures/kl_heatmap.py changed$", result.stdout, re.M
    )
    assert re.search(r"^jensen +up to date$", result.stdout, re.M)
    assert "orphan: docs/assets/generated/tables/orphan.md" in result.stdout
    assert mtimes(project) == before  # --check renders and removes nothing


def test_cli_renders_a_subset_with_a_progress_line_each(project: PipelinePaths) -> None:
    result = run_cli(project, "--force", "jensen", "kl-grid")
    assert result.returncode == 0, result.stderr
    assert re.search(r"^jensen +rendered +\d+\.\d\d s$", result.stdout, re.M)
    assert re.search(r"^kl-tables +rendered +\d+\.\d\d s$", result.stdout, re.M)
    assert "kl-heatmap" not in result.stdout
    assert "2 rendered, 0 up to date" in result.stdout

    unknown = run_cli(project, "no-such-figure")
    assert unknown.returncode == 1
    assert "unknown figure or job 'no-such-figure'" in unknown.stderr
    assert "Traceback" not in unknown.stderr
