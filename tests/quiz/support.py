"""Helpers of the quiz tests: fixture sites with the course's plugins, and sample quiz files."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import markdown
import yaml

from authoring.problems import ProblemsFound
from authoring.source import SourceText
from quiz.loader import load_quiz
from quiz.model import Quiz
from tests.support import BASE_MARKDOWN_EXTENSIONS, write_site

ERROR_CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).with_name("error_cases.yml")).read_text("utf-8")
)
MACROS = {"KL": "D_{\\mathrm{KL}}", "E": "\\mathbb{E}", "N": "\\mathcal{N}", "R": "\\mathbb{R}"}
PLUGINS: list[Any] = ["search", "course-quiz", {"course-math": {"macros": MACROS}}]


def quiz_site(root: Path, pages: dict[str, str], **extra: Any) -> Path:
    """A fixture site with search, course-quiz and course-math, strict about anchors."""
    options: dict[str, Any] = {"validation": {"anchors": "warn", "unrecognized_links": "warn"}}
    options.update(extra)
    return write_site(root, {k: dedent(v) for k, v in pages.items()}, PLUGINS, options)


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def load(text: str, path: str = "t.quiz.yml") -> Quiz:
    return load_quiz(SourceText(path, dedent(text)), path)


def problems(text: str, path: str = "t.quiz.yml") -> list[str]:
    """The problems a quiz file's text has, as printed to authors."""
    try:
        load(text, path)
    except ProblemsFound as error:
        return [str(problem) for problem in error.problems]
    return []


def to_html(text: str) -> str:
    """Markdown through the course's extensions, as a page would be (without the math plugin)."""
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in BASE_MARKDOWN_EXTENSIONS:
        if isinstance(entry, dict):
            ((name, config),) = entry.items()
            names.append(name)
            configs[name] = config
        else:
            names.append(entry)
    return str(markdown.Markdown(extensions=names, extension_configs=configs).convert(text))


SAMPLE = """\
questions:
  - id: pick-one
    type: single
    prompt: Which step uses **Jensen's inequality** with $f = \\log$?
    options:
      - text: $\\log p(x) = \\log \\int p(x, z)\\, dz$
        feedback: An equality.
      - text: $\\log \\E[X] \\ge \\E[\\log X]$
        correct: true
        feedback: Yes, $\\log$ is concave.
      - text: Splitting the joint density.
    hint: Find the inequality.
    explanation: Only one step is a bound.
  - id: pick-many
    type: multiple
    prompt: Which are never negative?
    options:
      - text: $\\KL(q \\,\\|\\, p)$
        correct: true
      - text: $\\log p(x)$
        feedback: A log-density can be negative or positive.
      - text: A variance $\\sigma^2$
        correct: true
    explanation: Gibbs' inequality, and variances are squares.
  - id: half
    type: numeric
    prompt: What is $\\KL(\\N(1, 1) \\,\\|\\, \\N(0, 1))$?
    answer: 0.5
    tolerance: 0.01
    unit: nats
    explanation: Half the squared shift.
  - id: steps
    type: ordering
    prompt: Order the derivation.
    steps:
      - Write $\\log p(x)$ as a log-integral.
      - Multiply and divide by $q$.
      - Apply Jensen.
      - Split into two terms.
    explanation: Rewrite exactly, then bound, then split.
"""
