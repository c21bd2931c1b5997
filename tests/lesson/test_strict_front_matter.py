"""Front matter read strictly on every page (issue 10): what MkDocs would let through silently
is an error at its line, and MkDocs never parses front matter that was refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.lesson.sites import lesson_page, write_lesson_site
from tests.support import build_site, failed_build_report

LESSON = """
title: Deriving the ELBO
lesson:
  id: "14-2"
  summary: The bound on $\\log p(x)$.
  icon: material/abacus
"""


def problems(root: Path, pages: dict[str, str]) -> list[str]:
    """The located lines of the build's one report (the build must fail)."""
    config = write_lesson_site(root, {"index.md": "# Home\n", **pages})
    return failed_build_report(config).splitlines()[1:]


def test_unclosed_front_matter_is_an_error_at_line_1(tmp_path: Path) -> None:
    page = '---\ntitle: Deriving the ELBO\nlesson:\n  id: "14-2"\n\n# Deriving\n\nText.\n'
    assert problems(tmp_path, {"a.md": page}) == [
        "docs/a.md:1:1: the front matter that starts here has no closing '---', so it would be "
        "shown as the page's text; add a line '---' after its last key"
    ]


def test_empty_front_matter_block_says_so(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, {"a.md": "---\n---\n\n# A\n"})
    assert found.startswith("docs/a.md:1:1: the front matter is empty;")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: [Deriving, the, ELBO]\n",
            "docs/a.md:2:8: 'title' must be text, not a list; quote it",
        ),
        ("title: 2024\n", "docs/a.md:2:8: 'title' must be text, not a number (2024); quote it"),
        ("title:\n", "docs/a.md:2:7: 'title' has no value; write it after 'title:', or delete "),
        (
            "description: {a: 1}\n",
            "docs/a.md:2:14: 'description' must be text, not a mapping; quote it",
        ),
    ],
)
def test_shown_values_must_be_text_on_every_page(tmp_path: Path, front: str, expected: str) -> None:
    (found,) = problems(tmp_path, {"a.md": f"---\n{front}---\n\n# A\n"})
    assert found.startswith(expected)


def test_lesson_title_and_summary_must_be_text_reported_once(tmp_path: Path) -> None:
    front = LESSON.replace("title: Deriving the ELBO", "title: [Deriving, the, ELBO]").replace(
        "summary: The bound on $\\log p(x)$.", "summary: [a, b]"
    )
    assert problems(tmp_path, {"a.md": lesson_page(front)}) == [
        "docs/a.md:2:8: 'title' must be text, not a list; quote it",
        "docs/a.md:5:12: 'summary' must be text, not a list; quote it",
    ]


def test_missing_value_names_the_key(tmp_path: Path) -> None:
    front = LESSON.replace("summary: The bound on $\\log p(x)$.", "summary:")
    assert problems(tmp_path, {"a.md": lesson_page(front)}) == [
        "docs/a.md:5:11: 'summary' has no value; write its value after 'summary:'"
    ]


def test_summary_with_a_sym_is_an_error(tmp_path: Path) -> None:
    front = LESSON.replace("$\\log p(x)$", "$\\sym{ev}{\\log p(x)}$")
    (found,) = problems(tmp_path, {"a.md": lesson_page(front)})
    assert found.startswith("docs/a.md:5:12: the summary marks a symbol with \\sym")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # An indentation error deep inside: at its own line, not at the mapping's start.
        (
            'lesson:\n  id: "14-2"\n  summary: x\n  icon: material/abacus\n bad: 1\n',
            "docs/a.md:6:2: YAML syntax error: this line is not indented like the lines above "
            "it; indent it exactly like the entries it belongs with",
        ),
        (
            "a:\n  b:\n    c:\n      d: 1\n     e: 2\n",
            "docs/a.md:6:6: YAML syntax error: this line is not indented like the lines above",
        ),
        # An unclosed [ where it was opened, not on the next line.
        (
            "title: [Deriving, the, ELBO\nlesson:\n  id: 1\n",
            "docs/a.md:2:8: YAML syntax error: an unclosed or broken [ ] or { }; close it, or "
            "quote the value if it is text",
        ),
        ("title: x\n- y\n", "docs/a.md:3:1: YAML syntax error: a list item ('- ...') where a key"),
        (
            "title: x\nthis line has no colon\nother: 1\n",
            "docs/a.md:3:1: YAML syntax error: this line is not 'key: value'; add the ':'",
        ),
        ("title: @home\n", "docs/a.md:2:8: YAML syntax error: a value cannot start with '@'"),
        (
            "title: " + "[" * 100 + "]" * 100 + "\n",
            "docs/a.md:2:68: YAML nested more than 60 levels deep; flatten it",
        ),
    ],
)
def test_yaml_errors_at_their_line_in_plain_words(
    tmp_path: Path, front: str, expected: str
) -> None:
    (found,) = problems(tmp_path, {"a.md": f"---\n{front}---\n\n# A\n"})
    assert found.startswith(expected)
    assert "<block" not in found and "but found" not in found and "but got" not in found


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n"
    for i in range(8)
)


