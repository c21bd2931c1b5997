"""``python -m quiz check [-f mkdocs.yml] [PATH ...]``: an alias of ``python -m authoring check``.

The quiz files are checked by the site's build like everything else (TeX with the macros of
mkdocs.yml, the markers of every page, files no page uses); PATHS only choose whose problems
are printed. Exit codes are the check command's: 0 clean, 1 problems, 2 could not run.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from authoring import check

USAGE = "usage: python -m quiz check [-f mkdocs.yml] [PATH ...]"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "check":
        print(USAGE, file=sys.stderr)
        return check.EXIT_CANNOT_RUN
    return check.main(args[1:])
