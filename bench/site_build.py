"""Bench: the real course against the stock Material recipe, built from the same pages.

The baseline is what the Material documentation recommends for math: the same Markdown
with arithmatex, and MathJax typesetting in the browser (its files served from the site,
not a CDN), with none of this project's plugins. Everything runs in a temporary copy of
the repository, so the working tree and its caches are left alone.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
COPY_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".venv-lock", "node_modules", "site", ".cache", "generated", "__pycache__"
)
MATHJAX_CONFIG = """window.MathJax = {
  // Fonts from the site itself, not the CDN MathJax would use by default.
  loader: {paths: {fonts: new URL("fonts", document.currentScript.src).href}},
  tex: {inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]],
        processEscapes: true, processEnvironments: true, tags: "ams", macros: %s},
  options: {ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex"}
};
document$.subscribe(() => {
  MathJax.startup.output.clearCache();
  MathJax.typesetClear();
  MathJax.texReset();
  MathJax.typesetPromise();
});
"""


def _mkdocs(config: Path, cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        cwd=cwd,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


def _fresh_copy(parent: Path, name: str) -> Path:
    target = parent / name
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    # The copy's own packages are imported (cwd comes first on sys.path); they find MathJax
    # next to themselves.
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def _baseline_config(project: Path) -> Path:
    """The stock recipe: same docs and Markdown, search only, client-side MathJax 4."""
    config = yaml.load((project / "mkdocs.yml").read_text("utf-8"), Loader=_Loader)
    macros = {}
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "course-math" in plugin:
            macros = plugin["course-math"].get("macros", {})
    mathjax = project / "docs" / "baseline-mathjax"
    shutil.copytree(ROOT / "node_modules" / "@mathjax" / "src" / "bundle", mathjax)
    fonts = ROOT / "node_modules" / "@mathjax" / "mathjax-newcm-font"
    shutil.copytree(fonts, mathjax / "fonts" / "mathjax-newcm-font")
    (mathjax / "config.js").write_text(MATHJAX_CONFIG % json.dumps(macros), "utf-8")
    config["plugins"] = ["search"]
    config["extra_javascript"] = ["baseline-mathjax/config.js", "baseline-mathjax/tex-mml-chtml.js"]
    config["site_dir"] = str(project / "site-baseline")
    path = project / "mkdocs-baseline.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !!python/name tags back as plain values."""


_Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:",
    lambda loader, suffix, node: _PythonName(suffix),
)


class _PythonName(str):
    pass


yaml.SafeDumper.add_representer(
    _PythonName,
    lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", ""),
)


LOADED_KINDS = {"document", "script", "stylesheet", "font"}


def _served_size(site: Path, url: str) -> int:
    """The size of the file the local server sent for ``url`` (uncompressed, as on disk).

    blob: and data: URLs hold bytes that were already counted when they were fetched.
    """
    parts = urlsplit(url)
    if parts.scheme != "http":
        return 0
    path = site / unquote(parts.path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path.stat().st_size


def _page_bytes(site: Path) -> dict[str, int]:
    """Bytes each page loads in Chromium: its HTML, JS, CSS and fonts (all from 127.0.0.1)."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.support import CHROMIUM_ARGS, find_chromium, serve_directory

    pages = sorted(
        str(p.relative_to(site)).removesuffix("index.html")
        for p in site.rglob("index.html")
        if "assets" not in p.parts
    )
    sizes: dict[str, int] = {}
    with serve_directory(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        for rel in pages:
            context = browser.new_context()
            total = [0]

            def count(response: Any, total: list[int] = total) -> None:
                if response.request.resource_type in LOADED_KINDS and response.ok:
                    total[0] += _served_size(site, response.url)

            page = context.new_page()
            page.on("response", count)
            page.goto(url + rel, wait_until="networkidle")
            # Client-side MathJax keeps loading (fonts, its speech worker) after the page is
            # idle once; give it time so both sides are counted in full.
            page.wait_for_timeout(2000)
            sizes[rel or "/"] = total[0]
            context.close()
        browser.close()
    return sizes


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        tmp_path = Path(tmp)
        cold, warm, base = [], [], []
        project = tmp_path / "course-0"
        for run in range(RUNS):
            project = _fresh_copy(tmp_path, f"course-{run}")
            cold.append(_mkdocs(project / "mkdocs.yml", project))
            warm.append(_mkdocs(project / "mkdocs.yml", project))
        baseline = _baseline_config(project)
        for _ in range(RUNS):
            base.append(_mkdocs(baseline, project))
        c, w, b = (statistics.median(x) for x in (cold, warm, base))
        print(f"site build (median of {RUNS}):")
        print(f"  course cold  {c:7.2f} s   ratio to stock recipe {c / b:5.2f}")
        print(f"  course warm  {w:7.2f} s   ratio to stock recipe {w / b:5.2f}")
        print(f"  stock recipe {b:7.2f} s   (client-side MathJax, no project plugins)")
        ours = _page_bytes(project / "site")
        theirs = _page_bytes(project / "site-baseline")
        print("page bytes loaded (HTML + JS + CSS + fonts):")
        print(f"  {'page':<44} {'course':>10} {'stock':>10} {'ratio':>6}")
        for rel in sorted(ours):
            mine, stock = ours[rel], theirs.get(rel, 0)
            ratio = f"{mine / stock:6.2f}" if stock else "     -"
            print(f"  {rel:<44} {mine:>10,} {stock:>10,} {ratio}")


if __name__ == "__main__":
    main()
