"""A snippet include that cannot be included (issue 10) is an error at its line, with the fix,
never a traceback; includes that work are untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support import BASE_MARKDOWN_EXTENSIONS, build_site, failed_build_report, write_site


def snippet_site(root: Path, pages: dict[str, str]) -> Path:
    extensions: list[Any] = [
        *BASE_MARKDOWN_EXTENSIONS,
        {"pymdownx.snippets": {"check_paths": True, "base_path": [str(root / "docs")]}},
    ]
    return write_site(
        root, pages, plugins=["course-lessons"], extra={"markdown_extensions": extensions}
    )


def problems(root: Path, pages: dict[str, str]) -> list[str]:
    return failed_build_report(snippet_site(root, pages)).splitlines()[1:]


FRONT = "---\ntitle: Includes\n---\n\n"


def test_each_failing_include_is_reported_at_its_line(tmp_path: Path) -> None:
    page = FRONT + (
        "# Includes\n\n"
        '--8<-- "table.md"\n\n'
        '--8<-- "missing.md"\n\n'
        '    --8<-- "sub/nowhere.md"\n\n'
        "--8<--\ntable.md\nalso-missing.md\n--8<--\n\n"
        '--8<-- "table.md:nosection"\n\n'
        '--8<-- "outer.txt"\n\n'
        ';--8<-- "escaped.md"\n'
    )
    pages = {
        "index.md": page,
        "table.md": "| a |\n|---|\n| 1 |\n",
        "outer.txt": 'Outer text.\n\n--8<-- "inner-missing.md"\n',
    }
    assert problems(tmp_path, pages) == [
        "docs/index.md:9:9: no such file: missing.md; check the path, relative to docs/",
        "docs/index.md:11:13: no such file: sub/nowhere.md; check the path, relative to docs/",
        "docs/index.md:15:1: no such file: also-missing.md; check the path, relative to docs/",
        "docs/index.md:18:9: no section 'nosection' in table.md; check the name, or mark the "
        "section in that file with --8<-- [start:nosection] and --8<-- [end:nosection]",
        "docs/index.md:20:9: outer.txt includes a file that cannot be found (Snippet at path "
        "'inner-missing.md' could not be found); fix the include in outer.txt",
    ]


def test_mkdocs_build_exits_1_without_a_traceback(tmp_path: Path) -> None:
    config = snippet_site(tmp_path, {"index.md": '# Home\n\n--8<-- "missing.md"\n'})
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "SnippetMissingError" not in result.stderr
    assert "docs/index.md:3:9: no such file: missing.md; check the path, relative to docs/" in (
        result.stderr
    )
    assert not (tmp_path / "site").exists()


def test_working_includes_are_untouched(tmp_path: Path) -> None:
    pages = {
        "index.md": '# Home\n\n--8<-- "table.md"\n\n;--8<-- "shown-as-text.md"\n',
        "table.md": "| a |\n|---|\n| 1 |\n",
    }
    build_site(snippet_site(tmp_path, pages), strict=False)
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<td>1</td>" in html
    assert '--8&lt;-- "shown-as-text.md"' in html