def test_alias_bomb_in_front_matter_fails_fast_within_a_memory_limit(tmp_path: Path) -> None:
    """MkDocs' own front matter parse (yaml.load) must never see the bomb: the build fails in
    well under 2 s, in a process limited to 1 GiB of address space, with one clear error."""
    config = write_lesson_site(
        tmp_path, {"index.md": "# Home\n", "bomb.md": f"---\ntitle: Bomb\n{BOMB}---\n\n# B\n"}
    )
    script = textwrap.dedent(
        f"""
        import resource, sys, time
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, PluginError
        config = load_config({str(config)!r})
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
        started = time.monotonic()
        try:
            build(config)
        except Abort:
            print(f"seconds={{time.monotonic() - started:.3f}}")
            sys.exit(1)
        sys.exit(0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "MemoryError" not in output
    assert (
        "docs/bomb.md:3:4: YAML anchors and aliases (&name, *name) are not allowed; "
        "write the value out" in output
    )
    seconds = float(output.split("seconds=")[1].split()[0])
    assert seconds < 2.0
    assert not (tmp_path / "site").exists()  # nothing written


def test_mkdocs_never_parses_refused_front_matter(tmp_path: Path) -> None:
    """Under `mkdocs serve` pages are still rendered after problems are reported. A theme that
    shows ``page.meta`` (here as JSON) would expand the bomb MkDocs' yaml.load built; the page
    is given to MkDocs with an empty front matter instead, so it renders at once."""
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}{{ super() }}'
        '<script type="application/json" id="meta">{{ page.meta | tojson }}</script>'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    theme = {"name": "material", "font": False, "custom_dir": str(overrides)}
    config = write_lesson_site(
        tmp_path,
        {"index.md": "# Home\n", "bomb.md": f"---\ntitle: Bomb\n{BOMB}---\n\n# B\n"},
        theme=theme,
    )
    script = textwrap.dedent(
        f"""
        import resource, time
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        config = load_config({str(config)!r})
        config.plugins.on_startup(command="serve", dirty=False)
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
        started = time.monotonic()
        build(config, serve_url="http://127.0.0.1:8000/")
        print(f"seconds={{time.monotonic() - started:.3f}}")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "docs/bomb.md:3:4: YAML anchors and aliases" in output
    assert float(output.split("seconds=")[1].split()[0]) < 2.0
    page = (tmp_path / "site" / "bomb" / "index.html").read_text(encoding="utf-8")
    assert '<script type="application/json" id="meta">{}</script>' in page
    assert "&amp;a" not in page and "*a" not in page  # nor shown as the page's text


def test_mkdocs_build_exits_1_without_a_traceback(tmp_path: Path) -> None:
    page = '---\ntitle: A\nlesson:\n  id: "14-2"\n\n# A\n'
    config = write_lesson_site(tmp_path, {"index.md": "# Home\n", "a.md": page})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "docs/a.md:1:1: the front matter that starts here has no closing '---'" in (
        result.stderr
    )


def test_good_front_matter_still_builds(tmp_path: Path) -> None:
    pages = {
        "index.md": "---\ntitle: Home\ndescription: The course.\n---\n\n# Home\n",
        "plain.md": "# No front matter\n\n---\n\nA rule above.\n",
    }
    build_site(write_lesson_site(tmp_path, pages), strict=True)
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Home - Fixture</title>" in home
