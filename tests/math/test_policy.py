r"""The policy for TeX written by contributors: what \href, \class, \style, \cssId and \data
may put into a page (CONTRIBUTING.md, "Author content is untrusted", "TeX").

Refused TeX is an author error at the place the TeX starts; allowed TeX renders as before.
"""

from __future__ import annotations

import html
import logging
import random
import re
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from mathrender import policy
from mathrender.policy import unsafe, url_allowed
from tests.support import build_site, write_site

MACROS = {"sym": ["\\class{sym sym-#1}{#2}", 2]}
PLUGINS = ["search", {"course-math": {"macros": MACROS}}]

# (TeX as written on line 3 of its page, what the message names, the fix it ends with)
REFUSED = {
    "js.md": (
        r"$\href{javascript:document.title='PWNED'}{\text{here}}$",
        r"\href{javascript:document.title='PWNED'}",
        r"\href only takes http(s), relative or #anchor URLs",
    ),
    "js-case.md": (
        r"$\href{JaVaScRiPt:alert(1)}{x}$",
        r"\href{JaVaScRiPt:alert(1)}",
        "link to an https:// address, a page of the course or an #anchor",
    ),
    # (Markdown turns the tab into a space; browsers drop tabs and line breaks in a URL.)
    "js-tab.md": (
        "$\\href{java\tscript:alert(1)}{x}$",
        "\\href{java script:alert(1)}",
        r"\href only takes http(s), relative or #anchor URLs",
    ),
    "js-newline.md": (
        "$\\href{java\nscript:alert(1)}{x}$",
        r"\href{java\nscript:alert(1)}",
        r"\href only takes http(s), relative or #anchor URLs",
    ),
    "data-url.md": (
        r"$\href{data:text/html,<script>alert(1)</script>}{x}$",
        r"\href{data:text/html,",
        r"\href only takes",
    ),
    "style.md": (
        r"$\style{color: red; position: fixed; top: 0}{x}$",
        r"\style{position: fixed; top: 0}",
        "remove the other declarations",
    ),
    "style-url.md": (
        r"$\style{background-image: url(https://evil.example/x.png)}{x}$",
        r"\style{background-image: url(https://evil.example/x.png)}",
        "remove the other declarations",
    ),
    "class.md": (r"$\class{md-header}{x}$", r"\class{md-header}", r"mark a symbol with \sym"),
    "id.md": (r"$\cssId{__search}{x}$", r"\cssId{__search}", r"link to it with \eqref"),
    "data.md": (
        r"$\data{md-component=search}{x}$",
        r"\data{md-component=search}",
        r"remove \data",
    ),
}

ALLOWED = r"""# Allowed

Links: $\href{https://example.org/a?b=c#d}{a}$, $\href{../other/}{b}$, $\href{#eq-x}{c}$.

A symbol: $\sym{z}{z}$, a colour: $\style{color: red; font-weight: bold}{y}$.

\begin{equation}
x = 1 \label{eq:x}
\end{equation}

See $\eqref{eq:x}$.
"""


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("refused")
    pages = {name: f"# {name}\n\n{tex} and more.\n" for name, (tex, _, _) in REFUSED.items()}
    config = write_site(root, {"index.md": "# Home\n", **pages}, plugins=PLUGINS)
    logger = logging.getLogger("mkdocs")
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    try:
        with pytest.raises(Abort):
            build_site(config)
    finally:
        logger.removeHandler(handler)
    return "\n".join(records)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_tex_is_an_error_at_its_place(refused: str, name: str) -> None:
    _tex, named, fix = REFUSED[name]
    line = next((ln for ln in refused.splitlines() if ln.startswith(f"docs/{name}:3:2: ")), None)
    assert line is not None, f"no problem at docs/{name}:3:2 in:\n{refused}"
    assert f"TeX not allowed: {named}" in line, line
    assert fix in line, line


