"""The lesson guarantees of one build, attached by the lessons plugin.

- Numbers, checked as soon as Markdown has converted a page (tens of milliseconds a page,
  a few per cent of its conversion; guarantees.numbers). The check command checks every
  lesson (a ``lesson:`` block in its front matter) and every page with a claims file beside
  it; every build checks the pages with a claims file, so a lesson that has claims can never
  be built with a stale, wrong or unclaimed number, while a new lesson's first draft builds
  before its claims file exists. The problems go to the build's report without marking the
  page broken: under ``mkdocs serve`` they are logged and the page shows the latest text.
  A page's check is remembered with the problems it found (guarantees.numbersmemo): an
  unchanged page is not checked again, and its problems are reported by every build.
- Code, run by the check command only (``check_only``): every lesson's code blocks
  (guarantees.code); the notes on blocks not run are logged on ``mkdocs.plugins.course``.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.pages import Page

from authoring.markers import Expansion, Marker
from authoring.memo import is_problem_list, problem_data, problem_from_data
from authoring.problems import Problem, ProblemsFound
from authoring.report import BuildReport
from authoring.source import Location, project_root, shown_path
from authoring.yamlmemo import yaml_memo
from guarantees.claims import SUFFIX, Claim, claims_path, read_claims
from guarantees.code import NORUN, NORUN_SYNTAX, run_page
from guarantees.extension import GuaranteesExtension, PageRecord, Recorder
from guarantees.numbersmemo import course_maths_inputs, numbers_memo, page_key
from guarantees.prose import front_matter_prose
from guarantees.scanner import page_text

if TYPE_CHECKING:  # NumPy is imported only when numbers are checked, not on a warm build
    from guarantees.evaluator import Namespace

log = logging.getLogger("mkdocs.plugins.course")

# Front matter a reader sees: the page title and the lesson's summary in its header.
SHOWN_FRONT_MATTER = ("title", "lesson.summary")


def is_lesson(page: Page) -> bool:
    return isinstance(page.meta.get("lesson"), dict)


class LessonGuarantees:
    """Numbers tied to the course maths, and code that runs, for every lesson."""

    def __init__(self, report: BuildReport, config: MkDocsConfig, timeout: float) -> None:
        self.report = report
        self.root = project_root(config)
        self.docs_dir = Path(config.docs_dir)
        self.timeout = timeout
        self._namespace: Namespace | None = None
        self.memo = numbers_memo(self.root)
        self.yaml = yaml_memo(self.root)
        self.maths = course_maths_inputs(self.root)  # the values claims may read, this build
        self.recorder = Recorder(lambda: report.markers.page, self._wanted, self._check_numbers)

    @classmethod
    def attach(cls, report: BuildReport, config: MkDocsConfig, timeout: float) -> LessonGuarantees:
        """Register the Markdown extension and the norun marker for this build."""
        guarantees = cls(report, config, timeout)
        extensions: list[Any] = config.markdown_extensions  # instances are fine for Markdown
        extensions.append(GuaranteesExtension(guarantees.recorder))
        report.markers.register(NORUN, NORUN_SYNTAX, guarantees._norun, takes_argument=True)
        return guarantees

    def keep_out_of_site(self, files: Files) -> None:
        """Claims files are sources, not part of the site."""
        for file in files:
            if file.src_uri.endswith(SUFFIX):
                file.inclusion = InclusionLevel.EXCLUDED

    @property
    def namespace(self) -> Namespace:
        if self._namespace is None:
            from guarantees.namespace import claims_namespace

            self._namespace = claims_namespace(self.root)
        return self._namespace

    def _wanted(self, page: Page) -> bool:
        return is_lesson(page) or self._claims_file(page) is not None

    def _claims_file(self, page: Page) -> Path | None:
        if page.file.abs_src_path is None:
            return None
        path = claims_path(Path(page.file.abs_src_path))
        return path if path.is_file() else None

    def _norun(self, marker: Marker) -> Expansion:
        record = self.recorder.pending
        if record is not None and record.page is marker.page:
            record.norun.append(marker)
        return Expansion(markdown="")

    def _check_numbers(self, record: PageRecord) -> None:
        started = time.perf_counter()
        source = record.page.file.abs_src_path
        path = claims_path(Path(source)) if source else None
        shown = shown_path(path, self.root) if path else record.path + SUFFIX
        has_claims = path is not None and path.is_file()
        if not has_claims and not self.report.checking:
            return  # a lesson without claims yet: the check command reports its numbers
        key = None
        try:
            claims_bytes = path.read_bytes() if path is not None and has_claims else None
        except OSError:
            pass  # read_claims reports it; not remembered
        else:
            claims = None if claims_bytes is None else (shown, claims_bytes)
            key = page_key(self.memo, record, claims, self.maths)
            remembered = self.memo.get(key, is_problem_list)
            if remembered is not None:
                self.report.extend([problem_from_data(data) for data in remembered])
                log.debug("%s: numbers as in an earlier build", record.path)
                return
        problems = self._numbers_problems(record, path if has_claims else None, shown)
        if key is not None:
            self.memo.put(key, [problem_data(problem) for problem in problems])
        self.report.extend(problems)
        log.debug("%s: numbers checked in %.3f s", record.path, time.perf_counter() - started)

    def _numbers_problems(self, record: PageRecord, path: Path | None, shown: str) -> list[Problem]:
        """The problems of a page's numbers, or of its claims file when it cannot be read."""
        claims: list[Claim] = []
        if path is not None:
            try:
                claims = read_claims(path, shown, self.yaml)
            except ProblemsFound as found:
                return list(found.problems)  # its numbers are checked once it can be read
        prose = front_matter_prose(record.path, record.source, SHOWN_FRONT_MATTER, self.yaml)
        text = page_text(prose + record.split.prose)
        name = Path(shown).name
        from guarantees.numbers import check_numbers

        return check_numbers(record.path, name, text, claims, self.namespace)

    def check_only(self) -> list[Problem]:
        """Run every lesson's code, and find claims files beside no page."""
        problems = self._orphan_claims_files()
        for record in self.recorder.pages.values():
            if is_lesson(record.page):
                started = time.perf_counter()
                problems.extend(run_page(record, self.timeout))
                log.debug("%s: code run in %.1f s", record.path, time.perf_counter() - started)
        return problems

    def _orphan_claims_files(self) -> list[Problem]:
        problems = []
        for path in sorted(self.docs_dir.rglob(f"*{SUFFIX}")):
            page = path.with_name(path.name[: -len(SUFFIX)] + ".md")
            if not page.is_file():
                message = (
                    f"this claims file is beside no page: {page.name} does not exist; "
                    "rename it after its page, or delete it"
                )
                problems.append(Problem(Location(shown_path(path, self.root)), message))
        return problems
