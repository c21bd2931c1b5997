"""The content-hash cache: a warm rebuild renders nothing; an edit renders only what changed."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mathrender.plugin import MathRenderPlugin
from tests.support import ROOT, build_site, write_site

PAGES = {
    "index.md": "# A\n\n$a^2$ and $b^2$.\n\n$$\\sum_i c_i$$\n",
    "two.md": (
        "# B\n\n\\begin{equation}x = 1 \\label{eq:x}\\end{equation}\n\nSee $\\eqref{eq:x}$.\n"
    ),
}


def _plugin(config: object) -> MathRenderPlugin:
    plugin = config.plugins["course-math"]  # type: ignore[attr-defined]
    assert isinstance(plugin, MathRenderPlugin)
    return plugin


def test_warm_rebuild_renders_no_equation(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES)
    cold = _plugin(build_site(config_file))
    assert cold.renderer is not None
    assert cold.renderer.stats.rendered == 5

    assert cold.process is not None
    starts = cold.process.starts

    # A new config, as a new `mkdocs build` would load (MkDocs may keep the plugin instance).
    warm = _plugin(build_site(config_file))
    assert warm.renderer is not None and warm.process is not None
    assert warm.renderer.stats.rendered == 0
    assert warm.renderer.stats.from_cache == 5
    assert warm.process.starts == starts, "Node was started although everything was cached"


def test_edit_renders_only_the_changed_equation(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    page = tmp_path / "docs" / "index.md"
    page.write_text(page.read_text("utf-8").replace("$b^2$", "$b^3$"), "utf-8")
    plugin = _plugin(build_site(config_file))
    assert plugin.renderer is not None
    assert plugin.renderer.stats.rendered == 1
    assert plugin.renderer.stats.from_cache == 4


# --- The cache can never break a build or put wrong math on a page (issue 10) -----------

CACHE = Path(".cache/mathrender")


def _entries(root: Path) -> list[Path]:
    return sorted((root / CACHE).rglob("*.json"))


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name.endswith("course-math")
    ]


def _damage(entries: list[Path]) -> None:
    """Every way an entry can be wrong: shape, JSON, checksum, key, value."""
    first = json.loads(entries[0].read_text("utf-8"))
    edited = json.loads(entries[3].read_text("utf-8"))
    if isinstance(edited["value"], list):  # the numbered pair, rendered together
        edited["value"] = [v.replace("<svg", '<svg data-x="ALTERED"') for v in edited["value"]]
    else:
        edited["value"] = edited["value"].replace("<svg", '<svg data-x="ALTERED"')
    values = {
        0: "42",
        1: '["x"]',
        2: entries[2].read_text("utf-8")[:50],  # truncated
        # Edited after it was written: the checksum no longer matches.
        3: json.dumps(edited),
        # Copied under another entry's name: the key inside is not this entry's.
        4: json.dumps(first),
    }
    for index, text in values.items():
        entries[index].write_text(text, "utf-8")


def test_damaged_entries_are_rendered_again_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = write_site(tmp_path, PAGES)
    build_site(config_file)
    good = {p: (tmp_path / "site" / p).read_text("utf-8") for p in ("index.html", "two/index.html")}
    entries = _entries(tmp_path)
    assert len(entries) == 5  # four equations one by one, the numbered pair together
    _damage(entries)

    with caplog.at_level(logging.WARNING):
        plugin = _plugin(build_site(config_file))
    warnings = _warnings(caplog)
    assert len(warnings) == 1, warnings
    assert "damaged" in warnings[0] and warnings[0].endswith("delete .cache/ (always safe)")
    assert plugin.renderer is not None and plugin.renderer.cache.damaged == 5
    for page, text in good.items():
        assert (tmp_path / "site" / page).read_text("utf-8") == text, page
    for page in good:
        assert "ALTERED" not in (tmp_path / "site" / page).read_text("utf-8")

    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = _plugin(build_site(config_file))
    assert _warnings(caplog) == []
    assert again.renderer is not None and again.renderer.stats.rendered == 0


def test_a_cache_that_cannot_be_written_means_rendering_without_it(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, PAGES)
    # A file where the cache folder should be: nothing can be written there (as root, a
    # read-only folder would still be writable).
    (tmp_path / ".cache").mkdir()
    (tmp_path / CACHE).write_text("not a folder", "utf-8")
    for strict, code in ((False, 0), (True, 1)):
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config_file)]
            + (["--strict"] if strict else []),
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            timeout=180,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == code, output
        assert "Traceback" not in output and "OSError" not in output, output
        warnings = [ln for ln in output.splitlines() if "cannot write the math cache" in ln]
        assert len(warnings) == 1, output
        assert warnings[0].endswith("Make the folder writable, or delete .cache/ (always safe)")
    assert "mjx-container" in (tmp_path / "site" / "index.html").read_text("utf-8")


def test_readme_says_deleting_the_cache_is_safe() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "Deleting `.cache/` (or any part of it) is always safe" in readme