def test_allowed_tex_renders(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"index.md": ALLOWED}, plugins=PLUGINS)
    build_site(config)
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    hrefs = set(re.findall(r'<a (?:xlink:)?href="([^"]*)"', html))
    assert {"https://example.org/a?b=c#d", "../other/", "#eq-x"} <= hrefs
    assert re.search(r'<g [^>]*class="sym sym-z"', html)
    assert 'style="color: red; font-weight: bold;"' in html
    assert 'id="mjx-eqn:eq:x"' in html


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/", True),
        ("HTTP://example.org/", True),
        ("../page/#x", True),
        ("#mjx-eqn%3Aeq%3Ax", True),
        ("page.html?a=b:c", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("vbscript:x", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("mailto:a@b.org", False),
        ("\\\\evil.example/x", False),
    ],
)
def test_url_rule(url: str, allowed: bool) -> None:
    assert url_allowed(url) is allowed


def test_a_rendering_with_a_script_link_is_caught_after_rendering() -> None:
    """The check that runs on every rendering, wherever it came from (the cache included)."""
    safe = '<mjx-container><svg><a xlink:href="#mjx-eqn%3Ax"><use xlink:href="#G"/></a></svg>'
    assert unsafe(safe + "</mjx-container>") is None
    assert unsafe('<mjx-container><a href="java&#x09;script:x">') == "java\tscript:x"
    assert unsafe('<mjx-container><g onclick="x()">') is not None


def _full_check(rendering: str) -> str | None:
    """The check without its shortcut: every link and handler, read with the regexes."""
    for found in policy._LINK.finditer(rendering):
        url = html.unescape(found[1])
        if not url_allowed(url):
            return url
    handler = policy._HANDLER.search(rendering)
    return handler[0] if handler else None


def test_the_shortcut_of_the_check_sees_every_letter_the_regexes_see() -> None:
    """The shortcut lowers ASCII letters only: no other character may match h, r, e, f, o, n
    when case is ignored (Unicode has such letters for k, s and i)."""
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(re.findall("[hrefon]", every, re.I)) == set("hrefonHREFON")
    assert set(re.findall("[ks]", every, re.I)) > set("ksKS")  # (what the test would see)


TRICKY = [
    '<a href="javascript:x">',
    '<a HREF="javascript:x">',
    '<a hReF = "javascript:x">',
    '<a href\u2003="javascript:x">',
    '<a xlink:href="&#x6A;avascript:x">',
    '<a href="#a"></a><a href="java&#x09;script:x">',
    '<a href="#\u0085x">',
    '<a href="#\\x">',
    '<g onclick="x()">',
    '<g ONCLICK="x()">',
    '<g\tonload="x()">',
    '<g\u00a0onload="x()">',
    '<g\u3000onload="x()">',
    '<g\x1conload="x()">',
    '<g data-x="1"\nonmouseover = "x()">',
    '<g\u2028onſ="x()">',
]


@pytest.mark.parametrize("rendering", TRICKY)
def test_the_shortcut_never_passes_what_the_full_check_refuses(rendering: str) -> None:
    assert _full_check(rendering) is not None, "not a refused rendering"
    assert unsafe(rendering) == _full_check(rendering)


def test_the_shortcut_agrees_with_the_full_check_on_mixed_text() -> None:
    pieces = [
        'href="#a"',
        "href",
        "HREF",
        "on",
        "On",
        "oN",
        " ",
        "\u00a0",
        "\u2003",
        "\t",
        "=",
        '"',
        "#",
        "javascript:",
        "&#x09;",
        "x",
        "\\",
        "é",
        "\ud800",
        "click",
    ]
    rng = random.Random(12)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert unsafe(text) == _full_check(text), repr(text)


def test_the_shortcut_passes_real_renderings_quickly(tmp_path: Path) -> None:
    """MathJax's own output (glyph links to #anchors only) is proved safe by the shortcut."""
    config_file = write_site(tmp_path, {"index.md": ALLOWED}, PLUGINS)
    build_site(config_file)
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    equations = re.findall(r"<mjx-container .*?</mjx-container>", page, re.S)
    assert equations
    plain = [e for e in equations if "href" in e and "\\href" not in e]  # (not \href{})
    assert plain and all(policy._plainly_safe(e) for e in plain)
