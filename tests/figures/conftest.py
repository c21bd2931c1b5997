"""One cold render of a private copy of the real pipeline, shared by the whole session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from figures_src.config import PipelinePaths
from figures_src.pipeline import Report, run
from tests.figures.support import copy_pipeline, copy_project, outputs


@dataclass(frozen=True)
class ColdRender:
    paths: PipelinePaths
    report: Report
    outputs: dict[str, bytes]


@pytest.fixture(scope="session")
def cold_render(tmp_path_factory: pytest.TempPathFactory) -> ColdRender:
    """The real figures_src/, copied and rendered from nothing. Tests must not change it."""
    paths = copy_pipeline(tmp_path_factory.mktemp("cold"))
    report = run(paths)
    return ColdRender(paths, report, outputs(paths))


@pytest.fixture
def project(cold_render: ColdRender, tmp_path: Path) -> PipelinePaths:
    """A private, fully rendered (warm) copy of the project for one test to change."""
    return copy_project(cold_render.paths, tmp_path / "project")
