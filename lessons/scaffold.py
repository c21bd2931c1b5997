"""``python -m lessons new ID "TITLE"`` (``make new-lesson``): a new lesson, every part in place.

For an existing module (``docs/module-NN/`` with its ``index.md``, and a section of ``nav``
that lists that page) it writes:

- the page ``docs/module-NN/ID-slug.md``: front matter, one display equation with its where
  list, the figure in both palettes, the quiz marker;
- ``ID-slug.numbers.yml`` (the page's number claims) and ``ID-slug.quiz.yml`` (one question);
- ``figures_src/figures/lesson_NN_M.py`` and its entry at the end of ``figures_src/catalog.yml``;
- the page's entry in the module's section of ``nav`` in mkdocs.yml (a text insertion: the
  file's comments and layout are kept), in lesson-number order.

The new lesson builds with ``--strict`` and passes ``make check`` as written. A malformed or
existing id, a missing module, or any file already there is refused with a message, before
anything is written.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.meta import get_data

from authoring.files import write_atomic
from authoring.source import shown_path
from lessons.config import LESSON_ID
from lessons.scaffold_text import (
    NewLesson,
    catalog_entry,
    claims,
    figure_script,
    page,
    quiz,
)

MAX_SLUG = 48
_NAV_START = re.compile(r"^nav:\s*(#.*)?$")
_NAV_ITEM = re.compile(r"^(?P<indent> *)- +(?:(?P<title>[^#\n]*?): +)?(?P<path>[^\s#:]+) *(#.*)?$")
_DOCS_DIR = re.compile(r"^docs_dir:\s*['\"]?(?P<dir>[^'\"#\s]+)", re.M)
_LESSON_FILE = re.compile(r"^(?P<module>\d+)-(?P<number>\d+)-")


class ScaffoldRefused(Exception):
    """The lesson cannot be created; the message says why and what to do."""


@dataclass(frozen=True)
class Plan:
    """Every file the new lesson writes: new files, and the new text of changed ones."""

    lesson: NewLesson
    created: dict[Path, str]
    changed: dict[Path, str]
    page: Path
    nav_after: str  # the nav entry the new one follows


def slug(title: str) -> str:
    """The title as a file name: lower-case ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    text = "-".join(words)[:MAX_SLUG].strip("-")
    return text or "lesson"


def plan_lesson(root: Path, lesson_id: str, title: str) -> Plan:
    """What ``new`` would write in the project at ``root``; raises ScaffoldRefused."""
    title = " ".join(title.split())
    if not LESSON_ID.match(lesson_id):
        raise ScaffoldRefused(
            f"'{lesson_id}' is not a lesson id; write the module's number, a hyphen and the "
            "lesson's number, like ID=14-4 (it becomes the front matter's id: \"14-4\")"
        )
    if not title:
        raise ScaffoldRefused('the lesson needs a title; give it as TITLE="The lesson\'s title"')
    if re.search(r"\d", title):
        raise ScaffoldRefused(
            f"the title '{title}' has a number in it, and every number a reader sees needs a "
            "claim (guarantees/README.md); give a title in words, and add the number with its "
            "claim once the lesson exists"
        )
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise ScaffoldRefused(f"{config_file} does not exist; run this in the project's folder")
    config_text = config_file.read_text(encoding="utf-8")
    found_docs_dir = _DOCS_DIR.search(config_text)
    docs = root / (found_docs_dir["dir"] if found_docs_dir else "docs")
    module_number = lesson_id.split("-")[0]
    module = _module_folder(docs, module_number)
    _refuse_existing_id(docs, root, lesson_id, module_number)

    stem = f"{lesson_id}-{slug(title)}"
    module_uri = module.relative_to(docs).as_posix()
    page_uri = f"{module_uri}/{stem}.md"
    script = "lesson_" + lesson_id.replace("-", "_")
    notation = docs / "notation.md"
    new = NewLesson(
        id=lesson_id,
        title=title,
        stem=stem,
        figure=f"lesson-{lesson_id}",
        script=script,
        notation_link=posixpath.relpath("notation.md", module_uri) if notation.is_file() else None,
    )
    figures = root / "figures_src"
    catalog_file = figures / "catalog.yml"
    created = {
        module / f"{stem}.md": page(new),
        module / f"{stem}.numbers.yml": claims(new),
        module / new.quiz_file: quiz(new),
        figures / "figures" / f"{script}.py": figure_script(new),
    }
    for path in created:
        if path.exists():
            raise ScaffoldRefused(f"{shown_path(path, root)} already exists; choose another title")
    catalog = catalog_file.read_text(encoding="utf-8")
    if re.search(rf"^{re.escape(new.figure)}:", catalog, flags=re.M):
        raise ScaffoldRefused(
            f"{shown_path(catalog_file, root)} already has a job '{new.figure}'; remove it first"
        )
    new_config, after = insert_nav_entry(config_text, f"{module_uri}/index.md", page_uri)
    changed = {
        config_file: new_config,
        catalog_file: catalog.rstrip("\n") + "\n" + catalog_entry(new),
    }
    return Plan(new, created, changed, module / f"{stem}.md", after)


