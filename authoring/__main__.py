"""``python -m authoring check [PATH ...]`` (see authoring.check)."""

from __future__ import annotations

import sys

from authoring.check import main

USAGE = "usage: python -m authoring check [-f mkdocs.yml] [PATH ...]"

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "check":
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[2:]))
