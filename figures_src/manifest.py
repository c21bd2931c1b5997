"""The cache manifest: for each job, the input hashes it was built from and its outputs' hashes."""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from authoring.files import write_atomic

MANIFEST_FORMAT = 1


@dataclass
class JobRecord:
    inputs: dict[str, str]
    outputs: dict[str, str]  # output path (relative to the output folder) -> sha256


@dataclass
class Manifest:
    jobs: dict[str, JobRecord] = field(default_factory=dict)
    # "<module path>:<sha256>" -> the dotted names it imports (saves re-parsing it).
    imports: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The stored manifest; an absent or unreadable one means nothing is cached."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != MANIFEST_FORMAT:
                return cls()
            return cls(
                {
                    name: JobRecord(dict(rec["inputs"]), dict(rec["outputs"]))
                    for name, rec in data["jobs"].items()
                },
                {key: list(names) for key, names in data.get("imports", {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def to_json(self) -> str:
        jobs = {
            name: {"inputs": rec.inputs, "outputs": rec.outputs}
            for name, rec in sorted(self.jobs.items())
        }
        return json.dumps(
            {"format": MANIFEST_FORMAT, "jobs": jobs, "imports": self.imports},
            indent=1,
            sort_keys=True,
        )

    def save(self, path: Path) -> None:
        """Write atomically, and only if the content changed."""
        text = self.to_json() + "\n"
        with contextlib.suppress(OSError):
            if path.read_text(encoding="utf-8") == text:
                return
        write_atomic(path, text)


@contextlib.contextmanager
def locked(cache_dir: Path) -> Iterator[OSError | None]:
    """Serialise pipeline runs on one cache (e.g. `mkdocs serve` and the CLI at once).

    Yields None once the lock is held, or the error that keeps the cache from being written
    (a read-only folder): the run then goes on without the lock and without saving.
    """
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle = open(cache_dir / "lock", "a")  # noqa: SIM115 (closed below)
    except OSError as exc:
        yield exc
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield None
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def unwritable(shown_cache: str, error: OSError) -> str:
    """The one warning of a run whose cache cannot be written."""
    reason = error.strerror or str(error)
    return (
        f"the figure cache {shown_cache} cannot be written ({reason}), so figures were "
        f"rendered without it; make {shown_cache} writable, or delete it (deleting .cache/ is "
        "always safe)"
    )
