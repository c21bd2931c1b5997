"""YAML with locations: every problem at the author's line and column, aliases refused fast."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from authoring.problems import ProblemsFound
from authoring.source import SourceText
from authoring.yamlsource import Mapping, Scalar, Sequence, plain, read_yaml


def problems_of(text: str, first_line: int = 1) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        read_yaml(SourceText("a.yml", textwrap.dedent(text), first_line))
    return [str(p) for p in caught.value.problems]


def test_values_keep_their_line_and_column() -> None:
    node = read_yaml(SourceText("a.yml", "title: Hello\nitems:\n  - 1\n  - two\n", first_line=2))
    assert isinstance(node, Mapping)
    items = node.entries["items"].value
    assert isinstance(items, Sequence)
    assert [str(i.location) for i in items.items] == ["a.yml:4:5", "a.yml:5:5"]
    assert str(node.entries["title"].key_location) == "a.yml:2:1"
    assert plain(node) == {"title": "Hello", "items": [1, "two"]}


def test_empty_document_is_none() -> None:
    assert read_yaml(SourceText("a.yml", "")) is None


def test_duplicate_keys_name_both_lines() -> None:
    assert problems_of("a: 1\nb: 2\na: 3\n") == [
        "a.yml:3:1: duplicate key 'a' (first on line 1); keep one"
    ]


def test_every_problem_of_a_file_is_reported() -> None:
    found = problems_of("a: 1\na: 2\n? [x]\n: 3\nb: !!python/name:os.system x\n")
    assert len(found) == 3
    assert found[0].startswith("a.yml:2:1: duplicate key")
    assert found[1].startswith("a.yml:3:3: keys must be plain words")
    assert found[2].startswith("a.yml:5:4: unsupported YAML tag")


@pytest.mark.parametrize(
    "text",
    ["a: &x [1, 2]\nb: *x\n", "a: &x 1\n", "- &a [1]\n- *a\n"],
)
def test_anchors_and_aliases_are_refused_at_their_place(text: str) -> None:
    (found,) = problems_of(text)
    assert "anchors and aliases" in found and "write the value out" in found
    assert found.startswith("a.yml:1:") or found.startswith("a.yml:2:")


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}]\n"
    for i in range(8)
)


def test_alias_bomb_fails_fast_within_a_memory_limit() -> None:
    """A billion laughs: refused in well under a second, in a process limited to 512 MiB."""
    script = textwrap.dedent(
        f"""
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))
        from authoring.problems import ProblemsFound
        from authoring.source import SourceText
        from authoring.yamlsource import read_yaml
        try:
            read_yaml(SourceText("bomb.yml", {BOMB!r}))
        except ProblemsFound as exc:
            print(exc.problems[0])
            sys.exit(0)
        sys.exit(3)
        """
    )
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - started < 2.0
    assert proc.stdout.startswith("bomb.yml:1:4: YAML anchors and aliases")


def test_unclosed_bracket_points_where_it_was_opened() -> None:
    (found,) = problems_of("title: ok\ntags: [a, b\nsummary: x\n", first_line=2)
    assert found.startswith("a.yml:3:7: YAML syntax error")
    assert "close it" in found


def test_tab_indentation_says_to_use_spaces() -> None:
    (found,) = problems_of("a:\n\tb: 1\n")
    assert found.startswith("a.yml:2:") and "indent YAML with spaces" in found


def test_deep_nesting_is_refused_not_a_recursion_error() -> None:
    found = problems_of("a: " + "[" * 200 + "]" * 200 + "\n")
    assert len(found) == 1 and ("nested" in found[0])


def test_a_value_that_cannot_be_read_says_quote_it() -> None:
    (found,) = problems_of("when: 2024-13-45\n")
    assert found.startswith("a.yml:1:7:") and "quote it" in found


def test_scalars_remember_their_offsets() -> None:
    text = "a: hello\n"
    node = read_yaml(SourceText("a.yml", text))
    assert isinstance(node, Mapping)
    value = node.entries["a"].value
    assert isinstance(value, Scalar)
    assert text[value.start : value.end] == "hello"
