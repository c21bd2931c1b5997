r"""Every ``\sym`` must be defined by a where list: none in inline math, none in a display
equation that has no where list below it.

Python-Markdown's own parse decides what is math (pymdownx.arithmatex marks it) and what is
code, so a ``\sym`` shown in code is left alone. A ``\sym`` is named by its id and by how many
``\sym{id}`` came before it in the page, which ``lessons.locate`` turns into a line.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from lessons.texsym import symbol_ids

# After the inline patterns (20), which make the inline math elements.
PRIORITY = 15


@dataclass(frozen=True)
class SymbolProblem:
    """A ``\\sym`` no where list defines: the ``occurrence``-th ``\\sym{ident}`` of the page."""

    message: str
    ident: str
    occurrence: int


def _classes(element: etree.Element) -> list[str]:
    return (element.get("class") or "").split()


def _texts(element: etree.Element, in_where: bool = False) -> Iterator[tuple[etree.Element, str]]:
    """Each piece of text with the element that holds it, in page order.

    The symbol column of a where list (``dt``) repeats the equation's TeX: it is skipped.
    """
    if element.text:
        yield element, element.text
    in_where = in_where or (element.tag == "div" and "where" in _classes(element))
    for child in element:
        if not (in_where and child.tag == "dt"):
            yield from _texts(child, in_where)
        if child.tail:
            yield element, child.tail


def _is_math(element: etree.Element) -> bool:
    return element.tag in ("span", "div") and "arithmatex" in _classes(element)


def _display_message(idents: list[str]) -> str:
    marks = ", ".join(f"\\sym{{{ident}}}" for ident in idents)
    entries = ", ".join(f"'{ident}: ...'" for ident in idents)
    return (
        f"{marks} marks a symbol, but no where list follows this equation; add a '/// where' "
        f"list with {entries} right below it (after a blank line), or remove the \\sym"
    )


def _inline_message(ident: str) -> str:
    return (
        f"\\sym{{{ident}}} is in math inside running text, where no where list can define it; "
        "put the equation on its own lines ($$ ... $$) with a where list below it, "
        "or remove the \\sym"
    )


def find_problems(root: etree.Element) -> list[SymbolProblem]:
    """The ``\\sym`` marks of a converted page that no where list defines."""
    parents = {child: parent for parent in root.iter() for child in parent}
    seen: dict[str, int] = {}
    problems: list[SymbolProblem] = []
    for owner, text in _texts(root):
        idents = symbol_ids(text)
        if not idents:
            continue
        before = dict(seen)
        for ident in idents:
            seen[ident] = seen.get(ident, 0) + 1
        if not _is_math(owner):
            continue  # code or prose, not TeX
        if owner.tag == "span":  # inline math, or display math inside a paragraph
            counted: dict[str, int] = {}
            for ident in idents:
                counted[ident] = counted.get(ident, 0) + 1
                occurrence = before.get(ident, 0) + counted[ident]
                problems.append(SymbolProblem(_inline_message(ident), ident, occurrence))
            continue
        parent = parents.get(owner)
        siblings = list(parent) if parent is not None else []
        index = siblings.index(owner) if owner in siblings else -1
        following = siblings[index + 1] if 0 <= index < len(siblings) - 1 else None
        if following is None or "where" not in _classes(following):
            unique = list(dict.fromkeys(idents))
            occurrence = before.get(idents[0], 0) + 1
            problems.append(SymbolProblem(_display_message(unique), idents[0], occurrence))
    return problems


class SymbolCheck(Treeprocessor):
    """Collects the page's undefined ``\\sym`` marks into ``problems``."""

    def __init__(self, md: Markdown, problems: list[SymbolProblem]) -> None:
        super().__init__(md)
        self.problems = problems

    def run(self, root: etree.Element) -> None:
        self.problems.extend(find_problems(root))
