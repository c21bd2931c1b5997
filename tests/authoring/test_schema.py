"""Author files validated with MkDocs' config options: every key reported, located."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from authoring.schema import describe, validate
from authoring.source import SourceText
from authoring.yamlsource import Mapping, read_yaml


class Example(base.Config):
    title = c.Type(str)
    count = c.Type(int, default=1)
    kind = c.Choice(("a", "b"), default="a")


def mapping(text: str) -> Mapping:
    node = read_yaml(SourceText("x.yml", text))
    assert isinstance(node, Mapping)
    return node


def test_a_valid_mapping_gives_a_typed_config() -> None:
    config, problems = validate(Example, mapping("title: Hi\ncount: 3\n"), "the example")
    assert problems == []
    assert (config.title, config.count, config.kind) == ("Hi", 3, "a")


def test_every_bad_missing_and_unknown_key_is_reported_at_its_place() -> None:
    node = mapping("count: three\nkind: c\ntitel: x\n")
    _, problems = validate(Example, node, "the example")
    shown = sorted(str(p) for p in problems)
    assert shown[0].startswith("x.yml:1:1: 'title' is missing in the example; add it")
    assert shown[1].startswith("x.yml:1:8: 'count'")
    assert shown[2].startswith("x.yml:2:7: 'kind'")
    assert shown[3] == "x.yml:3:1: unknown key 'titel' in the example (did you mean 'title'?)"
    assert len(shown) == 4


def test_unknown_key_without_a_near_miss_lists_what_is_allowed() -> None:
    _, problems = validate(Example, mapping("title: a\nzzz: 1\n"), "the example")
    assert [p.message for p in problems] == [
        "unknown key 'zzz' in the example (allowed: title, count, kind)"
    ]


def test_describe_names_values_as_authors_would() -> None:
    assert describe(["a"]) == "a list"
    assert describe(True) == "a yes/no value (true)"
    assert describe("yes") == "text ('yes')"
    assert describe(None) == "nothing"
