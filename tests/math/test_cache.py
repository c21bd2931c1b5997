"""The content-hash cache: a warm rebuild renders nothing; an edit renders only what changed."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mathrender import pagefile
from mathrender.cache import RenderCache
from mathrender.plugin import MathRenderPlugin
from tests.support import ROOT, build_site, failed_build_report, write_site

PAGES = {
    "index.md": "# A\n\n$a^2$ and $b^2$.\n\n$$\\sum_i c_i$$\n",
    "two.md": (
        "# B\n\n\\begin{equation}x = 1 \\label{eq:x}\\end{equation}\n\nSee $\\eqref{eq:x}$.\n"
    ),
}


def _plugin(config: object) -> MathRenderPlugin:
    plugin = config.plugins["course-math"]  # type: ignore[attr-defined]
    assert isinstance(plugin, MathRenderPlugin)
    return plugin


def test_warm_rebuild_renders_no_equation(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES)
    cold = _plugin(build_site(config_file))
    assert cold.renderer is not None
    assert cold.renderer.stats.rendered == 5

    assert cold.process is not None
    starts = cold.process.starts

    # A new config, as a new `mkdocs build` would load (MkDocs may keep the plugin instance).
    warm = _plugin(build_site(config_file))
    assert warm.renderer is not None and warm.process is not None
    assert warm.renderer.stats.rendered == 0
    assert warm.renderer.stats.from_cache == 5
    assert warm.process.starts == starts, "Node was started although everything was cached"


def test_edit_renders_only_the_changed_equation(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text("utf-8").replace("$b^2$", "$b^3$"), "utf-8")
    plugin = _plugin(build_site(config_file))
    assert plugin.renderer is not None
    assert plugin.renderer.stats.rendered == 1
    assert plugin.renderer.stats.from_cache == 4


# --- The cache can never break a build or put wrong math on a page (issue 10) -----------

CACHE = Path(".cache/mathrender")
ALTERED = '<svg data-x="ALTERED"'
# What a page's two files hold: its equations one by one (with the ones it used before),
# and the page's equations as they go into the page.
BUNDLE, PAGE = ("current", "previous"), ("equations", "glyphs", "words")
MARKS = ("places", "openings")  # and where the page's math was written
INDEX, TWO = 'data-latex="a^2"', "eq:x"  # (found in the renderings of each page)


def _entries(root: Path) -> list[Path]:
    return sorted((root / CACHE).rglob("*.json"))


def _text(value: object) -> str:
    if isinstance(value, dict):
        return "".join(map(_text, value.values()))
    return "".join(map(_text, value)) if isinstance(value, list) else str(value)


def _file(root: Path, kind: tuple[str, str], page: str) -> Path:
    """The cache file of this kind for ``page`` (INDEX or TWO)."""
    found = [p for p in _entries(root) if tuple(_read(p)[1]) == kind and page in _text(_read(p)[1])]
    assert len(found) == 1, found
    return found[0]


def _marks(root: Path) -> Path:
    """The index page's marks file (three formulas; two.md has two)."""
    found = [p for p in _entries(root) if tuple(_read(p)[1]) == MARKS]
    index = [p for p in found if len(_read(p)[1]["openings"]) == 3]
    assert len(found) == 2 and len(index) == 1, found
    return index[0]


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name.endswith("course-math")
    ]


def _read(path: Path) -> tuple[dict[str, object], dict[str, Any]]:
    """A cache file's header and body (a page file's body: glyphs and equations by NUL)."""
    head, body = path.read_text("utf-8").split("\n", 1)
    if body.startswith("{"):
        return json.loads(head), json.loads(body)
    glyphs, words, *equations = body.split("\x00")
    return json.loads(head), {"equations": equations, "glyphs": glyphs, "words": words}


