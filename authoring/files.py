"""Atomic writes and content hashes, for every generated file and cache entry."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

# Generated files are served by a web server and read by other users' tools.
FILE_MODE = 0o644


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half.

    A temporary file beside ``path`` is renamed over it (atomic on one file system).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, FILE_MODE)  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def sha256(data: bytes | str) -> str:
    """The SHA-256 of bytes, or of text as UTF-8, in hex."""
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def content_hash(*parts: object) -> str:
    """A stable hash of JSON-serialisable parts (key order does not matter)."""
    return sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False))
