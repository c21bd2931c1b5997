"""Every lesson of the site, found by its front matter, so lessons can link to each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from authoring.problems import Problem
from authoring.source import file_path, project_root
from authoring.yamlmemo import yaml_memo
from lessons.frontmatter import Lesson, lesson_of
from lessons.pagemeta import hide_from_mkdocs, read_front_matter

Report = Callable[[Problem, File], None]


@dataclass(frozen=True)
class CatalogEntry:
    lesson: Lesson
    file: File


def scan_lessons(files: Files, config: MkDocsConfig, report: Report) -> dict[str, CatalogEntry]:
    """Lessons by number; the problems of every page's front matter go to ``report``.

    A page whose front matter was refused is given to MkDocs with an empty one.
    """
    catalog: dict[str, CatalogEntry] = {}
    memo = yaml_memo(project_root(config))
    for file in files.documentation_pages():
        front = read_front_matter(file_path(file, config), file.content_string, memo)
        if front.refused:
            hide_from_mkdocs(file)  # before MkDocs reads the page (aliases, bad YAML)
        lesson, found = lesson_of(front)
        for problem in [*front.problems, *(p for p in found if p not in front.problems)]:
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
