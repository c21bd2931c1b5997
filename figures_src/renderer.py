"""The client side of the renderer process (figures_src/worker.py): start it, follow it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from authoring.problems import Problem, problem
from figures_src.config import PipelinePaths
from figures_src.registry import Job


@dataclass
class JobResult:
    name: str
    seconds: float
    problem: Problem | None = None
    warnings: list[str] = field(default_factory=list)


Progress = Callable[[JobResult], None]


def _request(jobs: list[Job], paths: PipelinePaths) -> dict[str, Any]:
    return {
        "source_dir": str(paths.source_dir),
        "output_dir": str(paths.output_dir),
        "jobs": [
            {
                "name": j.name,
                "module": j.module,
                "script": str(j.script),
                "figures": list(j.figures),
                "tables": list(j.tables),
                "params": j.params,
            }
            for j in jobs
        ],
    }


def _environment(package_parent: str) -> dict[str, str]:
    env = dict(os.environ)
    # The worker imports the figures package at `paths.source_dir` (maybe a copy), not
    # whichever one this process has.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ writes to wake `mkdocs serve`
    env["MPLBACKEND"] = "Agg"
    return env


def render(
    jobs: list[Job], paths: PipelinePaths, progress: Progress | None
) -> tuple[list[JobResult], dict[str, dict[str, str]]]:
    """Run ``jobs`` in one worker process; results and each finished job's output hashes."""
    by_name = {j.name: j for j in jobs}
    package_parent = str(paths.source_dir.parent)
    results: list[JobResult] = []
    outputs: dict[str, dict[str, str]] = {}
    current: str | None = None
    with tempfile.TemporaryFile() as stderr:
        worker = subprocess.Popen(
            [sys.executable, "-m", f"{paths.source_dir.name}.worker"],
            cwd=package_parent,
            env=_environment(package_parent),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        )
        assert worker.stdin is not None and worker.stdout is not None
        worker.stdin.write(json.dumps(_request(jobs, paths)))
        worker.stdin.close()
        for line in worker.stdout:
            event = json.loads(line)
            job = by_name[event["job"]]
            if event["event"] == "start":
                current = job.name
                continue
            current = None
            result = JobResult(job.name, event["seconds"], warnings=event.get("warnings", []))
            if event["event"] == "done":
                outputs[job.name] = event["outputs"]
            else:
                result.problem = problem(paths.show(job.script), event["line"], event["error"])
            results.append(result)
            if progress:
                progress(result)
        code = worker.wait()
        stderr.seek(0)
        tail = stderr.read().decode("utf-8", "replace").strip().splitlines()[-5:]
    finished = {r.name for r in results}
    for job in jobs:
        if job.name in finished:
            continue
        if job.name == current or (current is None and code != 0):
            detail = f"the renderer process died (exit code {code})"
            if tail:
                detail += ": " + " | ".join(tail)
        else:
            detail = "not rendered: the renderer process died on an earlier job"
        result = JobResult(job.name, 0.0, problem(paths.show(job.script), None, detail))
        results.append(result)
        if progress:
            progress(result)
    return results, outputs
