"""Whatever an author writes, the quiz package answers with problems (or a quiz), never a crash.

Random text, random bytes, random YAML built from the schema's own words, and mutations of a
valid file all go through the loader; the only exception allowed out is ProblemsFound, and
every problem in it is located in the file. Random pages go through a real page conversion.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from authoring.problems import ProblemsFound
from authoring.source import SourceText
from quiz.catalogue import Catalogue
from quiz.loader import load_quiz
from tests.explorer.sites import SiteBuild
from tests.quiz.support import SAMPLE
from tests.support import write_site

# Hypothesis' example database is kept (failing examples are replayed first next time).
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PATH = "docs/random.quiz.yml"

KEYS = [
    "questions", "id", "type", "prompt", "explanation", "hint", "options", "text", "correct",
    "feedback", "answer", "tolerance", "unit", "steps", "corect", "<<",
]  # fmt: skip
SCALARS = st.one_of(
    st.sampled_from(["single", "multiple", "numeric", "ordering", "1/2", ".5", "1/0", "nats"]),
    st.text(max_size=12),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=25,
)


def assert_documented_outcome(text: str) -> None:
    lines = text.count("\n") + 1
    try:
        quiz = load_quiz(SourceText(PATH, text), "random.quiz.yml")
    except ProblemsFound as error:
        assert error.problems, "ProblemsFound always names at least one problem"
        for problem in error.problems:
            where = problem.location
            assert where.path == PATH
            assert where.line is not None and 1 <= where.line <= lines + 1, problem
            assert where.col is not None and where.col >= 1, problem
            assert problem.message.strip(), problem
    else:
        assert quiz.questions


@SETTINGS
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    assert_documented_outcome(text)


@SETTINGS
@given(DATA.map(lambda data: {"questions": data}))
def test_random_yaml_in_the_schema_vocabulary(data: dict[str, Any]) -> None:
    assert_documented_outcome(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(st.lists(st.dictionaries(st.sampled_from(KEYS), SCALARS | DATA, max_size=8), max_size=4))
def test_random_questions(questions: list[dict[str, Any]]) -> None:
    assert_documented_outcome(yaml.safe_dump({"questions": questions}, allow_unicode=True))


MUTATIONS = st.sampled_from(["delete", "duplicate", "insert", "replace", "indent", "dedent"])


@SETTINGS
@given(st.lists(st.tuples(MUTATIONS, st.integers(0, 10_000), st.text(max_size=8)), max_size=4))
def test_mutated_valid_file(edits: list[tuple[str, int, str]]) -> None:
    lines = SAMPLE.split("\n")
    for operation, where, text in edits:
        i = where % len(lines)
        if operation == "delete" and len(lines) > 1:
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        elif operation == "insert":
            column = where % (len(lines[i]) + 1)
            lines[i] = lines[i][:column] + text + lines[i][column:]
        elif operation == "replace":
            head, _, _ = lines[i].partition(":")
            lines[i] = f"{head}: {text}"
        elif operation == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i][2:]
    assert_documented_outcome("\n".join(lines))


@SETTINGS
@given(st.binary(max_size=200))
def test_random_bytes_never_escape_the_catalogue(content: bytes) -> None:
    catalogue = Catalogue()
    catalogue.add_quiz_file("random.quiz.yml", PATH, content)
    assert bool(catalogue.problems) == ("random.quiz.yml" in catalogue.broken)
    assert bool(catalogue.problems) != ("random.quiz.yml" in catalogue.quizzes)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    """A site with a.quiz.yml, whose pages are converted one by one."""
    root = tmp_path_factory.mktemp("random-pages")
    return SiteBuild(
        write_site(root, {"index.md": "# Home\n", "a.quiz.yml": SAMPLE}, ["course-quiz"])
    )


PAGE_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            ["```", "~~~", "````", "    ```", "<!-- quiz: a.quiz.yml -->", "<!-- quiz:",
             "<!-- quiz: ../x.quiz.yml -->", "<!-- quiz: a.quiz.yml#q -->", "!!! note", "",
             "<!-- Quiz: a.quiz.yml -->", "    <!-- quiz: a.quiz.yml#half -->", "- item"]
        ),
        st.text(max_size=20),
    ),
    max_size=20,
)  # fmt: skip


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(lines=PAGE_LINES)
def test_random_pages_only_produce_located_problems(site: SiteBuild, lines: list[str]) -> None:
    markdown = "\n".join(lines)
    before = len(site.report.problems)
    site.convert("random.md", markdown)
    for problem in site.report.problems[before:]:
        assert problem.path == "random.md", problem
        line = problem.location.line
        assert line is None or 1 <= line <= markdown.count("\n") + 1, problem
        assert problem.message.strip(), problem
