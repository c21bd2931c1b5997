"""An explorer's HTML, remembered across builds (authoring.memo).

The HTML is a pure function of the marker's settings, the element id and the fallback
figure; the key holds all three and the code that makes it (explorer.render, its schema and
the course maths it computes the best mean with). A warm build reads the HTML back and does
not import NumPy at all. The marker's problems are found by every build before this is asked.
"""

from __future__ import annotations

import dataclasses
from importlib import metadata
from pathlib import Path

from authoring.memo import Memo, code_fingerprint
from explorer.render import Fallback, render_explorer
from explorer.schema import ExplorerSettings

NAME = "explorer"


def explorer_memo(root: Path | None) -> Memo:
    code = code_fingerprint("explorer.render", "explorer.schema", "coursemath.vae")
    return Memo(NAME, root, f"{code} numpy {_version('numpy')}")


def render_remembered(
    memo: Memo | None, settings: ExplorerSettings, element_id: str, fallback: Fallback
) -> str:
    """``render_explorer(settings, element_id, fallback)``, from ``memo`` when made before."""
    if memo is None:
        return render_explorer(settings, element_id, fallback)
    key = memo.key(dataclasses.astuple(settings), element_id, dataclasses.astuple(fallback))
    stored = memo.get(key, _is_explorer)
    if isinstance(stored, str):
        return stored
    html = render_explorer(settings, element_id, fallback)
    memo.put(key, html)
    return html


def _is_explorer(value: object) -> bool:
    return isinstance(value, str) and value.startswith('<div class="course-explorer"')


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "missing"
