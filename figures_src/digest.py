"""What a job's outputs depend on, as content hashes (never file times).

A job's inputs are: its script, every project module the script imports (found by
parsing, transitively, so nothing is imported here), the renderer's own modules, its
parameters, its declared outputs, and the numpy and matplotlib versions.
"""

from __future__ import annotations

import ast
from functools import cache
from importlib import metadata
from pathlib import Path

from authoring.files import content_hash, sha256
from authoring.problems import ProblemsFound, problem
from figures_src.config import PipelinePaths
from figures_src.registry import Job

# Bump when the renderer changes what it writes in a way the hashed code does not show.
FORMAT_VERSION = "1"
# Modules of the package that shape every output (how SVG and Markdown get written).
RENDERER_MODULES = ("worker.py", "outputs.py")  # and what they import
VERSIONED_PACKAGES = ("numpy", "matplotlib")


@cache
def package_versions() -> str:
    """Versions from the installed metadata: cheap, and imports neither package."""
    return "; ".join(f"{name} {metadata.version(name)}" for name in VERSIONED_PACKAGES)


def _module_file(source_dir: Path, dotted: str) -> Path | None:
    """The file of ``dotted`` if it is a module of a package of the project, else None.

    The project's packages are the folders beside the figures package (the course maths in
    ``coursemath/`` among them), so a change to shared code makes its figures stale.
    """
    parts = dotted.split(".")
    package = source_dir.parent / parts[0]
    if not parts[0].isidentifier() or not (package / "__init__.py").is_file():
        return None
    base = package.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_names(path: Path, tree: ast.Module, source_dir: Path) -> set[str]:
    """Dotted names that ``path`` may import (each name and its parent packages)."""
    # The package `path` belongs to (for a package's __init__.py, that package itself).
    package_parts = list(path.relative_to(source_dir.parent).with_suffix("").parts)[:-1]
    names = {".".join(package_parts)}  # importing a module runs its packages' __init__
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = package_parts[: len(package_parts) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            names.add(base)
            # `from pkg import name` may import the submodule pkg.name.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    expanded: set[str] = set()
    for name in names:
        parts = name.split(".")
        expanded.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return expanded


class DependencyScanner:
    """Finds the figures-package modules a file imports, transitively.

    Each file is read and hashed once per run; its imports are parsed only when its
    content is new, since they are remembered by (path, content hash) in the manifest.
    """

    def __init__(self, source_dir: Path, known_imports: dict[str, list[str]] | None = None):
        self.source_dir = source_dir
        self.known_imports = dict(known_imports or {})
        self.used_imports: dict[str, list[str]] = {}  # what this run needed (to store)
        self.hashes: dict[Path, str] = {}

    def _imports(self, path: Path) -> list[str]:
        data = path.read_bytes()
        digest = self.hashes[path] = sha256(data)
        key = f"{path.relative_to(self.source_dir.parent).as_posix()}:{digest}"
        names = self.known_imports.get(key)
        if names is None:
            tree = ast.parse(data, filename=str(path))
            names = sorted(_imported_names(path, tree, self.source_dir))
        self.used_imports[key] = names
        return names

    def dependencies(self, entry: Path) -> list[Path]:
        """``entry`` and every module it imports, sorted. Raises SyntaxError on a bad file."""
        seen: set[Path] = set()
        pending = [entry.resolve()]
        while pending:
            path = pending.pop()
            if path in seen:
                continue
            seen.add(path)
            if path not in self.hashes:
                self._imports(path)
            key = f"{path.relative_to(self.source_dir.parent).as_posix()}:{self.hashes[path]}"
            for dotted in self.used_imports[key]:
                found = _module_file(self.source_dir, dotted)
                if found is not None:
                    pending.append(found.resolve())
        return sorted(seen)


def dependencies(entry: Path, source_dir: Path) -> list[Path]:
    """``entry`` and every figures-package module it imports, transitively, sorted."""
    return DependencyScanner(source_dir.resolve()).dependencies(entry)


def job_inputs(job: Job, paths: PipelinePaths, scanner: DependencyScanner) -> dict[str, str]:
    """The named hashes that decide whether ``job`` is stale."""
    files: set[Path] = set()
    try:
        for entry in (job.script, *(paths.source_dir / m for m in RENDERER_MODULES)):
            files.update(scanner.dependencies(entry))
    except SyntaxError as exc:
        where = paths.show(Path(exc.filename)) if exc.filename else paths.show(job.script)
        message = f"SyntaxError: {exc.msg}; fix the script"
        raise ProblemsFound([problem(where, exc.lineno, message, col=exc.offset)]) from None
    inputs = {
        "format": FORMAT_VERSION,
        "versions": package_versions(),
        "params": content_hash(job.params),
        "outputs": content_hash(job.outputs),
    }
    for path in sorted(files):
        inputs[f"code:{paths.show(path)}"] = scanner.hashes[path]
    return inputs
