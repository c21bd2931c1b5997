"""Finding quiz markers in a lesson's Markdown, outside code blocks.

A marker is an HTML comment alone on its line, at the top level of the page::

    <!-- quiz: 14-2-deriving-the-elbo.quiz.yml -->
    <!-- quiz: 14-2-deriving-the-elbo.quiz.yml#jensen-step,kl-value -->

The scan follows CommonMark's rules for fenced code (backticks or tildes, any indentation,
so fences nested in admonitions and lists count) and only takes markers indented by at most
three spaces: a line indented further is an indented code block or the body of a container,
and is left alone like any code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_FENCE_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
# Comments that begin with the word "quiz" are reserved: a missing colon is an error, not prose.
_MARKER_START = re.compile(r"^ {0,3}<!--\s*quiz(?![\w-])")
_MARKER = re.compile(
    r"^(?P<indent> {0,3})<!--\s*quiz\s*:\s*(?P<path>[^\s#]+?)"
    r"(?:#(?P<ids>[a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?\s*-->\s*$"
)
SYNTAX = "<!-- quiz: FILE.quiz.yml --> or <!-- quiz: FILE.quiz.yml#id,id -->"


@dataclass(frozen=True)
class Marker:
    line: int  # 1-based, in the text that was scanned
    col: int
    path: str  # as written: relative to the page's own file
    questions: tuple[str, ...] | None  # None: every question, in file order


@dataclass(frozen=True)
class Malformed:
    line: int
    col: int
    text: str


def scan(markdown: str) -> tuple[list[Marker], list[Malformed]]:
    """Every marker outside code, and every line that starts like a marker but is not one."""
    markers: list[Marker] = []
    malformed: list[Malformed] = []
    fence: str | None = None  # the opening fence while inside fenced code
    # Only "\n" ends a line for Markdown (str.splitlines would also split at \f, \u2028...).
    for number, raw in enumerate(markdown.split("\n"), start=1):
        line = raw.rstrip("\r")
        if fence is not None:
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                fence = None
            continue
        opened = _FENCE_OPEN.match(line)
        if opened and not (opened["fence"][0] == "`" and "`" in opened["info"]):
            fence = opened["fence"]
            continue
        if not _MARKER_START.match(line):
            continue
        match = _MARKER.match(line)
        if match is None:
            malformed.append(Malformed(number, len(line) - len(line.lstrip(" ")) + 1, line.strip()))
            continue
        ids = match["ids"]
        questions = tuple(part.strip() for part in ids.split(",")) if ids else None
        markers.append(Marker(number, len(match["indent"]) + 1, match["path"], questions))
    return markers, malformed


def expand(markdown: str, render: Callable[[Marker], str | None]) -> str:
    """Replace each marker line by ``render(marker)``, set off by blank lines (None: keep it)."""
    markers, _ = scan(markdown)
    if not markers:
        return markdown
    by_line = {marker.line: marker for marker in markers}
    out = []
    for number, line in enumerate(markdown.split("\n"), start=1):
        marker = by_line.get(number)
        block = None if marker is None else render(marker)
        out.append(line if block is None else f"\n{block}\n")
    return "\n".join(out)
