"""The renderer: a child process that runs stale jobs and writes their outputs.

A separate process keeps matplotlib out of MkDocs, always runs the code as it is on disk
now (a long `mkdocs serve` never sees a module imported before an edit), and survives a
script that calls sys.exit or crashes. Protocol: a JSON request on stdin; one JSON line
per event on the original stdout (scripts' own prints go to stderr).

It never outlives the process that started it (figures_src/renderer.py), even one killed
with SIGKILL: on Linux the kernel kills it when its parent dies (PR_SET_PDEATHSIG), and on
every system a thread ends it once its parent is gone. SIGUSR1 writes every thread's stack
to stderr, so a script stopped for running too long is named with its line.
"""

from __future__ import annotations

import ctypes
import faulthandler
import importlib
import json
import logging
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path
from typing import IO, Any

from authoring.files import sha256, write_atomic
from figures_src.outputs import OutputError, Outputs


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.name}: {record.getMessage()}")


def _location(exc: BaseException, script: Path, source_dir: Path) -> tuple[int | None, str]:
    """The script line that led to ``exc``, and where in the package it was raised."""
    frames = traceback.extract_tb(exc.__traceback__)
    script_line = next((f.lineno for f in reversed(frames) if Path(f.filename) == script), None)
    inner = next((f for f in reversed(frames) if Path(f.filename).is_relative_to(source_dir)), None)
    raised_in = ""
    if inner is not None and Path(inner.filename) != script:
        raised_in = (
            f" (raised at {Path(inner.filename).relative_to(source_dir.parent)}:{inner.lineno})"
        )
    return script_line, raised_in


def run_job(job: dict[str, Any], output_dir: Path, source_dir: Path) -> dict[str, Any]:
    """Import the job's script, build its outputs, and write them if all is well."""
    script = Path(job["script"])
    out = Outputs(job["name"], job["params"], job["figures"], job["tables"])
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            module = importlib.import_module(job["module"])
            build = getattr(module, "build", None)
            if not callable(build):
                raise OutputError("defines no build(out) function")
            build(out)
        problems = [f"did not write declared output {output}" for output in out.missing()]
        problems += [f"parameter '{name}' is never read" for name in out.params.unused()]
        if problems:
            return {"event": "failed", "error": "; ".join(problems), "line": None}
    except (Exception, SystemExit) as exc:
        line, raised_in = _location(exc, script, source_dir)
        message = str(exc) if isinstance(exc, OutputError) else f"{type(exc).__name__}: {exc}"
        return {"event": "failed", "error": message + raised_in, "line": line}
    finally:
        logging.getLogger().removeHandler(collect)

    written: dict[str, str] = {}
    for output, data in sorted(out.rendered.items()):
        target = output_dir / output
        if not (target.is_file() and target.read_bytes() == data):
            write_atomic(target, data)  # unchanged bytes are left alone: no reload
        written[output] = sha256(data)
    messages = [f"{w.category.__name__}: {w.message}" for w in caught] + collect.messages
    return {"event": "done", "outputs": written, "warnings": messages}


PARENT_ENV = "COURSE_FIGURES_PARENT"  # the pid of the process that started the worker
PR_SET_PDEATHSIG = 1  # linux/prctl.h
PARENT_POLL_SECONDS = 0.25


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)  # the build is gone: so is this worker, whatever a script is doing


def stay_with_parent() -> None:
    """End this process when the one that started it ends, however it ends."""
    parent = int(os.environ.get(PARENT_ENV) or os.getppid())
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watching thread below still ends this process
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the kernel was asked to watch it
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def main() -> None:
    stay_with_parent()
    faulthandler.register(signal.SIGUSR1, file=sys.stderr, all_threads=True)
    protocol: IO[str] = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a script's print() goes to stderr
    request = json.load(sys.stdin)
    output_dir = Path(request["output_dir"])
    source_dir = Path(request["source_dir"])
    for job in request["jobs"]:
        protocol.write(json.dumps({"event": "start", "job": job["name"]}) + "\n")
        protocol.flush()
        started = time.perf_counter()
        result = run_job(job, output_dir, source_dir)
        result.update(job=job["name"], seconds=time.perf_counter() - started)
        protocol.write(json.dumps(result) + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
