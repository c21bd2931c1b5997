"""What the last build and this one computed, for `mkdocs serve`'s rebuilds.

Serve rebuilds every page after each save, with the same plugin instance (the base class
defines on_startup). A page that was not edited gives the same input again: its result
is taken from here instead of being computed again. Only the last build's results are
kept, so memory does not grow with each save.
"""

from __future__ import annotations

from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A map that forgets what the last build did not use."""

    def __init__(self) -> None:
        self._now: dict[K, V] = {}
        self._before: dict[K, V] = {}

    def next_build(self) -> None:
        self._before, self._now = self._now, {}

    def get(self, key: K) -> V | None:
        value = self._now.get(key)
        if value is None:
            value = self._before.get(key)
            if value is not None:
                self._now[key] = value
        return value

    def put(self, key: K, value: V) -> None:
        self._now[key] = value
