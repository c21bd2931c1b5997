"""A warm parent for the catalogue's builds: each build is a child process of its own.

Starting Python, MkDocs, Material and numpy takes longer than building the fixture course
from warm caches, and the catalogue runs two builds per case. This process imports them
once, then forks one child per request; the child changes to the case's folder, sends its
output to a file and runs the command as the command line would (``mkdocs build --strict``
through MkDocs' own CLI, or the check command's ``main``), then exits with its exit code.
Each build is still its own process with its own state, and never shares one with the
next.

Requests and replies are JSON lines on stdin and stdout:
``{"cwd": ..., "command": "build" | "check", "output": FILE}`` -> ``{"code": N}``.
``BADINPUT_EXEC=1`` makes the test start every build as a new program instead.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time
from importlib.metadata import entry_points
from typing import Any

TIMEOUT = 300.0
PLUGINS = ("search", "course-figures", "course-explorer", "course-quiz", "course-lessons")


def preload() -> None:
    importlib.import_module("mkdocs.__main__")
    importlib.import_module("mkdocs.commands.build")
    importlib.import_module("authoring.check")
    for entry in entry_points(group="mkdocs.plugins"):
        if entry.name in (*PLUGINS, "course-math"):
            entry.load()


def child(request: dict[str, Any]) -> int:
    fd = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.chdir(request["cwd"])
    if request["command"] == "check":
        sys.path.insert(0, request["cwd"])  # as `python -m authoring check` has it
        from authoring.check import main

        return main([])
    from mkdocs.__main__ import cli

    try:
        cli.main(args=["build", "--strict"], prog_name="mkdocs")
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else 1
    return 0


def run(request: dict[str, Any]) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = child(request)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + TIMEOUT
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            return -9
        time.sleep(0.01)


def main() -> None:
    preload()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps({"code": run(json.loads(line))}), flush=True)


if __name__ == "__main__":
    main()
