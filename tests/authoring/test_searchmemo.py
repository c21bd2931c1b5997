"""authoring.searchmemo: Material's search entries remembered per page across builds; the
index a build writes is byte for byte the one Material writes on its own."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search import plugin as search
from mkdocs.config import load_config

from authoring import plugin as course_plugin
from authoring.files import sha256
from authoring.memo import forget_all
from authoring.searchmemo import RememberedSearchIndex, remember_search_entries
from tests.support import build_site, working_directory, write_site

PAGES = {
    "index.md": "# Home\n\nWelcome to the course.\n\n## First steps\n\nRead $x^2$ first.\n",
    "lesson.md": (
        "---\ntitle: A lesson\ntags: [vae, elbo]\nsearch:\n  boost: 2\n---\n\n"
        "# The lesson\n\nIntro with $\\log p(x)$.\n\n## Bound {#bound}\n\n"
        "$$\n\\log p(x) \\ge \\mathcal{L}\n$$\n\n"
        "### Deeper\n\nText `code` and <em>markup</em>.\n\n"
        "## Hidden { data-search-exclude }\n\nNot indexed.\n"
    ),
    "notes/other.md": "Text before any heading.\n\n## Later\n\nMore words.\n",
}

NOT_ENTRIES = '[{"location": "index.html", "title": "Home", "text": 1}]'


@pytest.fixture(autouse=True)
def _fresh_memory() -> Iterator[None]:
    forget_all()
    yield
    forget_all()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages Material's own indexing read (its HTML parser ran on them)."""
    seen: list[str] = []
    original = search.SearchIndex.add_entry_from_context

    def spy(self: Any, page: Any) -> None:
        seen.append(page.file.src_uri)
        original(self, page)

    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", spy)
    return seen


def _build(root: Path, pages: dict[str, str] | None = None) -> bytes:
    """Build the fixture site under ``root`` (again: same .cache/) and return its index."""
    shutil.rmtree(root / "docs", ignore_errors=True)
    config_file = write_site(root, pages or PAGES, plugins=["search", "course-math"])
    forget_all()  # a new process: only the memo's files remain
    with working_directory(root):
        build_site(config_file, strict=True)
    return (root / "site" / "search" / "search_index.json").read_bytes()


def _material_alone(root: Path, monkeypatch: pytest.MonkeyPatch, pages: dict[str, str]) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(course_plugin, "remember_search_entries", lambda config: None)
        return _build(root, pages)


def test_a_warm_build_reads_no_page_and_writes_materials_index(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _build(tmp_path / "site")
    assert sorted(reads) == sorted(PAGES)
    assert len(list((tmp_path / "site" / ".cache" / "search").rglob("*.json"))) == len(PAGES)
    reads.clear()
    again = _build(tmp_path / "site")
    assert reads == []
    assert again == first
    alone = _material_alone(tmp_path / "alone", monkeypatch, PAGES)
    assert sorted(reads) == sorted(PAGES)
    assert first == alone
    # What the fixture exercises: a boost, tags, a section left out, a page without a title.
    assert b'"boost":2' in first and b'"tags":["vae","elbo"]' in first
    assert b"Not indexed" not in first and b"Text before any heading" in first


@pytest.mark.parametrize(
    "edit",
    [
        ("lesson.md", "## Bound {#bound}", "## A new bound {#bound}"),  # the text
        ("lesson.md", "## Bound {#bound}", "## Bound {#limit}"),  # the section's anchor
        ("lesson.md", "tags: [vae, elbo]", "tags: [vae, kl]"),  # front matter only
        ("lesson.md", "  boost: 2", "  boost: 3"),
        # The title of a page without a heading: the first entry's title.
        ("notes/other.md", "Text before", "---\ntitle: Other notes\n---\n\nText before"),
        ("notes/other.md", "Text before", "Words before"),  # a page without a heading
    ],
)
def test_an_edited_page_is_read_again_and_its_entries_change(
    tmp_path: Path,
    reads: list[str],
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str, str],
) -> None:
    name, old, new = edit
    before = _build(tmp_path / "site")
    edited = {**PAGES, name: PAGES[name].replace(old, new)}
    assert edited[name] != PAGES[name]
    reads.clear()
    after = _build(tmp_path / "site", edited)
    assert reads == [name]
    assert after != before
    assert after == _material_alone(tmp_path / "alone", monkeypatch, edited)


def test_a_moved_page_gets_entries_with_its_new_address(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(tmp_path / "site")
    moved = {k.replace("notes/", "more/"): v for k, v in PAGES.items()}
    reads.clear()
    after = _build(tmp_path / "site", moved)
    assert reads == ["more/other.md"]
    assert b"more/other/" in after and b"notes/other/" not in after
    assert after == _material_alone(tmp_path / "alone", monkeypatch, moved)


def test_damaged_entries_are_read_again(tmp_path: Path, reads: list[str]) -> None:
    first = _build(tmp_path / "site")
    stored = sorted((tmp_path / "site" / ".cache" / "search").rglob("*.json"))
    for number, path in enumerate(stored):
        head, _, body = path.read_text("utf-8").partition("\n")
        if number % 2:  # a changed value under the old header
            path.write_text(f"{head}\n{body.replace('e', 'a')}", "utf-8")
        else:  # an intact entry whose value is not a list of search entries
            header = {**json.loads(head), "check": sha256(NOT_ENTRIES)}
            path.write_text(f"{json.dumps(header)}\n{NOT_ENTRIES}", "utf-8")
    reads.clear()
    assert _build(tmp_path / "site") == first
    assert sorted(reads) == sorted(PAGES)


def test_without_the_search_plugin_nothing_is_remembered(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES, plugins=["course-math"])
    with working_directory(tmp_path):
        build_site(config_file, strict=True)
    assert not (tmp_path / "site" / "search" / "search_index.json").exists()
    assert not (tmp_path / ".cache" / "search").exists()


def test_only_materials_own_index_is_replaced(tmp_path: Path) -> None:
    class OtherIndex(search.SearchIndex):  # type: ignore[misc]
        pass

    config = load_config(str(write_site(tmp_path, PAGES)))
    config = config.plugins.on_config(config)
    (plugin,) = (p for p in config.plugins.values() if isinstance(p, search.SearchPlugin))
    remember_search_entries(config)
    remembered = plugin.search_index
    assert type(remembered) is RememberedSearchIndex
    remember_search_entries(config)  # again, as for every page: the same index
    assert plugin.search_index is remembered
    plugin.search_index = other = OtherIndex(**plugin.config)
    remember_search_entries(config)
    assert plugin.search_index is other
