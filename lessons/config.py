"""Typed configuration: the plugin's options and the schema of a lesson's front matter."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from lessons.icons import icon_path

LESSON_ID = re.compile(r"^[0-9]+-[0-9]+$")


class LessonsConfig(base.Config):
    """``plugins: - course-lessons: ...`` in mkdocs.yml; every option has a default."""

    # Silent reading speed of technical prose.
    words_per_minute = c.Type(int, default=200)
    # A displayed equation is read slowly; each of its lines counts this many seconds.
    seconds_per_equation_line = c.Type(int, default=12)
    # An inline formula counts as this many words.
    words_per_inline_formula = c.Type(int, default=1)
    # Code is read line by line, not as prose: each non-blank line counts this many seconds.
    seconds_per_code_line = c.Type(int, default=5)
    # The check command stops a lesson's code after this many seconds (guarantees.code).
    code_timeout = c.Type(int, default=60)

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        positive = (
            "words_per_minute",
            "seconds_per_equation_line",
            "words_per_inline_formula",
            "seconds_per_code_line",
        )
        for key in (*positive, "code_timeout"):
            value = self.get(key)
            if isinstance(value, int) and value <= 0:
                failed.append((key, ValidationError(f"must be > 0, got {value}")))
        return failed, warnings


class LessonId(c.Type[str]):
    """A lesson number such as ``"14-2"`` (module, then lesson; quoted in YAML)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not LESSON_ID.match(text):
            raise ValidationError(f'is {text!r}; write a lesson number in quotes, like "14-2"')
        return text


class Icon(c.Type[str]):
    """A theme icon such as ``material/abacus`` (any icon Material ships)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if icon_path(text) is None:
            raise ValidationError(
                f"is {text!r}, which is not a Material icon; use a name like 'material/abacus' "
                "(see https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/)"
            )
        return text


class RefList(c.Type[list[Any]]):
    """Other lessons, by id (their titles and links come from their own pages)."""

    def __init__(self) -> None:
        super().__init__(list, default=[])

    def run_validation(self, value: object) -> list[Any]:
        if not isinstance(value, list):
            raise ValidationError('must be a list of lesson ids; write it as ["14-1", "14-2"]')
        return value


class LessonBlock(c.Type[dict[str, Any]]):
    """The ``lesson:`` block of a lesson page (its keys are validated by LessonMetaConfig)."""

    def __init__(self) -> None:
        super().__init__(dict)

    def run_validation(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise ValidationError("must hold keys; indent id, summary and icon under 'lesson:'")
        return value


class LessonMetaConfig(base.Config):
    """The ``lesson:`` mapping in a lesson page's front matter.

    Prerequisites are checked one by one (``lessons.frontmatter``), so that each problem can
    point at its own line. Previous and next lessons are not written: they follow ``nav``.
    """

    id = LessonId()
    summary = c.Type(str)
    icon = Icon()
    prerequisites = RefList()


class LessonPageConfig(base.Config):
    """The front matter of a lesson page: the page keys MkDocs and Material read, and ``lesson``.

    Any other key is reported: a misspelt ``titel:`` or ``tags`` would otherwise be ignored.
    """

    title = c.Optional(c.Type(str))
    description = c.Optional(c.Type(str))
    subtitle = c.Optional(c.Type(str))
    template = c.Optional(c.Type(str))
    icon = c.Optional(c.Type(str))
    status = c.Optional(c.Type(str))
    hide = c.Optional(c.Type(list))
    tags = c.Optional(c.Type(list))
    search = c.Optional(c.Type(dict))
    lesson = LessonBlock()
