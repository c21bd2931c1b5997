"""Bad input, as a new contributor writes it: every case of cases.yml, built for real.

Each case is applied to a copy of a warm fixture course (fixture/, with the figure
pipeline, built once per session so its caches are full) and run as an author runs it,
``mkdocs build --strict`` (or ``python -m authoring check``), each build a process of its
own (forked from a warm parent that has the imports done: forkserver.py). It must:

- exit with the case's code, print no traceback, and report a problem at exactly the
  case's ``path:line[:col]`` whose message holds the case's words and its fix;
- leave no half-written site: a failed build writes no page;
- and once the case's files are put back, the next build succeeds from the caches: no math
  is rendered again (no new entry in .cache/mathrender) and no figure is re-rendered.

The README's troubleshooting table is generated from the same catalogue.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.badinput.catalogue import (
    FIXTURE,
    Case,
    load_cases,
    readme_section,
    troubleshooting_section,
    with_section,
)
from tests.figures.support import copy_pipeline
from tests.golden import updating
from tests.support import ROOT

CASES = load_cases()
MKDOCS = Path(sys.executable).with_name("mkdocs")
MATH_CACHE = Path(".cache/mathrender")
FIGURE_RENDERED = "figures_src: rendered"
# The explorer's fallback figure is the only one the fixture shows; the other jobs are not
# rendered (a cold render of every figure takes a minute).
KEPT_JOBS = ("elbo-tradeoff:",)


@dataclass(frozen=True)
class Run:
    code: int
    output: str


class Builds:
    """Runs ``mkdocs build --strict`` or ``python -m authoring check`` in a project folder,
    each as a process of its own: forked from a warm parent (forkserver.py), or started as
    a new program with ``BADINPUT_EXEC=1``."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.server: subprocess.Popen[str] | None = None
        if os.environ.get("BADINPUT_EXEC", "") in ("", "0"):
            self.server = subprocess.Popen(
                [sys.executable, "-m", "tests.badinput.forkserver"],
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert self.server.stdout is not None
            assert json.loads(self.server.stdout.readline()) == {"ready": True}

    def run(self, project: Path, command: str) -> Run:
        if self.server is None:
            return self._exec(project, command)
        assert self.server.stdin is not None and self.server.stdout is not None
        output = self.scratch / "output.txt"
        request = {"cwd": str(project), "command": command, "output": str(output)}
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        reply = self.server.stdout.readline()
        assert reply, "the build server stopped"
        return Run(json.loads(reply)["code"], output.read_text(encoding="utf-8"))

    def _exec(self, project: Path, command: str) -> Run:
        args = (
            [str(MKDOCS), "build", "--strict"]
            if command == "build"
            else [sys.executable, "-m", "authoring", "check"]
        )
        proc = subprocess.run(
            args, cwd=project, env=self.env, capture_output=True, text=True, timeout=300
        )
        return Run(proc.returncode, proc.stdout + proc.stderr)

    def close(self) -> None:
        if self.server is not None:
            assert self.server.stdin is not None
            self.server.stdin.close()
            self.server.wait(timeout=30)


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    runner = Builds(tmp_path_factory.mktemp("badinput-output"))
    yield runner
    runner.close()


def math_cache(project: Path) -> set[str]:
    folder = project / MATH_CACHE
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory, builds: Builds) -> Path:
    """The fixture course with its figure pipeline, built once: every cache is warm."""
    root = tmp_path_factory.mktemp("badinput") / "template"
    shutil.copytree(FIXTURE, root)
    paths = copy_pipeline(root)
    blocks = paths.catalog.read_text(encoding="utf-8").split("\n\n")
    kept = [b for b in blocks if any(ln.startswith(KEPT_JOBS) for ln in b.splitlines())]
    assert len(kept) == len(KEPT_JOBS), "a kept figure job is not in the catalog"
    paths.catalog.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    warm = builds.run(root, "build")
    assert warm.code == 0, warm.output
    again = builds.run(root, "build")
    assert again.code == 0 and FIGURE_RENDERED not in again.output, again.output
    shutil.rmtree(root / "site")
    return root


def problem_line(output: str, at: str) -> str | None:
    return next((ln for ln in output.splitlines() if ln.startswith(f"{at}: ")), None)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, template: Path, builds: Builds, tmp_path: Path) -> None:
    project = tmp_path / "course"
    shutil.copytree(template, project, symlinks=True)
    case.apply(project)

    bad = builds.run(project, case.command)
    assert bad.code == case.exit, bad.output
    assert "Traceback" not in bad.output, bad.output
    line = problem_line(bad.output, case.at)
    assert line is not None, f"no problem reported at {case.at}:\n{bad.output}"
    assert case.message in line, f"{case.message!r} not in {line!r}"
    assert case.fix in line, f"the fix {case.fix!r} not in {line!r}"
    assert not list((project / "site").rglob("*.html")), "a failed build wrote pages"

    case.revert(project, template)
    cached = math_cache(project)
    good = builds.run(project, "build")
    assert good.code == 0, good.output
    assert (project / "site" / "lesson" / "index.html").is_file()
    assert FIGURE_RENDERED not in good.output, "a figure was rendered again"
    assert math_cache(project) == cached, "math was rendered again instead of read from cache"


def test_readme_troubleshooting_is_the_catalogue() -> None:
    """README.md's "Troubleshooting" section is generated from cases.yml (they cannot drift).

    ``UPDATE_GOLDENS=1`` rewrites the section from the catalogue.
    """
    readme_file = ROOT / "README.md"
    readme = readme_file.read_text(encoding="utf-8")
    section = troubleshooting_section(CASES)
    if updating():
        readme_file.write_text(with_section(readme, section), encoding="utf-8")
        return
    assert readme_section(readme) == section + "\n", (
        "README.md's Troubleshooting section differs from tests/badinput/cases.yml; "
        "run UPDATE_GOLDENS=1 .venv/bin/pytest tests/badinput -k readme"
    )