def _write(path: Path, header: dict[str, object], body: dict[str, Any], check: bool) -> None:
    """Write a cache file; ``check``: with the checksum of what is written (tampered)."""
    if tuple(body) == PAGE:
        text = "\x00".join([body["glyphs"], body["words"], *body["equations"]])
    else:
        text = json.dumps(body, ensure_ascii=False)
    if check:
        header = {**header, "check": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    path.write_text(json.dumps(header) + "\n" + text, "utf-8")


def _alter(body: dict[str, Any], how: Callable[[str], str]) -> None:
    """Change every equation of a cache file's body."""
    for name, part in body.items():
        if isinstance(part, dict):  # an equations file: key -> rendering (or a group's)
            for key, value in part.items():
                part[key] = [how(v) for v in value] if isinstance(value, list) else how(value)
        elif isinstance(part, list):  # a page file's equations
            body[name] = [how(v) for v in part]


def _damage(root: Path) -> int:
    """Every way a file can be wrong: checksum, shape, name. How many files were damaged."""
    pages = {page: _file(root, PAGE, page) for page in (INDEX, TWO)}
    bundles = {page: _file(root, BUNDLE, page) for page in (INDEX, TWO)}
    stylesheet = next(
        p for p in _entries(root) if tuple(_read(p)[1]) == BUNDLE and p not in bundles.values()
    )
    # Edited after it was written: the checksum no longer matches.
    for path in (pages[INDEX], bundles[INDEX]):
        header, body = _read(path)
        _alter(body, lambda v: v.replace("<svg", ALTERED, 1))
        _write(path, header, body, check=False)
    # The right checksum, but an entry of the wrong shape.
    header, body = _read(bundles[TWO])
    _alter(body, lambda v: "not a rendering")
    _write(bundles[TWO], header, body, check=True)
    # Copied under another file's name: the name inside is not this file's.
    pages[TWO].write_bytes(stylesheet.read_bytes())
    stylesheet.write_bytes(bundles[INDEX].read_bytes())
    return 5


@pytest.mark.parametrize("kind", [BUNDLE, PAGE, MARKS], ids=["equations", "page", "marks"])
@pytest.mark.parametrize("damage", ["42", "[1]\n{}", "{}", "truncated"])
def test_a_file_that_is_not_a_cache_file_is_not_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str, kind: tuple[str, str]
) -> None:
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    path, page_file = (
        _marks(tmp_path) if kind == MARKS else _file(tmp_path, kind, INDEX),
        _file(tmp_path, PAGE, INDEX),
    )
    text = path.read_text("utf-8")
    path.write_text(text[: len(text) // 2] if damage == "truncated" else damage, "utf-8")
    if kind == BUNDLE:  # (else the page's other file is used)
        page_file.unlink()
    with caplog.at_level(logging.WARNING):
        plugin = _plugin(build_site(config_file))
    assert len(_warnings(caplog)) == 1
    assert plugin.renderer is not None and plugin.renderer.cache.damaged == 1
    # A damaged page file: the page is put together from its equations' file.
    assert plugin.renderer.stats.rendered == (3 if kind == BUNDLE else 0)
    assert path.read_text("utf-8") == text, "the file was not written anew"


def test_damaged_files_are_rendered_again_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    good = {p: (tmp_path / "site" / p).read_text("utf-8") for p in ("index.html", "two/index.html")}
    assert len(_entries(tmp_path)) == 7  # three files per page, and the stylesheet's
    damaged = _damage(tmp_path)

    with caplog.at_level(logging.WARNING):
        plugin = _plugin(build_site(config_file))
    warnings = _warnings(caplog)
    assert len(warnings) == 1, warnings
    assert "damaged" in warnings[0] and warnings[0].endswith("delete .cache/ (always safe)")
    assert plugin.renderer is not None and plugin.renderer.cache.damaged == damaged
    assert plugin.renderer.stats.rendered == 5
    for page, text in good.items():
        assert (tmp_path / "site" / page).read_text("utf-8") == text, page
    for page in good:
        assert "ALTERED" not in (tmp_path / "site" / page).read_text("utf-8")

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = _plugin(build_site(config_file))
    assert _warnings(caplog) == []
    assert again.renderer is not None and again.renderer.stats.rendered == 0


LINK = '<a href="javascript:alert(1)"><svg'


def _tamper(path: Path) -> None:
    """Put a script link in every equation of a file, with its checksum made right again."""
    header, body = _read(path)
    _alter(body, lambda v: v.replace("<svg", LINK, 1))
    _write(path, header, body, check=True)


def test_a_tampered_page_file_is_not_used(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    good = (tmp_path / "site" / "index.html").read_text("utf-8")
    _tamper(_file(tmp_path, PAGE, INDEX))
    with caplog.at_level(logging.WARNING):
        plugin = _plugin(build_site(config_file))
    assert len(_warnings(caplog)) == 1
    assert plugin.renderer is not None and plugin.renderer.cache.damaged == 1
    assert (tmp_path / "site" / "index.html").read_text("utf-8") == good


def test_a_tampered_equation_cannot_put_a_script_link_on_a_page(tmp_path: Path) -> None:
    """An equation's file edited with its checksum made right again: the policy check."""
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    _tamper(_file(tmp_path, BUNDLE, INDEX))
    _file(tmp_path, PAGE, INDEX).unlink()

    report = failed_build_report(config_file)
    assert "the rendering links to 'javascript:alert(1)'" in report
    assert "javascript:" not in "".join(
        p.read_text("utf-8") for p in (tmp_path / "site").rglob("*.html")
    )


@pytest.mark.parametrize("edit", ["$b^3$", "$\\frac{b}$"], ids=["other", "tex-error"])
def test_undoing_an_edit_renders_nothing(tmp_path: Path, edit: str) -> None:
    """A page's file keeps the equations of the build before, for an edit that is undone
    (a build that failed on a TeX error included)."""
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    page = tmp_path / "docs" / "index.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("$b^2$", edit), "utf-8")
    if edit == "$b^3$":
        build_site(config_file)
    else:
        assert "TeX error" in failed_build_report(config_file)
    page.write_text(text, "utf-8")
    plugin = _plugin(build_site(config_file))
    assert plugin.renderer is not None and plugin.renderer.stats.rendered == 0


def test_a_cache_that_cannot_be_written_means_rendering_without_it(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES)
    # A file where the cache folder should be: nothing can be written there (as root, a
    # read-only folder would still be writable).
    (tmp_path / ".cache").mkdir()
    (tmp_path / CACHE).write_text("not a folder", "utf-8")
    for strict, code in ((False, 0), (True, 1)):
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)]
            + (["--strict"] if strict else []),
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=180,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == code, output
        assert "Traceback" not in output and "OSError" not in output, output
        warnings = [ln for ln in output.splitlines() if "cannot write the math cache" in ln]
        assert len(warnings) == 1, output
        assert warnings[0].endswith("Make the folder writable, or delete .cache/ (always safe)")
    assert "mjx-container" in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_readme_says_deleting_the_cache_is_safe() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "Deleting `.cache/` (or any part of it) is always safe" in readme


@pytest.mark.parametrize(
    "edit",
    [
        lambda body: body["places"].__setitem__(0, [999, 0]),  # not a line of the page
        lambda body: body["openings"][0].__setitem__(0, "3"),  # a line that is not a number
        lambda body: body["openings"][0].__setitem__(2, "<b>"),  # not a delimiter
    ],
    ids=["place", "line", "delimiter"],
)
def test_marks_that_are_not_in_the_page_are_not_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, edit: Callable[[Any], None]
) -> None:
    """A marks file edited with its checksum made right again: what it holds is checked."""
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    good = (tmp_path / "site" / "index.html").read_text("utf-8")
    path = _marks(tmp_path)
    header, body = _read(path)
    edit(body)
    _write(path, header, body, check=True)
    with caplog.at_level(logging.WARNING):
        plugin = _plugin(build_site(config_file))
    assert len(_warnings(caplog)) == 1
    assert plugin.renderer is not None and plugin.renderer.cache.damaged == 1
    assert (tmp_path / "site" / "index.html").read_text("utf-8") == good


