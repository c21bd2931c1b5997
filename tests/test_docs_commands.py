"""The commands the README and CONTRIBUTING show (```sh blocks) work with this repository.

Each command line becomes a test, named by its file and line, so a new command in the docs is
checked without touching this file. Only cheap, safe things run: `make -n` (a dry run: every
make target, with its variables, must exist), imports of `python -m` modules, and look-ups
of executables, paths, pip extras and pins. Nothing is installed, built or downloaded.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import ROOT

DOCS = ("README.md", "CONTRIBUTING.md")
FENCE = re.compile(r"^(?P<fence>```+|~~~+)\s*(?P<lang>\w*)\s*$")
SHELL_LANGUAGES = {"sh", "bash", "shell"}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
VENV_BIN = Path(sys.executable).parent
# Words that name files of the repository: a path with a slash, or a known file name.
REPO_FILE = re.compile(r"^(\.?[\w.-]+/[\w./-]*|[\w.-]+\.(txt|toml|yml|yaml|md|json|py|cfg))$")


@dataclass(frozen=True)
class Command:
    doc: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.doc}:{self.line}"


def _commands() -> list[Command]:
    found: list[Command] = []
    for doc in DOCS:
        path = ROOT / doc
        if not path.is_file():
            continue
        fence: str | None = None
        shell = False
        pending = ""
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            match = FENCE.match(line.strip())
            if fence is None and match:
                fence, shell = match["fence"], match["lang"] in SHELL_LANGUAGES
                continue
            if fence is not None and line.strip() == fence:
                fence, shell = None, False
                continue
            if fence is None or not shell:
                continue
            text = (pending + " " + line.strip()).strip()
            if text.endswith("\\"):
                pending = text[:-1]
                continue
            pending = ""
            if text and not text.startswith("#"):
                found.append(Command(doc, number, text.removeprefix("$ ")))
    return found


COMMANDS = _commands()


def test_the_docs_show_commands() -> None:
    """The extraction finds the README's commands (an empty list would test nothing)."""
    readme = [c for c in COMMANDS if c.doc == "README.md"]
    assert len(readme) >= 5, readme
    assert any(c.text.startswith("make test") for c in readme)


def _words(command: Command) -> tuple[dict[str, str], list[str]]:
    """The command's leading VAR=value assignments and its words, comments dropped."""
    try:
        words = shlex.split(command.text, comments=True)
    except ValueError as error:
        pytest.fail(f"{command}: cannot be read as a shell command ({error}): {command.text}")
    env: dict[str, str] = {}
    while words and ASSIGNMENT.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    assert words, f"{command}: no command after the variables: {command.text}"
    return env, words


def _executable(name: str) -> str | None:
    if "/" in name:
        return str(ROOT / name) if (ROOT / name).is_file() else None
    return shutil.which(name, path=str(VENV_BIN)) or shutil.which(name)


def _check_make(command: Command, env: dict[str, str], args: list[str]) -> None:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "WITH_TORCH", "TORCH_INDEX_URL"}
    }
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, (
        f"{command}: `make -n {' '.join(args)}` fails, so `{command.text}` would too:\n"
        f"{result.stderr}"
    )


def _check_python_module(command: Command, words: list[str]) -> None:
    if "-m" in words:
        module = words[words.index("-m") + 1]
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            spec = None
        assert spec is not None, f"{command}: `python -m {module}`: there is no module {module!r}"


def _optional_dependencies() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)["project"]
    return dict(project.get("optional-dependencies", {}))


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        name, sep, version = line.partition("==")
        if sep:
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


def _check_pip(command: Command, words: list[str]) -> None:
    extras = _optional_dependencies()
    pins = _pins()
    for word in words:
        project = re.fullmatch(r"\.\[([\w,-]+)\]", word)
        if project:
            for extra in project.group(1).split(","):
                assert extra in extras, f"{command}: pyproject.toml has no extra {extra!r}"
        requirement = re.fullmatch(r"([A-Za-z0-9][\w.-]*)==([\w.+-]+)", word)
        if requirement:
            name = re.sub(r"[-_.]+", "-", requirement.group(1)).lower()
            assert pins.get(name, requirement.group(2)) == requirement.group(2), (
                f"{command}: {word} but constraints.txt pins {name}=={pins[name]}"
            )


def _check_paths(command: Command, words: list[str]) -> None:
    for word in words[1:]:
        value = word.split("=", 1)[1] if word.startswith("-") and "=" in word else word
        if "://" in value or value.startswith("-") or "<" in value or "NN" in value:
            continue
        if REPO_FILE.match(value) and not value.startswith("/"):
            assert (ROOT / value).exists(), f"{command}: {value} does not exist in the repository"


@pytest.mark.parametrize("command", COMMANDS, ids=str)
def test_documented_command_works_here(command: Command) -> None:
    env, words = _words(command)
    program = words[0]
    name = Path(program).name
    if name == "make":
        _check_make(command, env, words[1:])
    else:
        assert _executable(program), (
            f"{command}: `{program}` is neither in the virtual environment nor on PATH"
        )
    if re.fullmatch(r"python(3(\.\d+)?)?", name):
        _check_python_module(command, words)
    if name in {"pip", "pip3"} or words[1:3] == ["-m", "pip"]:
        _check_pip(command, words)
    _check_paths(command, words)
