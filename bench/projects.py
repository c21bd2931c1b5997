"""The projects the bench builds: private copies of the course, its stock recipe, bigger courses.

* ``fresh_copy``: the repository's sources in a temporary folder, without generated files or
  caches (a cold build renders everything, like a fresh clone).
* ``baseline_config``: the stock Material recipe for the same docs/: arithmatex and MathJax
  4 typesetting in the browser (served from the site, not a CDN), the search plugin only,
  no custom_dir, no extra CSS or JavaScript of the course.
* ``grow_course``: the course with its real lessons copied until it has N lessons. Each
  copy is a lesson of its own (id, nav entry, quiz, claims file) and its TeX is made
  distinct from every other copy's (a zero-width phantom of two letters after each opening
  delimiter, the same in the lesson, its quiz and its claims), so no equation is shared
  with another page or a cache entry.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".venv-lock",
    "node_modules",
    "site",
    "site-*",
    ".cache",
    "generated",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
    "tests",
    "bench",
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


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV and !!python/name tags back as plain values."""


class _PythonName(str):
    pass


_Loader.add_constructor(
    "!ENV",
    lambda loader, node: loader.construct_sequence(node)[-1],  # type: ignore[arg-type]
)
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:",
    lambda loader, suffix, node: _PythonName(suffix),
)
yaml.SafeDumper.add_representer(
    _PythonName,
    lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", ""),
)


def read_config(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(path.read_text("utf-8"), Loader=_Loader)
    return loaded


def write_config(config: dict[str, Any], path: Path) -> Path:
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def fresh_copy(parent: Path, name: str) -> Path:
    """A copy of the course's sources at ``parent/name``; returns the project folder."""
    target = parent / name
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE)
    # The copy's own packages are imported (cwd comes first on sys.path); they find MathJax
    # next to themselves.
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def baseline_config(
    project: Path, site_dir: Path | None = None, site_url: str | None = None
) -> Path:
    """The stock recipe's mkdocs-baseline.yml for ``project`` (its MathJax copied into docs/)."""
    config = read_config(project / "mkdocs.yml")
    macros: dict[str, Any] = {}
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "course-math" in plugin:
            macros = plugin["course-math"].get("macros", {})
    mathjax = project / "docs" / "baseline-mathjax"
    if not mathjax.exists():
        shutil.copytree(ROOT / "node_modules" / "@mathjax" / "src" / "bundle", mathjax)
        fonts = ROOT / "node_modules" / "@mathjax" / "mathjax-newcm-font"
        shutil.copytree(fonts, mathjax / "fonts" / "mathjax-newcm-font")
        (mathjax / "config.js").write_text(MATHJAX_CONFIG % json.dumps(macros), "utf-8")
    _exclude_from_course(project / "mkdocs.yml", "/baseline-mathjax/")
    config["plugins"] = ["search"]
    config["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    config.pop("extra_css", None)
    # The generated tables are snippets (the course's figures plugin hides them as pages).
    config["exclude_docs"] = "assets/generated/tables/\n"
    config["extra_javascript"] = [
        "baseline-mathjax/config.js",
        "baseline-mathjax/tex-mml-chtml.js",
    ]
    config["site_dir"] = str(site_dir or project / "site-baseline")
    if site_url is not None:
        config["site_url"] = site_url
    return write_config(config, project / "mkdocs-baseline.yml")


def _exclude_from_course(course_config: Path, folder: str) -> None:
    """Keep the stock recipe's MathJax (1,200 files) out of the course's own builds.

    It sits in the shared docs/ only for the stock recipe; copied into the course's site too,
    it would add about a second to every course build and skew each ratio.
    """
    text = course_config.read_text("utf-8")
    if f"exclude_docs: |\n  {folder}\n" in text:
        return
    if "exclude_docs" in text:
        raise RuntimeError(f"{course_config} has exclude_docs: add {folder} to it for the bench")
    course_config.write_text(f"{text.rstrip()}\n\nexclude_docs: |\n  {folder}\n", "utf-8")


# --- Bigger courses ----------------------------------------------------------------------

LETTERS = "acemnorsuvwxz"  # no ascenders or descenders: the phantom adds no height
_DISPLAY = re.compile(r"\$\$")
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)((?:\\.|[^$\\])+?)(?<!\\)\$(?!\$)", re.DOTALL)
_ENVIRONMENT = re.compile(r"(\\end\{(?:equation|align|gather|multline)\*?\})")
_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


