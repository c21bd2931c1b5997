"""The order the course plugins must have in mkdocs.yml, checked when the config loads.

Each plugin works on what the ones before it produced: figures exist before pages refer to
them, markers are expanded before Markdown runs, the lesson header (with its TeX) is in the
page before the math is rendered. A wrong order would build without error and ship raw TeX.
"""

from __future__ import annotations

from collections.abc import Iterable

from mkdocs.exceptions import PluginError

ORDER = ("course-figures", "course-explorer", "course-quiz", "course-lessons", "course-math")


def check_order(names: Iterable[str]) -> None:
    """Raise a PluginError that gives the right order if the course plugins are out of it."""
    # MkDocs names a plugin listed twice "name #2"; the base name is what matters here.
    present = [name.split(" ")[0] for name in names if name.split(" ")[0] in ORDER]
    expected = sorted(present, key=ORDER.index)
    if present != expected:
        listed = "\n".join(f"  - {name}" for name in expected)
        raise PluginError(
            "The course plugins are listed in the wrong order in mkdocs.yml: "
            f"{', '.join(present)}.\nEach works on what the one before it produced; "
            f"list them in this order (other plugins may stand between them):\n{listed}"
        )
