"""MkDocs' link and anchor checks join the one report: located, and before anything is written.

MkDocs itself warns without a line, and --strict fails only after writing every page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from tests.support import build_site, write_site

PAGES = {
    "index.md": "# Home\n\nSee [the other page](other.md#results).\n",
    "other.md": (
        "# Other\n\nText.\n\n```md\n[not a link](nowhere.md)\n```\n\nA [dead link](gone.md).\n"
    ),
}


def test_broken_links_and_anchors_fail_the_build_at_their_lines(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = write_site(
        tmp_path,
        PAGES,
        plugins=["search", "course-lessons"],
        extra={"validation": {"links": {"anchors": "warn", "not_found": "warn"}}},
    )
    with pytest.raises(Abort):
        build_site(config, strict=True)
    (report,) = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert report.startswith("The course has 2 problems to fix:")
    assert "docs/index.md:3:22: a link 'other.md#results'" in report
    assert "does not contain an anchor '#results'" in report
    assert "docs/other.md:9:15: a link 'gone.md'" in report
    assert "nowhere.md" not in report  # inside a code block: not a link
    assert not list((tmp_path / "site").rglob("*.html"))


def test_good_links_build(tmp_path: Path) -> None:
    pages = {"index.md": "# Home\n\n[Other](other.md#other)\n", "other.md": "# Other\n"}
    config = write_site(tmp_path, pages, plugins=["search", "course-lessons"])
    build_site(config, strict=True)
    assert (tmp_path / "site" / "index.html").is_file()
