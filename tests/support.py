"""Helpers shared by the test suite: fixture sites, builds, a local server, a browser.

Everything here uses the real parts: MkDocs builds real sites, the server is a real HTTP
server on 127.0.0.1, and the browser is a real Chromium driven by Playwright.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import logging
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"

# The markdown setup of the real course, so fixture sites parse pages the same way.
BASE_MARKDOWN_EXTENSIONS: list[Any] = [
    "abbr",
    "admonition",
    "attr_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    {"pymdownx.arithmatex": {"generic": True}},
    "pymdownx.details",
    "pymdownx.superfences",
    {"pymdownx.tabbed": {"alternate_style": True}},
]


def write_site(
    root: Path,
    pages: dict[str, str],
    plugins: list[Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write a small MkDocs project under ``root`` and return its mkdocs.yml path.

    ``pages`` maps paths relative to docs/ to their text. ``plugins`` defaults to
    search + course-math; ``extra`` is merged into the top level of mkdocs.yml.
    """
    docs = root / "docs"
    for rel, text in pages.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "Fixture",
        "site_url": "https://fixture.example.org/",
        "docs_dir": str(docs),
        "site_dir": str(root / "site"),
        "theme": {"name": "material", "font": False, "features": ["navigation.instant"]},
        "plugins": plugins if plugins is not None else ["search", "course-math"],
        "markdown_extensions": BASE_MARKDOWN_EXTENSIONS,
    }
    if extra:
        config.update(extra)
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_file


# What a copy of the course needs besides the Python packages (imported from the install)
# and node_modules (found beside the math package). Generated files and caches are left out:
# a copy is built from its sources, like a fresh clone.
_NOT_COPIED = (".git", ".venv", "node_modules", "site", ".cache", "tests", "bench", "generated")


def copy_course(destination: Path) -> Path:
    """A private copy of the course's sources under ``destination``; returns its mkdocs.yml.

    Tests build the real course there, never in the repository, whose docs/ and .cache/
    belong to the author's `mkdocs serve`.
    """
    shutil.copytree(
        ROOT,
        destination,
        ignore=shutil.ignore_patterns(*_NOT_COPIED, "__pycache__", "*.egg-info", ".*_cache"),
        symlinks=True,
    )
    return destination / "mkdocs.yml"


@contextlib.contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """pymdownx.snippets resolves its base_path against the working directory."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def build_site(config_file: Path, **overrides: Any) -> MkDocsConfig:
    """Build with MkDocs' own API (as ``mkdocs build`` does) and return the loaded config."""
    config = load_config(str(config_file), **overrides)
    build(config)
    return config


def failed_build_report(config_file: Path) -> str:
    """The one error a failed build raises (MkDocs logs it, then aborts): its whole text.

    Fails the test unless the build aborts with exactly one PluginError, the course's one
    report of every problem.
    """
    raised: list[PluginError] = []
    original = PluginError.__init__

    def record(self: PluginError, *args: object) -> None:
        original(self, *args)
        raised.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PluginError, "__init__", record)
        with pytest.raises(Abort):
            build_site(config_file)
    assert len(raised) == 1, "exactly one error for the whole run"
    return str(raised[0])


def find_chromium() -> str | None:
    """The system Chromium to drive, or None to let Playwright use its own browser."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


# A frame, or 100 ms if no frame comes: Chromium does not run requestAnimationFrame for a
# page it does not draw, and Playwright's evaluate has no deadline, so a bare frame wait in
# a test could hang the whole suite. Put it first in the body of an async snippet.
NEXT_FRAME_JS = (
    "const frame = () => new Promise((resolve) => "
    "{ requestAnimationFrame(() => resolve()); setTimeout(resolve, 100); });"
)

# Scrolls the whole page by half screens, two frames at each stop, so every block comes
# near the viewport once (performance.css skips far blocks; lazy images load near it). At
# most 200 screens: a page that kept growing would otherwise never end the loop.
SCROLL_THROUGH_JS = (
    "async () => {"
    + NEXT_FRAME_JS
    + """
    const end = () => Math.min(document.documentElement.scrollHeight, 200 * innerHeight);
    for (let y = 0; y <= end(); y += innerHeight / 2) {
        scrollTo(0, y);
        await frame(); await frame();
    }
}"""
)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        logging.getLogger("tests.server").debug(format, *args)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (an ephemeral port by default); yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOOPBACK, port), handler)
    host, port = server.server_address[:2]
    if host != LOOPBACK:
        raise RuntimeError(f"test server must listen on {LOOPBACK}, got {host}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOOPBACK}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
