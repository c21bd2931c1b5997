r"""Readable text for an equation, which the search index holds in place of its SVG.

Material's search splits text at spaces and hyphens, so TeX such as ``\mathrm{logvar}`` or
``\sym{kl-term}{...}`` is turned into the words a reader would type: ``logvar``, ``kl-term``,
``sigma``, ``log``. Layout commands (``\frac``, ``\left``, ``\mathrm``...) are left out.
"""

from __future__ import annotations

import re

_SYM_ID = re.compile(r"\\sym\s*\{\s*([a-z][a-z0-9-]*)\s*\}")
# Arguments that are names, not text of the formula.
_NAMES = re.compile(r"\\(?:begin|end|label|ref|eqref|tag|class|cssId|style|href)\s*\{[^{}]*\}")
_WORD = re.compile(r"\\([A-Za-z]+)|([A-Za-z]+(?:-[A-Za-z0-9]+)*)|(\d+(?:\.\d+)?)")
_LAYOUT = frozenset(
    """
    frac dfrac tfrac cfrac binom left right middle big Big bigg Bigg bigl bigr Bigl Bigr
    biggl biggr mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak mathscr
    boldsymbol bm text textrm textbf textit operatorname displaystyle textstyle
    scriptstyle limits nolimits mathop mathord mathrel mathbin quad qquad hat tilde bar
    vec dot ddot overline underline overbrace underbrace widehat widetilde sqrt sym
    notag nonumber cdot cdots ldots dots vdots ddots lvert rvert lVert rVert vert Vert
    mid colon hspace vspace phantom hphantom vphantom kern mkern mspace color
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


def readable(tex: str) -> str:
    """Words of ``tex`` for the search index, in order, separated by spaces."""
    words = _SYM_ID.findall(tex)
    body = _NAMES.sub(" ", _SYM_ID.sub(" ", tex))
    for command, word, number in _WORD.findall(body):
        if command:
            if command not in _LAYOUT:
                words.append(command)
        else:
            words.append(word or number)
    return " ".join(words)
