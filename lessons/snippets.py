"""Snippet includes (``--8<-- "file.md"``) that cannot be included, as located author errors.

pymdownx.snippets with ``check_paths`` raises on a missing file, and MkDocs prints the
traceback. This preprocessor runs just before it: when the page's includes fail, each
failing include is tried alone (by pymdownx.snippets itself, so its own rules decide), is
reported at its line with the fix, and is left out, so that pymdownx.snippets never raises.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.structure.pages import Page
from pymdownx.snippets import SnippetMissingError

from authoring.markers import PageSource, source_line_numbers
from authoring.problems import Problem
from authoring.source import Location, shown_path

SNIPPETS = "snippet"  # the name pymdownx.snippets registers its preprocessor under
PRIORITY = 32.5  # just before pymdownx.snippets (32)


def _reset(snippets: Any) -> None:
    """What pymdownx.snippets resets at the start of each run."""
    snippets.seen, snippets.bases, snippets.failed = set(), None, set()


class SnippetCheck(Preprocessor):
    def __init__(
        self,
        md: Markdown,
        page: Callable[[], PageSource | None],
        report: Callable[[Problem, Page | None], None],
        root: Path,
    ) -> None:
        super().__init__(md)
        self.page = page
        self.report = report
        self.root = root

    def run(self, lines: list[str]) -> list[str]:
        if SNIPPETS not in self.md.preprocessors:
            return lines
        snippets: Any = self.md.preprocessors[SNIPPETS]
        if not getattr(snippets, "check_paths", False) or not any("8<" in ln for ln in lines):
            return lines
        try:
            snippets.run(list(lines))
            return lines
        except SnippetMissingError:
            pass
        source = self.page()
        if source is None:
            return lines  # not a page of the site: let pymdownx.snippets say it
        line_of = source_line_numbers(source.source, lines)
        kept = list(lines)
        for index, probe, path in self._includes(snippets, lines):
            _reset(snippets)
            try:
                snippets.parse_snippets(probe)
            except SnippetMissingError as exc:
                kept[index] = ""
                where = Location(source.path, line_of(index), lines[index].find(path) + 1 or None)
                message = self._message(snippets, path, str(exc))
                self.report(Problem(where, message), source.page)
        return kept

    def _includes(self, snippets: Any, lines: list[str]) -> list[tuple[int, list[str], str]]:
        """Each include of the page: its index, the lines that include it alone, its path."""
        found = []
        block: str | None = None
        for index, line in enumerate(lines):
            match = snippets.RE_ALL_SNIPPETS.match(line)
            if match and match.group("escape"):
                continue
            if match and match.group("inline_marker"):
                if block is None:
                    found.append((index, [line], match.group("snippet")[1:-1].strip()))
                continue
            if match:  # a block marker opens or closes a list of paths
                block = None if block is not None else match.group("block_marker")
                continue
            path = line.strip()
            if block is not None and path and not path.startswith(";"):
                found.append((index, [block, line, block], path))
        return found

    def _message(self, snippets: Any, written: str, error: str) -> str:
        target = snippets.parse_snippet_target(written) or {"path": "", "section": None}
        path = target["path"]
        bases = " or ".join(
            shown_path(base, self.root).rstrip("/") + "/" for base in snippets.base_path
        )
        if not path or snippets.get_snippet_path(path) is None:
            return f"no such file: {path or '(empty path)'}; check the path, relative to {bases}"
        if target["section"] and "section" in error:
            name = target["section"]
            return (
                f"no section '{name}' in {path}; check the name, or mark the section in that "
                f"file with --8<-- [start:{name}] and --8<-- [end:{name}]"
            )
        return f"{path} includes a file that cannot be found ({error}); fix the include in {path}"


class SnippetCheckExtension(Extension):
    """Added to the page's Markdown by the lessons plugin; needs pymdownx.snippets."""

    def __init__(
        self,
        page: Callable[[], PageSource | None],
        report: Callable[[Problem, Page | None], None],
        root: Path,
    ) -> None:
        super().__init__()
        self.page, self.report, self.root = page, report, root

    def extendMarkdown(self, md: Markdown) -> None:
        check = SnippetCheck(md, self.page, self.report, self.root)
        md.preprocessors.register(check, "course_snippet_check", PRIORITY)
