"""Runs one page's code blocks, in a process of its own: ``python -m guarantees.runner EVENTS``.

The plan (JSON on standard input) lists the page's blocks in page order. Python blocks run
in one namespace per page; a doctest session (``>>>`` lines) runs in the same namespace and
its printed output is compared by the standard ``doctest`` module.

Tab groups: each tab of a group starts from the namespace as it was before the group (a
shallow copy), so a PyTorch tab never sees what its NumPy twin defined. After the group the
page continues with the namespace of the group's first tab, the one a reader sees first.

A block that imports an optional package (the plan's ``optional``: torch) that is not
installed is skipped with the reason, and so are the blocks after it in the same tab; with
``WITH_TORCH=1`` in the environment torch is required and its absence is an error instead.

Events are written to the file EVENTS as JSON lines, flushed one by one, so the parent
knows which block was running if it has to stop this process at its time limit. The blocks'
own output goes to this process's standard output, which the parent discards.
"""

from __future__ import annotations

import ast
import doctest
import importlib.util
import json
import os
import sys
import traceback
from typing import IO, Any


def missing_optional(code: str, doctest_session: bool, optional: list[str]) -> str | None:
    """The optional package ``code`` imports that is not installed (None if there is none)."""
    if doctest_session:
        examples = doctest.DocTestParser().get_examples(code)
        code = "\n".join(example.source for example in examples)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None  # running it reports the syntax error
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module.split(".")[0])
    for name in optional:
        required = os.environ.get(f"WITH_{name.upper()}") == "1"
        if name in imported and not required and not _installed(name):
            return name
    return None


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a parent package that fails, a module without a spec
        return False


class _Failures(doctest.DocTestRunner):
    """A doctest runner that keeps the first failure instead of printing it."""

    def __init__(self) -> None:
        super().__init__(verbose=False, optionflags=doctest.ELLIPSIS)
        self.first: dict[str, Any] | None = None

    def report_failure(self, out: Any, test: Any, example: Any, got: str) -> None:
        if self.first is None:
            self.first = {
                "line": example.lineno + 1,
                "expected": example.want.rstrip("\n"),
                "got": got.rstrip("\n"),
            }

    def report_unexpected_exception(self, out: Any, test: Any, example: Any, exc_info: Any) -> None:
        if self.first is None:
            last = traceback.format_exception_only(exc_info[0], exc_info[1])[-1].strip()
            self.first = {"line": example.lineno + 1, "error": last}


def _error_line(exc: BaseException, filename: str) -> int | None:
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return exc.lineno
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    return line


def run_block(block: dict[str, Any], namespace: dict[str, Any]) -> dict[str, Any]:
    """Run one block in ``namespace``; the event that says how it went."""
    filename = f"<{block['name']}>"
    if block["kind"] == "doctest":
        test = doctest.DocTestParser().get_doctest(block["code"], namespace, filename, None, 0)
        runner = _Failures()
        runner.run(test, out=lambda text: None, clear_globs=False)
        if runner.first is None:
            return {"event": "ok"}
        return {"event": "doctest", **runner.first}
    try:
        exec(compile(block["code"], filename, "exec"), namespace)
    except BaseException as exc:  # the lesson's code may raise anything, SystemExit too
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return {"event": "error", "line": _error_line(exc, filename), "error": last}
    return {"event": "ok"}


def run_page(blocks: list[dict[str, Any]], optional: list[str], events: IO[str]) -> None:
    page: dict[str, Any] = {"__name__": "__lesson__"}
    group: int | None = None
    before: dict[str, Any] = {}
    tabs: dict[int, dict[str, Any]] = {}
    skipped_tabs: dict[int, str] = {}

    def emit(event: dict[str, Any]) -> None:
        events.write(json.dumps(event) + "\n")
        events.flush()

    for block in blocks:
        where = block.get("group")
        if group is not None and (where is None or where[0] != group):
            page = tabs.get(0, before)  # the group is over: go on from its first tab
            group = None
        if where is not None and where[0] != group:
            group, before, tabs, skipped_tabs = where[0], page, {}, {}
        namespace = page
        if where is not None:
            namespace = tabs.setdefault(where[1], dict(before))
            if where[1] in skipped_tabs:
                emit({"event": "skip", "id": block["id"], "reason": skipped_tabs[where[1]]})
                continue
        emit({"event": "start", "id": block["id"]})
        missing = missing_optional(block["code"], block["kind"] == "doctest", optional)
        if missing is not None:
            reason = f"{missing} is not installed"
            if where is not None:
                skipped_tabs[where[1]] = reason
            emit({"event": "skip", "id": block["id"], "reason": reason})
            continue
        emit({"id": block["id"], **run_block(block, namespace)})
    emit({"event": "done"})


def main() -> None:
    plan = json.load(sys.stdin)
    with open(sys.argv[1], "a", encoding="utf-8") as events:
        run_page(plan["blocks"], plan["optional"], events)


if __name__ == "__main__":
    main()
