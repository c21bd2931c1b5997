"""Explorers remembered across builds (explorer.remembered): a warm build reads each
explorer's HTML back (and never imports NumPy), reports the marker's problems again, and a
changed marker is made afresh."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from authoring.memo import forget_all
from explorer import remembered
from tests.explorer.sites import write_explorer_site
from tests.support import build_site, failed_build_report

PAGE = "# Home\n\n<!-- explorer -->\n\n<!-- explorer: sigma2=0.5 -->\n"


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_all()
    yield
    forget_all()


def not_made_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> str:
        raise AssertionError("made again")

    monkeypatch.setattr(remembered, "render_explorer", fail)


def test_warm_builds_read_explorers_back(tmp_path: Path, monkeypatch) -> None:
    config = write_explorer_site(tmp_path, {"index.md": PAGE})
    build_site(config, strict=True)
    page = tmp_path / "site" / "index.html"
    first = page.read_text("utf-8")
    assert list((tmp_path / ".cache" / "explorer").rglob("*.json"))
    not_made_again(monkeypatch)
    forget_all()  # a new process: from .cache/
    build_site(config, strict=True)
    assert page.read_text("utf-8") == first
    build_site(config, strict=True)  # mkdocs serve: from memory
    assert page.read_text("utf-8") == first


def test_an_edited_marker_is_made_afresh(tmp_path: Path) -> None:
    config = write_explorer_site(tmp_path, {"index.md": PAGE})
    build_site(config, strict=True)
    (tmp_path / "docs" / "index.md").write_text(PAGE.replace("0.5", "0.25"), "utf-8")
    build_site(config, strict=True)
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert 'data-sigma2="0.25"' in html and 'data-sigma2="0.5"' not in html


def test_marker_problems_are_reported_again_by_warm_builds(tmp_path: Path, monkeypatch) -> None:
    pages = {"index.md": PAGE + "\n<!-- explorer: sigma2=7, colour=red -->\n"}
    config = write_explorer_site(tmp_path, pages, figures=False)
    monkeypatch.chdir(tmp_path)
    first = failed_build_report(config)
    assert "docs/index.md:3:1: the explorer's no-JavaScript figure is missing" in first
    assert "docs/index.md:7:" in first
    not_made_again(monkeypatch)
    forget_all()
    assert failed_build_report(config) == first
    assert failed_build_report(config) == first


def test_a_warm_build_does_not_import_numpy(tmp_path: Path) -> None:
    config = write_explorer_site(tmp_path, {"index.md": PAGE})
    script = textwrap.dedent(
        f"""
        import sys
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        build(load_config({str(config)!r}, strict=True))
        print("numpy" in sys.modules)
        """
    )
    root = Path(__file__).resolve().parents[2]

    def numpy_imported() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
        )
        return done.stdout.strip().splitlines()[-1]

    assert numpy_imported() == "True"  # cold: the explorers are made
    assert numpy_imported() == "False"
