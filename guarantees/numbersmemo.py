"""The numbers check of a page, remembered across builds (authoring.memo).

The key holds every input of the check: the page as written and the text Markdown reads, the claims
file's path and bytes, what the claims' expressions can read (the running example's values,
the figure catalog) and the code that computes them (guarantees/, coursemath/, the core
modules it uses, numpy's version). The value is the list of problems the check found, which
the build reports again every time: a remembered check hides nothing.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import yaml

from authoring.files import sha256
from authoring.memo import Memo, code_fingerprint
from coursemath import running_example
from guarantees.catalog import catalog_path
from guarantees.extension import PageRecord

NAME = "numbers"
CODE_MODULES = (
    "guarantees",
    "coursemath",
    "authoring.yamlsource",
    "authoring.schema",
    "authoring.source",
    "authoring.problems",
)


def numbers_memo(root: Path) -> Memo:
    code = code_fingerprint(*CODE_MODULES)
    # NumPy's version from its metadata: a warm build does not import NumPy.
    return Memo(NAME, root, f"{code} numpy {metadata.version('numpy')} pyyaml {yaml.__version__}")


def course_maths_inputs(root: Path) -> list[str]:
    """What every claim of the build may read besides the code: read once per build."""
    path = catalog_path(root)
    try:
        catalog = sha256(path.read_bytes())
    except OSError as exc:
        catalog = f"unreadable: {exc}"
    # Relative to the project when inside it: a moved or cloned course keeps its checks.
    try:
        where = path.relative_to(root.resolve()).as_posix()
    except ValueError:
        where = str(path)
    return [repr(running_example.RUNNING_EXAMPLE), where, catalog]


def page_key(
    memo: Memo,
    record: PageRecord,
    claims: tuple[str, bytes] | None,
    maths: list[str],
) -> str:
    """The key of one page's numbers check; ``claims``: the claims file (shown path, bytes)."""
    converted = sha256("\n".join(record.lines))  # with the source, decides the prose
    claims_part = None if claims is None else [claims[0], sha256(claims[1])]
    return memo.key(record.path, sha256(record.source), converted, claims_part, maths)
