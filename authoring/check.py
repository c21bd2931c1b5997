"""``python -m authoring check [PATH ...]``: every author-facing validation, no site written.

It runs the real build with every course plugin in check mode: pages are read, markers
expanded, TeX rendered (cached), figures brought up to date, and every plugin's checks run,
including those too slow for each build (executing every lesson's code blocks). The build
stops once every page was read, before MkDocs writes anything. Warnings MkDocs itself logs
(broken links, missing anchors) are problems too, located in the page's source.

Exit codes: 0 no problem; 1 problems found (printed as ``path:line:col: message``);
2 the check could not run (no mkdocs.yml, an invalid configuration).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from authoring.linkcheck import locate_warning
from authoring.problems import Problem, format_report, sorted_problems
from authoring.report import CheckFinished, check_mode

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
NOTES_LOGGER = "mkdocs.plugins.course"


@dataclass(frozen=True)
class CheckResult:
    problems: list[Problem]
    notes: list[str]  # what was not checked, and why (printed, never silent)


class _Records(logging.Handler):
    """MkDocs' warnings (problems) and the course plugins' notes (skipped code blocks...)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.warnings: list[logging.LogRecord] = []
        self.notes: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings.append(record)
        elif record.name == NOTES_LOGGER:
            self.notes.append(record.getMessage())


@contextmanager
def _captured() -> Iterator[_Records]:
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    notes = logging.getLogger(NOTES_LOGGER)
    level = notes.level
    notes.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        notes.setLevel(level)


def run_check(config_file: Path) -> CheckResult:
    """Every problem the course's sources have, sorted, and the notes. Raises CannotRun."""
    root = config_file.resolve().parent
    with tempfile.TemporaryDirectory(prefix="course-check-") as scratch:
        try:
            config = load_config(str(config_file), site_dir=os.path.join(scratch, "site"))
        except (ConfigurationError, Abort, OSError) as exc:
            raise CannotRun(f"{config_file}: {exc}") from None
        problems: list[Problem] = []
        with check_mode(), _captured() as records:
            try:
                build(config)
            except CheckFinished as finished:
                problems.extend(finished.report.problems)
            except PluginError as exc:  # raised before the report exists (plugin order...)
                raise CannotRun(str(exc)) from None
            except Abort as exc:
                raise CannotRun(str(exc)) from None
        for record in records.warnings:
            problems.append(locate_warning(record.getMessage(), config, root))
    return CheckResult(sorted_problems(problems), records.notes)


class CannotRun(Exception):
    pass


def _selected(problems: list[Problem], paths: Sequence[str], root: Path) -> list[Problem]:
    if not paths:
        return problems
    wanted = [Path(os.path.abspath(p)) for p in paths]

    def inside(problem: Problem) -> bool:
        where = (root / problem.path).resolve()
        return any(where == w or w in where.parents for w in wanted)

    return [p for p in problems if inside(p)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m authoring check",
        description="Check the course's sources without writing a site.",
    )
    parser.add_argument("paths", nargs="*", help="only report problems in these files or folders")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path)
    args = parser.parse_args(argv)
    config_file: Path = args.config_file
    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    if not config_file.is_file():
        print(f"{config_file}: no such file; run this from the project's folder", file=sys.stderr)
        return EXIT_CANNOT_RUN
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        result = run_check(config_file)
    except CannotRun as exc:
        print(f"The check could not run: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    for note in result.notes:
        print(f"note: {note}")
    shown = _selected(result.problems, args.paths, config_file.resolve().parent)
    if not shown:
        print("No problems found.")
        return EXIT_CLEAN
    print(format_report(shown))
    return EXIT_PROBLEMS
