"""A figure script that never ends (issue 10): it fails the build within its time limit, and no
renderer process outlives the build, however the build ends (done, failed, killed)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from authoring.problems import ProblemsFound
from figures_src.config import PipelinePaths
from figures_src.registry import load_catalog
from tests.figures.support import FIGURES_SRC, add_job, figures_site

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/cwd").exists(), reason="finds processes through /proc (Linux)"
)

HANGING = """
    def build(out):
        count = 0
        while True: count += 1
"""
QUICK = """
    def build(out):
        out.table("after", "| a |\\n|---|\\n| 1 |")
"""
PAGE = '# Figures\n\n--8<-- "assets/generated/tables/after.md"\n'


def small_project(root: Path, timeout: int | None) -> PipelinePaths:
    """The real figures package with a catalog of two jobs: one hangs, one is quick."""
    shutil.copytree(FIGURES_SRC, root / "figures_src", ignore=shutil.ignore_patterns("__pycache__"))
    paths = PipelinePaths.for_root(root)
    paths.catalog.write_text("", encoding="utf-8")
    entry = "script: figures/hang.py\ntables: [hang]"
    add_job(paths, "hang", HANGING, entry if timeout is None else f"{entry}\ntimeout: {timeout}")
    add_job(paths, "after", QUICK, "script: figures/after.py\ntables: [after]")
    figures_site(root, {"index.md": PAGE})
    return paths


def workers(root: Path) -> list[int]:
    """Running renderer processes of the project at ``root`` (zombies are not running)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if b"figures_src.worker" in command and Path(cwd) == root and state != "Z":
            found.append(int(entry.name))
    return found


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def project_root(tmp_path: Path) -> Iterator[Path]:
    """A project folder; any renderer left behind is killed (and the test has failed)."""
    root = tmp_path / "project"
    yield root
    for pid in workers(root):
        os.kill(pid, signal.SIGKILL)


def _interruptible() -> None:
    # A job a shell starts in the background (`make test &`, nohup) inherits SIGINT ignored,
    # and Python then never raises KeyboardInterrupt; Ctrl-C in a terminal finds it default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def mkdocs_build(root: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # A build that does not stop can be made to print where each of its threads is (SIGABRT).
    env["PYTHONFAULTHANDLER"] = "1"
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,
    )


def test_a_hanging_script_fails_the_build_within_its_timeout(project_root: Path) -> None:
    small_project(project_root, timeout=5)
    started = time.monotonic()
    build = mkdocs_build(project_root)
    try:
        out, err = build.communicate(timeout=120)
    finally:
        build.kill()
    seconds = time.monotonic() - started
    assert build.returncode == 1, err
    assert (
        "figures_src/figures/hang.py:3: did not finish within 5 s (timeout in catalog.yml); "
        "make it faster or raise its timeout" in err
    )
    assert "Traceback" not in out + err
    assert 5 <= seconds < 5 + 20  # the time limit, MkDocs' start and the quick job
    assert workers(project_root) == []
    # The job after the hanging one was rendered by a new renderer.
    assert (project_root / "docs/assets/generated/tables/after.md").is_file()
    assert not (project_root / "site").exists()  # nothing written


def test_the_default_time_limit_comes_from_the_plugin(project_root: Path) -> None:
    paths = small_project(project_root, timeout=None)
    config = paths.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "- course-figures", "- course-figures:\n    timeout: 3"
        ),
        encoding="utf-8",
    )
    build = mkdocs_build(project_root)
    try:
        _, err = build.communicate(timeout=120)
    finally:
        build.kill()
    assert (
        "figures_src/figures/hang.py:3: did not finish within 3 s (the default timeout; set "
        "'timeout:' in its catalog.yml entry); make it faster or raise its timeout" in err
    )
    assert workers(project_root) == []


@pytest.mark.parametrize(
    "stop", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name
)
def test_no_renderer_outlives_a_killed_build(project_root: Path, stop: signal.Signals) -> None:
    small_project(project_root, timeout=600)
    build = mkdocs_build(project_root)
    try:
        assert wait_for(lambda: workers(project_root), 60), "the renderer never started"
        time.sleep(1.0)  # inside the script's endless loop by now
        build.send_signal(stop)
        try:
            build.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            build.send_signal(signal.SIGABRT)
            _, err = build.communicate(timeout=30)
            pytest.fail(f"the build did not stop on {stop.name} within 30 s; it was at:\n{err}")
    finally:
        build.kill()
    assert wait_for(lambda: not workers(project_root), 5), "a renderer outlived its build"


@pytest.mark.parametrize("value", ["fast", "0", "-1", "true", ".inf"])
def test_a_bad_timeout_is_reported_at_its_line(tmp_path: Path, value: str) -> None:
    paths = small_project(tmp_path / "project", timeout=None)
    paths.catalog.write_text(
        paths.catalog.read_text(encoding="utf-8").replace(
            "tables: [hang]", f"tables: [hang]\n  timeout: {value}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProblemsFound) as caught:
        load_catalog(paths)
    assert [str(p) for p in caught.value.problems] == [
        "figures_src/catalog.yml:5:12: 'timeout' must be a number of seconds greater than 0, "
        "such as 30"
    ]
