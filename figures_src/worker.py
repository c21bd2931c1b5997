"""The renderer: a child process that runs stale jobs and writes their outputs.

A separate process keeps matplotlib out of MkDocs, always runs the code as it is on disk
now (a long `mkdocs serve` never sees a module imported before an edit), and survives a
script that calls sys.exit or crashes. Protocol: a JSON request on stdin; one JSON line
per event on the original stdout (scripts' own prints go to stderr).
"""

from __future__ import annotations

import importlib
import json
import logging
import os
import sys
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


def main() -> None:
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
