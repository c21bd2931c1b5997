"""Every code block of every lesson is run by the check command, one process per page.

Which blocks run: fenced blocks whose language is Python (``python``, ``py``, ``python3``)
and doctest sessions (``pycon``, or a Python block whose first line starts with ``>>>``).
Other languages (sh, yaml, text, markdown...) are not run.

Opting out: ``<!-- norun: reason -->`` on the line before a block (blank lines between are
fine); before a tab group, it applies to every block of the group. The reason is required
and is printed by the check, like the reason of every other block that was not run.

Each page runs in a process of its own (guarantees.runner) in an empty temporary folder,
stopped after ``timeout`` seconds: a lesson can never hang the check. A block that raises,
a doctest whose output differs, a page that runs out of time: each is a problem at the
block's first line (its opening fence), with the error's last line as context.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from authoring.problems import Problem
from authoring.source import Location
from guarantees.extension import PageRecord
from guarantees.prose import FencedBlock

log = logging.getLogger("mkdocs.plugins.course")

PYTHON = {"python", "py", "python3", "py3"}
DOCTEST = {"pycon"}
NORUN = "norun"
NORUN_SYNTAX = "<!-- norun: why this block is not run -->"
# Packages a lesson may use that the course does not require (pyproject's extras): a block
# importing one that is not installed is skipped, with the reason printed.
OPTIONAL_PACKAGES = ("torch",)


@dataclass(frozen=True)
class PlannedBlock:
    block: FencedBlock
    kind: str  # "python" or "doctest"
    group: tuple[int, int] | None
    norun: str | None  # the reason, when the author opted out


def kind_of(block: FencedBlock) -> str | None:
    """How a block is run: "python", "doctest", or None (not run)."""
    if block.language in DOCTEST:
        return "doctest"
    if block.language in PYTHON:
        return "doctest" if block.code.lstrip().startswith(">>>") else "python"
    return None


def norun_targets(record: PageRecord) -> tuple[dict[int, str], list[Problem]]:
    """The blocks each norun marker applies to (by opening line), and markers that apply to none."""
    written = record.source.split("\n")
    reasons: dict[int, str] = {}
    problems: list[Problem] = []
    blocks = record.split.blocks
    for marker in record.norun:
        line = marker.location.line or 0
        following = [b for b in blocks if b.line > line]
        target = following[0] if following else None
        between = written[line : target.line - 1] if target else []
        if target is None or not all(_may_stand_between(text) for text in between):
            message = (
                "this norun marker is not followed by a code block; put it on the line "
                f"before the block it is about: {NORUN_SYNTAX}"
            )
            problems.append(Problem(marker.location, message))
            continue
        group = record.tabs.get(target.stash) if target.stash is not None else None
        for block in blocks:
            same = block is target or (
                group is not None
                and block.stash is not None
                and record.tabs.get(block.stash, (None,))[0] == group[0]
            )
            if same:
                reasons[block.line] = marker.argument
    return reasons, problems


def _may_stand_between(text: str) -> bool:
    stripped = text.strip()
    return stripped == "" or stripped.startswith("===")


def plan(record: PageRecord) -> tuple[list[PlannedBlock], list[Problem]]:
    reasons, problems = norun_targets(record)
    planned = []
    for block in record.split.blocks:
        kind = kind_of(block)
        if kind is None:
            continue
        group = record.tabs.get(block.stash) if block.stash is not None else None
        planned.append(PlannedBlock(block, kind, group, reasons.get(block.line)))
    return planned, problems


def run_page(record: PageRecord, timeout: float) -> list[Problem]:
    """Run every code block of one page; the problems found. Notes go to the course logger."""
    planned, problems = plan(record)
    for item in planned:
        if item.norun is not None:
            _note(record.path, item.block, item.norun)
    runnable = [item for item in planned if item.norun is None]
    if not runnable:
        return problems
    payload = {
        "optional": list(OPTIONAL_PACKAGES),
        "blocks": [
            {
                "id": number,
                "kind": item.kind,
                "code": item.block.code,
                "group": list(item.group) if item.group else None,
                "name": f"{record.path}:{item.block.line}",
            }
            for number, item in enumerate(runnable)
        ],
    }
    events, timed_out, crashed = _run(payload, timeout)
    finished = {event.get("id") for event in events if event.get("event") != "start"}
    for event in events:
        if "id" not in event or event.get("event") == "start":
            continue
        item = runnable[event["id"]]
        if event["event"] == "skip":
            _note(record.path, item.block, event["reason"])
        elif event["event"] in ("error", "doctest"):
            problems.append(_failure(record.path, item, event))
    done = any(event.get("event") == "done" for event in events)
    if not done:
        started = [e["id"] for e in events if e.get("event") == "start" and e["id"] not in finished]
        item = runnable[started[-1] if started else 0]
        if timed_out:
            message = (
                f"this code block did not finish within {timeout:g} s (the time limit of a "
                "page's code, code_timeout in the course-lessons options); make it faster, "
                f"or mark it {NORUN_SYNTAX}"
            )
        else:
            message = (
                "the code of this page stopped the Python process that ran it; fix the "
                f"code, or mark it {NORUN_SYNTAX}"
            )
        problems.append(Problem(Location(record.path, item.block.line), message, crashed))
    return problems


def _note(path: str, block: FencedBlock, reason: str) -> None:
    log.info("%s:%d: code block not run: %s", path, block.line, reason)


def _failure(path: str, item: PlannedBlock, event: dict[str, Any]) -> Problem:
    block = item.block
    line = event.get("line")
    at = f" (line {block.code_line + line - 1})" if isinstance(line, int) else ""
    if event["event"] == "doctest" and "expected" in event:
        message = (
            f"this doctest prints something else than it shows{at}: it shows "
            f"{_short(event['expected'])} but prints {_short(event['got'])}; fix the code or "
            "the output shown"
        )
        context = f"expected {event['expected']!r}, got {event['got']!r}"
        return Problem(Location(path, block.line), message, context)
    what = "this doctest" if item.kind == "doctest" else "this code block"
    message = f"{what} raises an error{at}; fix the code, or mark it {NORUN_SYNTAX}"
    return Problem(Location(path, block.line), message, event.get("error"))


def _short(text: str) -> str:
    shown = " / ".join(text.splitlines()) or "nothing"
    return repr(shown if len(shown) <= 60 else shown[:57] + "...")


def _run(payload: dict[str, Any], timeout: float) -> tuple[list[dict[str, Any]], bool, str | None]:
    """Run the runner: its events, whether it ran out of time, and why it crashed if it did."""
    with tempfile.TemporaryDirectory(prefix="course-code-") as folder:
        events_file = Path(folder) / "events.jsonl"
        events_file.touch()
        errors_file = Path(folder) / "stderr.txt"
        environment = {**os.environ, "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"}
        with open(errors_file, "wb") as errors:
            process = subprocess.Popen(
                [sys.executable, "-m", "guarantees.runner", str(events_file)],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                cwd=folder,
                env=environment,
                start_new_session=True,  # its own process group, stopped as a whole
            )
            timed_out = False
            try:
                process.communicate(json.dumps(payload).encode("utf-8"), timeout=timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        events = [json.loads(line) for line in _complete_lines(events_file)]
        crashed = None
        if not timed_out and not any(event.get("event") == "done" for event in events):
            lines = errors_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            crashed = lines[-1] if lines else f"exit status {process.returncode}"
        return events, timed_out, crashed


def _complete_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.split("\n")[:-1] if line.strip()]
