"""The catalog (figures_src/catalog.yml): which script writes which outputs, with what.

Read as data, never by importing the scripts, so deciding what is stale stays cheap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from figures_src.config import JobConfig, PipelinePaths
from figures_src.errors import FiguresError, Problem
from figures_src.files import figure_outputs, table_output

# libyaml's loader when it is there: the catalog is read on every build.
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NAME_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Job:
    """One catalog entry, validated."""

    name: str
    script: Path  # absolute
    module: str  # the dotted name the renderer imports
    figures: tuple[str, ...]
    tables: tuple[str, ...]
    params: Mapping[str, Any] = field(hash=False)
    line: int  # of the entry in catalog.yml

    @property
    def outputs(self) -> tuple[str, ...]:
        """Declared outputs, relative to the output folder (POSIX separators)."""
        figures = tuple(out for name in self.figures for out in figure_outputs(name))
        return figures + tuple(table_output(name) for name in self.tables)


def _entry_lines(text: str) -> dict[str, int]:
    """Line of each top-level key; duplicate keys are errors (YAML would keep the last)."""
    node = yaml.compose(text, Loader=YAML_LOADER)
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key = str(key_node.value)
            if key in lines:
                raise yaml.YAMLError(
                    f"line {key_node.start_mark.line + 1}: '{key}' is declared twice "
                    f"(first on line {lines[key]})"
                )
            lines[key] = key_node.start_mark.line + 1
    return lines


def _is_plain_data(value: object) -> bool:
    if isinstance(value, bool | int | float | str):
        return not (isinstance(value, float) and value != value)  # NaN never equals itself
    if isinstance(value, list):
        return all(_is_plain_data(v) for v in value)
    return False


def load_catalog(paths: PipelinePaths) -> list[Job]:
    """Every job in the catalog, or a FiguresError listing every problem in it."""
    catalog = paths.show(paths.catalog)
    try:
        text = paths.catalog.read_text(encoding="utf-8")
        lines = _entry_lines(text)
        raw = yaml.load(text, Loader=YAML_LOADER)
    except OSError as exc:
        raise FiguresError([Problem(catalog, f"cannot read the catalog: {exc.strerror}")]) from None
    except yaml.YAMLError as exc:
        raise FiguresError([Problem(catalog, f"invalid YAML: {exc}")]) from None
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise FiguresError([Problem(catalog, "expected a mapping of job names to entries", 1)])

    problems: list[Problem] = []
    jobs: list[Job] = []
    owner: dict[str, str] = {}  # output -> job that declares it
    for name, entry in raw.items():
        line = lines.get(str(name), 1)

        def problem(message: str, line: int = line) -> None:
            problems.append(Problem(catalog, message, line))

        if not isinstance(name, str) or not NAME_PATTERN.match(name):
            problem(f"job name {name!r} must be lower-case words joined by '-'")
            continue
        if not isinstance(entry, dict):
            problem(f"job '{name}': expected a mapping with script, figures, tables, params")
            continue
        options = JobConfig()
        options.load_dict(entry)
        errors, warnings = options.validate()
        for key, error in errors:
            problem(f"job '{name}': {key}: {error}")
        for key, warning in warnings:
            problem(f"job '{name}': {key}: {warning}")
        if errors or warnings:
            continue

        script_rel = Path(options.script)
        script = (paths.source_dir / script_rel).resolve()
        if script_rel.is_absolute() or script_rel.suffix != ".py" or ".." in script_rel.parts:
            problem(f"job '{name}': script must be a .py path inside the figures package")
            continue
        if not script.is_file():
            problem(f"job '{name}': script {paths.show(script)} does not exist")
            continue
        if not options.figures and not options.tables:
            problem(f"job '{name}': declares no figures and no tables")
        bad = [n for n in [*options.figures, *options.tables] if not NAME_PATTERN.match(n)]
        for output_name in bad:
            problem(
                f"job '{name}': output name '{output_name}' must be lower-case words joined by '-'"
            )
        bad_params = [
            key
            for key, value in options.params.items()
            if not isinstance(key, str) or not _is_plain_data(value)
        ]
        for key in bad_params:
            problem(
                f"job '{name}': params.{key}: expected a number, string, boolean "
                f"or a list of them, got {options.params[key]!r}"
            )
        if bad or bad_params:
            continue

        module_parts = (paths.source_dir.name, *script_rel.with_suffix("").parts)
        job = Job(
            name=name,
            script=script,
            module=".".join(module_parts),
            figures=tuple(options.figures),
            tables=tuple(options.tables),
            params=json.loads(json.dumps(options.params)),
            line=line,
        )
        for output in job.outputs:
            if output in owner:
                problem(f"job '{name}': {output} is already declared by job '{owner[output]}'")
            owner[output] = name
        jobs.append(job)

    if problems:
        raise FiguresError(problems)
    return jobs
