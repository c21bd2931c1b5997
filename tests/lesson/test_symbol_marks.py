r"""Every ``\sym`` is defined by a where list (issue 10): a ``\sym`` in inline math, or in a
display equation with no where list below it, is an error at its line."""

from __future__ import annotations

from pathlib import Path

from tests.lesson.sites import write_lesson_site
from tests.support import build_site, failed_build_report

PAGE = r"""# Symbols

Inline $a = \sym{x}{x}$ here, and `\sym{x}{code}` in code.

```tex
\sym{x}{fenced code is left alone}
```

$$
\sym{x}{x} + \sym{y}{y}
$$

/// where
x: the x, with $\sym{y}{y}$ in its description
y: the y
///

$$
\sym{z}{z} = \sym{x}{x}
$$

Text after.

!!! note
    $$
    \sym{w}{w}
    $$

A paragraph with display math $$\sym{v}{v}$$ inside it.
"""


def problems(root: Path, pages: dict[str, str]) -> list[str]:
    return failed_build_report(write_lesson_site(root, pages)).splitlines()[1:]


def test_undefined_symbols_are_errors_at_their_line(tmp_path: Path) -> None:
    inline = (
        "is in math inside running text, where no where list can define it; put the "
        "equation on its own lines ($$ ... $$) with a where list below it, or remove the \\sym"
    )
    assert problems(tmp_path, {"index.md": PAGE}) == [
        f"docs/index.md:3:13: \\sym{{x}} {inline}",
        f"docs/index.md:14:17: \\sym{{y}} {inline}",
        "docs/index.md:19:1: \\sym{z}, \\sym{x} marks a symbol, but no where list follows this "
        "equation; add a '/// where' list with 'z: ...', 'x: ...' right below it (after a blank "
        "line), or remove the \\sym",
        "docs/index.md:26:5: \\sym{w} marks a symbol, but no where list follows this equation; "
        "add a '/// where' list with 'w: ...' right below it (after a blank line), or remove "
        "the \\sym",
        f"docs/index.md:29:33: \\sym{{v}} {inline}",
    ]


def test_defined_symbols_and_code_pass(tmp_path: Path) -> None:
    page = (
        "# Fine\n\n$$\n\\sym{a}{\\sym{b}{x}}\n$$\n\n/// where\na: the outer\nb: the inner\n///\n\n"
        "Code: `$\\sym{c}{x}$`, and an escaped line break: $a \\\\sym b$.\n"
    )
    build_site(write_lesson_site(tmp_path, {"index.md": page}), strict=True)
