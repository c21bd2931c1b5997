"""Front matter remembered across builds (authoring.yamlmemo): a warm build parses no page's
YAML again and reports every problem of it again; an edited front matter is read afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from authoring import yamlmemo
from authoring.memo import forget_all
from tests.lesson.sites import write_lesson_site
from tests.support import build_site, failed_build_report

GOOD = (
    '---\ntitle: Deriving the ELBO\nlesson:\n  id: "14-2"\n  summary: The bound.\n'
    "  icon: material/abacus\n---\n\n# D\n"
)
BROKEN = "---\ntitle: x\nthis line has no colon\nother: 1\n---\n\n# A\n"
WRONG_KEY = '---\ntitle: Latent\nlesson:\n  id: "14-1"\n  sumary: The model.\n---\n\n# L\n'


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_all()
    yield
    forget_all()


def not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlmemo, "read_yaml", fail)


def test_front_matter_problems_are_reported_again_by_warm_builds(tmp_path: Path, monkeypatch):
    pages = {"index.md": "# Home\n", "a.md": BROKEN, "b.md": WRONG_KEY, "c.md": GOOD}
    config = write_lesson_site(tmp_path, pages)
    monkeypatch.chdir(tmp_path)
    first = failed_build_report(config)
    assert "docs/a.md:3:1: YAML syntax error" in first
    assert "docs/b.md:5:3:" in first and "sumary" in first
    not_parsed_again(monkeypatch)
    forget_all()  # a new process: from .cache/yaml
    assert failed_build_report(config) == first
    assert failed_build_report(config) == first  # mkdocs serve: from memory


def test_an_edited_front_matter_is_read_afresh(tmp_path: Path, monkeypatch):
    config = write_lesson_site(tmp_path, {"index.md": "# Home\n", "c.md": GOOD})
    monkeypatch.chdir(tmp_path)
    build_site(config)
    (tmp_path / "docs" / "c.md").write_text(GOOD.replace("title: Deriving", "title: [Deriving"))
    assert "docs/c.md:2:8: YAML syntax error" in failed_build_report(config)
