"""figures_src.files.Resolver gives what Path.resolve gives, folder links and file links too."""

from __future__ import annotations

import os
from pathlib import Path

from figures_src.files import Resolver


def test_resolver_agrees_with_path_resolve(tmp_path: Path) -> None:
    (tmp_path / "real" / "tables").mkdir(parents=True)
    (tmp_path / "real" / "tables" / "t.md").write_text("x")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text("x")
    os.symlink(tmp_path / "real", tmp_path / "docs" / "linked")  # a folder link
    os.symlink(tmp_path / "real" / "tables" / "t.md", tmp_path / "docs" / "t-link.md")
    paths = [
        tmp_path / "docs" / "page.md",
        tmp_path / "docs" / "linked" / "tables" / "t.md",
        tmp_path / "docs" / "t-link.md",
        tmp_path / "docs" / "linked" / ".." / "docs" / "page.md",
        tmp_path / "docs" / "missing.md",
    ]
    resolver = Resolver()
    for _ in range(2):  # folders from the resolver's memory the second time
        for path in paths:
            assert resolver.path(str(path)) == path.resolve(), path
