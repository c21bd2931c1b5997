"""Plugin order: course plugins listed out of order are an error when the config loads.

Each course plugin works on what the one before it produced; in the wrong order a build
would succeed and ship raw TeX in the lesson header. The error gives the right order.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.platform.support import COURSE_PLUGINS, course_site, plugin_name

RIGHT_ORDER = (
    "list them in this order (other plugins may stand between them):\n"
    "  - course-figures\n"
    "  - course-explorer\n"
    "  - course-quiz\n"
    "  - course-lessons\n"
    "  - course-math"
)
PAGES = {"index.md": "# Home\n\nText with $x$.\n"}


def math_above_lessons() -> list[Any]:
    plugins = list(COURSE_PLUGINS)
    plugins[3], plugins[4] = plugins[4], plugins[3]
    return plugins


@pytest.mark.parametrize(
    "plugins",
    [list(reversed(COURSE_PLUGINS)), math_above_lessons()],
    ids=["reversed", "math-above-lessons"],
)
def test_a_wrong_order_fails_when_the_config_loads(tmp_path: Path, plugins: list[Any]) -> None:
    config = load_config(str(course_site(tmp_path, PAGES, plugins)))
    with pytest.raises(PluginError) as caught:
        config.plugins.on_config(config)
    message = str(caught.value)
    listed = ", ".join(plugin_name(p) for p in plugins)
    assert f"listed in the wrong order in mkdocs.yml: {listed}." in message
    assert message.endswith(RIGHT_ORDER)
    # Nothing ran past the configuration: no figure was brought up to date.
    assert not (tmp_path / ".cache").exists()


def test_the_right_order_loads(tmp_path: Path) -> None:
    config = load_config(str(course_site(tmp_path, PAGES)))
    config.plugins.on_config(config)


def test_mkdocs_build_says_the_right_order_without_a_traceback(tmp_path: Path) -> None:
    config_file = course_site(tmp_path, PAGES, list(reversed(COURSE_PLUGINS)))
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=120,
    )
    assert result.returncode == 1
    assert RIGHT_ORDER in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
