"""Quiz file text -> validated Quiz, or one QuizError listing every problem."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from quiz.errors import Problem, QuizError
from quiz.model import LETTERS, Option, Question, Quiz, Step, Text, content_hash
from quiz.schema import (
    KINDS,
    SCHEMA_BY_KIND,
    Issue,
    OptionSchema,
    QuizFileSchema,
    describe,
    validate,
)
from quiz.yamlsource import (
    Entry,
    Located,
    Mapping,
    Position,
    Scalar,
    Sequence,
    Source,
    plain,
    read_yaml,
)


def load_quiz(source: Source, src_uri: str) -> Quiz:
    """Read and check a quiz file. Raises QuizError (and nothing else) for any author mistake."""
    root = read_yaml(source)
    if not isinstance(root, Mapping):
        found = "an empty file" if root is None else "not a mapping"
        raise QuizError(
            [source.problem(Position(1, 1), f"a quiz file is a mapping with 'questions:'; {found}")]
        )
    builder = _Builder(source)
    _, issues = validate(QuizFileSchema, root, "a quiz file")
    builder.add(issues)
    questions_entry = root.entries.get("questions")
    if questions_entry is not None and isinstance(questions_entry.value, Sequence):
        items = questions_entry.value.items
        if not items:
            builder.add([Issue(questions_entry.value.position, "'questions' is empty")])
        for item in items:
            builder.question(item)
    builder.check_unique_ids()
    quiz = Quiz(source, src_uri, tuple(builder.questions))
    if builder.problems:
        raise QuizFileError(sorted(builder.problems), quiz)
    return quiz


class QuizFileError(QuizError):
    """A quiz file's problems, with its questions that had none (whose TeX is still checked)."""

    def __init__(self, problems: list[Problem], valid_part: Quiz) -> None:
        super().__init__(problems)
        self.valid_part = valid_part


@dataclass
class _Builder:
    source: Source
    problems: list[Problem] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    first_use: dict[str, Position] = field(default_factory=dict)
    duplicates: list[tuple[str, Position]] = field(default_factory=list)

    def add(self, issues: list[Issue], question: str | None = None) -> None:
        for issue in issues:
            self.problems.append(self.source.problem(issue.position, issue.message, question))

    def question(self, node: Located) -> None:
        if not isinstance(node, Mapping):
            self.add([Issue(node.position, "a question is a mapping with 'type:' and 'prompt:'")])
            return
        name = _question_name(node)
        kind_entry = node.entries.get("type")
        kind = _scalar_value(node, "type")
        if kind not in KINDS:
            where = kind_entry.value.position if kind_entry else node.position
            got = "missing" if kind_entry is None else f"{kind!r}"
            self.add([Issue(where, f"'type' must be one of {', '.join(KINDS)} ({got})")], name)
            return
        assert isinstance(kind, str)
        config, issues = validate(SCHEMA_BY_KIND[kind], node, f"a {kind} question")
        self.add(issues, name)
        failed = bool(issues)
        qid = name
        if qid in self.first_use:
            self.duplicates.append((qid, node.position))
        else:
            self.first_use[qid] = node.position
        prompt, explanation = self.text(node, "prompt"), self.text(node, "explanation")
        hint = self.text(node, "hint")
        if prompt is None or explanation is None:
            return
        question = Question(qid, kind, node.position, prompt, explanation, hint)
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
            self.add([Issue(entry.value.position, f"{what} must be one paragraph")], qid)
            return None
        return text

    def options(self, node: Mapping, kind: str, qid: str) -> tuple[Option, ...] | None:
        entry = node.entries.get("options")
        if entry is None or not isinstance(entry.value, Sequence):
            return None
        options: list[Option] = []
        seen: dict[str, int] = {}
        ok = True
        for item in entry.value.items:
            if not isinstance(item, Mapping):
                self.add([Issue(item.position, "an option is a mapping with 'text:'")], qid)
                ok = False
                continue
            config, issues = validate(OptionSchema, item, "an option")
            self.add(issues, qid)
            text = None if issues else self.inline_text(item.entries["text"], "option text", qid)
            if text is None:
                ok = False
                continue
            if text.markdown in seen:
                first = seen[text.markdown]
                self.add([Issue(item.position, f"repeats the option on line {first}")], qid)
                ok = False
                continue
            seen[text.markdown] = item.position.line
            feedback_entry = item.entries.get("feedback")
            feedback = self.inline_text(feedback_entry, "feedback", qid) if feedback_entry else None
            if feedback_entry is not None and feedback is None:
                ok = False
                continue
            key = "o" + content_hash(text.markdown, length=6)
            options.append(Option(key, text, config["correct"], feedback))
        if not ok:
            return None
        correct = sum(option.correct for option in options)
        issues = []
        if len(options) < 2:
            issues.append(Issue(entry.value.position, "needs at least two options"))
        if len(options) > len(LETTERS):
            issues.append(Issue(entry.value.position, f"has more than {len(LETTERS)} options"))
        if kind == "single" and correct != 1:
            issues.append(
                Issue(
                    entry.value.position,
                    f"a single-choice question needs exactly one correct option ({correct} marked"
                    " 'correct: true'; use type: multiple for several)",
                )
            )
        if kind == "multiple" and correct < 1:
            issues.append(Issue(entry.value.position, "needs at least one 'correct: true' option"))
        self.add(issues, qid)
        return None if issues else tuple(options)

    def steps(self, node: Mapping, qid: str) -> tuple[Step, ...] | None:
        entry = node.entries.get("steps")
        if entry is None or not isinstance(entry.value, Sequence):
            return None
        steps: list[Step] = []
        seen: dict[str, int] = {}
        ok = True
        for item in entry.value.items:
            value = plain(item)
            if not isinstance(item, Scalar) or not isinstance(value, str) or not value.strip():
                got = describe(plain(item))
                self.add([Issue(item.position, f"a step must be non-empty text, got {got}")], qid)
                ok = False
                continue
            text = self.inline_text(Entry(item.position, item), "step text", qid)
            if text is None:
                ok = False
                continue
            if text.markdown in seen:
                first = seen[text.markdown]
                self.add([Issue(item.position, f"repeats the step on line {first}")], qid)
                ok = False
                continue
            seen[text.markdown] = item.position.line
            steps.append(Step("s" + content_hash(text.markdown, length=6), text))
        if ok and len(steps) < 2:
            self.add([Issue(entry.value.position, "needs at least two steps")], qid)
            ok = False
        return tuple(steps) if ok else None

    def check_unique_ids(self) -> None:
        for qid, position in self.duplicates:
            first = self.first_use[qid].line
            message = f"duplicate question id (first used by the question on line {first})"
            self.problems.append(self.source.problem(position, message, qid))


def _question_name(node: Mapping) -> str:
    """The question's id as authors will see it in messages: explicit, else from its prompt."""
    explicit = _scalar_value(node, "id")
    if isinstance(explicit, str):
        return explicit
    prompt = _scalar_value(node, "prompt")
    if isinstance(prompt, str):
        return "q-" + content_hash(str(_scalar_value(node, "type")), prompt.strip(), length=8)
    return f"(no id, line {node.position.line})"


def _scalar_value(node: Mapping, key: str) -> object:
    entry = node.entries.get(key)
    return entry.value.value if entry is not None and isinstance(entry.value, Scalar) else None
