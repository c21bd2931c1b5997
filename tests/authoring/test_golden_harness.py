"""The golden-file harness: a missing golden fails; UPDATE_GOLDENS=1 rewrites them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import assert_golden


def test_missing_golden_file_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_GOLDENS", raising=False)
    with pytest.raises(AssertionError, match="is missing"):
        assert_golden("<p>x</p>\n", tmp_path / "case.html")


def test_difference_fails_with_a_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UPDATE_GOLDENS", raising=False)
    golden = tmp_path / "case.html"
    golden.write_text("<p>old</p>\n")
    with pytest.raises(AssertionError, match=r"-<p>old</p>\n\+<p>new</p>"):
        assert_golden("<p>new</p>\n", golden)


def test_update_variable_rewrites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UPDATE_GOLDENS", "1")
    golden = tmp_path / "sub" / "case.html"
    assert_golden("<p>new</p>\n", golden)
    assert golden.read_text() == "<p>new</p>\n"
    monkeypatch.setenv("UPDATE_GOLDENS", "0")
    assert_golden("<p>new</p>\n", golden)
