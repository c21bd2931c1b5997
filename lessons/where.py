r"""The "where" list: a definition of each marked symbol of the equation just above it.

Syntax (directly after a display equation, separated from it by a blank line)::

    $$
    \sym{logev}{\log p_\theta(x)} = \log \int \sym{dec}{p_\theta(x \mid z)} \, p(z) \, dz
    $$

    /// where
    logev: the log-likelihood of $x$ under the model
    dec: the decoder, with parameters $\theta$
    ///

Each entry is ``id: description`` (Markdown, with math); an indented line continues the
previous entry; the list has no blank lines. It shows each symbol as it is written in the
equation, so a symbol is typed once. Every ``\sym`` id of the equation needs an entry and
every entry a ``\sym``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Protocol

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.util import AtomicString

from lessons.symcheck import PRIORITY as SYMBOL_CHECK_PRIORITY
from lessons.symcheck import SymbolCheck, SymbolProblem
from lessons.texsym import SYMBOL_ID, Symbol, SymbolSyntaxError, find_symbols, unique_symbols

OPENING = "/// where"
_OPENING = re.compile(r"^///[ \t]*where[ \t]*$")
_CLOSING = re.compile(r"^///[ \t]*$")
_ENTRY = re.compile(r"^(?P<id>[^\s:]+)[ \t]*:[ \t]*(?P<text>.*)$")


@dataclass(frozen=True)
class WhereProblem:
    """A mistake in one where block; ``line`` indexes ``block`` (0 is the opening line)."""

    message: str
    block: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class _Entry:
    id: str
    text: str
    line: int


class WhereExtension(Extension):
    """Registers the where-block processor; collects problems for the page being rendered."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[WhereProblem] = []
        self.symbol_problems: list[SymbolProblem] = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Below the code block (80) and arithmatex's display math (79.9), above the rest.
        md.parser.blockprocessors.register(WhereBlockProcessor(md.parser, self), "where", 75)
        md.treeprocessors.register(
            SymbolCheck(md, self.symbol_problems), "where_symbols", SYMBOL_CHECK_PRIORITY
        )

    def take_problems(self) -> list[WhereProblem]:
        problems, self.problems = self.problems, []
        return problems

    def take_symbol_problems(self) -> list[SymbolProblem]:
        """The page's ``\\sym`` marks that no where list defines (lessons.symcheck)."""
        problems = list(self.symbol_problems)
        self.symbol_problems.clear()  # the tree processor keeps this list
        return problems


