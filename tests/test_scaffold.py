"""`make new-lesson` (python -m lessons new): in a copy of the course, a scaffolded lesson
builds with --strict and passes the check; a bad request is refused and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessons.__main__ import main
from lessons.scaffold import insert_nav_entry
from tests.guarantees.support import check
from tests.support import build_site, copy_course, working_directory

TITLE = "Amortised inference, in practice"
STEM = "14-4-amortised-inference-in-practice"


def new_lesson(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`python -m lessons new ...` in the project, as `make new-lesson` runs it: the exit code
    and what it printed to stderr."""
    capsys.readouterr()
    code = main(["new", *args, "--root", str(project)])
    return code, capsys.readouterr().err


def snapshot(project: Path) -> dict[str, bytes]:
    """Every source file of the project (not the built site, caches or generated files)."""
    skipped = {"site", ".cache", "generated", "__pycache__"}
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and not skipped & set(path.relative_to(project).parts)
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_course(tmp_path_factory.mktemp("scaffold") / "project").parent


def test_a_scaffolded_lesson_builds_strictly_and_passes_the_check(
    project: Path, capsys: pytest.CaptureFixture[str]
):
    before = snapshot(project)
    code, errors = new_lesson(project, capsys, "14-4", TITLE)
    assert code == 0, errors
    module = project / "docs" / "module-14"
    written = {
        f"docs/module-14/{STEM}.md",
        f"docs/module-14/{STEM}.numbers.yml",
        f"docs/module-14/{STEM}.quiz.yml",
        "figures_src/figures/lesson_14_4.py",
    }
    after = snapshot(project)
    assert set(after) - set(before) == written
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"mkdocs.yml", "figures_src/catalog.yml"}
    # The nav entry goes into the module's section, after 14-3; the file's comments are kept.
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert (
        "      - module-14/14-3-the-vae-loss-in-practice.md\n"
        f"      - module-14/{STEM}.md\n"
        "  - Notation: notation.md\n"
    ) in config
    assert config.replace(f"      - module-14/{STEM}.md\n", "") == before["mkdocs.yml"].decode()
    page = (module / f"{STEM}.md").read_text(encoding="utf-8")
    assert f'title: {TITLE}\nlesson:\n  id: "14-4"\n' in page
    assert "/// where\n" in page and "<!-- quiz: " in page

    site = project / "site"
    with working_directory(project):
        build_site(project / "mkdocs.yml", strict=True, site_dir=str(site))
    html = (site / "module-14" / STEM / "index.html").read_text(encoding="utf-8")
    assert 'class="where' in html and 'class="quiz' in html
    assert "lesson-14-4-light.svg" in html and "lesson-14-4-dark.svg" in html
    generated = project / "docs" / "assets" / "generated" / "figures"
    for palette in ("light", "dark"):
        assert (generated / f"lesson-14-4-{palette}.svg").stat().st_size > 1000
    # Derived navigation: 14-3's next lesson is the new one, and the module page lists it.
    previous = (site / "module-14" / "14-3-the-vae-loss-in-practice" / "index.html").read_text(
        encoding="utf-8"
    )
    assert f'Next: <a class="lesson-ref" href="../{STEM}/">14-4 {TITLE}</a>' in previous
    module_page = (site / "module-14" / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{STEM}/">14-4 {TITLE}</a>' in module_page

    # The check command's run (python -m authoring check), every lesson's code included.
    assert [str(problem) for problem in check(project / "mkdocs.yml").problems] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("14-2", "Another title"),
            "Lesson 14-2 was not created: lesson 14-2 already exists: "
            "docs/module-14/14-2-deriving-the-elbo.md; choose another id (the next free one in "
            "module 14 is 14-",
        ),
        (("14.5", "A title"), "'14.5' is not a lesson id; write the module's number, a hyphen"),
        (("99-1", "A title"), "there is no module 99: "),
        (("14-9", "Three tricks for 3 problems"), "the title 'Three tricks for 3 problems' has"),
        (("14-9", "   "), "the lesson needs a title"),
    ],
)
def test_a_bad_request_is_refused_with_a_message_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, str], message: str
):
    before = snapshot(project)
    code, errors = new_lesson(project, capsys, *args)
    assert code == 1
    assert message in errors
    assert snapshot(project) == before


NAV = """\
site_name: X
nav:
  - Home: index.md   # the home page
  - Module 3:
      # the module page first
      - module-3/index.md
      - module-3/3-1-one.md
      - Two, named here: module-3/3-2-two.md
      - module-3/3-5-five.md
  - Module 4:
      - module-4/index.md
theme:
  name: material
"""


@pytest.mark.parametrize(
    ("page", "after"),
    [
        ("module-3/3-3-three.md", "- Two, named here: module-3/3-2-two.md"),
        ("module-3/3-0-zero.md", "- module-3/index.md"),
        ("module-3/3-9-nine.md", "- module-3/3-5-five.md"),
        ("module-4/4-1-one.md", "- module-4/index.md"),
    ],
)
def test_the_nav_entry_goes_in_lesson_order_and_keeps_the_rest(page: str, after: str):
    index = page.split("/")[0] + "/index.md"
    text, follows = insert_nav_entry(NAV, index, page)
    assert follows == after
    indent = "      "
    assert f"{indent}{after}\n{indent}- {page}\n" in text
    assert text.replace(f"{indent}- {page}\n", "", 1) == NAV
