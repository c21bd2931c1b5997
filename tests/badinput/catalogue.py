"""The bad-input catalogue (cases.yml): each case, read and checked, and how to apply it.

A case is a small change to the known-good fixture course (fixture/): files to ``write``
(or delete, with ``null``) and text to ``edit`` (``[old, new]`` pairs, each ``old`` found
exactly once), relative to the project folder. It says what an author then sees:

- ``at``: the exact ``path:line[:col]`` the problem is reported at;
- ``message``: words of the message (for the README's troubleshooting table);
- ``fix``: the words of the message that say what to do;
- ``exit``: the exit code (default 1); ``command``: ``build`` (``mkdocs build --strict``,
  the default) or ``check`` (``python -m authoring check``).

``python -m tests.badinput.catalogue`` prints the README's troubleshooting section.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE / "cases.yml"
FIXTURE = HERE / "fixture"
KEYS = {"id", "case", "write", "edit", "at", "message", "fix", "exit", "command"}
COMMANDS = ("build", "check")


@dataclass(frozen=True)
class Case:
    id: str
    case: str  # what the author did, in plain words
    at: str  # "path:line" or "path:line:col"
    message: str
    fix: str
    write: dict[str, str | None] = field(default_factory=dict)
    edit: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    exit: int = 1
    command: str = "build"

    @property
    def touched(self) -> list[str]:
        return sorted({*self.write, *self.edit})

    def apply(self, project: Path) -> None:
        """Change the copy of the fixture course at ``project`` as the case says."""
        for rel, text in self.write.items():
            path = project / rel
            if text is None:
                path.unlink()
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for rel, pairs in self.edit.items():
            path = project / rel
            text = path.read_text(encoding="utf-8")
            for old, new in pairs:
                count = text.count(old)
                assert count == 1, f"{self.id}: {old!r} occurs {count} times in {rel}, not once"
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")

    def revert(self, project: Path, template: Path) -> None:
        """Put back the files the case changed, as they are in the template."""
        for rel in self.touched:
            original, path = template / rel, project / rel
            if original.exists():
                shutil.copy2(original, path)
            else:
                path.unlink(missing_ok=True)


def _case(raw: dict[str, Any]) -> Case:
    unknown = set(raw) - KEYS
    assert not unknown, f"case {raw.get('id')}: unknown keys {sorted(unknown)}"
    edit = {rel: [(old, new) for old, new in pairs] for rel, pairs in raw.get("edit", {}).items()}
    case = Case(
        id=raw["id"],
        case=raw["case"],
        at=raw["at"],
        message=raw["message"],
        fix=raw["fix"],
        write=dict(raw.get("write", {})),
        edit=edit,
        exit=raw.get("exit", 1),
        command=raw.get("command", "build"),
    )
    assert case.command in COMMANDS, f"case {case.id}: command must be one of {COMMANDS}"
    assert case.write or case.edit, f"case {case.id}: change at least one file"
    return case


def load_cases(path: Path = CASES_FILE) -> list[Case]:
    cases = [_case(raw) for raw in yaml.safe_load(path.read_text(encoding="utf-8"))]
    ids = [case.id for case in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    return cases


# The README's troubleshooting section, made from the catalogue (a test keeps them equal).
HEADING = "## Troubleshooting"
INTRO = """\
Every mistake below stops `mkdocs build --strict` with one list of problems, each as
`path:line:col: message`, the message ending with what to do (`mkdocs serve` prints the
same list and keeps serving the page's last good version). Broken links are MkDocs' own
warnings: `make check` (`python -m authoring check`) gives their line. The table is
generated from the bad-input catalogue (`tests/badinput/cases.yml`), every case of which
the test suite builds, so it shows what the build really prints; regenerate it with
`UPDATE_GOLDENS=1 .venv/bin/pytest tests/badinput -k readme`."""


def _cell(text: str, code: bool = False) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    if not code:
        return text
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def troubleshooting_section(cases: list[Case]) -> str:
    rows = [
        "| You wrote | The build says | What to do |",
        "| --- | --- | --- |",
        *(
            f"| {_cell(c.case)} | {_cell(c.message, code=True)} | {_cell(c.fix, code=True)} |"
            for c in cases
        ),
    ]
    return "\n".join([HEADING, "", INTRO, "", *rows, ""])


def readme_section(readme: str) -> str | None:
    """The troubleshooting section of README.md's text, up to the next ``## `` heading."""
    start = readme.find(f"\n{HEADING}\n")
    if start < 0:
        return None
    end = readme.find("\n## ", start + 1)
    return readme[start + 1 : (end + 1) if end >= 0 else len(readme)]


def with_section(readme: str, section: str, before: str = "## Deploying") -> str:
    """README.md's text with the troubleshooting section replaced (or put ``before``)."""
    current = readme_section(readme)
    if current is not None:
        return readme.replace(current, section + "\n", 1)
    index = readme.index(f"\n{before}\n")
    return readme[: index + 1] + section + "\n" + readme[index + 1 :]


if __name__ == "__main__":
    print(troubleshooting_section(load_cases()))