class WhereBlockProcessor(BlockProcessor):
    def __init__(self, parser: BlockParser, extension: WhereExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(_OPENING.match(block.split("\n", 1)[0]))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        lines, closed = self._take_block(blocks)
        block = tuple(lines)
        problems: list[WhereProblem] = []

        def problem(message: str, line: int = 0) -> None:
            problems.append(WhereProblem(message, block, line))

        if not closed:
            problem(
                "the where list is not closed: end it with a line '///' "
                "(a where list has no blank lines)"
            )
        entries = self._entries(lines, problem)
        symbols = self._equation_symbols(parent, problem)
        if symbols is not None:
            self._check(entries, symbols, problem)
        self._render(parent, entries, symbols or {})
        self.extension.problems.extend(problems)
        return True

    def _take_block(self, blocks: list[str]) -> tuple[list[str], bool]:
        """The block's lines up to its closing '///'.

        A where list is one Markdown block: it has no blank lines, so that it reads the same
        at the top level and nested in admonitions or details, where Python-Markdown hands
        over one block at a time.
        """
        lines: list[str] = []
        for index, line in enumerate(pending := blocks.pop(0).split("\n")):
            if lines and _CLOSING.match(line):
                rest = "\n".join(pending[index + 1 :])
                if rest.strip():
                    blocks.insert(0, rest)
                return lines, True
            lines.append(line)
        return lines, False

    def _entries(self, lines: list[str], problem: _ProblemSink) -> list[_Entry]:
        entries: list[_Entry] = []
        for number, line in enumerate(lines[1:], start=1):
            if not line.strip():
                continue
            if line[:1].isspace() and entries:
                last = entries[-1]
                entries[-1] = _Entry(last.id, f"{last.text} {line.strip()}", last.line)
                continue
            match = _ENTRY.match(line)
            if match is None:
                problem(
                    f"expected 'symbol-id: description', got {line.strip()!r}; "
                    "write the id, a colon and the description",
                    number,
                )
                continue
            ident, text = match["id"], match["text"].strip()
            if not SYMBOL_ID.match(ident):
                problem(
                    f"symbol id {ident!r}: use lower-case letters, digits and '-', "
                    "starting with a letter",
                    number,
                )
                continue
            if not text:
                problem(f"symbol '{ident}' has no description; describe it after the colon", number)
            if any(entry.id == ident for entry in entries):
                problem(f"symbol '{ident}' is listed twice; keep one entry", number)
                continue
            entries.append(_Entry(ident, text, number))
        if not any(line.strip() for line in lines[1:]):
            problem("the where list has no entries; list each \\sym id as 'id: description'")
        return entries

    def _equation_symbols(
        self, parent: etree.Element, problem: _ProblemSink
    ) -> dict[str, Symbol] | None:
        previous = parent[-1] if len(parent) else None
        classes = (previous.get("class") or "").split() if previous is not None else []
        if previous is None or previous.tag != "div" or "arithmatex" not in classes:
            problem(
                "a where list must directly follow a display equation "
                "($$...$$, \\[...\\] or \\begin{...}...\\end{...}), separated by a blank line"
            )
            return None
        tex = _display_tex(previous.text or "")
        try:
            return unique_symbols(find_symbols(tex))
        except SymbolSyntaxError as exc:
            problem(f"in the equation above: {exc}; fix that \\sym")
            return None

    def _check(
        self, entries: list[_Entry], symbols: dict[str, Symbol], problem: _ProblemSink
    ) -> None:
        listed = {entry.id for entry in entries}
        for entry in entries:
            if entry.id not in symbols:
                known = ", ".join(symbols) or "none"
                problem(
                    f"symbol '{entry.id}' is not marked in the equation above "
                    f"(mark it as \\sym{{{entry.id}}}{{...}}; marked: {known})",
                    entry.line,
                )
        missing = [ident for ident in symbols if ident not in listed]
        if missing:
            problem(
                "the equation above marks symbols this where list does not define: "
                + ", ".join(f"\\sym{{{ident}}}" for ident in missing)
                + "; add an entry for each"
            )

    def _render(
        self, parent: etree.Element, entries: list[_Entry], symbols: dict[str, Symbol]
    ) -> None:
        wrapper = etree.SubElement(parent, "div", {"class": "where"})
        title = etree.SubElement(wrapper, "p", {"class": "where-title"})
        title.text = "where"
        items = etree.SubElement(wrapper, "dl")
        for entry in entries:
            item = etree.SubElement(items, "div", {"class": "where-entry", "data-sym": entry.id})
            term = etree.SubElement(item, "dt")
            symbol = symbols.get(entry.id)
            if symbol is not None:
                # The same markup arithmatex gives inline math, so the math plugin renders it.
                math = etree.SubElement(term, "span", {"class": "arithmatex"})
                math.text = AtomicString(f"\\({symbol.tex}\\)")
            else:
                term.text = AtomicString(entry.id)
            definition = etree.SubElement(item, "dd")
            definition.text = entry.text


class _ProblemSink(Protocol):
    """The ``problem(message, line=0)`` callback of one block."""

    def __call__(self, message: str, line: int = 0) -> None: ...


def _display_tex(text: str) -> str:
    """The TeX of an arithmatex display block: delimiters removed, HTML escapes undone."""
    tex = html.unescape(text).strip()
    if tex.startswith("\\[") and tex.endswith("\\]"):
        tex = tex[2:-2]
    return tex
