"""Building a MathRenderer from the plugin's config: paths, fingerprint, the Node process."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from authoring.files import content_hash
from authoring.source import project_root, shown_path
from mathrender.cache import RenderCache
from mathrender.config import MathRenderConfig
from mathrender.node_process import SCRIPT, NodeProcess, RendererUnavailable, find_node
from mathrender.render import MathRenderer

_PACKAGES = ("@mathjax/src", "@mathjax/mathjax-newcm-font")


def _installed_versions(node_modules: Path) -> list[str]:
    versions = []
    for name in _PACKAGES:
        manifest = node_modules / name / "package.json"
        try:
            versions.append(json.loads(manifest.read_text("utf-8"))["version"])
        except (OSError, ValueError, KeyError):
            raise RendererUnavailable(
                f"{name} is not installed in {node_modules}; run `npm ci` in the project folder"
            ) from None
    return versions


def make_renderer(
    plugin_config: MathRenderConfig,
    config: MkDocsConfig,
    process: NodeProcess | None,
    kept: MathRenderer | None = None,
    serve: bool = False,
) -> tuple[MathRenderer, NodeProcess]:
    """A renderer for this build, reusing a running process when its settings are unchanged.

    ``serve``: under `mkdocs serve`, where ``kept`` (the last build's renderer) is kept, with
    what it holds in memory, when nothing it depends on changed. The process starts on first
    use.
    """
    project = project_root(config)
    # Node resolves MathJax from the renderer script's own location: the repository's
    # node_modules (installed by `npm ci` from package-lock.json).
    node_modules = SCRIPT.parent.parent.parent / "node_modules"
    init = {"macros": plugin_config.macros, "packages": list(plugin_config.packages)}
    # Every script of the renderer (render.mjs and the modules it imports).
    scripts = [path.read_text("utf-8") for path in sorted(SCRIPT.parent.glob("*.mjs"))]
    fingerprint = content_hash(scripts, _installed_versions(node_modules), init, "svg-local-v1")
    if process is None or process.init != init:
        if process is not None:
            process.close()
        process = NodeProcess(find_node(plugin_config.node), init)
    directory = project / plugin_config.cache_dir
    if (
        serve
        and kept is not None
        and kept.process is process
        and kept.cache.directory == directory
        and kept.cache.fingerprint == fingerprint
    ):
        kept.next_build()
        return kept, process
    cache = RenderCache(directory, fingerprint, shown_path(directory, project))
    return MathRenderer(process, cache, serve=serve), process
