"""A validated quiz: what the renderer and the TeX check work from."""

from __future__ import annotations

from dataclasses import dataclass

from authoring.files import content_hash
from authoring.source import Location, SourceText
from authoring.yamlsource import Scalar

# Options are labelled A, B, C... so answers can name them without repeating their math.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def short_hash(*parts: object, length: int = 8) -> str:
    """A short, stable hash of JSON-serialisable content (never of positions)."""
    return content_hash(*parts)[:length]


@dataclass(frozen=True)
class Text:
    """Author Markdown and the YAML scalar it came from (to locate problems inside it)."""

    markdown: str
    scalar: Scalar

    def location_of(self, source: SourceText, fragment: str) -> Location:
        """Where ``fragment`` of this text was written, as nearly as it can be told.

        Exact whenever the fragment appears verbatim in the source (plain, literal and most
        quoted scalars); otherwise the scalar's own location.
        """
        return self.locations_of(source, [fragment])[0]

    def locations_of(self, source: SourceText, fragments: list[str]) -> list[Location]:
        """Where each of ``fragments`` was written, searched in order: the n-th copy of a
        repeated fragment is found at its n-th place, not at the first."""
        raw = source.text[self.scalar.start : self.scalar.end]
        cursor = 0
        found: list[Location] = []
        for fragment in fragments:
            location = self.scalar.location
            first = next((line.strip() for line in fragment.split("\n") if line.strip()), "")
            for probe in (fragment, first):
                index = raw.find(probe, cursor) if probe.strip() else -1
                if index >= 0:
                    location = source.location(self.scalar.start + index)
                    cursor = index + len(probe)
                    break
            found.append(location)
        return found


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
    location: Location
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
        return short_hash(
            self.kind,
            [text.markdown for text in self.texts],
            [option.correct for option in self.options],
            self.answer,
            self.tolerance,
            length=12,
        )


@dataclass(frozen=True)
class Quiz:
    source: SourceText
    src_uri: str  # path relative to docs/
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
