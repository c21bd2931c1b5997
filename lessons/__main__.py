"""``python -m lessons new ID "TITLE"`` (``make new-lesson ID=14-4 TITLE="…"``): a new lesson.

Exit codes: 0 the lesson was written; 1 it was refused (nothing written); 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from authoring.source import shown_path
from lessons.scaffold import ScaffoldRefused, plan_lesson, write


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a lesson with every part in place")
    new.add_argument("id", help="the lesson's id: module-lesson, like 14-4")
    new.add_argument("title", help="the lesson's title, in words")
    new.add_argument("--root", type=Path, default=Path("."), help="the folder of mkdocs.yml")
    args = parser.parse_args(argv)
    root: Path = args.root
    try:
        plan = plan_lesson(root, args.id, args.title)
    except ScaffoldRefused as refused:
        print(f"Lesson {args.id} was not created: {refused}", file=sys.stderr)
        return 1
    write(plan)
    shown = [shown_path(path, root) for path in [*plan.created, *plan.changed]]
    print(f"Lesson {plan.lesson.id}, {plan.lesson.title!r}, written:")
    for path in shown:
        print(f"  {path}")
    print(f"Its nav entry follows: {plan.nav_after}")
    print(
        "Next: `make serve` and open the page; write the lesson (CONTRIBUTING.md says how);\n"
        "`make check` before you open the pull request."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
