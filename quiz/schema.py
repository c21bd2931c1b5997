"""What a quiz file may contain: the quiz's own config options and schemas.

Each level (file, question, option) is validated on its own with ``authoring.schema``, so
every problem keeps the location of the key or value it is about and every key is checked.
What is the quiz's own: its value types, and the hint that a key belongs to another type of
question.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from mkdocs.config.base import BaseConfigOption, Config, ValidationError
from mkdocs.config.config_options import Choice

from authoring.problems import Problem
from authoring.schema import describe, validate
from authoring.yamlsource import Mapping
from quiz.numeric import HELP, parse_number

KINDS = ("single", "multiple", "numeric", "ordering")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Text(BaseConfigOption[str]):
    """Non-empty Markdown text."""

    def run_validation(self, value: object) -> str:
        if value is None:
            raise ValidationError("is missing")
        if not isinstance(value, str):
            raise ValidationError(f"must be text, got {describe(value)}; quote it in YAML")
        if not value.strip():
            raise ValidationError("must not be empty")
        return value


class OptionalText(Text):
    default = None

    def run_validation(self, value: object) -> str:
        return value if value is None else super().run_validation(value)  # type: ignore[return-value]


class Unit(OptionalText):
    """A unit shown after the numeric input and accepted after the learner's number."""

    PATTERN = re.compile(r"^[^\W\d_][\w %/°·^()-]{0,23}$")

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if text is not None and not self.PATTERN.match(text):
            raise ValidationError(
                f"must be a short plain unit such as 'nats' or 'm/s', got {describe(value)}"
            )
        return text


class Flag(BaseConfigOption[bool]):
    def __init__(self, default: bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise ValidationError(f"must be true or false, got {describe(value)}")
        return value


class Identifier(BaseConfigOption[str | None]):
    default = None

    def run_validation(self, value: object) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise ValidationError(
                f"must be lowercase words joined by hyphens (like 'jensen-step'), "
                f"got {describe(value)}"
            )
        return value


class Number(BaseConfigOption[float]):
    """A number written as YAML number or as text in the learner's forms (``1/2``)."""

    def __init__(self, default: float | None = None, minimum: float | None = None) -> None:
        super().__init__()
        self.default = default
        self.minimum = minimum

    def run_validation(self, value: object) -> float:
        if value is None:
            raise ValidationError("is missing")
        parsed: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            parsed = float(value) if abs(float(value)) != float("inf") else None
            parsed = parsed if parsed == parsed else None  # NaN is not an answer
        elif isinstance(value, str):
            parsed = parse_number(value)
        if parsed is None:
            raise ValidationError(f"must be a number ({HELP}), got {describe(value)}")
        if self.minimum is not None and parsed < self.minimum:
            raise ValidationError(f"must be at least {self.minimum:g}, got {parsed:g}")
        return parsed


class RawList(BaseConfigOption[list[Any]]):
    """A list whose items are validated one by one later, each with its own position."""

    def run_validation(self, value: object) -> list[Any]:
        if value is None:
            raise ValidationError("is missing")
        if not isinstance(value, list):
            raise ValidationError(f"must be a list, got {describe(value)}")
        return value


class QuizFileSchema(Config):
    questions = RawList()


class QuestionSchema(Config):
    type = Choice(KINDS)
    id = Identifier()
    prompt = Text()
    explanation = Text()
    hint = OptionalText()


class ChoiceQuestionSchema(QuestionSchema):
    options = RawList()


class NumericQuestionSchema(QuestionSchema):
    answer = Number()
    tolerance = Number(default=0.0, minimum=0.0)
    unit = Unit()


class OrderingQuestionSchema(QuestionSchema):
    steps = RawList()


class OptionSchema(Config):
    text = Text()
    correct = Flag(default=False)
    feedback = OptionalText()


SCHEMA_BY_KIND: dict[str, type[QuestionSchema]] = {
    "single": ChoiceQuestionSchema,
    "multiple": ChoiceQuestionSchema,
    "numeric": NumericQuestionSchema,
    "ordering": OrderingQuestionSchema,
}


C = TypeVar("C", bound=Config)


def validate_part(schema: type[C], node: Mapping, what: str) -> tuple[C, list[Problem]]:
    """``authoring.schema.validate``, telling apart keys that belong to another question type."""
    known = {key for key, _ in schema._schema}
    foreign: list[Problem] = []
    entries = dict(node.entries)
    for key, entry in node.entries.items():
        owners = sorted({kind for kind, s in SCHEMA_BY_KIND.items() if key in dict(s._schema)})
        if key not in known and owners:
            del entries[key]
            message = (
                f"unknown key '{key}' in {what} ('{key}' belongs to {' and '.join(owners)}"
                " questions); remove it or change the question's type"
            )
            foreign.append(Problem(entry.key_location, message))
    config, problems = validate(schema, Mapping(entries, node.location), what)
    return config, problems + foreign
