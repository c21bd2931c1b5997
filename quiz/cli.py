"""``python -m quiz check PATHS``: the build's quiz checks, without building the site.

PATHS are quiz files, Markdown pages or folders (searched recursively). Every problem is
printed as ``path:line:col: message``; the exit status is 1 if there was any (or, with
``--strict``, any warning). TeX is checked with the course-math renderer configured in
mkdocs.yml, exactly as in the build.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from quiz.catalogue import QUIZ_SUFFIX, Catalogue, is_quiz_file
from quiz.markers import scan
from quiz.texcheck import ARITHMATEX, TexChecker


def _key(path: Path) -> str:
    return path.resolve().as_posix()


def _shown(path: Path) -> str:
    return os.path.relpath(path.resolve())


def _gather(paths: Sequence[Path]) -> tuple[list[Path], list[Path], list[Path]]:
    """Quiz files, pages and the folders given (whose unused quiz files are reported)."""
    quizzes: list[Path] = []
    pages: list[Path] = []
    folders: list[Path] = []
    for path in paths:
        if path.is_dir():
            folders.append(path)
            quizzes += sorted(path.rglob(f"*{QUIZ_SUFFIX}"))
            pages += sorted(path.rglob("*.md"))
        elif is_quiz_file(path.name):
            quizzes.append(path)
        else:
            pages.append(path)
    return quizzes, pages, folders


@contextlib.contextmanager
def _tex_checker(config_file: Path | None, plugin_name: str) -> Iterator[TexChecker | str]:
    """A TeX checker using mkdocs.yml's math renderer, or the reason there is none."""
    if config_file is None or not config_file.is_file():
        yield "TeX not checked: no mkdocs.yml (use --config-file)"
        return
    from mkdocs.config import load_config

    from mathrender.config import MathRenderConfig
    from mathrender.factory import make_renderer
    from mathrender.node_process import RendererUnavailable

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(config_file))
    plugin = config.plugins.get(plugin_name)
    plugin_config = getattr(plugin, "config", None)
    if (
        not isinstance(plugin_config, MathRenderConfig)
        or ARITHMATEX not in config.markdown_extensions
    ):
        yield f"TeX not checked: {config_file} has no {plugin_name} plugin with {ARITHMATEX}"
        return
    try:
        renderer, process = make_renderer(plugin_config, config, None)
    except RendererUnavailable as exc:
        yield f"TeX not checked: {exc}"
        return
    try:
        yield TexChecker(config.mdx_configs.get(ARITHMATEX, {}), renderer)
    finally:
        process.close()


def check(paths: Sequence[Path], config_file: Path | None, strict: bool, math_plugin: str) -> int:
    quiz_paths, pages, folders = _gather(paths)
    catalogue = Catalogue()
    texts = {page: page.read_text("utf-8") for page in pages}
    # Quiz files that the pages name are checked too, even when not listed.
    for page, text in texts.items():
        for marker in scan(text)[0]:
            target = page.parent / marker.path
            if is_quiz_file(target.name) and target.is_file() and target not in quiz_paths:
                quiz_paths.append(target)
    for path in quiz_paths:
        catalogue.add_quiz_file(_key(path), _shown(path), path.read_bytes())
    with _tex_checker(config_file, math_plugin) as checker:
        if isinstance(checker, str):
            print(f"note: {checker}", file=sys.stderr)
        else:
            catalogue.check_tex(checker)
    for page, text in texts.items():
        catalogue.add_page(_key(page), _shown(page), text)
    warnings = []
    for unused in catalogue.unused():
        path = Path(unused)
        if any(folder.resolve() in path.parents for folder in folders):
            warnings.append(f"{_shown(path)}:1:1: warning: quiz file is not used by any page")
    for problem in sorted(catalogue.problems):
        print(problem)
    for warning in warnings:
        print(warning)
    count = len(catalogue.problems)
    summary = f"{len(quiz_paths)} quiz file(s), {len(pages)} page(s): {count} problem(s)"
    print(f"{summary}, {len(warnings)} warning(s)", file=sys.stderr)
    return 1 if count or (strict and warnings) else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quiz", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="check quiz files and the markers in pages")
    checker.add_argument("paths", nargs="+", type=Path, help="quiz files, pages or folders")
    checker.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="for the TeX check"
    )
    checker.add_argument("--math-plugin", default="course-math")
    checker.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)
    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        parser.error(f"no such file or folder: {', '.join(missing)}")
    return check(args.paths, args.config_file, args.strict, args.math_plugin)