def test_a_page_file_reads_back_what_was_written_and_never_holds_a_separator(
    tmp_path: Path,
) -> None:
    cache = RenderCache(tmp_path, "fingerprint")
    equations = ['<mjx-container class="a">x</mjx-container>', "<mjx-container >y</mjx-container>"]
    key = pagefile.page_key(cache, "docs/a.md", "<p>page</p>")
    page = pagefile.StoredPage(equations, "<svg>defs</svg>", ["x", "KL q p"])
    pagefile.write_page(cache, "docs/a.md", key, page)
    assert pagefile.read_page(cache, "docs/a.md", key, 2) == page
    assert pagefile.read_page(cache, "docs/a.md", key, 3) is None  # not this page's count
    assert pagefile.read_page(cache, "docs/a.md", key, 1) is None
    with_nul = [equations[0].replace("x", "x\x00"), equations[1]]
    pagefile.write_page(cache, "docs/b.md", key, replace(page, equations=with_nul))
    pagefile.write_page(cache, "docs/c.md", key, replace(page, words=["<b>", ""]))
    assert len(list(tmp_path.iterdir())) == 1


def test_words_of_a_page_file_are_only_words(tmp_path: Path) -> None:
    """Words that readable() cannot write (markup) make the file damaged."""
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    path = _file(tmp_path, PAGE, INDEX)
    header, body = _read(path)
    assert "a" in body["words"].split("\x01")[0]
    body["words"] = body["words"].replace("a", "<b>ALTERED</b>", 1)
    _write(path, header, body, check=True)
    plugin = _plugin(build_site(config_file))
    assert plugin.renderer is not None and plugin.renderer.cache.damaged == 1
    assert "ALTERED" not in (tmp_path / "site" / "index.html").read_text("utf-8")