def _tag(index: int) -> str:
    first, second = divmod(index, len(LETTERS))
    # \text{} first: a number just before a command would read as a factor (2\pi) to the
    # lesson guarantees, which then ask for no claim.
    return rf"\text{{}}\vphantom{{{LETTERS[first % len(LETTERS)]}{LETTERS[second]}}}"


def distinct_tex(text: str, index: int) -> str:
    """``text`` with a copy-specific zero-width phantom at the end of every formula.

    At the end, so a leading sign keeps its meaning (and its place in a number).
    """
    tag = _tag(index)

    def prose(part: str) -> str:
        # Display math first (every other $$ closes), then inline math, then environments.
        pieces = _DISPLAY.split(part)
        for i in range(1, len(pieces) - 1, 2):  # the formulas: before each closing $$
            body = pieces[i].rstrip()
            pieces[i] = body + tag + pieces[i][len(body) :]
        part = "$$".join(pieces)
        part = _INLINE.sub(
            lambda m: m.group(0) if "\n\n" in m.group(1) else f"${m.group(1)}{tag}$", part
        )
        return _ENVIRONMENT.sub(lambda m: tag + m.group(1), part)  # before \\end{...}

    out, last = [], 0
    for fence in _FENCE.finditer(text):
        out += [prose(text[last : fence.start()]), fence.group(0)]
        last = fence.end()
    return "".join([*out, prose(text[last:])])


def distinct_tex_yaml(text: str, index: int) -> str:
    """The same for every string of a YAML file (its quoting rules kept by re-writing it)."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return distinct_tex(value, index)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    data = walk(yaml.safe_load(text))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def _lessons(project: Path) -> list[Path]:
    config = read_config(project / "mkdocs.yml")
    pages: list[str] = []

    def walk(items: Any) -> None:
        for item in items:
            if isinstance(item, str):
                pages.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk([value] if isinstance(value, str) else value)

    walk(config["nav"])
    docs = project / "docs"
    return [
        docs / page
        for page in pages
        if (docs / page).is_file() and "\nlesson:" in (docs / page).read_text("utf-8")
    ]


_LESSON_ID = re.compile(r'^(  id: )"([0-9]+)-([0-9]+)"$', re.MULTILINE)


def grow_course(project: Path, lessons: int) -> list[str]:
    """Copy the course's lessons in ``project`` until it has ``lessons``; returns the new pages.

    Copy k of lesson M-n is lesson M-(99+k), in the same folder and nav section, after the
    real lessons (so the prerequisites it names come before it).
    """
    real = _lessons(project)
    docs = project / "docs"
    added: list[str] = []
    for copy, source in zip(range(1, lessons - len(real) + 1), itertools.cycle(real)):
        text = source.read_text("utf-8")
        found = _LESSON_ID.search(text)
        if found is None:
            raise RuntimeError(f"{source}: no lesson id in its front matter")
        module, number = found.group(2), 99 + copy
        slug = source.stem.split("-", 2)[-1]
        stem = f"{module}-{number}-copy-{copy}-of-{slug}"
        text = text[: found.start()] + f'{found.group(1)}"{module}-{number}"' + text[found.end() :]
        for suffix in (".quiz.yml", ".numbers.yml"):
            companion = source.with_name(source.stem + suffix)
            if companion.is_file():
                data = distinct_tex_yaml(companion.read_text("utf-8"), copy)
                source.with_name(stem + suffix).write_text(data, "utf-8")
                text = text.replace(companion.name, stem + suffix)  # the quiz marker
        (source.parent / f"{stem}.md").write_text(distinct_tex(text, copy), "utf-8")
        added.append((source.parent / f"{stem}.md").relative_to(docs).as_posix())
    config = read_config(project / "mkdocs.yml")
    for page in added:
        if not _add_to_nav(config["nav"], page):
            raise RuntimeError(f"no nav section holds the lessons of {page}'s folder")
    write_config(config, project / "mkdocs.yml")
    return added


def _add_to_nav(items: list[Any], page: str) -> bool:
    """Append ``page`` to the nav list that holds other pages of its folder."""
    folder = page.rsplit("/", 1)[0]
    if any(isinstance(i, str) and i.rsplit("/", 1)[0] == folder for i in items):
        items.append(page)
        return True
    for item in items:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and _add_to_nav(value, page):
                    return True
    return False
