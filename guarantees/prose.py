"""A page's source split into what a reader reads and its fenced code, with file lines.

Python-Markdown decides what is code. By the time the recorder's preprocessor runs (after
pymdownx.superfences, priority 25) every fenced code block, nested in tabs and admonitions
too, has been set aside as one placeholder line. Aligning that text with the file as written
gives, for every line, where it came from:

- lines that are unchanged are prose;
- lines that became a placeholder are a fenced code block: its fence and code are read from
  the file itself, so each block knows its first line;
- lines that are not in the file (a snippet's inserted table) are not the author's prose;
- the front matter is not in the converted text: ``front_matter_prose`` reads its summary.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from mkdocs.utils.meta import YAML_RE

from authoring.memo import Memo
from authoring.problems import ProblemsFound
from authoring.source import SourceText
from authoring.yamlmemo import read_yaml_remembered
from authoring.yamlsource import Mapping, Scalar

_PLACEHOLDER = re.compile(r"^\s*\x02wzxhzdk:(\d+)\x03\s*$")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")
FIRST_YAML_LINE = 2  # the front matter's YAML starts on the file's second line


@dataclass(frozen=True)
class ProseLine:
    line: int  # 1-based file line
    text: str  # as written (the file's line)
    col: int = 1  # the file column of the text's first character


@dataclass(frozen=True)
class FencedBlock:
    """One fenced code block: ``line`` is its opening fence, ``code`` is dedented."""

    line: int
    language: str
    info: str
    code: str
    code_line: int  # the file line of the code's first line
    stash: int | None  # Markdown's placeholder index for the block (its place in the page)


@dataclass(frozen=True)
class SplitPage:
    prose: list[ProseLine]
    blocks: list[FencedBlock]


def front_matter_lines(source: str) -> int:
    """How many lines at the top of ``source`` are front matter (0 without front matter)."""
    match = YAML_RE.match(source)
    return match.group(0).count("\n") if match else 0


def split_page(source: str, lines: list[str]) -> SplitPage:
    """Prose and fenced blocks of ``source``, given the text Markdown converts (``lines``)."""
    written = source.split("\n")
    skipped = front_matter_lines(source)
    matcher = difflib.SequenceMatcher(
        None, [line.rstrip() for line in written], [line.rstrip() for line in lines], False
    )
    code: set[int] = set()  # 0-based file lines inside fenced blocks
    blocks: list[FencedBlock] = []
    opcodes = matcher.get_opcodes()
    for tag, a1, a2, b1, b2 in opcodes:
        if tag == "equal":
            continue
        stashes = [int(m[1]) for m in map(_PLACEHOLDER.match, lines[b1:b2]) if m]
        if not stashes:
            continue
        start = a1
        for stash in stashes:
            found = _next_fence(written, start, max(a2, start + 1), code)
            if found is None:
                break
            block, end = found
            blocks.append(_block(written, block, end, stash))
            code.update(range(block, end + 1))
            start = end + 1
    prose = [
        ProseLine(number + 1, text)
        for tag, a1, a2, _, _ in opcodes
        if tag == "equal"
        for number, text in zip(range(a1, a2), written[a1:a2], strict=True)
        if number >= skipped and number not in code and text.strip()
    ]
    return SplitPage(prose, sorted(blocks, key=lambda b: b.line))


def _next_fence(
    written: list[str], start: int, stop: int, taken: set[int]
) -> tuple[int, int] | None:
    """The first fence opening in ``written[start:stop]`` and the line that closes it.

    Markdown already decided a block is there; this only finds its first and last line.
    The closing fence may lie beyond ``stop`` when the alignment kept a blank code line.
    """
    for number in range(start, min(stop, len(written))):
        if number in taken:
            continue
        opened = _FENCE.match(written[number])
        if opened is None:
            continue
        mark = opened["mark"]
        for end in range(number + 1, len(written)):
            closing = _FENCE.match(written[end])
            if (
                closing is not None
                and closing["mark"][0] == mark[0]
                and len(closing["mark"]) >= len(mark)
                and not closing["info"].strip()
            ):
                return number, end
        return number, len(written) - 1  # an unclosed fence runs to the end of the page
    return None


def _block(written: list[str], first: int, last: int, stash: int) -> FencedBlock:
    opened = _FENCE.match(written[first])
    assert opened is not None
    indent = len(opened["indent"])
    body = written[first + 1 : last] if last > first else []
    code = "\n".join(_dedent(line, indent) for line in body)
    info = opened["info"].strip()
    return FencedBlock(first + 1, language(info), info, code, first + 2, stash)


def _dedent(line: str, indent: int) -> str:
    """A code line without the fence's indentation (a nested fence's lines carry it)."""
    if line[:indent] == " " * indent:
        return line[indent:]
    return line.lstrip(" ")


def language(info: str) -> str:
    """The language of a fence's info string: ``python``, ``{ .py title="a" }`` -> ``py``."""
    words = info.strip().lstrip("{").split()
    if not words:
        return ""
    first = words[0].lstrip(".").rstrip("}")
    return first.lower()


def front_matter_prose(
    path: str, source: str, keys: tuple[str, ...], memo: Memo | None = None
) -> list[ProseLine]:
    """The front matter values a reader sees (``title``, ``lesson.summary``), as written.

    Each value is given as its lines in the file (a folded summary spans several).
    Front matter that cannot be read is left to the lessons plugin to report.
    """
    match = YAML_RE.match(source)
    if not match:
        return []
    text = match.group(1)
    try:
        root = read_yaml_remembered(SourceText(path, text, FIRST_YAML_LINE), memo)
    except ProblemsFound:
        return []
    found: list[ProseLine] = []
    for dotted in keys:
        node: object = root
        for key in dotted.split("."):
            entry = node.entries.get(key) if isinstance(node, Mapping) else None
            node = entry.value if entry is not None else None
        if isinstance(node, Scalar) and isinstance(node.value, str):
            found.extend(_scalar_lines(text, node))
    return found


def _scalar_lines(text: str, node: Scalar) -> list[ProseLine]:
    """The file lines a scalar was written on, from its first character to its last."""
    first_line = node.location.line or FIRST_YAML_LINE
    first_col = node.location.col or 1
    raw = text[node.start : node.end].split("\n")
    found = []
    for offset, part in enumerate(raw):
        col = first_col if offset == 0 else 1
        if part.strip():
            found.append(ProseLine(first_line + offset, part, col))
    return found
