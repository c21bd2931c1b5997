"""Block markers: ``<!-- name -->`` or ``<!-- name: argument -->`` alone on a line.

One Python-Markdown extension finds every course marker. Its preprocessor runs after fenced
code has been set aside (superfences, priority 25) and before raw HTML is (20), so Markdown's
own parser, not a pattern, decides what is code: a marker shown in a code block stays text.
Comments whose first word is close to a marker's name (``<!-- explorrer -->``,
``<!-- Quiz: … -->``) are errors with a suggestion, since they would silently do nothing. A
postprocessor reports markers that Markdown kept as comments (inside lists or admonitions).
"""

from __future__ import annotations

import collections
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from mkdocs.structure.pages import Page

from authoring.problems import Problem
from authoring.source import Location

PRIORITY = 22  # between superfences (25) and raw HTML (20)
NAME = "course_markers"
_COMMENT = re.compile(r"^(?P<indent> {0,3})<!--\s*(?P<word>[A-Za-z][\w-]*)")
_SHAPED = re.compile(r"^ {0,3}<!--\s*[A-Za-z][\w-]*\s*(?::.*)?-->\s*$")
_WHOLE = re.compile(r"^ {0,3}<!--\s*(?P<name>[a-z][\w-]*)\s*(?P<colon>:)?(?P<arg>.*?)\s*-->\s*$")


@dataclass(frozen=True)
class Marker:
    """A marker found in a page; ``argument`` is the text after the colon, stripped."""

    name: str
    argument: str
    location: Location
    page: Page
    line_text: str


@dataclass(frozen=True)
class Expansion:
    """What a marker becomes: Markdown text (still parsed: md_in_html...) or raw HTML."""

    markdown: str | None = None
    html: str | None = None


Handler = Callable[[Marker], Expansion | None]


@dataclass(frozen=True)
class MarkerKind:
    name: str
    syntax: str  # shown in messages, e.g. "<!-- quiz: FILE.quiz.yml -->"
    handler: Handler
    takes_argument: bool


@dataclass
class PageSource:
    """The page being converted: where its lines came from."""

    page: Page
    path: str  # as shown to authors
    source: str  # the file as written, front matter included


def source_line_numbers(source: str, lines: list[str]) -> Callable[[int], int]:
    """Map an index into ``lines`` (the text Markdown converts) to a line of ``source``.

    Front matter, and fenced code set aside as one placeholder line, shift the lines;
    aligning the two texts maps every unchanged line back to where it was written. A line
    written once and read once is that line (no alignment needed); the texts are aligned
    only when another line is asked for.
    """
    written = [line.rstrip() for line in source.split("\n")]
    current = [line.rstrip() for line in lines]
    origin: dict[int, int] | None = None
    written_once: dict[str, int] | None = None
    current_count: collections.Counter[str] | None = None

    def aligned() -> dict[int, int]:
        matcher = difflib.SequenceMatcher(None, written, current, autojunk=False)
        found: dict[int, int] = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                found[block.b + k] = block.a + k + 1
        return found

    def line_of(index: int) -> int:
        nonlocal origin, written_once, current_count
        if origin is None and 0 <= index < len(current) and current[index].strip():
            if written_once is None or current_count is None:
                counts = collections.Counter(written)
                written_once = {t: n for n, t in enumerate(written, 1) if counts[t] == 1}
                current_count = collections.Counter(current)
            text = current[index]
            if text in written_once and current_count[text] == 1:
                return written_once[text]
        if origin is None:
            origin = aligned()
        if index in origin:
            return origin[index]
        earlier = [origin[i] for i in range(index) if i in origin]
        return (earlier[-1] + 1) if earlier else 1

    return line_of


@dataclass
class MarkerRegistry:
    """The marker kinds of one build, and the page Markdown is converting now."""

    report: Callable[[Problem, Page | None], None]
    kinds: dict[str, MarkerKind] = field(default_factory=dict)
    page: PageSource | None = None

    def register(self, name: str, syntax: str, handler: Handler, takes_argument: bool) -> None:
        self.kinds[name] = MarkerKind(name, syntax, handler, takes_argument)

    def extension(self) -> MarkerExtension:
        return MarkerExtension(self)

    def near_miss(self, word: str) -> MarkerKind | None:
        """The marker kind ``word`` was probably meant to be (wrong case, typo), if any."""
        if word in self.kinds:
            return None
        for name, kind in self.kinds.items():
            if word.lower() == name:
                return kind
        close = difflib.get_close_matches(word.lower(), list(self.kinds), n=1, cutoff=0.75)
        return self.kinds[close[0]] if close else None


class MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, registry: MarkerRegistry) -> None:
        super().__init__(md)
        self.registry = registry

    def run(self, lines: list[str]) -> list[str]:
        page = self.registry.page
        if page is None or not any(_COMMENT.match(line) for line in lines):
            return lines
        line_of = source_line_numbers(page.source, lines)
        result: list[str] = []
        for index, line in enumerate(lines):
            opened = _COMMENT.match(line)
            if opened is None:
                result.append(line)
                continue
            location = Location(page.path, line_of(index), len(opened["indent"]) + 1)
            expanded = self._expand(line, opened["word"], location, page)
            result.extend([line] if expanded is None else expanded)
        return result

    def _expand(
        self, line: str, word: str, location: Location, page: PageSource
    ) -> list[str] | None:
        registry = self.registry
        kind = registry.kinds.get(word)
        if kind is None:
            # Only a comment shaped like a marker can be a mistyped one; prose is left alone.
            meant = registry.near_miss(word) if _SHAPED.match(line) else None
            if meant is not None:
                message = (
                    f"'{word}' is not a marker; did you mean '{meant.name}'? "
                    f"Markers are written {meant.syntax}"
                )
                registry.report(Problem(location, message), page.page)
            return None
        whole = _WHOLE.match(line)
        if whole is not None and whole["name"] == word and whole["arg"] and not whole["colon"]:
            message = f"put a colon after '{word}' in this marker: {kind.syntax}"
            registry.report(Problem(location, message), page.page)
            return [""]
        if whole is None or whole["name"] != word:
            message = f"a marker must be one whole line: {kind.syntax}"
            registry.report(Problem(location, message), page.page)
            return [""]
        argument = whole["arg"].strip()
        if kind.takes_argument and not argument:
            registry.report(
                Problem(location, f"this marker needs an argument: {kind.syntax}"), page.page
            )
            return [""]
        marker = Marker(word, argument, location, page.page, line.strip())
        expansion = kind.handler(marker)
        if expansion is None:
            return [""]  # reported by the handler; the build stops before pages are written
        if expansion.html is not None:
            return ["", self.md.htmlStash.store(expansion.html), ""]
        return ["", *self._as_written((expansion.markdown or "").split("\n")), ""]

    def _as_written(self, lines: list[str]) -> list[str]:
        """Lines of Markdown put through the preprocessors the page went through before this
        one (whitespace, fenced code), so they are read as if written in the page."""
        preprocessors = self.md.preprocessors
        for index in range(preprocessors.get_index_for_name(NAME)):
            lines = preprocessors[index].run(lines)
        return lines


class UnexpandedMarkers(Postprocessor):
    """Markers Markdown kept as comments: indented ones (in lists, admonitions...)."""

    def __init__(self, md: Markdown, registry: MarkerRegistry) -> None:
        super().__init__(md)
        self.registry = registry

    def run(self, text: str) -> str:
        page = self.registry.page
        if page is None or "<!--" not in text:
            return text
        names = "|".join(re.escape(name) for name in self.registry.kinds)
        if not names:
            return text
        written = page.source.split("\n")
        seen: dict[str, int] = {}
        for found in re.finditer(rf"<!--\s*({names})(?![\w-])[^\n]*?-->", text):
            comment = found.group(0)
            # Not a line the preprocessor saw as a marker (an identical top-level marker was
            # expanded): the n-th such comment is on the n-th nested line that holds it.
            nested = [n for n, t in enumerate(written, 1) if comment in t and not _COMMENT.match(t)]
            count = seen[comment] = seen.get(comment, 0) + 1
            line = nested[min(count, len(nested)) - 1] if nested else None
            message = (
                "this marker was not expanded: a marker must start at the beginning of its "
                "line, outside lists, admonitions and other indented blocks"
            )
            self.registry.report(Problem(Location(page.path, line), message), page.page)
        return text


class MarkerExtension(Extension):
    """Registered once per build by the course plugins' base class."""

    def __init__(self, registry: MarkerRegistry) -> None:
        super().__init__()
        self.registry = registry

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(MarkerPreprocessor(md, self.registry), NAME, PRIORITY)
        # After raw HTML has been put back (30), so kept comments are visible.
        md.postprocessors.register(UnexpandedMarkers(md, self.registry), NAME, 5)
