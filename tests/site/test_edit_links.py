"""Every page links to its own source ("Edit this page"), at the address deployments set.

mkdocs.yml sets `edit_uri` (overridable with EDIT_URI) and Material's `content.action.edit`
feature. `repo_url` stays unset: with it, Material's header would ask the GitHub API for
stars and forks on every page load, and the pages request nothing from other hosts.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from tests.support import ROOT, build_site, write_site

PLACEHOLDER = "https://github.com/example/ml-first-principles/edit/main/docs/"


class _EditLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("rel") == "edit":
            self.hrefs.append(attributes.get("href") or "")


def _edit_links(html_file: Path) -> list[str]:
    parser = _EditLinks()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.hrefs


def _course_config(monkeypatch: pytest.MonkeyPatch, edit_uri: str | None) -> MkDocsConfig:
    if edit_uri is None:
        monkeypatch.delenv("EDIT_URI", raising=False)
    else:
        monkeypatch.setenv("EDIT_URI", edit_uri)
    return load_config(str(ROOT / "mkdocs.yml"))


def test_course_config_turns_edit_links_on_without_repo_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = _course_config(monkeypatch, None)
    assert "content.action.edit" in config.theme["features"]
    assert config.edit_uri == PLACEHOLDER
    assert config.repo_url is None, "repo_url makes every page call the GitHub API"
    other = "https://git.example.org/course/edit/trunk/docs/"
    assert _course_config(monkeypatch, other).edit_uri == other


@pytest.mark.parametrize("edit_uri", [None, "https://git.example.org/course/edit/trunk/docs/"])
def test_built_pages_link_to_their_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit_uri: str | None
) -> None:
    """A site built with the course's edit settings: each page's button opens its own file."""
    course = _course_config(monkeypatch, edit_uri)
    sources = {
        "index.md": "index.html",
        "notation.md": "notation/index.html",
        "module-01/index.md": "module-01/index.html",
        "module-01/01-1-a-lesson.md": "module-01/01-1-a-lesson/index.html",
    }
    config_file = write_site(
        tmp_path,
        {src: f"# Page {i}\n\nText.\n" for i, src in enumerate(sources)},
        plugins=["search"],
        extra={
            "edit_uri": course.edit_uri,
            "theme": {"name": "material", "font": False, "features": course.theme["features"]},
        },
    )
    build_site(config_file, strict=True)
    for src, built in sources.items():
        links = _edit_links(tmp_path / "site" / built)
        assert links == [(edit_uri or PLACEHOLDER) + src], f"{built}: {links}"
        # The header's repository widget, whose script asks the GitHub API, is not there.
        assert 'data-md-component="source"' not in (tmp_path / "site" / built).read_text("utf-8")


def test_every_page_of_the_course_links_to_its_source(course_site: Path) -> None:
    pages = [p for p in course_site.rglob("index.html") if "assets" not in p.parts]
    assert len(pages) >= 4
    for page in pages:
        links = _edit_links(page)
        assert len(links) == 1, f"{page}: {links}"
        prefix = os.environ.get("EDIT_URI", PLACEHOLDER)
        match = re.fullmatch(re.escape(prefix) + r"(.+\.md)", links[0])
        assert match, f"{page}: {links[0]} is not under {prefix}"
        assert (ROOT / "docs" / match.group(1)).is_file(), f"{page} links to {links[0]}"
