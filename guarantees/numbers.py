"""Every number a reader sees is tied to the course maths: the claims of a page, checked.

For each claim, every place its text occurs in the page's prose is found; the numbers there
(guarantees.scanner) are paired with the claim's values, and each must equal its value
rounded to the number's decimals (0.318 claims a value in [0.3175, 0.3185]). A number of the
prose that no occurrence of a claim covers, and that is not structural, is a problem too.

Problems: an uncovered number (at the number), a wrong number (at the number, stating the
computed value), a stale claim (at the claim: its text is not in the page), an expression
that cannot be evaluated or gives the wrong count of values (at the expression).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np

from authoring.problems import Problem
from authoring.source import Location
from guarantees.claims import Claim
from guarantees.evaluator import ExpressionError, Namespace, evaluate
from guarantees.scanner import Number, PageText, numbers

MAX_VALUES = 100


@dataclass(frozen=True)
class _Value:
    value: float | None  # None: the expression failed (reported once, at the expression)
    expression: str
    location: Location


def check_numbers(
    path: str, claims_name: str, page: PageText, claims: list[Claim], namespace: Namespace
) -> list[Problem]:
    """The problems of one page's numbers, given its prose and its claims."""
    found = numbers(page)
    problems: list[Problem] = []
    covered: set[int] = set()
    for claim in claims:
        occurrences = _occurrences(page, claim.text, found)
        if not occurrences:
            problems.append(Problem(claim.location, _stale(claim.text)))
            continue
        values = _values(claim, namespace, problems)
        for inside in occurrences:
            covered.update(number.start for number in inside)
            if values is None:
                continue
            paired = _pair(claim, inside, values, problems)
            for number, value in paired:
                wrong = _wrong(number, value, claims_name)
                if wrong is not None:
                    problems.append(Problem(_at(path, page, number), wrong))
    for number in found:
        if number.start not in covered and not number.structural:
            message = (
                f"{number.literal} is not tied to the course maths; tie it to the course maths "
                f"in {claims_name}: a claim whose text holds this number and an expression "
                "that computes it"
            )
            problems.append(Problem(_at(path, page, number), message))
    return problems


def _stale(text: str) -> str:
    shown = " ".join(text.split())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return (
        f"text not found in the lesson: '{shown}'; copy the text as the page writes it now, "
        "and check the numbers it states, or remove this claim"
    )


def _occurrences(page: PageText, text: str, found: list[Number]) -> list[list[Number]]:
    """The numbers inside each place ``text`` occurs (places that cut a number are skipped)."""
    words = text.split()
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    places = []
    for match in pattern.finditer(page.text):
        start, end = match.start(), match.end()
        cut = [n for n in found if n.start < end and n.end > start]
        if all(start <= n.start and n.end <= end for n in cut):
            places.append(cut)
    return places


def _values(claim: Claim, namespace: Namespace, problems: list[Problem]) -> list[_Value] | None:
    """The claim's values, in order; None when an expression failed (reported here)."""
    values: list[_Value] = []
    failed = False
    for expression in claim.expressions:
        try:
            result = evaluate(expression.text, namespace)
        except ExpressionError as exc:
            message = f"this expression cannot be evaluated: {exc.message}; fix it"
            problems.append(Problem(expression.location, message))
            failed = True
            continue
        items = _items(result)
        if items is None:
            message = (
                f"'{expression.text}' is {_kind(result)}, not a number; "
                "write an expression whose value is a number"
            )
            problems.append(Problem(expression.location, message))
            failed = True
            continue
        values.extend(_Value(item, expression.text, expression.location) for item in items)
    return None if failed else values


def _items(result: object) -> list[float] | None:
    """A value as numbers: one number, or a list, tuple or 1-d array of numbers."""
    parts = list(result) if isinstance(result, list | tuple) else [result]
    if isinstance(result, np.ndarray) and result.ndim == 1:
        parts = list(result)
    if len(parts) > MAX_VALUES:
        return None
    values = []
    for part in parts:
        if isinstance(part, bool | str) or part is None:
            return None
        try:
            array = np.asarray(part)
            if array.ndim != 0:
                return None
            values.append(float(array.item()))
        except (TypeError, ValueError, OverflowError):
            return None
    return values


def _kind(value: object) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _pair(
    claim: Claim, inside: list[Number], values: list[_Value], problems: list[Problem]
) -> list[tuple[Number, _Value]]:
    """The numbers of one occurrence with the claim's values, in order.

    The values go to the numbers that need a claim; when there is one more value for each
    0 or 1 among them (``s^2 = 1``), to those too. Exponents and factors of a formula
    (``s^2``, ``2\\pi``) never take a value.
    """
    needed = [n for n in inside if not n.structural]
    stated = [n for n in inside if not n.formula]
    for candidates in (needed, stated):
        if len(candidates) == len(values):
            return list(zip(candidates, values, strict=True))
    shown = ", ".join(n.literal for n in needed) or "none"
    every = ", ".join(n.literal for n in stated) or "none"
    message = (
        f"'is' gives {len(values)} value(s) but the text holds {len(needed)} number(s) that "
        f"need a claim ({shown}; with 0 and 1: {every}); give one expression per number, "
        "in order"
    )
    problems.append(Problem(claim.is_location, message))
    return []


def _wrong(number: Number, value: _Value, claims_name: str) -> str | None:
    """Why ``number`` does not state ``value`` (None when it does)."""
    if value.value is None:
        return None
    step = Decimal(1).scaleb(-number.decimals)
    try:
        computed = Decimal(repr(value.value))
    except InvalidOperation:
        computed = None
    if computed is not None and computed.is_finite():
        if abs(computed - number.value) <= step / 2 * (1 + Decimal("1e-9")):
            return None
        rounded = computed.quantize(step) if abs(computed) < Decimal("1e30") else computed
        shown = f"{value.value:.{number.decimals + 3}g}"
        fix = f"write {rounded}" if rounded != computed else f"write {shown}"
    else:
        shown, fix = repr(value.value), "fix the expression"
    line = value.location.line
    return (
        f"{number.literal} does not match its claim: '{value.expression}' "
        f"({claims_name}:{line}) computes {shown}; {fix}, or fix the claim"
    )


def _at(path: str, page: PageText, number: Number) -> Location:
    line, col = page.place(number.start)
    return Location(path, line, col)
