"""Quiz file text -> validated Quiz, or ProblemsFound listing every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from authoring.memo import Memo
from authoring.problems import Problem, ProblemsFound, sorted_problems
from authoring.schema import describe
from authoring.source import Location, SourceText
from authoring.yamlmemo import read_yaml_remembered
from authoring.yamlsource import Entry, Located, Mapping, Scalar, Sequence, plain
from quiz.model import LETTERS, Option, Question, Quiz, Step, Text, short_hash
from quiz.schema import KINDS, SCHEMA_BY_KIND, OptionSchema, QuizFileSchema, validate_part

# Code spans (their text is not Markdown), and display math: ``$$`` not escaped.
_CODE_SPAN = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.S)
_DISPLAY_MATH = re.compile(r"(?<!\\)\$\$")


def load_quiz(source: SourceText, src_uri: str, memo: Memo | None = None) -> Quiz:
    """Read and check a quiz file. Raises ProblemsFound (and nothing else) for author mistakes.

    ``memo`` (authoring.yamlmemo) remembers the YAML of files read in earlier builds."""
    root = read_yaml_remembered(source, memo)
    if not isinstance(root, Mapping):
        found = "the file is empty" if root is None else "the file is not a mapping"
        message = f"a quiz file is a mapping with 'questions:' ({found}); start it with questions:"
        raise ProblemsFound([Problem(source.at(0, 0), message)])
    builder = _Builder(source)
    _, problems = validate_part(QuizFileSchema, root, "a quiz file")
    builder.problems += problems
    questions_entry = root.entries.get("questions")
    if questions_entry is not None and isinstance(questions_entry.value, Sequence):
        items = questions_entry.value.items
        if not items:
            builder.add(questions_entry.value.location, "'questions' is empty; add a question")
        for item in items:
            builder.question(item)
    builder.check_unique_ids()
    quiz = Quiz(source, src_uri, tuple(builder.questions))
    if builder.problems:
        raise QuizFileError(sorted_problems(builder.problems), quiz)
    return quiz


class QuizFileError(ProblemsFound):
    """A quiz file's problems, with its questions that had none (whose TeX is still checked)."""

    def __init__(self, problems: list[Problem], valid_part: Quiz) -> None:
        super().__init__(problems)
        self.valid_part = valid_part


def in_question(problem: Problem, qid: str | None) -> Problem:
    """The problem, its message naming the question it is in."""
    if qid is None:
        return problem
    return Problem(problem.location, f"question '{qid}': {problem.message}", problem.context)


