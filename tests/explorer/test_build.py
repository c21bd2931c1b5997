"""Real MkDocs builds: markers expanded, assets shipped, author errors reported as path:line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from figures_src import palette
from tests.explorer.sites import FIGURE_DIR, stand_in_figures, write_explorer_site
from tests.quiz.support import SAMPLE
from tests.support import build_site, write_site

ASSETS = Path(__file__).resolve().parents[2] / "explorer" / "assets"


def test_markers_become_explorers_and_assets_ship(tmp_path: Path) -> None:
    config = write_explorer_site(
        tmp_path,
        {
            "index.md": "# Home\n\n<!-- explorer -->\n",
            "deep/page.md": "# Deep\n\n<!-- explorer: controls=none -->\n\n<!-- explorer -->\n",
        },
    )
    build_site(config, strict=True)
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    deep = (site / "deep" / "page" / "index.html").read_text(encoding="utf-8")
    assert home.count('class="course-explorer"') == 1
    assert deep.count('class="course-explorer"') == 2
    assert 'id="course-explorer-1"' in deep and 'id="course-explorer-2"' in deep
    # The fallback figure is linked relative to each page, one image per palette.
    assert f'src="{FIGURE_DIR}/elbo-tradeoff-light.svg#only-light"' in home
    assert f'src="../../{FIGURE_DIR}/elbo-tradeoff-dark.svg#only-dark"' in deep
    for name in ("explorer.js", "explorer.css"):
        shipped = site / "assets" / "course-explorer" / name
        assert shipped.read_bytes() == (ASSETS / name).read_bytes()
    assert '<script src="assets/course-explorer/explorer.js"></script>' in home
    assert 'href="../../assets/course-explorer/explorer.css"' in deep


def test_all_marker_errors_in_one_run_with_path_line_and_column(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = write_explorer_site(
        tmp_path,
        {
            "index.md": "# Home\n\n<!-- explorer: sigma2=0 -->\n\n<!-- explorer -->\n",
            "lesson.md": (
                "---\ntitle: Lesson\n---\n\n# Lesson\n\n"
                "```\n<!-- explorer: shown=as-code -->\n```\n\n"
                "<!-- explorer: colour=red beta=9 -->\n\n"
                "- a list\n\n    <!-- explorer -->\n\n"
                "<!-- explorrer -->\n"
            ),
        },
    )
    caplog.set_level(logging.ERROR)
    with pytest.raises(Abort):
        build_site(config)
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    (report,) = [m for m in messages if "problems to fix" in m]
    assert report.splitlines() == [
        "The course has 5 problems to fix:",
        "docs/index.md:3:23: 'sigma2' must be in the range 0.01 to 3.98, got 0",
        "docs/lesson.md:11:16: unknown key 'colour' in an explorer marker "
        "(allowed: sigma2, m, x, s2, beta, w, controls)",
        "docs/lesson.md:11:32: 'beta' must be in the range 0.501 to 3.98, got 9",
        "docs/lesson.md:15: this marker was not expanded: a marker must start at "
        "the beginning of its line, outside lists, admonitions and other indented blocks",
        "docs/lesson.md:17:1: 'explorrer' is not a marker; did you mean 'explorer'? Markers are"
        " written <!-- explorer --> or <!-- explorer: key=value ... -->",
    ]
    # One error for the whole run, no traceback, and nothing written.
    assert not any(r.exc_info for r in caplog.records)
    assert not (tmp_path / "site" / "lesson" / "index.html").exists()
    assert not (tmp_path / "site" / "index.html").exists()


def test_missing_fallback_figure_is_a_problem_at_the_marker(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pages = {"index.md": "# Home\n\n<!-- explorer -->\n\n<!-- explorer -->\n"}
    config = write_explorer_site(tmp_path, pages, figures=False)
    with pytest.raises(Abort):
        build_site(config)
    (report,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert report.splitlines() == [
        "The course has 1 problem to fix:",
        "docs/index.md:3:1: the explorer's no-JavaScript figure is missing from the "
        f"documentation files: {FIGURE_DIR}/elbo-tradeoff-light.svg, "
        f"{FIGURE_DIR}/elbo-tradeoff-dark.svg; list course-figures before course-explorer in"
        " mkdocs.yml, or set fallback_light and fallback_dark of course-explorer to existing"
        " figures",
    ]


def test_pages_without_markers_are_untouched(tmp_path: Path) -> None:
    config = write_explorer_site(tmp_path, {"index.md": "# Home\n\n<!-- a comment -->\n"})
    build_site(config, strict=True)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<!-- a comment -->" in home
    assert 'class="course-explorer"' not in home


def test_curve_colours_are_the_figure_pipelines() -> None:
    """The live plot and its static fallback figure draw each curve in the same colour."""
    css = (ASSETS / "explorer.css").read_text(encoding="utf-8")
    light = css.split('[data-md-color-scheme="slate"]')[0]
    dark = css.split('[data-md-color-scheme="slate"]')[1].split("}")[0]
    for block, theme in ((light, palette.LIGHT), (dark, palette.DARK)):
        for name, colour in zip(("recon", "kl", "loss", "floor"), theme.series, strict=False):
            assert f"--course-explorer-{name}: {colour};" in block, (theme.name, name)


def test_script_reads_no_address_or_storage_and_writes_no_markup() -> None:
    """The script takes numbers from the page the build wrote, and nothing else."""
    script = (ASSETS / "explorer.js").read_text(encoding="utf-8")
    for forbidden in (
        "location",
        "localStorage",
        "sessionStorage",
        "document.cookie",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "fetch(",
        "XMLHttpRequest",
        "import(",
        "eval(",
    ):
        assert forbidden not in script, forbidden


def test_explorer_and_quiz_problems_come_in_one_report(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """One build, one list: the explorer's and the quiz's problems together, sorted."""
    page = (
        "# Home\n\n<!-- quiz: missing.quiz.yml -->\n\n<!-- explorer: beta=9 -->\n\n"
        "<!-- quizz: spare.quiz.yml -->\n"
    )
    pages = {**stand_in_figures(), "index.md": page, "spare.quiz.yml": SAMPLE}
    config = write_site(tmp_path, pages, ["search", "course-explorer", "course-quiz"])
    with pytest.raises(Abort):
        build_site(config)
    (report,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert [line.split(": ")[0] for line in report.splitlines()] == [
        "The course has 4 problems to fix:",
        "docs/index.md:3:1",  # quiz: no such file
        "docs/index.md:5:21",  # explorer: beta out of range
        "docs/index.md:7:1",  # near miss of quiz
        "docs/spare.quiz.yml:1",  # quiz: a file no page uses
    ]
    assert not (tmp_path / "site" / "index.html").exists()
