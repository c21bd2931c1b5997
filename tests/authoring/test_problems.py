"""One problem type, one report format: sorted by place, each problem once."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from authoring.files import content_hash, sha256, write_atomic
from authoring.order import ORDER, check_order
from authoring.problems import format_report, problem


def test_report_sorts_by_path_line_and_column_and_drops_repeats() -> None:
    found = [
        problem("docs/b.md", 3, "third"),
        problem("docs/a.md", 10, "second", col=2),
        problem("docs/a.md", 2, "first"),
        problem("docs/a.md", 2, "first"),
        problem("quiz.yml", None, "no line"),
    ]
    assert format_report(found).splitlines() == [
        "The course has 4 problems to fix:",
        "docs/a.md:2: first",
        "docs/a.md:10:2: second",
        "docs/b.md:3: third",
        "quiz.yml: no line",
    ]


def test_context_is_shown_on_its_own_line_shortened() -> None:
    item = problem("a.md", 1, "TeX error", context="\\frac{a}{b} " * 40)
    first, second = str(item).splitlines()
    assert first == "a.md:1: TeX error"
    assert second.startswith("    in: \\frac{a}{b}") and second.endswith("...")


def test_write_atomic_replaces_whole_files_readable_by_all(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.svg"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_text() == "second"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["out.svg"]


def test_write_atomic_leaves_nothing_behind_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def no_rename(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("authoring.files.os.replace", no_rename)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_hashes_are_stable_and_order_free() -> None:
    assert content_hash({"a": 1, "b": 2}) == content_hash({"b": 2, "a": 1})
    assert content_hash("x") != content_hash("y")
    assert sha256("é") == sha256("é".encode())


def test_plugin_order_is_checked_and_the_message_gives_the_right_order() -> None:
    check_order(["search", *ORDER])
    check_order(["search", "course-math"])
    with pytest.raises(PluginError) as caught:
        check_order(["search", *reversed(ORDER)])
    message = str(caught.value)
    assert "wrong order" in message
    assert message.index("  - course-figures") < message.index("  - course-math")
