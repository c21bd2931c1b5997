"""One report of every author problem of a build, from every course plugin.

Each course plugin adds its problems to the build's report while pages are read. When
every page has been read (MkDocs' ``env`` event, before any page or static file is
written), the report is closed once: a build raises one ``PluginError`` listing them all;
``mkdocs serve`` logs the same list and keeps serving each broken page's last good version;
the check command receives them as data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from authoring.linkcheck import PAGES_LOGGER, is_link_warning, locate_warning, validate_anchors
from authoring.markers import MarkerRegistry
from authoring.problems import Problem, format_report
from authoring.source import project_root

if TYPE_CHECKING:
    from authoring.plugin import CoursePlugin

log = logging.getLogger("mkdocs.plugins.course")

Mode = Literal["build", "serve", "check"]

# Set by the check command around the build it runs; plugins read it from the report.
_requested_mode: list[Mode] = []

# Under `mkdocs serve`: each page's last output that had no problem, by source URI.
_last_good: dict[str, str] = {}


class CheckFinished(Exception):
    """Ends a build run by the check command once every page was read; nothing is written."""

    def __init__(self, report: BuildReport) -> None:
        self.report = report
        super().__init__("check finished")


class _LinkWarnings(logging.Handler):
    """MkDocs' link and anchor warnings while pages are read (they name no line)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if is_link_warning(message):
            self.messages.append(message)


class BuildReport:
    """The problems of one build, and the course plugins that take part in it."""

    def __init__(self, mode: Mode) -> None:
        self.mode: Mode = mode
        self.problems: list[Problem] = []
        self.plugins: list[CoursePlugin[Any]] = []
        self.broken_pages: set[str] = set()
        self.finished = False
        self.markers = MarkerRegistry(self.add)
        # MkDocs' link validation warns without a line, and --strict fails only after every
        # page was written: its warnings join this report, located, before anything is.
        self.link_warnings = _LinkWarnings()
        logging.getLogger(PAGES_LOGGER).addHandler(self.link_warnings)

    @property
    def checking(self) -> bool:
        return self.mode == "check"

    def add(self, problem: Problem, page: Page | File | None = None) -> None:
        """Record one problem; with ``page``, that page keeps its last good version in serve.

        A page's File does as well, for problems found before pages exist (in on_files).
        """
        self.problems.append(problem)
        if page is not None:
            self.broken_pages.add(page.src_uri if isinstance(page, File) else page.file.src_uri)

    def extend(self, problems: Iterable[Problem], page: Page | File | None = None) -> None:
        for item in problems:
            self.add(item, page)

    def finish(self, config: MkDocsConfig, files: Files) -> None:
        """Close the report: raise, log or hand over every problem (once per build)."""
        if self.finished:
            return
        self.finished = True
        # MkDocs checks anchors only after writing the pages; here, before.
        validate_anchors(files, config)
        logging.getLogger(PAGES_LOGGER).removeHandler(self.link_warnings)
        root = project_root(config)
        for message in self.link_warnings.messages:
            self.add(locate_warning(message, config, root))
        for plugin in self.plugins:
            self.extend(plugin.final_checks(config))
        if self.mode == "check":
            for plugin in self.plugins:
                self.extend(plugin.check_only(config))
            raise CheckFinished(self)
        if not self.problems:
            return
        text = format_report(self.problems)
        if self.mode == "serve":
            log.error("%s\nServing the last good version of the pages concerned.", text)
            return
        raise PluginError(text)

    def keep_last_good(self, page: Page, output: str) -> str:
        """Under serve: a broken page's last good output; a good page's output is remembered."""
        if self.mode != "serve":
            return output
        uri = page.file.src_uri
        if uri in self.broken_pages:
            return _last_good.get(uri, output)
        _last_good[uri] = output
        return output


_reports: dict[int, BuildReport] = {}


def report_for(config: MkDocsConfig, mode: Mode) -> BuildReport:
    """The report of the build that ``config`` belongs to (made by the first plugin asking)."""
    key = id(config)
    report = _reports.get(key)
    if report is None:
        # One build at a time per process: earlier builds' reports are done.
        for earlier in _reports.values():
            logging.getLogger(PAGES_LOGGER).removeHandler(earlier.link_warnings)
        _reports.clear()
        report = _reports[key] = BuildReport(_requested_mode[-1] if _requested_mode else mode)
    return report


class check_mode:
    """Within this block, builds collect problems for the check command instead of raising."""

    def __enter__(self) -> None:
        _requested_mode.append("check")

    def __exit__(self, *exc: object) -> None:
        _requested_mode.pop()
