"""authoring.cacheprune: after the first full build of a process, cache files that build did
not use and that nobody wrote for a month are deleted; nothing else is."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from authoring.cacheprune import KEEP_DAYS, forget_uses, note_used, prune, prune_once
from authoring.memo import forget_all
from tests.support import LOOPBACK, build_site, working_directory, write_site

PAGES = {
    "index.md": "# Home\n\nRead $x^2$ first.\n\n$$\na^2 + b^2 = c^2\n$$\n",
    "lesson.md": "# A lesson\n\nIntro with $\\log p(x)$.\n\n$$\n\\log p(x) \\ge L\n$$\n",
}
OLD = time.time() - (KEEP_DAYS + 5) * 86_400
CACHES = ("search", "mathrender")


@pytest.fixture(autouse=True)
def _new_process() -> Iterator[None]:
    forget_all()
    forget_uses()
    yield
    forget_all()
    forget_uses()


def _new_process_build(root: Path, pages: dict[str, str], *, dirty: bool = False) -> None:
    """Build ``pages`` under ``root`` (its .cache/ kept) as a new `mkdocs build` process."""
    for page in (root / "docs").glob("*.md"):
        page.unlink()
    config_file = write_site(root, pages)
    forget_all()
    forget_uses()
    with working_directory(root):
        if not dirty:
            build_site(config_file, strict=True)
            return
        config = load_config(str(config_file))  # (MkDocs warns about any dirty build)
        config.plugins.on_startup(command="build", dirty=True)
        build(config, dirty=True)


def _files(root: Path) -> dict[str, set[str]]:
    return {
        name: {p.relative_to(root).as_posix() for p in (root / ".cache" / name).rglob("*.json")}
        for name in CACHES
    }


def _age_everything(root: Path) -> None:
    for path in (root / ".cache").rglob("*"):
        if path.is_file():
            os.utime(path, (OLD, OLD))


def test_a_full_build_deletes_old_files_it_did_not_use_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    _new_process_build(site, PAGES)
    both = _files(site)
    alone = tmp_path / "alone"
    _new_process_build(alone, {"index.md": PAGES["index.md"]})
    index_only = _files(alone)
    assert all(both[name] > index_only[name] for name in CACHES), (both, index_only)

    _age_everything(site)
    recent = site / ".cache" / "search" / "ab" / ("ab" + "0" * 62 + ".json")
    recent.parent.mkdir(parents=True, exist_ok=True)
    recent.write_text("not used, written today", encoding="utf-8")
    leftover = site / ".cache" / "search" / ".half-written.json.tmp"
    leftover.write_text("a write that was killed", encoding="utf-8")
    os.utime(leftover, (OLD, OLD))
    unrelated = site / ".cache" / "search" / "notes.txt"
    unrelated.write_text("not a cache file", encoding="utf-8")
    os.utime(unrelated, (OLD, OLD))

    # The lesson is gone: its old entries go; the home page's, as old, were used and stay.
    _new_process_build(site, {"index.md": PAGES["index.md"]})
    after = _files(site)
    assert after["mathrender"] == index_only["mathrender"]
    assert after["search"] == index_only["search"] | {recent.relative_to(site).as_posix()}
    assert not leftover.exists()
    assert unrelated.exists()
    emptied = {Path(p).parent for p in both["search"] - after["search"]}
    assert not any((site / folder).exists() for folder in emptied if folder.name != "search")


def test_old_unused_files_stay_after_a_dirty_build_and_after_later_builds(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    _new_process_build(site, PAGES)
    before = _files(site)
    _age_everything(site)
    _new_process_build(site, {"index.md": PAGES["index.md"]}, dirty=True)
    assert _files(site) == before
    # A second build in the same process (serve's rebuilds) prunes nothing either.
    assert prune_once(site) > 0
    assert prune_once(site) == 0


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in (root / ".cache").rglob("*")
        if p.is_file()
    }


def test_the_course_pruned_of_everything_old_builds_warm(
    course_site: Path, course_port: int, tmp_path: Path
) -> None:
    """On the real course, a month after its last build: what the pruning build keeps is all
    the next build needs (it computes and writes nothing)."""
    project = tmp_path / "project"
    shutil.copytree(course_site.parent / "project", project, symlinks=True)
    _age_everything(project)
    before = _snapshot(project)

    def new_process_build(site: str) -> None:
        forget_all()
        forget_uses()
        with working_directory(project):
            build_site(
                project / "mkdocs.yml",
                site_dir=str(tmp_path / site),
                site_url=f"http://{LOOPBACK}:{course_port}/",
                strict=True,
            )

    new_process_build("pruning")
    pruned = _snapshot(project)
    assert set(pruned) <= set(before)  # a warm build: nothing new
    new_process_build("after")
    assert _snapshot(project) == pruned


def test_links_in_a_cache_folder_are_left_alone(tmp_path: Path) -> None:
    """A link an author put in ``.cache/`` stays, and so does what it points to."""
    folder = tmp_path / ".cache" / "search"
    (folder / "ab").mkdir(parents=True)
    used = folder / "ab" / "used.json"
    old = folder / "ab" / "old.json"
    outside = tmp_path / "elsewhere"
    (outside / "inner").mkdir(parents=True)
    target = outside / "kept.json"
    for path in (used, old, target, outside / "inner" / "deep.json"):
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (OLD, OLD))
    link = folder / "ab" / "link.json"
    link.symlink_to(target)
    (folder / "linked-folder").symlink_to(outside / "inner", target_is_directory=True)
    os.utime(link, (OLD, OLD), follow_symlinks=False)
    note_used(folder, used)

    assert prune(tmp_path) == 1
    assert not old.exists()
    assert used.exists() and link.is_symlink() and target.exists()
    assert (outside / "inner" / "deep.json").exists()
