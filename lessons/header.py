"""The lesson header: summary, icon, reading time, prerequisites, previous and next lesson."""

from __future__ import annotations

import html

from mkdocs.structure.files import File

from lessons.catalog import CatalogEntry
from lessons.frontmatter import Lesson, LessonRef
from lessons.icons import icon_svg
from lessons.summary import summary_html

CLOCK_ICON = "material/clock-outline"
PREREQUISITES_ICON = "material/school-outline"


def render_header(
    lesson: Lesson, page_file: File, catalog: dict[str, CatalogEntry], minutes: int
) -> str:
    """The header's HTML. Lessons not (yet) in the site are named in plain text, unlinked."""

    def ref(target: LessonRef) -> str:
        label = html.escape(f"{target.id} {target.title}")
        found = catalog.get(target.id)
        if found is None:
            return f'<span class="lesson-ref lesson-ref--unpublished">{label}</span>'
        url = html.escape(found.file.url_relative_to(page_file))
        return f'<a class="lesson-ref" href="{url}">{label}</a>'

    facts = [
        f'<li class="lesson-header__time" data-minutes="{minutes}">'
        f"{icon_svg(CLOCK_ICON)}<span>About {minutes} min read</span></li>"
    ]
    if lesson.prerequisites:
        refs = ", ".join(ref(r) for r in lesson.prerequisites)
        facts.append(
            f'<li class="lesson-header__prerequisites">{icon_svg(PREREQUISITES_ICON)}'
            f"<span>Prerequisites: {refs}</span></li>"
        )
    sequence = []
    if lesson.previous is not None:
        sequence.append(
            f'<span class="lesson-header__previous">Previous: {ref(lesson.previous)}</span>'
        )
    if lesson.next is not None:
        sequence.append(f'<span class="lesson-header__next">Next: {ref(lesson.next)}</span>')
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
