"""The lesson header: summary, icon, reading time, prerequisites, previous and next lesson.

The prerequisites' titles and links and the previous and next lessons come from the course's
order (``lessons.navigation``), never from the lesson's own front matter.
"""

from __future__ import annotations

import html

from mkdocs.structure.files import File

from lessons.frontmatter import Lesson
from lessons.icons import icon_svg
from lessons.navigation import CourseOrder, PlacedLesson
from lessons.summary import summary_html

CLOCK_ICON = "material/clock-outline"
PREREQUISITES_ICON = "material/school-outline"


def render_header(lesson: Lesson, page_file: File, order: CourseOrder, minutes: int) -> str:
    """The header's HTML (a prerequisite that is no lesson of the course is left out: it is
    reported by ``lessons.navigation``)."""

    def ref(target: PlacedLesson) -> str:
        url = html.escape(target.file.url_relative_to(page_file))
        return f'<a class="lesson-ref" href="{url}">{html.escape(target.label)}</a>'

    facts = [
        f'<li class="lesson-header__time" data-minutes="{minutes}">'
        f"{icon_svg(CLOCK_ICON)}<span>About {minutes} min read</span></li>"
    ]
    prerequisites = [order.get(r.id) for r in lesson.prerequisites]
    if any(prerequisites):
        refs = ", ".join(ref(p) for p in prerequisites if p is not None)
        facts.append(
            f'<li class="lesson-header__prerequisites">{icon_svg(PREREQUISITES_ICON)}'
            f"<span>Prerequisites: {refs}</span></li>"
        )
    sequence = []
    previous, following = order.previous(lesson.id), order.next(lesson.id)
    if previous is not None:
        sequence.append(f'<span class="lesson-header__previous">Previous: {ref(previous)}</span>')
    if following is not None:
        sequence.append(f'<span class="lesson-header__next">Next: {ref(following)}</span>')
    nav = (
        '<nav class="lesson-header__sequence" aria-label="Previous and next lesson">'
        + "".join(sequence)
        + "</nav>"
        if sequence
        else ""
    )
    return (
        f'<div class="lesson-header" data-lesson="{html.escape(lesson.id)}">'
        f'<div class="lesson-header__main"><span class="lesson-header__icon">'
        f"{icon_svg(lesson.icon)}</span>"
        f'<p class="lesson-header__summary">{summary_html(lesson.summary)}</p></div>'
        f'<ul class="lesson-header__facts">{"".join(facts)}</ul>'
        f"{nav}</div>"
    )


def insert_header(page_html: str, header: str) -> str:
    """Place the header right after the page's first-level heading.

    Without one in the content, Material renders the page title above the content, so the
    header goes first.
    """
    end = page_html.find("</h1>")
    if end < 0:
        return header + page_html
    end += len("</h1>")
    return page_html[:end] + header + page_html[end:]
