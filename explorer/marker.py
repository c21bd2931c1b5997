"""Recognise an explorer marker line and read its ``key=value`` parameters.

A marker is an HTML comment alone on a line, at the line's start::

    <!-- explorer -->
    <!-- explorer: sigma2=0.3 x=1.5 controls=m,x,s2,beta -->
"""

from __future__ import annotations

import re

from explorer.schema import ExplorerSettings, validate_parameters

MARKER_OPENING = "<!-- explorer"
_WORD_CONTINUES = re.compile(r"[\w-]")
_COMPLETE = re.compile(r"<!-- explorer(?P<colon>:)?(?P<body>.*?)\s*-->")


def is_marker_line(line: str) -> bool:
    """True for a line that is meant as a marker (``<!-- explorers`` is not one)."""
    if not line.startswith(MARKER_OPENING):
        return False
    rest = line[len(MARKER_OPENING) :]
    return not (rest and _WORD_CONTINUES.match(rest))


def parse_marker(line: str) -> tuple[ExplorerSettings | None, list[str]]:
    """Read a marker line; return its settings, or every problem in it."""
    match = _COMPLETE.fullmatch(line.rstrip())
    if match is None:
        return None, [
            "an explorer marker must be one whole line, "
            "'<!-- explorer -->' or '<!-- explorer: key=value ... -->'"
        ]
    body = match.group("body").strip()
    if body and not match.group("colon"):
        return None, [
            f"put a colon after 'explorer' before the parameters: '<!-- explorer: {body} -->'"
        ]
    raw: dict[str, str] = {}
    problems: list[str] = []
    for token in body.split():
        key, sep, value = token.partition("=")
        if not sep or not key or not value:
            problems.append(f"expected key=value, got {token!r}")
        elif key in raw:
            problems.append(f"parameter {key!r} given twice")
        else:
            raw[key] = value
    settings, invalid = validate_parameters(raw)
    problems += invalid
    return (settings, []) if not problems else (None, problems)
