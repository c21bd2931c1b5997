"""The lesson header: front matter validated with path:line errors, and what it renders."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.lesson.sites import lesson_page, write_lesson_site
from tests.support import build_site, failed_build_report

GOOD_14_1 = """
title: Latent variable models
lesson:
  id: "14-1"
  summary: Why a latent code, and why its integral is hard.
  icon: material/sigma
"""

GOOD_14_2 = """
title: Deriving the ELBO
lesson:
  id: "14-2"
  summary: The bound on $\\log p(x)$ & why it works.
  icon: material/abacus
  prerequisites: ["14-1"]
"""


def build_error(root: Path, pages: dict[str, str]) -> str:
    """The build's error message: the PluginError that MkDocs logs before it aborts."""
    return failed_build_report(write_lesson_site(root, pages))


def test_header_links_prerequisites_and_neighbours(tmp_path: Path):
    pages = {
        "index.md": "# Home\n",
        "m/one.md": lesson_page(GOOD_14_1, "# Latent variable models\n\nText.\n"),
        "m/two.md": lesson_page(GOOD_14_2, "# Deriving the ELBO\n\n" + "word " * 600 + "\n"),
    }
    build_site(write_lesson_site(tmp_path, pages), strict=True)
    page = (tmp_path / "site" / "m" / "two" / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<div class="lesson-header".*?</nav></div>', page, flags=re.S)
    assert header is not None
    html = header.group()
    # right after the page's first heading
    assert page.index("</h1>") < page.index('<div class="lesson-header"')
    assert '<span class="arithmatex">\\(\\log p(x)\\)</span> &amp; why it works.' in html
    assert 'class="lesson-header__icon"><svg aria-hidden="true"' in html
    assert 'data-minutes="3"' in html and "About 3 min read" in html  # 600+ words / 200 wpm
    assert (
        'Prerequisites: <a class="lesson-ref" href="../one/">14-1 Latent variable models</a>'
        in html
    )
    assert 'Previous: <a class="lesson-ref" href="../one/">14-1 Latent variable models</a>' in html
    assert "Next:" not in html  # the last lesson of the nav
    one = (tmp_path / "site" / "m" / "one" / "index.html").read_text(encoding="utf-8")
    assert 'Next: <a class="lesson-ref" href="../two/">14-2 Deriving the ELBO</a>' in one
    assert "Prerequisites" not in one  # none declared
    # the assets ship with the site
    assert (tmp_path / "site" / "assets" / "lessons" / "lessons.js").is_file()
    assert "assets/lessons/lessons.css" in page


def test_pages_without_lesson_front_matter_are_untouched(tmp_path: Path):
    pages = {"index.md": "---\ntitle: Home\n---\n\n# Home\n\nText.\n"}
    build_site(write_lesson_site(tmp_path, pages), strict=True)
    assert "lesson-header" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_header_without_a_first_level_heading_goes_first(tmp_path: Path):
    pages = {"index.md": lesson_page(GOOD_14_1, "Text only.\n")}
    build_site(write_lesson_site(tmp_path, pages), strict=True)
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # Material prints the title as <h1> before the content, which starts with the header.
    assert re.search(r"<h1>Latent variable models</h1>\s*<div class=\"lesson-header\"", page)


FRONT_MATTER_ERRORS = """
title: Broken
titel: misspelt page key
lesson:
  id: "14.2"
  sumary: misspelt key
  icon: material/no-such-icon
  prerequisites:
    - id: "14-1"
    - just a string
  previous: "14-1"
  next:
    id: "14-3"
    title: Next
"""


def test_all_front_matter_problems_in_one_run_with_lines(tmp_path: Path):
    pages = {
        "index.md": '---\nlesons:\n  id: "1-1"\n---\n\n# Home\n',
        "broken.md": lesson_page(FRONT_MATTER_ERRORS),
        "a.md": lesson_page(GOOD_14_1),
        "b.md": lesson_page(GOOD_14_1.replace("Latent", "Other")),
        "yaml.md": "---\nlesson:\n  id: [unclosed\n---\n\n# Y\n",
        "twice.md": lesson_page(
            GOOD_14_1.replace('"14-1"', '"14-5"') + "  icon: material/abacus\n"
        ),
        "self.md": lesson_page(
            'lesson:\n  id: "9-9"\n  summary: s\n  icon: material/sigma\n'
            '  prerequisites: ["9-9"]\n  summary2: x\n'
        ),
        "notamap.md": lesson_page("lesson: just text\n"),
        "math.md": lesson_page('lesson:\n  id: "9-8"\n  summary: "a $b"\n  icon: material/sigma\n'),
    }
    message = build_error(tmp_path, pages)
    expected = [
        "docs/a.md:4:7: lesson 14-1 is also docs/b.md; give one of them another number",
        "docs/b.md:4:7: lesson 14-1 is also docs/a.md",
        "docs/broken.md:3:1: unknown key 'titel' in the front matter of a lesson "
        "(did you mean 'title'?)",
        "docs/broken.md:5:3: 'summary' is missing in the lesson block; add it",
        "docs/broken.md:5:7: 'id' is '14.2'; write a lesson number in quotes, like \"14-2\"",
        "docs/broken.md:6:3: unknown key 'sumary' in the lesson block (did you mean 'summary'?)",
        "docs/broken.md:7:9: 'icon' is 'material/no-such-icon', which is not a Material icon",
        'docs/broken.md:9:7: write prerequisite 1 as its id only, like "14-1": its title '
        "and link come from that lesson's page",
        "docs/broken.md:10:7: prerequisite 2 is text ('just a string'); write a lesson id in "
        'quotes, like "14-1"',
        "docs/broken.md:11:3: 'previous' is not written in a lesson any more: the previous and "
        "next lessons follow the order of 'nav' in mkdocs.yml; delete this key",
        "docs/broken.md:12:3: 'next' is not written in a lesson any more",
        "docs/index.md:2:1: unknown key 'lesons' in the front matter (did you mean 'lesson'?)",
        "docs/math.md:4:12: the summary has an unbalanced '$' (inline math is $...$)",
        "docs/notamap.md:2:9: 'lesson' must hold keys",
        "docs/self.md:6:19: a prerequisite is this lesson itself (9-9); name another lesson",
        "docs/self.md:7:3: unknown key 'summary2' in the lesson block",
        "docs/twice.md:7:3: duplicate key 'icon' (first on line 6); keep one",
        "docs/yaml.md:3:7: YAML syntax error: an unclosed or broken [ ] or { }",
    ]
    for line in expected:
        assert line in message, f"missing {line!r} in:\n{message}"
    assert message.startswith(f"The course has {len(expected)} problems to fix:\n")
    assert "Traceback" not in message


def test_self_reference_is_an_error(tmp_path: Path):
    page = lesson_page(
        'lesson:\n  id: "9-9"\n  summary: s\n  icon: material/sigma\n'
        '  prerequisites:\n    - "9-9"\n'
    )
    assert "docs/self.md:7:7: a prerequisite is this lesson itself (9-9)" in build_error(
        tmp_path, {"self.md": page}
    )


def test_cli_reports_errors_without_a_traceback(tmp_path: Path):
    config = write_lesson_site(tmp_path, {"index.md": lesson_page(FRONT_MATTER_ERRORS)})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "docs/index.md:6:3: unknown key 'sumary' in the lesson block" in output
