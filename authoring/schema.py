"""Author files validated with MkDocs' config options, every key reported, not only the first.

``Config.validate`` stops at the first failing option and keeps no positions. Here each
option is validated on its own against a located YAML mapping, so one run reports every
bad, missing and unknown key at the line and column where it was written.
"""

from __future__ import annotations

import difflib
from typing import TypeVar

from mkdocs.config.base import Config, ValidationError

from authoring.problems import Problem
from authoring.yamlsource import Mapping, plain

C = TypeVar("C", bound=Config)


def describe(value: object) -> str:
    """A value as an author would name it: 'a list', 'text ('yes')', 'a number (3)'."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return f"text ({value!r})"
    return f"a {type(value).__name__} ({value})"


def suggestion(word: str, known: list[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else the list of what is allowed."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"allowed: {', '.join(known)}"


def unknown_key(key: str, known: list[str], what: str) -> str:
    return f"unknown key '{key}' in {what} ({suggestion(key, known)})"


def validate(schema: type[C], node: Mapping, what: str) -> tuple[C, list[Problem]]:
    """Validate ``node`` against ``schema``: every failing, missing or unknown key is a problem.

    ``what`` names the thing in messages ("the lesson front matter", "a quiz question").
    Values that fail keep their raw form in the returned config; callers use the config
    only when no problem was found.
    """
    config = schema()
    config.load_dict(plain(node))  # type: ignore[arg-type]
    problems: list[Problem] = []
    known = [key for key, _ in schema._schema]
    for key, option in schema._schema:
        entry = node.entries.get(key)
        try:
            config[key] = option.validate(config.get(key))
        except ValidationError as exc:
            if entry is None:
                message = f"'{key}' is missing in {what}; add it"
                problems.append(Problem(node.location, message))
            else:
                problems.append(Problem(entry.value.location, f"'{key}' {exc}"))
        finally:
            option.reset_warnings()
    for key, entry in node.entries.items():
        if key not in known:
            problems.append(Problem(entry.key_location, unknown_key(key, known, what)))
    return config, problems
