"""A cache that cannot be written never fails the build (issue 10): figures are rendered
without it, with one warning that ends with the fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from figures_src.config import PipelinePaths
from tests.figures.support import FIGURES_SRC, add_job, figures_site

QUICK = """
    def build(out):
        out.table("quick", "| a |\\n|---|\\n| 1 |")
"""
PAGE = '# Figures\n\n--8<-- "assets/generated/tables/quick.md"\n'
# Mounted read-only for root, a folder without write permission for anyone else.
REASON = "Read-only file system" if os.geteuid() == 0 else "Permission denied"
WARNING = (
    f"WARNING -  figures_src: the figure cache .cache/figures cannot be written ({REASON}), "
    "so figures were rendered without it; make .cache/figures writable, or delete it "
    "(deleting .cache/ is always safe)"
)


def small_project(root: Path) -> PipelinePaths:
    shutil.copytree(FIGURES_SRC, root / "figures_src", ignore=shutil.ignore_patterns("__pycache__"))
    paths = PipelinePaths.for_root(root)
    paths.catalog.write_text("", encoding="utf-8")
    add_job(paths, "quick", QUICK, "script: figures/quick.py\ntables: [quick]")
    figures_site(root, {"index.md": PAGE})
    return paths


def build_read_only(root: Path, folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` with ``folder`` read-only: mounted so for root (who may write anywhere),
    else its permissions."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), *options]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(
                command, cwd=root, env=env, capture_output=True, text=True, timeout=300
            )
        finally:
            folder.chmod(0o755)
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("as root, a read-only folder needs `unshare` to mount it read-only")
    script = 'mount --bind -o ro "$1" "$1" || exit 97; shift; exec "$@"'
    result = subprocess.run(
        [unshare, "--mount", "sh", "-c", script, "sh", str(folder), *command],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode == 97 or "unshare failed" in result.stderr:
        pytest.skip(f"cannot mount a folder read-only here: {result.stderr.strip()}")
    return result


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING")]


def test_a_read_only_cache_folder_renders_without_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "project"
    paths = small_project(root)
    (root / ".cache").mkdir()  # .cache/figures cannot be made
    result = build_read_only(root, root / ".cache")
    assert result.returncode == 0, result.stderr
    assert warnings(result.stderr) == [WARNING]
    assert "Traceback" not in result.stderr
    assert (paths.output_dir / "tables" / "quick.md").read_text() == "| a |\n|---|\n| 1 |\n"
    assert (root / "site" / "index.html").is_file()
    # --strict makes that warning an error, as it does every warning.
    strict = build_read_only(root, root / ".cache", "--strict")
    assert strict.returncode == 1 and warnings(strict.stderr) == [WARNING]


def test_a_read_only_warm_cache_is_still_used(tmp_path: Path) -> None:
    root = tmp_path / "project"
    paths = small_project(root)
    first = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    assert "rendered quick" in first.stderr
    before = (paths.output_dir / "tables" / "quick.md").stat().st_mtime_ns
    result = build_read_only(root, paths.cache_dir, "-v")
    assert result.returncode == 0, result.stderr
    assert warnings(result.stderr) == [WARNING]
    assert "rendered quick" not in result.stderr  # up to date by the manifest it could read
    assert (paths.output_dir / "tables" / "quick.md").stat().st_mtime_ns == before
