"""Source texts and locations: where in an author's file something was written."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


@dataclass(frozen=True, order=True)
class Location:
    """A place in an author's file; ``line`` and ``col`` are 1-based, None when unknown."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


@dataclass(frozen=True)
class SourceText:
    """A file's text as the author wrote it, or a part of it starting at ``first_line``."""

    path: str  # as shown to authors
    text: str
    first_line: int = 1  # the file line of the text's first line (front matter starts at 2)

    def location(self, index: int) -> Location:
        """The location of character ``index`` of the text."""
        index = max(0, min(index, len(self.text)))
        line = self.text.count("\n", 0, index)
        line_start = self.text.rfind("\n", 0, index) + 1
        return Location(self.path, self.first_line + line, index - line_start + 1)

    def at(self, line: int, col: int | None = None) -> Location:
        """A location from a 0-based line and column of the text (as YAML marks give them)."""
        return Location(self.path, self.first_line + line, None if col is None else col + 1)


def project_root(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml: every path shown to authors is relative to it."""
    return Path(os.path.abspath(config.config_file_path or "mkdocs.yml")).parent


def shown_path(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """``path`` as an editor opens it: relative to ``root`` when inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return str(absolute)


def file_path(file: File, config: MkDocsConfig) -> str:
    """A site file's source as the author sees it (its URI when it has no file on disk)."""
    if file.abs_src_path is None:
        return file.src_uri
    return shown_path(file.abs_src_path, project_root(config))
