"""The catalog is validated like MkDocs config: every problem, located, in one error."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from authoring.problems import ProblemsFound, sorted_problems
from figures_src.config import PipelinePaths
from figures_src.digest import DependencyScanner, dependencies, job_inputs
from figures_src.registry import load_catalog


def make_package(root: Path, catalog: str, files: dict[str, str] | None = None) -> PipelinePaths:
    paths = PipelinePaths.for_root(root)
    (paths.source_dir / "figures").mkdir(parents=True)
    paths.catalog.write_text(textwrap.dedent(catalog).lstrip("\n"), encoding="utf-8")
    for rel, text in (files or {"figures/ok.py": "def build(out): pass\n"}).items():
        path = paths.source_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return paths


def problems(paths: PipelinePaths) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_catalog(paths)
    return [str(p) for p in sorted_problems(caught.value.problems)]


def test_a_valid_entry_declares_light_and_dark_figures_and_tables(tmp_path: Path) -> None:
    paths = make_package(
        tmp_path,
        """
        one:
          script: figures/ok.py
          figures: [alpha]
          tables: [beta]
          params: {n: 3, xs: [1, 2.5], label: "a", flag: true}
        """,
    )
    (job,) = load_catalog(paths)
    assert job.outputs == ("figures/alpha-light.svg", "figures/alpha-dark.svg", "tables/beta.md")
    assert job.module == "figures_src.figures.ok"
    assert job.params == {"n": 3, "xs": [1, 2.5], "label": "a", "flag": True}


def test_every_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    paths = make_package(
        tmp_path,
        """
        good:
          script: figures/ok.py
          figures: [shared]
        typo:
          script: figures/ok.py
          figure: [x]
        missing:
          script: figures/nowhere.py
          figures: [y]
        Bad_Name:
          script: figures/ok.py
          figures: [z]
        clash:
          script: figures/ok.py
          figures: [shared]
        empty:
          script: figures/ok.py
        weird:
          script: figures/ok.py
          tables: [t]
          params: {when: 2024-01-01, nested: {a: 1}}
        outside:
          script: ../evil.py
          figures: [w]
        several:
          script: 5
          figure: [x]
          tabels: [y]
          params: [1]
        """,
    )
    at = "figures_src/catalog.yml"
    plain = "expected a number, text, yes/no or a list of them"
    assert problems(paths) == [
        f"{at}:6:3: unknown key 'figure' in job 'typo' (did you mean 'figures'?)",
        f"{at}:8:11: job 'missing': script figures_src/figures/nowhere.py does not exist; "
        "fix the path or write the script",
        f"{at}:10:1: job name 'Bad_Name' must be lower-case words joined by '-'",
        f"{at}:15:13: job 'clash': figures/shared-dark.svg is already declared by job 'good'; "
        "rename one of them",
        f"{at}:15:13: job 'clash': figures/shared-light.svg is already declared by job 'good'; "
        "rename one of them",
        f"{at}:16:1: job 'empty': declares no figures and no tables; add one",
        f"{at}:21:18: job 'weird': params.when: {plain}, got a date (2024-01-01)",
        f"{at}:21:38: job 'weird': params.nested: {plain}, got a mapping",
        f"{at}:23:11: job 'outside': script must be a .py path inside the figures package",
        # Every bad key of one entry, not only the first.
        f"{at}:26:11: 'script' must be text, not a number (5); quote it",
        f"{at}:27:3: unknown key 'figure' in job 'several' (did you mean 'figures'?)",
        f"{at}:28:3: unknown key 'tabels' in job 'several' (did you mean 'tables'?)",
        f"{at}:29:11: 'params' must be a mapping, not a list; "
        "write it as indented 'key: value' lines",
    ]


def test_a_job_declared_twice_is_an_error_not_silently_the_last(tmp_path: Path) -> None:
    paths = make_package(
        tmp_path,
        """
        one:
          script: figures/ok.py
          figures: [a]
        one:
          script: figures/ok.py
          figures: [b]
        """,
    )
    (found,) = problems(paths)
    assert found == "figures_src/catalog.yml:4:1: duplicate key 'one' (first on line 1); keep one"


def test_a_missing_catalog_is_reported(tmp_path: Path) -> None:
    paths = PipelinePaths.for_root(tmp_path)
    (found,) = problems(paths)
    assert found == (
        "figures_src/catalog.yml: cannot read the catalog: No such file or directory; "
        "create it (see figures_src/README.md)"
    )


DEPENDENCY_FILES = {
    "__init__.py": "",
    "figures/__init__.py": "",
    "figures/fig.py": """
        import numpy as np
        from figures_src import shared
        from ..helpers import tools

        def build(out):
            import figures_src.lazy  # imported only when called: still a dependency
    """,
    "shared.py": "from figures_src.deep import VALUE\n",
    "deep.py": "VALUE = 1\n",
    "helpers/__init__.py": "",
    "helpers/tools.py": "from . import sibling\n",
    "helpers/sibling.py": "",
    "lazy.py": "",
    "unused.py": "",
}


def test_dependencies_are_found_by_parsing_transitively(tmp_path: Path) -> None:
    paths = make_package(tmp_path, "{}", DEPENDENCY_FILES)
    found = dependencies(paths.source_dir / "figures" / "fig.py", paths.source_dir)
    assert sorted(paths.show(p) for p in found) == [
        f"figures_src/{rel}"
        for rel in sorted(
            [
                "__init__.py",
                "deep.py",
                "figures/__init__.py",
                "figures/fig.py",
                "helpers/__init__.py",
                "helpers/sibling.py",
                "helpers/tools.py",
                "lazy.py",
                "shared.py",
            ]
        )
    ]


def test_a_syntax_error_is_located_without_rendering(tmp_path: Path) -> None:
    files = {**DEPENDENCY_FILES, "deep.py": "VALUE = (\n", "worker.py": "", "outputs.py": ""}
    paths = make_package(tmp_path, "fig:\n  script: figures/fig.py\n  figures: [fig]\n", files)
    (job,) = load_catalog(paths)
    with pytest.raises(ProblemsFound) as caught:
        job_inputs(job, paths, DependencyScanner(paths.source_dir))
    (found,) = caught.value.problems
    assert str(found).startswith("figures_src/deep.py:1:9: SyntaxError: '(' was never closed")
