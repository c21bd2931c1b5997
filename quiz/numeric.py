"""The numbers a learner may type, and that an author may write as a numeric answer.

Accepted: an optional sign, then a decimal (``0.5``, ``0.50``, ``.5``, ``5e-1``) or a
fraction of two decimals (``1/2``). quiz.js implements the same grammar; tests run the
same examples through both.
"""

from __future__ import annotations

import math
import re

_DECIMAL = r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER = re.compile(rf"^([+-]?)({_DECIMAL})(?:/({_DECIMAL}))?$")

# Typographic minus signs are what many keyboards and copied text produce.
_MINUS_SIGNS = str.maketrans({"\u2212": "-", "\u2013": "-"})

HELP = "enter a number such as 0.5, .5, 1/2 or 5e-1"


def parse_number(text: str) -> float | None:
    """The value of ``text``, or None when it is not a number in the accepted forms."""
    compact = "".join(text.translate(_MINUS_SIGNS).split())
    match = _NUMBER.match(compact)
    if match is None:
        return None
    sign, numerator, denominator = match.groups()
    value = float(numerator)
    if denominator is not None:
        divisor = float(denominator)
        if divisor == 0.0:
            return None
        value /= divisor
    if not math.isfinite(value):
        return None
    return -value if sign == "-" else value


def within(value: float, answer: float, tolerance: float) -> bool:
    """Whether ``value`` counts as ``answer``: absolute tolerance, plus float rounding slack."""
    slack = 1e-9 * max(1.0, abs(answer))
    return abs(value - answer) <= tolerance + slack
