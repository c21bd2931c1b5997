"""The client side of the renderer process (figures_src/worker.py): start it, follow it, stop it.

Every job has a time limit: its ``timeout:`` in catalog.yml, else the plugin's ``timeout``
(120 s). A job that runs past it is stopped: the worker is asked for its stack (so the
problem names the script's line), its process group is killed, and a new worker renders the
jobs after it; so is a worker that crashed. No worker outlives the build: it is killed when
this process stops following it for any reason (an error, Ctrl-C), and it ends itself when
this process dies, even by SIGKILL (see worker.py).
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from authoring.problems import Problem, problem
from figures_src.config import CATALOG_NAME, PipelinePaths
from figures_src.registry import Job
from figures_src.worker import PARENT_ENV

STACK_WAIT_SECONDS = 1.0  # how long a stopped worker has to write its stack
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)')


@dataclass
class JobResult:
    name: str
    seconds: float
    problem: Problem | None = None
    warnings: list[str] = field(default_factory=list)


Progress = Callable[[JobResult], None]
Outputs = dict[str, dict[str, str]]


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
    env[PARENT_ENV] = str(os.getpid())
    return env


def time_limit(job: Job, paths: PipelinePaths) -> float:
    return job.timeout if job.timeout is not None else paths.timeout


def timeout_message(job: Job, paths: PipelinePaths) -> str:
    seconds = f"{time_limit(job, paths):g} s"
    if job.timeout is not None:
        where = f"timeout in {CATALOG_NAME}"
    else:
        where = f"the default timeout; set 'timeout:' in its {CATALOG_NAME} entry"
    return f"did not finish within {seconds} ({where}); make it faster or raise its timeout"


class TimedOut(Exception):
    """The job in hand ran past its time limit."""


class _Worker:
    """One renderer process, in a process group of its own (scripts' children die with it)."""

    def __init__(self, jobs: list[Job], paths: PipelinePaths, stderr: IO[bytes]) -> None:
        package_parent = str(paths.source_dir.parent)
        self.stderr = stderr
        self.process = subprocess.Popen(
            [sys.executable, "-m", f"{paths.source_dir.name}.worker"],
            cwd=package_parent,
            env=_environment(package_parent),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.events = self.process.stdout.fileno()
        self.buffer = b""
        try:
            self.process.stdin.write(json.dumps(_request(jobs, paths)).encode("utf-8"))
            self.process.stdin.close()
        except BrokenPipeError:
            pass  # it died at once: its exit code and stderr say why

    def next_event(self, deadline: float) -> dict[str, Any] | None:
        """The next event, None at the end of the output; TimedOut once ``deadline`` passed."""
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimedOut
            ready, _, _ = select.select([self.events], [], [], remaining)
            if not ready:
                raise TimedOut
            chunk = os.read(self.events, 65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        event: dict[str, Any] = json.loads(line)
        return event

    def stack_line(self, script: Path) -> int | None:
        """The line of ``script`` the worker is running now (from its stack, on SIGUSR1)."""
        start = self.stderr.seek(0, os.SEEK_END)
        try:
            os.kill(self.process.pid, signal.SIGUSR1)
        except ProcessLookupError:
            return None
        waited = time.monotonic() + STACK_WAIT_SECONDS
        while time.monotonic() < waited:
            time.sleep(0.05)
            self.stderr.seek(start)
            text = self.stderr.read().decode("utf-8", "replace")
            for frame in _FRAME.finditer(text):  # the most recent call first
                if Path(frame["file"]) == script:
                    return int(frame["line"])
        return None

    def stop(self) -> int:
        """Kill the worker's process group, if it still runs; its exit code."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                self.process.kill()
        code = self.process.wait()
        assert self.process.stdout is not None
        self.process.stdout.close()
        return code

    def tail(self) -> list[str]:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace").strip().splitlines()[-5:]


def _batch(
    jobs: list[Job], paths: PipelinePaths, progress: Progress | None
) -> tuple[list[JobResult], Outputs, list[Job]]:
    """Run ``jobs`` in one worker: results, output hashes, and the jobs left for a new one."""
    by_name = {j.name: j for j in jobs}
    results: list[JobResult] = []
    outputs: Outputs = {}
    finished: set[str] = set()

    def record(result: JobResult) -> None:
        finished.add(result.name)
        results.append(result)
        if progress:
            progress(result)

    current: Job | None = None
    with tempfile.TemporaryFile() as stderr:
        worker = _Worker(jobs, paths, stderr)
        try:
            started = time.monotonic()
            while True:
                timed = current or next(j for j in jobs if j.name not in finished)
                try:
                    event = worker.next_event(started + time_limit(timed, paths))
                except TimedOut:
                    line = worker.stack_line(timed.script)
                    worker.stop()
                    late = problem(paths.show(timed.script), line, timeout_message(timed, paths))
                    record(JobResult(timed.name, time.monotonic() - started, late))
                    return results, outputs, [j for j in jobs if j.name not in finished]
                if event is None:
                    break
                job = by_name[event["job"]]
                if event["event"] == "start":
                    current, started = job, time.monotonic()
                    continue
                current, started = None, time.monotonic()
                result = JobResult(job.name, event["seconds"], warnings=event.get("warnings", []))
                if event["event"] == "done":
                    outputs[job.name] = event["outputs"]
                else:
                    result.problem = problem(paths.show(job.script), event["line"], event["error"])
                record(result)
                if len(finished) == len(jobs):
                    break
        finally:
            code = worker.stop()
        tail = worker.tail()
    rest = [j for j in jobs if j.name not in finished]
    if not rest:
        return results, outputs, []
    died = f"the renderer process died (exit code {code})"
    if tail:
        died += ": " + " | ".join(tail)
    if current is not None:
        record(JobResult(current.name, 0.0, problem(paths.show(current.script), None, died)))
        return results, outputs, [j for j in jobs if j.name not in finished]
    for job in rest:  # it died before it started a job: a new worker would too
        record(JobResult(job.name, 0.0, problem(paths.show(job.script), None, died)))
    return results, outputs, []


def render(
    jobs: list[Job], paths: PipelinePaths, progress: Progress | None
) -> tuple[list[JobResult], Outputs]:
    """Run ``jobs``; results and each finished job's output hashes.

    A job that fails, runs past its time limit or kills the worker is reported; the jobs after
    it are still rendered (by a new worker when the old one had to go).
    """
    results: list[JobResult] = []
    outputs: Outputs = {}
    pending = list(jobs)
    while pending:
        done, written, pending = _batch(pending, paths, progress)
        results += done
        outputs.update(written)
    return results, outputs
