"""The catalog (figures_src/catalog.yml): which script writes which outputs, with what.

Read as data, never by importing the scripts, so deciding what is stale stays cheap. It is
read with ``authoring.yamlsource`` (duplicate jobs are errors, not silently the last) and
each entry checked with ``authoring.schema``: every problem of every entry at its line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from authoring import yamlsource
from authoring.problems import Problem, ProblemsFound
from authoring.schema import describe, validate
from authoring.source import Location, SourceText
from figures_src.config import JobConfig, PipelinePaths
from figures_src.files import figure_outputs, table_output

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
    location: Location  # of the entry's name in catalog.yml
    timeout: float | None = None  # seconds, when the entry sets `timeout:` (else the default)

    @property
    def outputs(self) -> tuple[str, ...]:
        """Declared outputs, relative to the output folder (POSIX separators)."""
        figures = tuple(out for name in self.figures for out in figure_outputs(name))
        return figures + tuple(table_output(name) for name in self.tables)


def _is_plain_data(value: object) -> bool:
    if isinstance(value, bool | int | float | str):
        return not (isinstance(value, float) and value != value)  # NaN never equals itself
    if isinstance(value, list):
        return all(_is_plain_data(v) for v in value)
    return False


def _read(paths: PipelinePaths) -> yamlsource.Mapping | None:
    catalog = paths.show(paths.catalog)
    try:
        text = paths.catalog.read_text(encoding="utf-8")
    except OSError as exc:
        message = f"cannot read the catalog: {exc.strerror}; create it (see figures_src/README.md)"
        raise ProblemsFound([Problem(Location(catalog), message)]) from None
    root = yamlsource.read_yaml(SourceText(catalog, text))
    if root is None:
        return None
    if not isinstance(root, yamlsource.Mapping):
        message = "the catalog must map job names to entries (name: {script: ..., figures: ...})"
        raise ProblemsFound([Problem(root.location, message)])
    return root


def _names(node: yamlsource.Entry | None) -> list[yamlsource.Located]:
    """The items of a figures or tables list (the schema has checked it is a list)."""
    if node is None or not isinstance(node.value, yamlsource.Sequence):
        return []
    return node.value.items


class _CatalogReader:
    def __init__(self, paths: PipelinePaths) -> None:
        self.paths = paths
        self.problems: list[Problem] = []
        self.owner: dict[str, str] = {}  # output -> the job that declares it

    def problem(self, location: Location, message: str) -> None:
        self.problems.append(Problem(location, message))

    def job(self, name: str, entry: yamlsource.Entry) -> Job | None:
        where = entry.key_location
        if not NAME_PATTERN.match(name):
            self.problem(where, f"job name '{name}' must be lower-case words joined by '-'")
            return None
        node = entry.value
        if not isinstance(node, yamlsource.Mapping):
            self.problem(where, f"job '{name}': expected a mapping with script, figures, tables")
            return None
        options, found = validate(JobConfig, node, f"job '{name}'")
        self.problems += found
        if found:
            return None
        script_node = node.entries["script"].value.location
        script_rel = Path(options.script)
        script = (self.paths.source_dir / script_rel).resolve()
        if script_rel.is_absolute() or script_rel.suffix != ".py" or ".." in script_rel.parts:
            self.problem(
                script_node, f"job '{name}': script must be a .py path inside the figures package"
            )
            return None
        if not script.is_file():
            message = f"job '{name}': script {self.paths.show(script)} does not exist"
            self.problem(script_node, f"{message}; fix the path or write the script")
            return None
        if not options.figures and not options.tables:
            self.problem(where, f"job '{name}': declares no figures and no tables; add one")
        figures = _names(node.entries.get("figures"))
        tables = _names(node.entries.get("tables"))
        bad = False
        for item in figures + tables:
            value = yamlsource.plain(item)
            if not isinstance(value, str) or not NAME_PATTERN.match(value):
                bad = True
                self.problem(
                    item.location,
                    f"job '{name}': output name '{value}' must be lower-case words joined by '-'",
                )
        params = node.entries.get("params")
        if params is not None and isinstance(params.value, yamlsource.Mapping):
            for key, param in params.value.entries.items():
                value = yamlsource.plain(param.value)
                if not _is_plain_data(value):
                    bad = True
                    self.problem(
                        param.value.location,
                        f"job '{name}': params.{key}: expected a number, text, yes/no or a "
                        f"list of them, got {describe(value)}",
                    )
        if bad:
            return None
        job = Job(
            name=name,
            script=script,
            module=".".join((self.paths.source_dir.name, *script_rel.with_suffix("").parts)),
            figures=tuple(options.figures),
            tables=tuple(options.tables),
            params=json.loads(json.dumps(options.params)),
            location=where,
            timeout=options.timeout,
        )
        self._claim_outputs(job, figures, tables)
        return job

    def _claim_outputs(
        self, job: Job, figures: list[yamlsource.Located], tables: list[yamlsource.Located]
    ) -> None:
        declared = [
            (output, item.location)
            for item in figures
            for output in figure_outputs(str(yamlsource.plain(item)))
        ]
        declared += [(table_output(str(yamlsource.plain(item))), item.location) for item in tables]
        for output, location in declared:
            if output in self.owner:
                self.problem(
                    location,
                    f"job '{job.name}': {output} is already declared by job "
                    f"'{self.owner[output]}'; rename one of them",
                )
            self.owner[output] = job.name


def load_catalog(paths: PipelinePaths) -> list[Job]:
    """Every job in the catalog, or ProblemsFound listing every problem in it."""
    root = _read(paths)
    if root is None:
        return []
    reader = _CatalogReader(paths)
    jobs = [job for name, entry in root.entries.items() if (job := reader.job(name, entry))]
    if reader.problems:
        raise ProblemsFound(reader.problems)
    return jobs