def _module_folder(docs: Path, number: str) -> Path:
    candidates = [docs / f"module-{number}", docs / f"module-{int(number):02d}"]
    for folder in candidates:
        if (folder / "index.md").is_file():
            return folder
    raise ScaffoldRefused(
        f"there is no module {number}: {candidates[0]}/index.md does not exist; create the "
        "module first (its folder, its index.md and its section in the nav of mkdocs.yml)"
    )


def _refuse_existing_id(docs: Path, root: Path, lesson_id: str, module_number: str) -> None:
    ids: dict[str, Path] = {}
    for path in sorted(docs.rglob("*.md")):
        _, meta = get_data(path.read_text(encoding="utf-8"))
        block = meta.get("lesson")
        if isinstance(block, dict) and isinstance(block.get("id"), str):
            ids.setdefault(block["id"], path)
    if lesson_id in ids:
        numbers = [int(i.split("-")[1]) for i in ids if i.split("-")[0] == module_number]
        free = f"{module_number}-{max(numbers) + 1}"
        raise ScaffoldRefused(
            f"lesson {lesson_id} already exists: {shown_path(ids[lesson_id], root)}; choose "
            f"another id (the next free one in module {module_number} is {free})"
        )


def insert_nav_entry(text: str, index_uri: str, page_uri: str) -> tuple[str, str]:
    """mkdocs.yml with ``- page_uri`` in the nav section that lists ``index_uri``, placed in
    lesson-number order; returns the text and the entry it follows. Comments are kept."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if _NAV_START.match(line)), None)
    index = None
    if start is not None:
        for n in range(start + 1, len(lines)):
            if _ends_nav(lines[n]):
                break
            item = _NAV_ITEM.match(lines[n])
            if item and item["path"] == index_uri:
                index = n
                break
    if index is None:
        raise ScaffoldRefused(
            f"the nav of mkdocs.yml does not list {index_uri}; add the module's section to nav "
            "first, with its index page as the section's first entry"
        )
    indent = len(lines[index]) - len(lines[index].lstrip(" "))
    wanted = _lesson_number(page_uri)
    insert_at, after = index + 1, lines[index].strip()
    for n in range(index + 1, len(lines)):
        line = lines[n]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        depth = len(line) - len(line.lstrip(" "))
        if depth < indent or _ends_nav(line):
            break
        item = _NAV_ITEM.match(line)
        if depth == indent and item is not None:
            number = _lesson_number(item["path"])
            if number is not None and wanted is not None and number > wanted:
                break
        insert_at, after = n + 1, line.strip()
    lines.insert(insert_at, " " * indent + f"- {page_uri}")
    return "\n".join(lines), after


def _ends_nav(line: str) -> bool:
    """A top-level key after nav (a top-level list item still belongs to nav)."""
    return bool(line) and not line[0].isspace() and not line.startswith(("-", "#"))


def _lesson_number(uri: str) -> tuple[int, int] | None:
    found = _LESSON_FILE.match(posixpath.basename(uri))
    return (int(found["module"]), int(found["number"])) if found else None


def write(plan: Plan) -> None:
    for path, text in {**plan.created, **plan.changed}.items():
        write_atomic(path, text)
