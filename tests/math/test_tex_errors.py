"""A TeX error fails the build with page path, line, message and the TeX; nothing else."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.support import build_site, write_site

PAGES = {
    "index.md": "# Home\n\nFine: $a + b$.\n",
    "undefined.md": "# Undefined\n\nText.\n\nInline $\\nosuchmacro{x}$ here.\n",
    "braces.md": "# Braces\n\n$$\n\\frac{1}{2\n$$\n",
    "env.md": "# Env\n\nLine three.\n\n$$\n\\begin{align}\na &= b\n\\end{equation}\n$$\n",
    "label.md": "# Label\n\nSee $\\eqref{eq:nowhere}$.\n",
    "nested/deep.md": "# Deep\n\n!!! note\n\n    Inside an admonition $\\frac{a}$.\n",
}

# Each at the line and column where its TeX starts.
EXPECTED = [
    ("docs/undefined.md:5:9", "Undefined control sequence \\nosuchmacro", "\\nosuchmacro{x}"),
    ("docs/braces.md:4:1", "Missing close brace", "\\frac{1}{2"),
    ("docs/env.md:6:1", "\\begin{align} ended with \\end{equation}", "a &= b"),
    ("docs/label.md:3:6", "Reference to an undefined label: eq:nowhere", "\\eqref{eq:nowhere}"),
    ("docs/nested/deep.md:5:27", "Missing argument for \\frac", "\\frac{a}"),
]


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("broken")
    return write_site(root, PAGES)


def test_all_errors_reported_in_one_run(
    broken_site: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_site.parent)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(broken_site)
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert "The course has 5 problems to fix:" in errors
    for where, message, tex in EXPECTED:
        line = next((ln for ln in errors.splitlines() if ln.startswith(f"{where}: ")), None)
        assert line is not None, f"no error at {where} in:\n{errors}"
        assert message in line, line
        assert tex in errors
    assert "docs/index.md" not in errors


def test_cli_prints_message_without_traceback(broken_site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(broken_site)],
        capture_output=True,
        text=True,
        cwd=broken_site.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=180,
    )
    assert proc.returncode != 0
    assert (
        "docs/undefined.md:5:9: TeX error: Undefined control sequence \\nosuchmacro" in proc.stderr
    )
    assert "Traceback" not in proc.stderr + proc.stdout


def test_page_macro_definitions_are_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_site(tmp_path, {"index.md": "# H\n\n$\\newcommand{\\x}{1} \\x$\n"})
    monkeypatch.chdir(tmp_path)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config)
    assert "docs/index.md:3:2: TeX error: macro definitions inside a page" in caplog.text


def test_label_survives_on_demand_font_loading(tmp_path: Path) -> None:
    """A fresh Node process loads font data mid-conversion and retries; labels stay single."""
    config = write_site(
        tmp_path, {"index.md": "# H\n\n\\begin{equation}\n\\ell \\label{eq:a}\n\\end{equation}\n"}
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert 'id="mjx-eqn:eq:a"' in (tmp_path / "site" / "index.html").read_text("utf-8")
