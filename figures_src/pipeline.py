"""Decide what is stale, render it in the worker process, keep the cache and folders tidy.

This module imports neither matplotlib nor the figure scripts: a build with nothing stale
costs a few file reads and hashes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from authoring.files import sha256
from authoring.problems import Problem, ProblemsFound, problem
from figures_src.config import PipelinePaths
from figures_src.digest import DependencyScanner, job_inputs
from figures_src.files import MANAGED_SUBDIRS
from figures_src.manifest import JobRecord, Manifest, locked, unwritable
from figures_src.registry import Job, load_catalog
from figures_src.renderer import JobResult, Progress, render

__all__ = ["JobResult", "Plan", "Report", "make_plan", "run"]


@dataclass
class Plan:
    """What a run would do."""

    jobs: list[Job]  # the selected jobs
    stale: dict[str, list[str]]  # job name -> why it must be rendered
    orphans: list[Path]  # files in the managed folders that no job declares
    inputs: dict[str, dict[str, str]]  # job name -> input hashes now
    catalog: set[str]  # every job name in the catalog, selected or not
    imports: dict[str, list[str]]  # the import scan results this plan used (for the manifest)


@dataclass
class Report:
    plan: Plan
    rendered: list[JobResult]
    seconds: float


def _stale_reasons(
    job: Job, inputs: dict[str, str], record: JobRecord | None, paths: PipelinePaths
) -> list[str]:
    if record is None:
        return ["not built yet"]
    reasons = []
    for key in sorted(set(inputs) | set(record.inputs)):
        if inputs.get(key) != record.inputs.get(key):
            what = key.removeprefix("code:")
            reasons.append(f"{what} changed" if key.startswith("code:") else f"{key} changed")
    for output in job.outputs:
        target = paths.output_dir / output
        if not target.is_file():
            reasons.append(f"{output} is missing")
        elif sha256(target.read_bytes()) != record.outputs.get(output):
            reasons.append(f"{output} was modified")
    return reasons


def select(jobs: list[Job], names: Sequence[str]) -> list[Job]:
    """Jobs named by job name or by the name of one of their outputs."""
    if not names:
        return jobs
    chosen: dict[str, Job] = {}
    unknown = []
    for name in names:
        matches = [j for j in jobs if name == j.name or name in (*j.figures, *j.tables)]
        if not matches:
            unknown.append(name)
        chosen.update((j.name, j) for j in matches)
    if unknown:
        known = ", ".join(sorted({j.name for j in jobs} | {n for j in jobs for n in j.figures}))
        raise ProblemsFound(
            problem("figures", None, f"unknown figure or job '{n}'; use one of: {known}")
            for n in unknown
        )
    return [j for j in jobs if j.name in chosen]


def _orphans(all_jobs: Iterable[Job], paths: PipelinePaths) -> list[Path]:
    declared = {paths.output_dir / out for job in all_jobs for out in job.outputs}
    found = []
    for subdir in MANAGED_SUBDIRS:
        folder = paths.output_dir / subdir
        if folder.is_dir():
            found += [p for p in folder.rglob("*") if not p.is_dir() and p not in declared]
    return sorted(found)


def make_plan(paths: PipelinePaths, names: Sequence[str] = (), force: bool = False) -> Plan:
    all_jobs = load_catalog(paths)
    jobs = select(all_jobs, names)
    manifest = Manifest.load(paths.manifest)
    scanner = DependencyScanner(paths.source_dir, manifest.imports)
    inputs: dict[str, dict[str, str]] = {}
    stale: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for job in jobs:
        try:
            inputs[job.name] = job_inputs(job, paths, scanner)
        except ProblemsFound as exc:
            problems += exc.problems
            continue
        reasons = _stale_reasons(job, inputs[job.name], manifest.jobs.get(job.name), paths)
        if force:
            reasons = ["forced", *reasons]
        if reasons:
            stale[job.name] = reasons
    if problems:
        raise ProblemsFound(problems)
    return Plan(
        jobs,
        stale,
        _orphans(all_jobs, paths),
        inputs,
        {j.name for j in all_jobs},
        scanner.used_imports,
    )


def run(
    paths: PipelinePaths,
    names: Sequence[str] = (),
    force: bool = False,
    progress: Progress | None = None,
    warn: Callable[[str], None] | None = None,
) -> Report:
    """Render what is stale, remove orphans, update the manifest; raise if anything failed.

    A cache that cannot be written is not a failure: the run renders without it and says so
    once through ``warn``.
    """
    started = time.perf_counter()
    with locked(paths.cache_dir) as cache_error:
        plan = make_plan(paths, names, force)
        for orphan in plan.orphans:
            orphan.unlink()
        manifest = Manifest.load(paths.manifest)
        manifest.jobs = {n: r for n, r in manifest.jobs.items() if n in plan.catalog}
        if len(plan.jobs) == len(plan.catalog):
            manifest.imports = plan.imports  # drops what no module needs any more
        else:
            manifest.imports.update(plan.imports)
        results: list[JobResult] = []
        stale_jobs = [j for j in plan.jobs if j.name in plan.stale]
        if stale_jobs:
            results, outputs = render(stale_jobs, paths, progress)
            for result in results:
                if result.name in outputs:
                    manifest.jobs[result.name] = JobRecord(
                        plan.inputs[result.name], outputs[result.name]
                    )
                else:
                    manifest.jobs.pop(result.name, None)  # failed: stale until it succeeds
        if cache_error is None:
            try:
                manifest.save(paths.manifest)
            except OSError as exc:
                cache_error = exc
    if cache_error is not None and warn is not None:
        warn(unwritable(paths.show(paths.cache_dir), cache_error))
    problems = [r.problem for r in results if r.problem is not None]
    if problems:
        raise ProblemsFound(problems)
    return Report(plan, results, time.perf_counter() - started)
