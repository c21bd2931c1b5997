"""Author files validated with MkDocs' config options, every key reported, not only the first.

``Config.validate`` stops at the first failing option and keeps no positions. Here each
option is validated on its own against a located YAML mapping, so one run reports every
bad, missing and unknown key at the line and column where it was written.
"""

from __future__ import annotations

import difflib
import re
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


_EXPECTED_TYPE = re.compile(r"^Expected type: (?P<types>.*?) but received: ")
_TYPE_NAMES = {
    "str": ("text", "quote it"),
    "int": ("a whole number", "write a number such as 3"),
    "float": ("a number", "write a number such as 0.5"),
    "bool": ("true or false", "write true or false"),
    "list": ("a list", "write it as [a, b] or as '- item' lines"),
    "dict": ("a mapping", "write it as indented 'key: value' lines"),
}


def plain_error(key: str, error: str, value: object) -> str:
    """MkDocs' validation message for ``key`` in plain words, ending with the fix.

    MkDocs says "Expected type: <class 'str'> but received: <class 'list'>" and "Required
    configuration not provided."; authors need "must be text, not a list; quote it".
    """
    if error.startswith("Required configuration not provided"):
        return f"'{key}' has no value; write its value after '{key}:'"
    expected = _EXPECTED_TYPE.match(error)
    if expected is not None:
        names = re.findall(r"<class '(\w+)'>", expected["types"])
        if "float" in names and "int" in names:
            names.remove("int")  # "a number" covers both
        known = [_TYPE_NAMES[name] for name in names if name in _TYPE_NAMES]
        if known:
            wanted = " or ".join(name for name, _ in known)
            return f"'{key}' must be {wanted}, not {describe(value)}; {known[0][1]}"
    return f"'{key}' {error}"


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
                message = plain_error(key, str(exc), plain(entry.value))
                problems.append(Problem(entry.value.location, message))
        finally:
            option.reset_warnings()
    for key, entry in node.entries.items():
        if key not in known:
            problems.append(Problem(entry.key_location, unknown_key(key, known, what)))
    return config, problems
