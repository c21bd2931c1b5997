"""Every lesson of the site, found by its front matter, so lessons can link to each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from authoring.problems import Problem
from authoring.source import file_path
from lessons.frontmatter import Lesson, read_lesson

Report = Callable[[Problem, File], None]


@dataclass(frozen=True)
class CatalogEntry:
    lesson: Lesson
    file: File


def scan_lessons(files: Files, config: MkDocsConfig, report: Report) -> dict[str, CatalogEntry]:
    """Lessons by number; the problems of every page's front matter go to ``report``."""
    catalog: dict[str, CatalogEntry] = {}
    for file in files.documentation_pages():
        lesson, found = read_lesson(file_path(file, config), file.content_string)
        for problem in found:
            report(problem, file)
        if lesson is None:
            continue
        other = catalog.get(lesson.id)
        if other is not None:
            pairs = ((lesson, other.lesson, file), (other.lesson, lesson, other.file))
            for this, that, where in pairs:
                message = f"lesson {this.id} is also {that.path}; give one of them another number"
                report(Problem(this.id_location, message), where)
            continue
        catalog[lesson.id] = CatalogEntry(lesson, file)
    return catalog
