"""authoring.memo and authoring.yamlmemo: results remembered across builds, never trusted."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pytest

from authoring import memo as memo_module
from authoring import yamlmemo
from authoring.memo import (
    Memo,
    code_fingerprint,
    forget_all,
    is_problem_list,
    problem_data,
    problem_from_data,
)
from authoring.problems import Problem, ProblemsFound
from authoring.source import Location, SourceText
from authoring.yamlmemo import read_yaml_remembered, yaml_memo
from authoring.yamlsource import read_yaml


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_all()
    yield
    forget_all()


def is_dict(value: object) -> bool:
    return isinstance(value, dict)


def stored_files(root: Path, name: str) -> list[Path]:
    return sorted((root / ".cache" / name).rglob("*.json"))


def test_a_value_is_read_back_from_the_folder_in_a_later_process(tmp_path: Path):
    memo = Memo("things", tmp_path, "code-1")
    key = memo.key("input", 1)
    memo.put(key, {"answer": [1, 2.5, "x", None]})
    forget_all()  # a new process: only the folder remains
    assert Memo("things", tmp_path, "code-1").get(key, is_dict) == {"answer": [1, 2.5, "x", None]}
    assert len(stored_files(tmp_path, "things")) == 1


def test_the_key_holds_every_input_and_the_code(tmp_path: Path):
    memo = Memo("things", tmp_path, "code-1")
    keys = {
        memo.key("input", 1),
        memo.key("input", 2),
        memo.key("other", 1),
        Memo("things", tmp_path, "code-2").key("input", 1),
        Memo("others", tmp_path, "code-1").key("input", 1),
    }
    assert len(keys) == 5


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: text.replace('"answer": 42', '"answer": 43'),  # edited
        lambda text: "\udcff",  # not UTF-8 once written
        lambda text: json.dumps({"value": {"answer": 42}}),  # the wrong shape of entry
    ],
    ids=["truncated", "edited", "not-utf8", "wrong-entry"],
)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage):
    memo = Memo("things", tmp_path, "code-1")
    key = memo.key("input")
    memo.put(key, {"answer": 42})
    forget_all()
    (path,) = stored_files(tmp_path, "things")
    path.write_bytes(damage(path.read_text("utf-8")).encode("utf-8", "surrogateescape"))
    assert memo.get(key, is_dict) is None


def test_an_entry_copied_under_another_key_is_a_miss(tmp_path: Path):
    memo = Memo("things", tmp_path, "code-1")
    first, second = memo.key("a"), memo.key("b")
    memo.put(first, {"answer": 1})
    forget_all()
    (path,) = stored_files(tmp_path, "things")
    target = tmp_path / ".cache" / "things" / second[:2] / f"{second}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(path.read_text("utf-8"), "utf-8")
    assert memo.get(second, is_dict) is None
    assert memo.get(first, is_dict) == {"answer": 1}


def test_a_value_of_the_wrong_shape_is_a_miss(tmp_path: Path):
    memo = Memo("things", tmp_path, "code-1")
    key = memo.key("input")
    memo.put(key, [1, 2])
    forget_all()
    assert memo.get(key, is_dict) is None


def test_a_folder_that_cannot_be_written_means_working_without_it(tmp_path: Path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the .cache folder would be", "utf-8")
    memo = Memo("things", blocked, "code-1")
    key = memo.key("input")
    memo.put(key, {"answer": 1})  # no exception
    assert memo.get(key, is_dict) == {"answer": 1}  # the in-memory layer still answers
    forget_all()
    assert memo.get(key, is_dict) is None


def test_the_code_fingerprint_follows_the_source_files(tmp_path: Path, monkeypatch):
    package = tmp_path / "memo_probe_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", "utf-8")
    (package / "work.py").write_text("VALUE = 1\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = code_fingerprint("memo_probe_pkg")
    assert code_fingerprint("memo_probe_pkg.work") != before
    (package / "work.py").write_text("VALUE = 2\n", "utf-8")
    code_fingerprint.cache_clear()  # a new process
    try:
        assert code_fingerprint("memo_probe_pkg") != before
    finally:
        sys.modules.pop("memo_probe_pkg", None)
        code_fingerprint.cache_clear()


def test_problems_round_trip():
    problems = [
        Problem(Location("docs/a.md", 3, 7), "fix it", "x^"),
        Problem(Location("docs/b.yml"), "no line"),
    ]
    data = json.loads(json.dumps([problem_data(p) for p in problems]))
    assert is_problem_list(data)
    assert [problem_from_data(item) for item in data] == problems
    assert not is_problem_list([["docs/a.md", "3", None, "m", None]])
    assert not is_problem_list({"a": 1})


YAML = """\
questions:
  - id: one
    value: 1.5
    flags: [true, null, -3]
    text: |
      two
      lines
"""


def test_yaml_read_back_is_the_same_tree(tmp_path: Path, monkeypatch):
    source = SourceText("docs/t.quiz.yml", YAML, 4)
    first = read_yaml_remembered(source, yaml_memo(tmp_path))
    assert first == read_yaml(source)
    forget_all()

    def no_parsing(source: SourceText) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlmemo, "read_yaml", no_parsing)
    decoded = yamlmemo._decoded
    calls: list[object] = []

    def counted(value: object, path: str) -> object:
        calls.append(value)
        return decoded(value, path)

    monkeypatch.setattr(yamlmemo, "_decoded", counted)
    assert read_yaml_remembered(source, yaml_memo(tmp_path)) == first
    assert len(calls) == 1  # the tree checked is the tree given
    assert read_yaml_remembered(source, yaml_memo(tmp_path)) == first  # from memory


def test_yaml_problems_are_raised_again_from_the_memo(tmp_path: Path, monkeypatch):
    source = SourceText("docs/t.quiz.yml", "a: 1\na: 2\n")
    with pytest.raises(ProblemsFound) as first:
        read_yaml_remembered(source, yaml_memo(tmp_path))
    forget_all()
    monkeypatch.setattr(yamlmemo, "read_yaml", lambda source: None)  # would hide the problem
    for _ in range(2):  # from the folder, then from memory
        with pytest.raises(ProblemsFound) as again:
            read_yaml_remembered(source, yaml_memo(tmp_path))
        assert again.value.problems == first.value.problems
        assert [str(p) for p in again.value.problems] == [
            "docs/t.quiz.yml:2:1: duplicate key 'a' (first on line 1); keep one"
        ]


def test_a_changed_yaml_text_is_read_again(tmp_path: Path):
    memo = yaml_memo(tmp_path)
    read_yaml_remembered(SourceText("docs/t.yml", "a: 1\n"), memo)
    changed = read_yaml_remembered(SourceText("docs/t.yml", "a: 2\n"), memo)
    assert changed == read_yaml(SourceText("docs/t.yml", "a: 2\n"))


def test_yaml_with_a_date_is_not_stored(tmp_path: Path):
    source = SourceText("docs/t.yml", "when: 2024-05-01\n")
    root = read_yaml_remembered(source, yaml_memo(tmp_path))
    assert root == read_yaml(source)
    assert stored_files(tmp_path, "yaml") == []
    assert memo_module._MEMORY == {}
    forget_all()
    assert read_yaml_remembered(source, yaml_memo(tmp_path)) == read_yaml(source)
    assert isinstance(read_yaml(source).entries["when"].value.value, datetime.date)  # type: ignore[union-attr]
