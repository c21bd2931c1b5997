"""The course's order, derived once: the ``nav`` of mkdocs.yml and each lesson's own page.

Nothing here is typed twice. The order of the lessons is the order of their pages in ``nav``;
a lesson's title and summary are those of its own page. From them come:

- the previous and next lesson in each lesson's header;
- the titles and links of a lesson's prerequisites (written as ids only);
- the list of a module's lessons, where its page says ``<!-- lessons -->``.

A lesson page that is not in ``nav`` has no place in the course: that is an error at its
path, and so is a prerequisite that is no lesson of the course or comes after the lesson.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_markdown_title
from mkdocs.utils.meta import get_data

from authoring.markers import Expansion, Marker
from authoring.problems import Problem
from lessons.catalog import CatalogEntry
from lessons.frontmatter import Lesson

MARKER = "lessons"
MARKER_SYNTAX = "<!-- lessons -->"


@dataclass(frozen=True)
class PlacedLesson:
    """A lesson at its place in the course."""

    lesson: Lesson
    file: File
    title: str

    @property
    def label(self) -> str:
        return f"{self.lesson.id} {self.title}"


@dataclass
class CourseOrder:
    """The lessons in the order of ``nav`` (each once, at its first place)."""

    lessons: list[PlacedLesson] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._index = {placed.lesson.id: n for n, placed in enumerate(self.lessons)}

    def get(self, lesson_id: str) -> PlacedLesson | None:
        index = self._index.get(lesson_id)
        return None if index is None else self.lessons[index]

    def previous(self, lesson_id: str) -> PlacedLesson | None:
        index = self._index.get(lesson_id)
        return self.lessons[index - 1] if index else None

    def next(self, lesson_id: str) -> PlacedLesson | None:
        index = self._index.get(lesson_id)
        if index is None or index + 1 >= len(self.lessons):
            return None
        return self.lessons[index + 1]

    def comes_before(self, first: str, second: str) -> bool:
        return self._index[first] < self._index[second]

    def under(self, section: Section) -> list[PlacedLesson]:
        """The lessons anywhere inside ``section`` of the nav, in order."""
        return [placed for placed in self.lessons if section in _ancestors(placed.file.page)]


Found = list[tuple[Problem, File]]


def course_order(nav: Navigation, catalog: dict[str, CatalogEntry]) -> tuple[CourseOrder, Found]:
    """The lessons in nav order, and the problems: lessons outside nav, bad prerequisites."""
    problems: Found = []
    by_file = {entry.file.src_uri: entry for entry in catalog.values()}
    placed: list[PlacedLesson] = []
    seen: set[str] = set()
    for page in nav.pages:
        entry = by_file.get(page.file.src_uri)
        if entry is not None and entry.lesson.id not in seen:
            seen.add(entry.lesson.id)
            placed.append(PlacedLesson(entry.lesson, entry.file, page_title(page)))
    for entry in catalog.values():
        if entry.lesson.id not in seen:
            message = (
                f"lesson {entry.lesson.id} is not in the nav of mkdocs.yml, so it has no place "
                f"in the course; add '- {entry.file.src_uri}' to its module's section of nav"
            )
            problems.append((Problem(entry.lesson.id_location, message), entry.file))
    order = CourseOrder(placed)
    for item in placed:
        problems += [(p, item.file) for p in _prerequisite_problems(item.lesson, order)]
    return order, problems


def _prerequisite_problems(lesson: Lesson, order: CourseOrder) -> list[Problem]:
    problems = []
    for ref in lesson.prerequisites:
        if order.get(ref.id) is None:
            known = ", ".join(placed.lesson.id for placed in order.lessons)
            message = (
                f"prerequisite {ref.id} is no lesson of the course (its lessons: {known}); "
                "write the id of a lesson in the nav"
            )
            problems.append(Problem(ref.location, message))
        elif ref.id != lesson.id and not order.comes_before(ref.id, lesson.id):
            message = (
                f"prerequisite {ref.id} comes after lesson {lesson.id} in the nav of "
                "mkdocs.yml; a prerequisite must come first: move one of them, or drop it"
            )
            problems.append(Problem(ref.location, message))
    return problems


def page_title(page: Page) -> str:
    """The title MkDocs will give the page, known before the page is read: the nav's title,
    else the front matter's, else the first heading, else the file name."""
    if page.title:  # before the page is read, only a title written in nav
        return str(page.title)
    markdown, meta = get_data(page.file.content_string)
    title = meta.get("title")
    if title is not None and str(title).strip():
        return str(title).strip()
    heading = get_markdown_title(markdown)
    if heading:
        return heading
    name = page.file.name.replace("-", " ").replace("_", " ")
    return name.capitalize() if name.lower() == name else name


def _ancestors(page: Page | None) -> Iterator[Section]:
    item = page.parent if page is not None else None
    while item is not None:
        yield item
        item = item.parent


def relative_link(target: File, page: Page) -> str:
    """A Markdown link from ``page``'s source to ``target``'s (MkDocs resolves and checks it)."""
    here = posixpath.dirname(page.file.src_uri)
    return posixpath.relpath(target.src_uri, here or ".")


def lessons_list(marker: Marker, order: CourseOrder) -> Expansion | Problem:
    """``<!-- lessons -->``: the lessons of the page's nav section, linked, with summaries."""
    section = marker.page.parent
    if section is None:
        return Problem(
            marker.location,
            "this page is in no section of the nav of mkdocs.yml, so it has no lessons to "
            f"list; put {MARKER_SYNTAX} on a module's page (the first page of its section)",
        )
    lessons = order.under(section)
    if not lessons:
        return Problem(
            marker.location,
            f"the nav section '{section.title}' holds no lesson to list; add the module's "
            "lesson pages to it in mkdocs.yml, or remove this marker",
        )
    items = []
    for number, placed in enumerate(lessons, start=1):
        label = placed.label.replace("[", "\\[").replace("]", "\\]")
        link = relative_link(placed.file, marker.page)
        summary = " ".join(placed.lesson.summary.split())
        items.append(f"{number}. **[{label}]({link}).** {summary}")
    return Expansion(markdown="\n".join(items))
