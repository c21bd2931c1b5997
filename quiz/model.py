"""A validated quiz: what the renderer and the TeX check work from."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from quiz.yamlsource import Position, Scalar, Source

# Options are labelled A, B, C... so answers can name them without repeating their math.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def content_hash(*parts: object, length: int = 8) -> str:
    """A short, stable hash of JSON-serialisable content (never of positions)."""
    blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True)
class Text:
    """Author Markdown and the YAML scalar it came from (to locate problems inside it)."""

    markdown: str
    scalar: Scalar

    def position_of(self, source: Source, fragment: str) -> Position:
        return self.scalar.locate(source, fragment)


@dataclass(frozen=True)
class Option:
    key: str
    text: Text
    correct: bool
    feedback: Text | None


@dataclass(frozen=True)
class Step:
    key: str
    text: Text


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # one of schema.KINDS
    position: Position
    prompt: Text
    explanation: Text
    hint: Text | None
    options: tuple[Option, ...] = ()
    steps: tuple[Step, ...] = ()
    answer: float | None = None
    answer_text: str = ""  # the answer as the author wrote it, for display
    tolerance: float = 0.0
    unit: Text | None = None

    @property
    def texts(self) -> tuple[Text, ...]:
        """Every piece of author Markdown in the question."""
        found: list[Text | None] = [self.prompt, self.explanation, self.hint, self.unit]
        for option in self.options:
            found += [option.text, option.feedback]
        found += [step.text for step in self.steps]
        return tuple(text for text in found if text is not None)

    @property
    def version(self) -> str:
        """Changes whenever the question's content changes, so saved progress resets."""
        return content_hash(
            self.kind,
            [text.markdown for text in self.texts],
            [option.correct for option in self.options],
            self.answer,
            self.tolerance,
            length=12,
        )


@dataclass(frozen=True)
class Quiz:
    source: Source
    src_uri: str  # path relative to docs/ (or to the checked directory)
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
