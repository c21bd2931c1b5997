"""The content-hash cache: a warm rebuild renders nothing; an edit renders only what changed."""

from __future__ import annotations

from pathlib import Path

from mathrender.plugin import MathRenderPlugin
from tests.support import build_site, write_site

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
