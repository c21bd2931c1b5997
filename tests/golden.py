"""The one golden-file harness of the suite: expected output kept beside the test input.

``assert_golden(actual, path)`` compares ``actual`` with the file at ``path``. A missing
golden file fails (a new case must be looked at once before it counts). To rewrite every
golden file from the current output, run the suite with ``UPDATE_GOLDENS=1`` and review the
diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

UPDATE_VARIABLE = "UPDATE_GOLDENS"


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE, "") not in ("", "0")


def assert_golden(actual: str, path: Path) -> None:
    """Fail unless ``actual`` equals the golden file (rewrite it with UPDATE_GOLDENS=1)."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.is_file():
        raise AssertionError(
            f"golden file {path} is missing; run with {UPDATE_VARIABLE}=1 to write it from "
            "the current output, then review it"
        )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"{path} (golden)",
                tofile="actual",
            )
        )
        raise AssertionError(
            f"output differs from {path.name} "
            f"(rewrite with {UPDATE_VARIABLE}=1 if intended):\n{diff}"
        )
