"""Author errors: collected with their place for the whole run, then raised once."""

from __future__ import annotations

import os
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page


@dataclass(frozen=True)
class AuthorError:
    """One problem in a lesson, located as ``path:line``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ErrorLog:
    """Every explorer marker problem of one build, raised together at the end."""

    def __init__(self) -> None:
        self._errors: list[AuthorError] = []

    def add(self, path: str, line: int, message: str) -> None:
        self._errors.append(AuthorError(path, line, message))

    def clear(self) -> None:
        self._errors.clear()

    @property
    def errors(self) -> tuple[AuthorError, ...]:
        return tuple(self._errors)

    def raise_if_any(self) -> None:
        if not self._errors:
            return
        ordered = sorted(self._errors, key=lambda e: (e.path, e.line))
        count = len(ordered)
        noun = "error" if count == 1 else "errors"
        lines = "\n".join(str(e) for e in ordered)
        raise PluginError(f"{count} explorer marker {noun}:\n{lines}")


def shown_path(page: Page, config: MkDocsConfig) -> str:
    """The page's path as an editor opens it: relative to mkdocs.yml's folder."""
    file = page.file
    if file.abs_src_path is None:
        return file.src_uri
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    shown = os.path.relpath(file.abs_src_path, base)
    return file.src_uri if shown.startswith("..") else shown
