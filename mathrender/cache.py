"""Content-hash cache of rendered math, on disk so unchanged equations are never re-rendered."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from authoring.files import content_hash, write_atomic


class RenderCache:
    """Maps a key (the hash of the TeX, its context and the renderer's fingerprint) to output."""

    def __init__(self, directory: Path, fingerprint: str) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self._memory: dict[str, Any] = {}

    def key(self, *parts: object) -> str:
        return content_hash(self.fingerprint, *parts)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        if key in self._memory:
            return self._memory[key]
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # absent or unreadable: render again
        self._memory[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._memory[key] = value
        write_atomic(self._path(key), json.dumps(value))
