"""Theme icons (the SVG files Material for MkDocs ships) inlined into the lesson header."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import material

ICON_NAME = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)+$")
_ICONS = Path(material.__file__).parent / "templates" / ".icons"


def icon_path(name: str) -> Path | None:
    """The SVG file of ``name`` (e.g. ``material/abacus``), or None if there is none."""
    if not ICON_NAME.match(name):
        return None
    path = _ICONS / f"{name}.svg"
    return path if path.is_file() else None


@functools.lru_cache(maxsize=64)
def icon_svg(name: str) -> str:
    """The icon's SVG markup, hidden from assistive technology (it is decoration)."""
    path = icon_path(name)
    if path is None:
        raise KeyError(name)
    svg = path.read_text(encoding="utf-8").strip()
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
