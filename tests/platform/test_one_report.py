"""Five plugins, one build: one mistake for each plugin, all in one report, nothing written.

Issue 9's acceptance: a fixture lesson holds one mistake for each course plugin (an explorer
parameter out of range, a quiz marker naming a missing file, an undefined TeX macro, an
unknown front-matter key) and the figure pipeline has a script that raises. One strict build
fails with a single PluginError listing all five at their ``path:line``, without a
traceback, and writes no page; the check command prints the same five.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from tests.figures.support import add_job, copy_pipeline
from tests.platform.support import course_site

LESSON = """\
---
title: A scratch lesson
lesson:
  id: "1-1"
  summary: One mistake for each course plugin.
  icon: material/abacus
  difficulty: hard
---

# A scratch lesson

Some prose before the explorer.

<!-- explorer: sigma2=9 -->

Inline math with a typo: $\\nosuchmacro{x} + 1$.

## Quiz

<!-- quiz: missing.quiz.yml -->
"""

RAISING = 'def build(out):\n    raise RuntimeError("the data file is gone")\n'

# Each mistake: where it must be reported, and a word its message must contain.
EXPECTED = [
    ("docs/lesson.md:7:", "difficulty"),  # the front matter (course-lessons)
    ("docs/lesson.md:14:", "sigma2"),  # the explorer marker (course-explorer)
    ("docs/lesson.md:16:", "\\nosuchmacro"),  # the TeX (course-math)
    ("docs/lesson.md:20:", "missing.quiz.yml"),  # the quiz marker (course-quiz)
    ("figures_src/figures/broken.py:2:", "RuntimeError"),  # the script (course-figures)
]


@dataclass(frozen=True)
class Fixture:
    root: Path
    config_file: Path


@pytest.fixture(scope="module")
def five_mistakes(tmp_path_factory: pytest.TempPathFactory) -> Fixture:
    root = tmp_path_factory.mktemp("five")
    paths = copy_pipeline(root)
    # Only the explorer's static figure and the broken job: a cold render of all is slow.
    catalog = paths.catalog.read_text(encoding="utf-8")
    keep = [
        block
        for block in catalog.split("\n\n")
        if any(line.startswith("elbo-tradeoff:") for line in block.splitlines())
    ]
    assert keep, "the explorer's figure is not in the catalog"
    paths.catalog.write_text("\n\n".join(keep) + "\n", encoding="utf-8")
    add_job(paths, "broken", RAISING, "script: figures/broken.py\nfigures: [broken]")
    pages = {"index.md": "# Home\n\nThe [scratch lesson](lesson.md).\n", "lesson.md": LESSON}
    return Fixture(root, course_site(root, pages))


def assert_lists_the_five(report: str) -> None:
    lines = report.splitlines()
    assert lines[0] == "The course has 5 problems to fix:", report
    for where, word in EXPECTED:
        found = [line for line in lines if line.startswith(where)]
        assert len(found) == 1, f"expected one problem at {where} in:\n{report}"
        assert word in found[0], f"{word!r} not in {found[0]!r}"
    assert "Traceback" not in report


def test_one_strict_build_reports_all_five_and_writes_no_page(
    five_mistakes: Fixture, caplog: pytest.LogCaptureFixture
) -> None:
    raised: list[PluginError] = []
    original = PluginError.__init__

    def record(self: PluginError, *args: object) -> None:
        original(self, *args)
        raised.append(self)

    config = load_config(str(five_mistakes.config_file), strict=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PluginError, "__init__", record)
        with pytest.raises(Abort):
            build(config)
    assert len(raised) == 1, "one error for the whole build"
    assert_lists_the_five(str(raised[0]))
    # MkDocs logs the error's text, without a traceback.
    (logged,) = [r for r in caplog.records if r.levelname == "ERROR"]
    assert logged.exc_info is None and logged.getMessage() == str(raised[0])
    site = Path(config.site_dir)
    assert not list(site.rglob("index.html")) and not list(site.rglob("*.html"))
    # The good job's figure was still brought up to date.
    figures = five_mistakes.root / "docs" / "assets" / "generated" / "figures"
    assert (figures / "elbo-tradeoff-light.svg").is_file()


def test_the_check_command_prints_the_same_five(five_mistakes: Fixture) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "authoring", "check", "-f", str(five_mistakes.config_file)],
        capture_output=True,
        text=True,
        cwd=five_mistakes.root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    start = result.stdout.index("The course has")
    assert_lists_the_five(result.stdout[start:])
    assert "Traceback" not in result.stderr
    assert not list(five_mistakes.root.glob("site/**/*.html"))
