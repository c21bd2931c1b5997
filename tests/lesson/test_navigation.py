"""The course's order is derived once, from the nav of mkdocs.yml and the lessons' own pages:
previous and next lessons, the module page's list (<!-- lessons -->) and prerequisite links."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from tests.lesson.sites import lesson_page, write_lesson_site
from tests.support import build_site

MODULE_PAGE = "---\ntitle: Module 9\n---\n\n# Module 9\n\n## Lessons\n\n<!-- lessons -->\n"


def lesson(number: str, title: str, prerequisites: str = "") -> str:
    front = (
        f'title: {title}\nlesson:\n  id: "{number}"\n  summary: What {title} is about, with $x$.\n'
        f"  icon: material/sigma\n{prerequisites}"
    )
    return lesson_page(front, f"# {title}\n\nText.\n")


PAGES = {
    "index.md": "# Home\n",
    "m/index.md": MODULE_PAGE,
    "m/a.md": lesson("9-1", "Alpha"),
    "m/b.md": lesson("9-2", "Beta", '  prerequisites: ["9-1"]\n'),
    "m/c.md": lesson("9-3", "Gamma", '  prerequisites: ["9-1"]\n'),
}


def nav(*lessons: str) -> list[Any]:
    return [{"Home": "index.md"}, {"Module 9": ["m/index.md", *lessons]}]


def build(root: Path, order: list[Any], pages: dict[str, str] | None = None) -> Path:
    build_site(write_lesson_site(root, pages or PAGES, nav=order), strict=True)
    return root / "site"


def neighbours(site: Path, page: str) -> tuple[str | None, str | None]:
    """The labels of the previous and next lessons in a page's header."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = []
    for which in ("previous", "next"):
        match = re.search(rf'lesson-header__{which}">\w+: <a [^>]*>([^<]*)</a>', html)
        found.append(match.group(1) if match else None)
    return found[0], found[1]


def module_list(site: Path) -> list[tuple[str, str]]:
    """The module page's lesson list: (link, label) in the order shown."""
    html = (site / "m" / "index.html").read_text(encoding="utf-8")
    listing = re.search(r"<ol>(.*?)</ol>", html, flags=re.S)
    assert listing is not None, html
    return re.findall(r'<li><strong><a href="([^"]+)">([^<]+)</a>\.</strong>', listing.group(1))


def test_moving_a_lesson_in_nav_changes_previous_next_and_the_module_list(tmp_path: Path):
    site = build(tmp_path / "first", nav("m/a.md", "m/b.md", "m/c.md"))
    assert neighbours(site, "m/a") == (None, "9-2 Beta")
    assert neighbours(site, "m/b") == ("9-1 Alpha", "9-3 Gamma")
    assert neighbours(site, "m/c") == ("9-2 Beta", None)
    assert module_list(site) == [("a/", "9-1 Alpha"), ("b/", "9-2 Beta"), ("c/", "9-3 Gamma")]

    # Gamma moves before Beta: the three pages' neighbours and the list follow the nav.
    site = build(tmp_path / "moved", nav("m/a.md", "m/c.md", "m/b.md"))
    assert neighbours(site, "m/a") == (None, "9-3 Gamma")
    assert neighbours(site, "m/c") == ("9-1 Alpha", "9-2 Beta")
    assert neighbours(site, "m/b") == ("9-3 Gamma", None)
    assert module_list(site) == [("a/", "9-1 Alpha"), ("c/", "9-3 Gamma"), ("b/", "9-2 Beta")]


def test_the_module_list_shows_each_lessons_summary_and_a_title_from_nav(tmp_path: Path):
    order = nav("m/a.md", {"Beta, as nav names it": "m/b.md"}, "m/c.md")
    site = build(tmp_path, order)
    html = (site / "m" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"</strong> What Alpha is about, with <span class=\"arithmatex\">", html)
    assert ("b/", "9-2 Beta, as nav names it") in module_list(site)
    assert neighbours(site, "m/a") == (None, "9-2 Beta, as nav names it")
    # Prerequisites are written as ids; their titles and links come from the lessons' pages.
    gamma = (site / "m" / "c" / "index.html").read_text(encoding="utf-8")
    assert 'Prerequisites: <a class="lesson-ref" href="../a/">9-1 Alpha</a>' in gamma


def test_a_lesson_left_out_of_nav_fails_the_build_with_its_path(
    tmp_path: Path, build_error_of: Any
):
    config = write_lesson_site(tmp_path, PAGES, nav=nav("m/a.md", "m/c.md"))
    message = build_error_of(config)
    assert (
        "docs/m/b.md:4:7: lesson 9-2 is not in the nav of mkdocs.yml, so it has no place in the "
        "course; add '- m/b.md' to its module's section of nav"
    ) in message
    assert message.startswith("The course has 1 problem to fix:\n"), message


def test_prerequisites_must_be_lessons_that_come_first(tmp_path: Path, build_error_of: Any):
    pages = {
        **PAGES,
        "m/a.md": lesson("9-1", "Alpha", '  prerequisites: ["9-3", "9-7"]\n'),
    }
    config = write_lesson_site(tmp_path, pages, nav=nav("m/a.md", "m/b.md", "m/c.md"))
    message = build_error_of(config)
    assert (
        "docs/m/a.md:7:19: prerequisite 9-3 comes after lesson 9-1 in the nav of mkdocs.yml; "
        "a prerequisite must come first: move one of them, or drop it"
    ) in message
    assert (
        "docs/m/a.md:7:26: prerequisite 9-7 is no lesson of the course "
        "(its lessons: 9-1, 9-2, 9-3); write the id of a lesson in the nav"
    ) in message


def test_the_lessons_marker_needs_a_section_with_lessons(tmp_path: Path, build_error_of: Any):
    pages = {**PAGES, "index.md": "# Home\n\n<!-- lessons -->\n", "other/index.md": MODULE_PAGE}
    order = [*nav("m/a.md", "m/b.md", "m/c.md"), {"Empty": ["other/index.md"]}]
    config = write_lesson_site(tmp_path, pages, nav=order)
    message = build_error_of(config)
    assert "docs/index.md:3:1: this page is in no section of the nav of mkdocs.yml" in message
    assert "docs/other/index.md:9:1: the nav section 'Empty' holds no lesson to list" in message


@pytest.fixture
def build_error_of(caplog: pytest.LogCaptureFixture) -> Any:
    """The build fails with one error, the course's report, which it returns."""

    def failed_build(config: Path) -> str:
        with pytest.raises(Abort):
            build_site(config, strict=True)
        errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert len(errors) == 1, errors
        assert "Traceback" not in errors[0]
        return errors[0]

    return failed_build
