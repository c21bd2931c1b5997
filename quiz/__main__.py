"""``python -m quiz check PATHS``."""

import sys

from quiz.cli import main

sys.exit(main())
