"""Every lesson of the site, found by its front matter, so lessons can link to each other."""

from __future__ import annotations

import os
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from lessons.errors import Problem
from lessons.frontmatter import Lesson, read_lesson


@dataclass(frozen=True)
class CatalogEntry:
    lesson: Lesson
    file: File


def shown_path(file: File, config: MkDocsConfig) -> str:
    """A page's path as authors see it: relative to the directory of mkdocs.yml."""
    project = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    return os.path.relpath(file.abs_src_path or file.src_uri, project)


def scan_lessons(
    files: Files, config: MkDocsConfig
) -> tuple[dict[str, CatalogEntry], list[Problem]]:
    """Lessons by number, and the problems of every page's lesson front matter."""
    catalog: dict[str, CatalogEntry] = {}
    problems: list[Problem] = []
    for file in files.documentation_pages():
        lesson, found = read_lesson(shown_path(file, config), file.content_string)
        problems.extend(found)
        if lesson is None:
            continue
        other = catalog.get(lesson.id)
        if other is not None:
            for this, that in ((lesson, other.lesson), (other.lesson, lesson)):
                problems.append(
                    Problem(this.path, this.id_line, f"lesson {this.id} is also {that.path}")
                )
            continue
        catalog[lesson.id] = CatalogEntry(lesson, file)
    return catalog, problems
