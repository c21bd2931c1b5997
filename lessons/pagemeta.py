"""Every page's front matter, read strictly, before MkDocs reads it its own way.

MkDocs (``mkdocs.utils.meta.get_data``) is lenient in ways an author never notices: a block
with no closing ``---`` becomes page text, YAML it cannot read becomes page text too, and it
expands aliases with ``yaml.load``, so a few lines of ``&a``/``*a`` take minutes and all the
memory there is. Here the block is read with ``authoring.yamlsource`` (aliases, tags and
syntax errors are problems at their line), and the values a reader sees (``title``,
``description``) must be text. A page whose front matter is refused is handed to MkDocs with
an empty one (``{}``, the same number of lines), so MkDocs never parses what was refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mkdocs.structure.files import File
from mkdocs.utils.meta import YAML_RE

from authoring.memo import Memo
from authoring.problems import Problem, ProblemsFound
from authoring.schema import describe
from authoring.source import Location, SourceText
from authoring.yamlmemo import read_yaml_remembered
from authoring.yamlsource import Mapping, plain

# The YAML between the "---" lines starts on the file's second line.
FIRST_YAML_LINE = 2
# What MkDocs takes for the start of a front matter block (the opening of YAML_RE).
_OPENING = re.compile(r"^-{3}[ \t]*\n")
_CLOSING = re.compile(r"^(?:-{3}|\.{3})[ \t]*$")
# Front matter values a reader sees: the page's title (<title>, nav, header) and description.
SHOWN_KEYS = ("title", "description")


@dataclass
class FrontMatter:
    """A page's front matter as read here. ``refused``: MkDocs must not parse it."""

    root: Mapping | None = None
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False


def read_front_matter(path: str, text: str, memo: Memo | None = None) -> FrontMatter:
    """The page's front matter (``root`` None without one) and its problems; with ``memo``,
    YAML read in an earlier build is not parsed again (authoring.yamlmemo)."""
    match = YAML_RE.match(text)
    if not match:
        if _OPENING.match(text):
            return FrontMatter(problems=[_unclosed(path, text)])
        return FrontMatter()
    try:
        root = read_yaml_remembered(SourceText(path, match.group(1), FIRST_YAML_LINE), memo)
    except ProblemsFound as found:
        return FrontMatter(problems=list(found.problems), refused=True)
    if root is None:
        return FrontMatter()
    if not isinstance(root, Mapping):
        message = "the front matter must be keys and values, such as 'title: ...'; rewrite it"
        return FrontMatter(problems=[Problem(root.location, message)], refused=True)
    return FrontMatter(root, _shown_values(root))


def _unclosed(path: str, text: str) -> Problem:
    """A block MkDocs does not see as front matter: it would print it as the page's text."""
    lines = text.split("\n")
    closing = next((n for n, line in enumerate(lines[1:], 1) if _CLOSING.match(line)), None)
    if closing == 1:
        message = "the front matter is empty; add keys between the two '---' lines, or delete them"
    elif closing is not None and closing == len(lines) - 1:
        message = "the front matter's closing '---' is the file's last line; add the page after it"
    else:
        message = (
            "the front matter that starts here has no closing '---', so it would be shown as "
            "the page's text; add a line '---' after its last key"
        )
    return Problem(Location(path, 1, 1), message)


def _shown_values(root: Mapping) -> list[Problem]:
    problems = []
    for key in SHOWN_KEYS:
        entry = root.entries.get(key)
        if entry is None:
            continue
        value = plain(entry.value)
        if value is None:
            message = f"'{key}' has no value; write it after '{key}:', or delete the line"
        elif not isinstance(value, str):
            message = f"'{key}' must be text, not {describe(value)}; quote it"
        elif not value.strip():
            message = f"'{key}' is empty; write it after '{key}:', or delete the line"
        else:
            continue
        problems.append(Problem(entry.value.location, message))
    return problems


def emptied(text: str) -> str:
    """``text`` with its front matter's YAML replaced by ``{}`` on as many lines."""
    match = YAML_RE.match(text)
    if not match:
        return text
    start, end = match.span(1)
    return text[:start] + "{}" + "\n" * match.group(1).count("\n") + text[end:]


def hide_from_mkdocs(file: File) -> None:
    """Give MkDocs the page with an empty front matter: it never parses the refused one."""
    where = file.abs_src_path
    file.content_string = emptied(file.content_string)
    # The setter forgets the file on disk; messages and edit links still name it.
    file.abs_src_path = where
