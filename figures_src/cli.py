"""`python -m figures_src`: build the stale figures and tables, or check what is stale.

``--check`` is the pipeline's own view (what is stale and why); ``python -m authoring check``
runs it together with every other check of the course.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from authoring.problems import ProblemsFound, format_report
from figures_src.config import PipelinePaths
from figures_src.pipeline import JobResult, make_plan, run


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m figures_src",
        description="Render the course's stale figures and tables into docs/assets/generated/.",
    )
    parser.add_argument("names", nargs="*", help="jobs or figure/table names (default: all)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="report what is stale without rendering; exit 1 if anything is",
    )
    parser.add_argument("--force", action="store_true", help="render even what is up to date")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="project folder holding figures_src/ and docs/ (default: this package's parent)",
    )
    return parser


def _print_progress(result: JobResult) -> None:
    status = "FAILED" if result.problem else "rendered"
    print(f"{result.name:<24} {status:<8} {result.seconds:6.2f} s", flush=True)
    for warning in result.warnings:
        print(f"  warning: {warning}", flush=True)


def _print_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    paths = PipelinePaths.for_root(args.root)
    try:
        if args.check:
            plan = make_plan(paths, args.names, args.force)
            for job in plan.jobs:
                reasons = plan.stale.get(job.name)
                print(
                    f"{job.name:<24} {'stale: ' + '; '.join(reasons) if reasons else 'up to date'}"
                )
            for orphan in plan.orphans:
                print(f"orphan: {paths.show(orphan)}")
            return 1 if plan.stale or plan.orphans else 0
        report = run(paths, args.names, args.force, progress=_print_progress, warn=_print_warning)
    except ProblemsFound as exc:
        print(format_report(exc.problems), file=sys.stderr)
        return 1
    plan = report.plan
    for job in plan.jobs:
        if job.name not in plan.stale:
            print(f"{job.name:<24} up to date")
    for orphan in plan.orphans:
        print(f"removed orphan {paths.show(orphan)}")
    print(
        f"{len(report.rendered)} rendered, {len(plan.jobs) - len(report.rendered)} up to date "
        f"in {report.seconds:.2f} s"
    )
    return 0
