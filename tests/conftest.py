"""Session fixtures: the real course built once, a server for it, and a Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.support import (
    CHROMIUM_ARGS,
    LOOPBACK,
    ROOT,
    build_site,
    copy_course,
    find_chromium,
    free_port,
    serve_directory,
    working_directory,
)

# Failing examples are kept and tried first next time, on CI too (where Hypothesis' own CI
# profile would turn the example database off).
settings.register_profile(
    "course", database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples"))
)
settings.load_profile("course")


@pytest.fixture(scope="session")
def course_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def course_site(tmp_path_factory: pytest.TempPathFactory, course_port: int) -> Path:
    """The real course (mkdocs.yml at the repository root), built strictly once per session.

    Its site_url is the address the tests serve it at, as a deployment's would be: Material's
    instant navigation only follows links to the URLs listed in the sitemap.
    """
    base = tmp_path_factory.mktemp("course")
    config_file = copy_course(base / "project")
    site_dir = base / "site"
    with working_directory(config_file.parent):
        build_site(
            config_file,
            site_dir=str(site_dir),
            site_url=f"http://{LOOPBACK}:{course_port}/",
            strict=True,
        )
    return site_dir


@pytest.fixture(scope="session")
def course_url(course_site: Path, course_port: int) -> Iterator[str]:
    with serve_directory(course_site, course_port) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class PageWatch:
    """What a page did that a test must not accept silently."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign_requests, f"requests to other hosts: {self.foreign_requests}"
        assert not self.page_errors, f"uncaught page errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"


def open_context(browser: Any, **options: Any) -> tuple[Any, PageWatch]:
    """A browser context that blocks and records every request not to 127.0.0.1."""
    context = browser.new_context(**options)
    watch = PageWatch()

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == LOOPBACK:
            route.continue_()
        else:
            watch.foreign_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)

    def on_page(page: Any) -> None:
        page.on(
            "console",
            lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
        page.on(
            "requestfailed",
            # Requests cut short by leaving the page are not failures.
            lambda req: (
                watch.failed_requests.append(f"{req.failure} {req.url}")
                if urlsplit(req.url).hostname == LOOPBACK and req.failure != "net::ERR_ABORTED"
                else None
            ),
        )
        page.on(
            "response",
            lambda resp: (
                watch.failed_requests.append(f"{resp.status} {resp.url}")
                if resp.status >= 400
                else None
            ),
        )

    context.on("page", on_page)
    return context, watch


@pytest.fixture
def watched_context(browser: Any) -> Iterator[tuple[Any, PageWatch]]:
    """A fresh context (desktop size) whose page errors and foreign requests fail the test."""
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    yield context, watch
    context.close()
    watch.assert_clean()
