"""Fixture sites with all five course plugins, in the order the course requires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.lesson.sites import MACROS
from tests.support import BASE_MARKDOWN_EXTENSIONS, write_site

COURSE_PLUGINS: list[Any] = [
    "course-figures",
    "course-explorer",
    "course-quiz",
    "course-lessons",
    {"course-math": {"macros": MACROS}},
]


def plugin_name(plugin: Any) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def course_site(root: Path, pages: dict[str, str], plugins: list[Any] | None = None) -> Path:
    """A site under ``root`` with search and the five course plugins (or ``plugins``)."""
    docs = root / "docs"
    extensions: list[Any] = [
        *BASE_MARKDOWN_EXTENSIONS,
        {"pymdownx.snippets": {"check_paths": True, "base_path": [str(docs)]}},
    ]
    return write_site(
        root,
        pages,
        plugins=["search", *(COURSE_PLUGINS if plugins is None else plugins)],
        extra={
            "markdown_extensions": extensions,
            "validation": {
                "omitted_files": "warn",
                "absolute_links": "warn",
                "unrecognized_links": "warn",
                "anchors": "warn",
            },
        },
    )
