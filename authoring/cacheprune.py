"""Old files leave ``.cache/``: what a full build did not use and nobody wrote for a month.

Every memo and the math cache add a file when a result is new, so an author's ``.cache/``
would grow with every edit, and keep the bundles of pages long renamed or deleted. The caches
note each file they read or write (``note_used``); after the first full build of a process
(``mkdocs build``, or the first build of ``mkdocs serve``), ``prune`` deletes, in each folder
that noted a file, the entries this build did not use and that were last written more than
``KEEP_DAYS`` ago. A month keeps what another branch or an undone edit would ask for again;
what goes is only ever computed again (deleting ``.cache/`` is always safe). A ``--dirty``
build reads only the pages that changed, so it prunes nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import time
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.course")

KEEP_DAYS = 30
_SUFFIXES = (".json", ".tmp")  # entries, and temporary files a killed write left behind

# Cache folder -> the files of it used in this process (paths relative to the folder).
_USED: dict[Path, set[str]] = {}
_PRUNED: set[Path] = set()  # project roots already pruned by this process


def note_used(folder: Path, path: Path) -> None:
    """``path``, a file under the cache folder ``folder``, was read or written in this build."""
    _USED.setdefault(folder, set()).add(path.relative_to(folder).as_posix())


def prune_once(root: Path, *, now: float | None = None) -> int:
    """Prune the cache folders under ``root`` the first time a build of ``root`` ends in this
    process; the number of files deleted."""
    if root in _PRUNED:
        return 0
    _PRUNED.add(root)
    return prune(root, now=now)


def prune(root: Path, *, now: float | None = None) -> int:
    """Delete the unused, old files of every cache folder under ``root`` that noted a file."""
    limit = (time.time() if now is None else now) - KEEP_DAYS * 86_400
    deleted = 0
    for folder, used in list(_USED.items()):
        if folder.is_relative_to(root):
            deleted += _prune_folder(folder, used, limit)
    if deleted:
        log.debug("cache: %d files unused for %d days deleted from %s", deleted, KEEP_DAYS, root)
    return deleted


def _prune_folder(folder: Path, used: set[str], limit: float) -> int:
    deleted = 0
    for directory, subfolders, names in os.walk(folder):  # does not follow links
        here = Path(directory)
        for name in names:
            path = here / name
            if not name.endswith(_SUFFIXES) or path.relative_to(folder).as_posix() in used:
                continue
            with contextlib.suppress(OSError):
                info = path.lstat()
                if info.st_mtime < limit and not stat.S_ISLNK(info.st_mode):
                    path.unlink()
                    deleted += 1
        if here != folder and not subfolders:
            with contextlib.suppress(OSError):
                here.rmdir()  # only when empty
    return deleted


def forget_uses() -> None:
    """Forget every noted file and pruned root (tests)."""
    _USED.clear()
    _PRUNED.clear()
