"""An explorer marker's ``key=value`` parameters, read and checked where they were written.

The shared marker extension (``authoring.markers``) finds the marker outside code::

    <!-- explorer -->
    <!-- explorer: sigma2=0.3 x=1.5 controls=m,x,s2,beta -->

Here its argument becomes a located mapping, each key and value at its own column, which
``authoring.schema`` validates: every bad parameter is reported at its place.
"""

from __future__ import annotations

import re

from authoring.markers import Marker
from authoring.problems import Problem
from authoring.schema import validate
from authoring.source import Location
from authoring.yamlsource import Entry, Mapping, Scalar
from explorer.schema import ExplorerSettings, MarkerConfig

NAME = "explorer"
SYNTAX = "<!-- explorer --> or <!-- explorer: key=value ... -->"
_TOKEN = re.compile(r"\S+")


def argument_location(marker: Marker) -> Location:
    """Where the marker's argument (the text after the colon) starts."""
    where = marker.location
    if not marker.argument:
        return where
    offset = marker.line_text.index(marker.argument, marker.line_text.index(":") + 1)
    return Location(where.path, where.line, (where.col or 1) + offset)


def read_parameters(argument: str, where: Location) -> tuple[Mapping, list[Problem]]:
    """``key=value`` pairs as a located mapping (``where``: the argument's first character),
    and the tokens that are not key=value."""

    def at(index: int) -> Location:
        return Location(where.path, where.line, (where.col or 1) + index)

    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for token in _TOKEN.finditer(argument):
        key, sep, value = token.group().partition("=")
        if not sep or not key or not value:
            message = f"expected key=value, got {token.group()!r}; write parameters as key=value"
            problems.append(Problem(at(token.start()), message))
        elif key in entries:
            first = entries[key].key_location.col
            message = f"parameter '{key}' given twice (first at column {first}); keep one"
            problems.append(Problem(at(token.start()), message))
        else:
            value_start = token.start() + len(key) + 1
            scalar = Scalar(value, at(value_start), value_start, token.end())
            entries[key] = Entry(at(token.start()), scalar)
    return Mapping(entries, where), problems


def parse_parameters(
    argument: str, where: Location
) -> tuple[ExplorerSettings | None, list[Problem]]:
    """A marker's settings from its argument, or every problem in it."""
    parameters, problems = read_parameters(argument, where)
    config, invalid = validate(MarkerConfig, parameters, "an explorer marker")
    problems += invalid
    if problems:
        return None, problems
    return ExplorerSettings.from_config(config), []


def parse_marker(marker: Marker) -> tuple[ExplorerSettings | None, list[Problem]]:
    """The marker's settings, or every problem in it, at its columns in the page."""
    return parse_parameters(marker.argument, argument_location(marker))
