"""What the course-math plugin tells authors about math that did not reach the page as math.

Plain words, each ending with the fix.
"""

from __future__ import annotations

from mathrender.marks import Opening

HEADING = (
    "math in a heading is not supported: the table of contents, the browser tab and search "
    "results show headings as plain text; write the heading in words or Unicode "
    "(e.g. β > 1) and put the formula in the text below it"
)

IN_RAW_HTML = (
    "math inside an HTML block is not rendered; write it in Markdown outside the HTML "
    'block, or add markdown="1" to the HTML element around it'
)

TITLE = (
    "math in a page title is not rendered: browser tabs, the navigation and search results "
    "show the title as plain text; write the title in words or Unicode (e.g. β > 1)"
)


def in_attribute(name: str, opening: Opening) -> str:
    if name == "alt":
        return (
            "math in image alt text is not rendered: alt text is read aloud and shown as "
            "plain text; describe the formula in words (e.g. 'the density p of x')"
        )
    return (
        f"math in a link or image attribute ({name}) is not rendered; write it as plain text, "
        "or move the formula into the text"
    )


def display_not_alone(opening: Opening) -> str:
    return (
        f"display math ({opening.delimiter} … {opening.closer}) must stand on lines of its own "
        "with a blank line before and after it; for math inside a sentence use $…$"
    )


def not_rendered(opening: Opening, in_table_cell: bool) -> str:
    """Math that Markdown left as text, where its opening delimiter was written."""
    if not opening.display:
        if opening.delimiter == "\\(" and not opening.tex:
            return "\\( has no closing \\) in the same paragraph; close the formula with \\)"
        if in_table_cell and "|" in opening.tex:
            return (
                "this math was not rendered: a | inside math ends the table cell and splits "
                "the row; write |x| as \\lvert x \\rvert (or \\vert), and ‖x‖ as "
                "\\lVert x \\rVert"
            )
        return (
            "this math was not rendered: its closing delimiter is in another paragraph, "
            "list item or table cell; keep each formula in one place"
        )
    if opening.cut_at is not None:
        return (
            f"this display math was not rendered: the blank line at line {opening.cut_at} "
            f"ends it before its {opening.closer}; remove the blank line"
        )
    if not opening.closed:
        return (
            f"{opening.delimiter} has no matching {opening.closer}, so the math is shown as "
            f"text; add {opening.closer} after the last line of the formula"
        )
    return display_not_alone(opening)
