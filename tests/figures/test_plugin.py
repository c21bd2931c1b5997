"""The `course-figures` MkDocs plugin in real builds (and a real `mkdocs serve`)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from figures_src.config import PipelinePaths
from tests.figures.support import add_job, copy_pipeline, figures_site
from tests.support import LOOPBACK, build_site, free_port

RAISING = 'def build(out):\n    raise RuntimeError("no data")\n'


def test_a_cold_build_renders_before_files_are_collected(tmp_path: Path) -> None:
    """From nothing: the snippet and the images exist in time for MkDocs to use them."""
    paths = copy_pipeline(tmp_path)
    catalog = paths.catalog.read_text(encoding="utf-8")
    # Two jobs are enough here (a figure and the tables): a cold render of all is slow.
    keep = [
        block
        for block in catalog.split("\n\n")
        if block.startswith(("kl-refresher:", "kl-tables:"))
    ]
    paths.catalog.write_text("\n\n".join(keep) + "\n", encoding="utf-8")
    build_site(figures_site(tmp_path), strict=True)
    site = tmp_path / "site"
    html = (site / "index.html").read_text(encoding="utf-8")
    for theme in ("light", "dark"):
        svg = f"assets/generated/figures/kl-refresher-{theme}.svg"
        assert f'src="{svg}#only-{theme}"' in html
        assert (site / svg).read_bytes() == (
            paths.output_dir / "figures" / f"kl-refresher-{theme}.svg"
        ).read_bytes()
    assert "<table>" in html and "closed form" in html
    # The table fragments are included, not published as pages of their own.
    assert not (site / "assets" / "generated" / "tables").exists()


def test_a_warm_build_does_not_import_matplotlib(project: PipelinePaths) -> None:
    config = figures_site(project.root)
    probe = textwrap.dedent(
        f"""
        import sys
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        build(load_config({str(config)!r}, strict=True))
        print(sorted(m for m in sys.modules if m.startswith("matplotlib")))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=project.root
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert "rendered" not in result.stderr


def test_a_raising_script_fails_the_build_with_its_path(
    project: PipelinePaths, caplog: pytest.LogCaptureFixture
) -> None:
    add_job(project, "broken", RAISING, "script: figures/broken.py\nfigures: [broken]")
    config = figures_site(project.root)
    # The problem joins the build's one report: MkDocs logs the report's PluginError (no
    # traceback) and aborts the build before any page is written.
    with pytest.raises(Abort):
        build_site(config)
    (error,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert error.getMessage() == (
        "The course has 1 problem to fix:\nfigures_src/figures/broken.py:2: RuntimeError: no data"
    )
    assert error.exc_info is None
    assert not list((project.root / "site").rglob("*.html"))

    # The mkdocs command prints it without a traceback and exits non-zero.
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "mkdocs"), "build", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=project.root,
    )
    assert result.returncode == 1
    assert "figures_src/figures/broken.py:2: RuntimeError: no data" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_watches_figures_src_and_rerenders_an_edited_script(project: PipelinePaths) -> None:
    config = figures_site(project.root)
    figure = project.output_dir / "figures" / "jensen-light.svg"
    before = figure.read_bytes()
    port = free_port()
    server = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "mkdocs"),
            "serve",
            "-f",
            str(config),
            "--dev-addr",
            f"{LOOPBACK}:{port}",
        ],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_for(lambda: _serving(port), "mkdocs serve to start")
        script = project.source_dir / "figures" / "jensen.py"
        script.write_text(script.read_text().replace("Jensen gap", "Jensen's gap"))
        _wait_for(lambda: figure.read_bytes() != before, "the edited figure to be re-rendered")
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    assert "rendered jensen" in log


def _serving(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _wait_for(condition: object, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_rendering_warning_fails_a_strict_build(
    project: PipelinePaths, caplog: pytest.LogCaptureFixture
) -> None:
    script = 'import numpy as np\n\n\ndef build(out):\n    out.table("w", str(np.log(0.0)))\n'
    add_job(project, "warns", script, "script: figures/warns.py\ntables: [w]")
    with pytest.raises(Abort, match="1 warnings in strict mode"):
        build_site(figures_site(project.root), strict=True)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == ["figures_src: warns: RuntimeWarning: divide by zero encountered in log"]
