"""Claims files: ``NAME.numbers.yml`` beside the page ``NAME.md``.

    claims:
      - text: "KL(q ‖ p) ≈ 0.32 nats"      # a snippet of the page, exactly as written
        is: kl_gaussians(0, 1, 0, 4)         # the value of its number
      - text: "$w = 2$, $s^2 = 1$"
        is: [running.w, running.s2]          # one value per number, in order

Write a list of expressions one per line (``- expr``): YAML cuts a ``[a(0, 1), b]`` list at
every comma, also inside parentheses (reported, with this advice), unless it is quoted
whole, ``"[a(0, 1), b]"``: one expression whose value is a list.

``text`` is found in the page's prose wherever it occurs (a line break in the page matches
any space in ``text``). ``is`` is one expression or a list of them, each evaluated by
guarantees.evaluator over guarantees.namespace; an expression whose value is a list or a
tuple gives several values (``running.model.posterior(running.x)``: mean and variance).
The values pair up, in order, with the numbers of ``text`` that are not structural, or
with all of its numbers when ``is`` gives one value for each.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from authoring.memo import Memo
from authoring.problems import Problem, ProblemsFound
from authoring.schema import validate
from authoring.source import Location, SourceText
from authoring.yamlmemo import read_yaml_remembered
from authoring.yamlsource import Mapping, Scalar, Sequence

SUFFIX = ".numbers.yml"
EXAMPLE = '- text: "w = 2"\n    is: running.w'


class ExpressionOption(base.BaseConfigOption[object]):
    """``is``: an expression (text or a number), or a non-empty list of them."""

    def run_validation(self, value: object) -> object:
        items = value if isinstance(value, list) else [value]
        if not items:
            raise ValidationError("is an empty list; give one expression per number")
        for item in items:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                raise ValidationError(
                    "must be an expression, like running.w, or a list of them, "
                    "like [running.w, running.s2]"
                )
        return value


class NonEmptyText(c.Type[str]):
    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            raise ValidationError(
                f"must be text copied from the page; put it in quotes (got {value!r})"
            )
        if not value.strip():
            raise ValidationError("is empty; copy the text of the page that holds the number")
        return value


class ClaimsFileConfig(base.Config):
    claims = c.Type(list)


# ``is`` is a Python keyword: the schema is made with the key as a string.
ClaimConfig: type[base.Config] = type(
    "ClaimConfig", (base.Config,), {"text": NonEmptyText(), "is": ExpressionOption()}
)


@dataclass(frozen=True)
class Expression:
    text: str
    location: Location


@dataclass(frozen=True)
class Claim:
    text: str
    location: Location  # of the text in the claims file
    expressions: tuple[Expression, ...]
    is_location: Location


def claims_path(page_source: Path) -> Path:
    """The claims file of a page: ``NAME.md`` -> ``NAME.numbers.yml``."""
    return page_source.with_name(page_source.stem + SUFFIX)


def read_claims(path: Path, shown: str, memo: Memo | None = None) -> list[Claim]:
    """The claims of one claims file. Raises ProblemsFound listing every problem in it.

    ``memo`` (authoring.yamlmemo) remembers the YAML of files read in earlier builds."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemsFound([Problem(Location(shown), f"cannot read this file: {exc}")]) from None
    root = read_yaml_remembered(SourceText(shown, text), memo)
    if root is None:
        return []
    if not isinstance(root, Mapping):
        message = f"a claims file holds 'claims:', a list of claims like\n  {EXAMPLE}"
        raise ProblemsFound([Problem(root.location, message)])
    _, problems = validate(ClaimsFileConfig, root, "a claims file")
    claims: list[Claim] = []
    entry = root.entries.get("claims")
    if entry is not None and isinstance(entry.value, Sequence):
        for number, item in enumerate(entry.value.items, start=1):
            claim = _claim(item, number, problems, text)
            if claim is not None:
                claims.append(claim)
    if problems:
        raise ProblemsFound(problems)
    return claims


def _claim(node: object, number: int, problems: list[Problem], text: str) -> Claim | None:
    if not isinstance(node, Mapping):
        where = node.location if isinstance(node, Scalar | Sequence) else None
        message = f"claim {number} must be keys 'text' and 'is', like\n  {EXAMPLE}"
        if where is not None:
            problems.append(Problem(where, message))
        return None
    _, found = validate(ClaimConfig, node, f"claim {number}")
    problems.extend(found)
    if found:
        return None
    text_node, is_node = node.entries["text"].value, node.entries["is"].value
    assert isinstance(text_node, Scalar) and isinstance(text_node.value, str)
    items = is_node.items if isinstance(is_node, Sequence) else [is_node]
    expressions = tuple(
        Expression(str(item.value), item.location) for item in items if isinstance(item, Scalar)
    )
    if isinstance(is_node, Sequence) and _split_by_yaml(is_node, expressions, text):
        problems.append(Problem(is_node.location, FLOW_LIST))
        return None
    return Claim(text_node.value, text_node.location, expressions, is_node.location)


FLOW_LIST = (
    "YAML splits a [...] list at every comma, also inside a call's parentheses; write one "
    "expression per line ('- kl_gaussians(0, 1, 0, 4)'), or quote the whole list "
    '("[kl_gaussians(0, 1, 0, 4), running.w]")'
)


def _split_by_yaml(node: Sequence, expressions: tuple[Expression, ...], text: str) -> bool:
    """Whether a flow list ``[a(0, 1), b]`` was cut into pieces that are not expressions."""
    line, col = node.location.line, node.location.col
    if line is None or col is None:
        return False
    written = text.split("\n")[line - 1][col - 1 :]
    if not written.startswith("["):
        return False
    for expression in expressions:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(expression.text.strip(), mode="eval")
        except SyntaxError:
            return True
    return False
