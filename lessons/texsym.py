r"""Symbols marked in TeX with ``\sym{id}{tex}``.

``\sym`` is a two-argument macro of the math renderer (mkdocs.yml, ``course-math: macros:``)
that expands to ``\class{sym sym-id}{tex}``: the rendered SVG keeps the class, which is how
the browser finds the symbol. This module reads the same marks from the TeX source so that a
"where" list can be checked against its equation and can show each symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SYMBOL_ID = re.compile(r"^[a-z][a-z0-9-]*$")
_SYM = re.compile(r"\\sym(?![A-Za-z])")


@dataclass(frozen=True)
class Symbol:
    id: str
    tex: str


class SymbolSyntaxError(Exception):
    """A ``\\sym`` that is not followed by two brace groups, or has a bad id."""


def find_symbols(tex: str) -> list[Symbol]:
    """Every ``\\sym{id}{tex}`` in ``tex``, in order (nested marks included)."""
    symbols: list[Symbol] = []
    for match in _SYM.finditer(tex):
        if _escaped(tex, match.start()):
            continue
        position = match.end()
        ident, position = _group(tex, position)
        body, _ = _group(tex, position)
        ident = ident.strip()
        if not SYMBOL_ID.match(ident):
            raise SymbolSyntaxError(
                f"\\sym{{{ident}}}: a symbol id is lower-case letters, digits and '-', "
                "starting with a letter"
            )
        symbols.append(Symbol(ident, body.strip()))
    return symbols


# ``\\sym{id}`` (escaped ones are filtered with _escaped).
SYMBOL_MARK = re.compile(r"\\sym(?![A-Za-z])\s*\{\s*([^{}\s]*)\s*\}")


def symbol_marks(tex: str) -> list[re.Match[str]]:
    """Every ``\\sym{id}`` in ``tex`` (group 1 is the id), in order, whatever follows it."""
    return [m for m in SYMBOL_MARK.finditer(tex) if not _escaped(tex, m.start())]


def symbol_ids(tex: str) -> list[str]:
    """The id of every ``\\sym{id}`` in ``tex``, in order (no checks)."""
    return [m[1] for m in symbol_marks(tex)]


def has_symbol_mark(tex: str) -> bool:
    """Whether ``tex`` holds a ``\\sym`` (not an escaped ``\\\\sym``)."""
    return any(not _escaped(tex, m.start()) for m in _SYM.finditer(tex))


def _escaped(tex: str, index: int) -> bool:
    """Whether the backslash at ``index`` is itself escaped (``\\\\sym`` is a line break)."""
    count = 0
    while index - count - 1 >= 0 and tex[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _group(tex: str, position: int) -> tuple[str, int]:
    """The content of the brace group at ``position`` (after spaces) and the index after it."""
    while position < len(tex) and tex[position].isspace():
        position += 1
    if position >= len(tex) or tex[position] != "{":
        raise SymbolSyntaxError("\\sym needs two arguments: \\sym{id}{tex}")
    depth = 0
    start = position + 1
    index = position
    while index < len(tex):
        char = tex[index]
        if char == "\\":
            index += 2  # an escaped character, e.g. \{ or \}, never opens or closes a group
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return tex[start:index], index + 1
        index += 1
    raise SymbolSyntaxError("\\sym argument has an unbalanced '{'")


def unique_symbols(symbols: list[Symbol]) -> dict[str, Symbol]:
    """The first mark of each id, in order of first appearance."""
    found: dict[str, Symbol] = {}
    for symbol in symbols:
        found.setdefault(symbol.id, symbol)
    return found
