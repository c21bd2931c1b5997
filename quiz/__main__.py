"""``python -m quiz check [-f mkdocs.yml] [PATH ...]`` (see quiz.cli)."""

import sys

from quiz.cli import main

sys.exit(main())