@dataclass
class _Builder:
    source: SourceText
    problems: list[Problem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    first_use: dict[str, Location] = field(default_factory=dict)
    duplicates: list[tuple[str, Location]] = field(default_factory=list)

    def add(self, location: Location, message: str, qid: str | None = None) -> None:
        self.problems.append(in_question(Problem(location, message), qid))

    def extend(self, problems: list[Problem], qid: str) -> None:
        self.problems += [in_question(problem, qid) for problem in problems]

    def question(self, node: Located) -> None:
        if not isinstance(node, Mapping):
            self.add(node.location, "a question is a mapping with 'type:' and 'prompt:'")
            return
        name = _question_name(node)
        kind_entry = node.entries.get("type")
        kind = _scalar_value(node, "type")
        if kind not in KINDS:
            where = kind_entry.value.location if kind_entry else node.location
            got = "it is missing" if kind_entry is None else f"got {kind!r}"
            self.add(where, f"'type' must be one of {', '.join(KINDS)} ({got})", name)
            return
        assert isinstance(kind, str)
        config, problems = validate_part(SCHEMA_BY_KIND[kind], node, f"a {kind} question")
        self.extend(problems, name)
        failed = bool(problems)
        qid = name
        if qid in self.first_use:
            self.duplicates.append((qid, node.location))
        else:
            self.first_use[qid] = node.location
        prompt, explanation = self.text(node, "prompt"), self.text(node, "explanation")
        hint = self.text(node, "hint")
        if prompt is None or explanation is None:
            return
        question = Question(qid, kind, node.location, prompt, explanation, hint)
        if kind in ("single", "multiple"):
            options = self.options(node, kind, qid)
            failed = failed or options is None
            question = replace(question, options=options or ())
        elif kind == "ordering":
            steps = self.steps(node, qid)
            failed = failed or steps is None
            question = replace(question, steps=steps or ())
        else:
            if failed:
                return
            shown = _scalar_value(node, "answer")
            question = replace(
                question,
                answer=config["answer"],
                answer_text=str(shown),
                tolerance=config["tolerance"],
                unit=self.text(node, "unit"),
            )
        if not failed:
            self.questions.append(question)

    def text(self, node: Mapping, key: str) -> Text | None:
        entry = node.entries.get(key)
        if entry is None or not isinstance(entry.value, Scalar):
            return None
        value = entry.value.value
        if not isinstance(value, str) or not value.strip():
            return None
        return Text(value.strip("\n"), entry.value)

    def inline_text(self, entry: Entry, what: str, qid: str) -> Text | None:
        """Option and step text sits inside a label, so it must be a single paragraph."""
        if not isinstance(entry.value, Scalar) or not isinstance(entry.value.value, str):
            return None
        text = Text(entry.value.value.strip(), entry.value)
        if "\n\n" in text.markdown or "\n \n" in text.markdown:
            message = f"{what} must be one paragraph; remove the blank line"
            self.add(entry.value.location, message, qid)
            return None
        prose = _CODE_SPAN.sub(lambda code: " " * len(code.group(0)), text.markdown)
        display = _DISPLAY_MATH.search(prose)
        if display is not None:
            where = text.locations_of(self.source, [text.markdown[display.start() :]])[0]
            place = {"option text": "an option", "feedback": "feedback", "step text": "a step"}
            message = (
                f"display math ($$...$$) cannot stand in {place.get(what, what)}, which is one"
                " line of text; use $...$"
            )
            self.add(where, message, qid)
            return None
        return text

    def options(self, node: Mapping, kind: str, qid: str) -> tuple[Option, ...] | None:
        entry = node.entries.get("options")
        if entry is None or not isinstance(entry.value, Sequence):
            return None
        options: list[Option] = []
        seen: dict[str, int | None] = {}
        ok = True
        for item in entry.value.items:
            if not isinstance(item, Mapping):
                self.add(item.location, "an option is a mapping with 'text:'", qid)
                ok = False
                continue
            config, problems = validate_part(OptionSchema, item, "an option")
            self.extend(problems, qid)
            text = None if problems else self.inline_text(item.entries["text"], "option text", qid)
            if text is None:
                ok = False
                continue
            if text.markdown in seen:
                message = f"repeats the option on line {seen[text.markdown]}; remove one"
                self.add(item.location, message, qid)
                ok = False
                continue
            seen[text.markdown] = item.location.line
            feedback_entry = item.entries.get("feedback")
            feedback = self.inline_text(feedback_entry, "feedback", qid) if feedback_entry else None
            if feedback_entry is not None and feedback is None:
                ok = False
                continue
            key = "o" + short_hash(text.markdown, length=6)
            options.append(Option(key, text, config["correct"], feedback))
        if not ok:
            return None
        return self.check_options(entry.value.location, options, kind, qid)

    def check_options(
        self, where: Location, options: list[Option], kind: str, qid: str
    ) -> tuple[Option, ...] | None:
        correct = sum(option.correct for option in options)
        messages = []
        if len(options) < 2:
            messages.append("needs at least two options; add another")
        if len(options) > len(LETTERS):
            messages.append(f"has more than {len(LETTERS)} options; split the question")
        if kind == "single" and correct != 1:
            messages.append(
                f"a single-choice question needs exactly one correct option ({correct} marked"
                " 'correct: true'; use type: multiple for several)"
            )
        if kind == "multiple" and correct < 1:
            messages.append("needs at least one 'correct: true' option")
        for message in messages:
            self.add(where, message, qid)
        return None if messages else tuple(options)

    def steps(self, node: Mapping, qid: str) -> tuple[Step, ...] | None:
        entry = node.entries.get("steps")
        if entry is None or not isinstance(entry.value, Sequence):
            return None
        steps: list[Step] = []
        seen: dict[str, int | None] = {}
        ok = True
        for item in entry.value.items:
            value = plain(item)
            if not isinstance(item, Scalar) or not isinstance(value, str) or not value.strip():
                message = f"a step must be non-empty text, got {describe(value)}"
                self.add(item.location, message, qid)
                ok = False
                continue
            text = self.inline_text(Entry(item.location, item), "step text", qid)
            if text is None:
                ok = False
                continue
            if text.markdown in seen:
                message = f"repeats the step on line {seen[text.markdown]}; remove one"
                self.add(item.location, message, qid)
                ok = False
                continue
            seen[text.markdown] = item.location.line
            steps.append(Step("s" + short_hash(text.markdown, length=6), text))
        if ok and len(steps) < 2:
            self.add(entry.value.location, "needs at least two steps; add another", qid)
            ok = False
        return tuple(steps) if ok else None

    def check_unique_ids(self) -> None:
        for qid, location in self.duplicates:
            first = self.first_use[qid].line
            message = (
                f"duplicate question id (first used by the question on line {first});"
                " give each question its own id"
            )
            self.add(location, message, qid)


def _question_name(node: Mapping) -> str:
    """The question's id as authors will see it in messages: explicit, else from its prompt."""
    explicit = _scalar_value(node, "id")
    if isinstance(explicit, str):
        return explicit
    prompt = _scalar_value(node, "prompt")
    if isinstance(prompt, str):
        return "q-" + short_hash(str(_scalar_value(node, "type")), prompt.strip(), length=8)
    return f"(no id, line {node.location.line})"


def _scalar_value(node: Mapping, key: str) -> object:
    entry = node.entries.get(key)
    return entry.value.value if entry is not None and isinstance(entry.value, Scalar) else None
