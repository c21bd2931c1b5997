"""What the built pages contain: SVG math with assistive MathML, numbering, stable bytes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support import build_site, write_site

PAGE = r"""# Numbered

Forward reference: see $\eqref{eq:bound}$ and $\eqref{eq:split}$.

\begin{equation}
\log p(x) \ge \mathcal{L} \label{eq:bound}
\end{equation}

An inline symbol with a class: $\class{sym-z}{z} \sim \N(0, 1)$.

$$
\mathcal{L} = a - b \tag{ELBO} \label{eq:split}
$$

\begin{align}
a &= b \\
c &= d
\end{align}

Code is left alone: `$not math$`

```
$$ also not math $$
```
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("numbered")
    config = write_site(
        root,
        {"index.md": PAGE},
        plugins=["search", {"course-math": {"macros": {"N": "\\mathcal{N}"}}}],
    )
    build_site(config)
    return root


def _html(root: Path) -> str:
    return (root / "site" / "index.html").read_text("utf-8")


def test_every_fragment_is_svg_with_assistive_mathml(built: Path) -> None:
    html = _html(built)
    count = html.count('class="arithmatex"')
    assert count == 6
    assert html.count('<mjx-container class="MathJax" jax="SVG"') == count
    assert html.count("<mjx-assistive-mml") == count
    assert "\\(" not in html and "\\[" not in html.replace("$$ also not math $$", "")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert not [tag for tag in re.findall(r"<script[^>]*>", html) if "mathjax" in tag.lower()]
    assert not [body for body in scripts if "MathJax" in body]


def test_code_is_not_math(built: Path) -> None:
    html = _html(built)
    assert "<code>$not math$</code>" in html
    assert "$$ also not math $$" in html


def test_class_markup_survives(built: Path) -> None:
    html = _html(built)
    assert re.search(r'<g [^>]*class="sym-z"', html), "class lost in the SVG"
    assert re.search(r'<mi [^>]*class="sym-z"', html), "class lost in the MathML"


def test_numbers_and_references_across_fragments(built: Path) -> None:
    html = _html(built)
    # The equation is (1), the tagged display is (ELBO), the align rows are (2) and (3).
    assert 'id="mjx-eqn:eq:bound"' in html
    assert 'id="mjx-eqn:eq:split"' in html
    refs = re.findall(r'href="#(mjx-eqn[^"]*)"', html)
    svg_only = re.sub(r"<mjx-assistive-mml.*?</mjx-assistive-mml>", "", html, flags=re.S)
    assert 'xlink:href="#mjx-eqn' in svg_only
    assert '<a href="#mjx-eqn' not in svg_only, "SVG links must use xlink:href"
    assert set(refs) == {"mjx-eqn%3Aeq%3Abound", "mjx-eqn%3Aeq%3Asplit"}
    mml = " ".join(re.findall(r"<mjx-assistive-mml.*?</mjx-assistive-mml>", html, re.S))
    text = re.sub(r"<[^>]+>", "", mml)
    assert "(1)" in text and "(ELBO)" in text and "(2)" in text and "(3)" in text
    assert "???" not in text


def test_ids_unique_within_the_page(built: Path) -> None:
    ids = re.findall(r' id="([^"]+)"', _html(built))
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates


def test_same_tex_same_bytes(built: Path, tmp_path: Path) -> None:
    """A rebuild from an empty cache in a fresh process gives byte-identical pages."""
    first = _html(built)
    copy = tmp_path / "copy"
    shutil.copytree(built / "docs", copy / "docs")
    shutil.copy(built / "mkdocs.yml", copy / "mkdocs.yml")
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(str(built), str(copy)), "utf-8")
    build_site(config)
    assert (copy / "site" / "index.html").read_text("utf-8") == first


def test_glyph_outlines_defined_once_per_page(built: Path) -> None:
    html = _html(built)
    assert html.count('class="mjx-glyphs"') == 1
    defined = re.findall(r'<path id="(MJX-[^"]+)"', html)
    assert len(defined) == len(set(defined))
    used = set(re.findall(r'xlink:href="#(MJX-[^"]+)"', html))
    assert used and used <= set(defined)


def test_tex_source_kept_only_on_the_math_root(built: Path) -> None:
    carriers = set(re.findall(r"<([a-z][\w-]*)\b[^>]* data-latex=", _html(built)))
    assert carriers == {"math"}


def test_svg_holds_no_markup_only_mathjax_runtime_reads(built: Path) -> None:
    """Groups and attributes MathJax's runtime reads (not loaded here) are left out: fewer
    elements to style and lay out (issue 12). Classes, links and tables keep theirs."""
    svgs = " ".join(re.findall(r"<svg[^>]*>.*?</svg>", _html(built), re.S))
    assert "<g>" not in svgs, "a group with nothing to do"
    assert " data-c=" not in svgs
    kinds = set(re.findall(r'data-mml-node="([^"]+)"', svgs))
    assert kinds <= {"mtable", "merror", "maction"}, kinds
    assert not re.search(r'<g transform="[^"]*"><use [^>]*></use></g>', svgs)
