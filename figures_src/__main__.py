"""Entry point of `python -m figures_src`."""

import sys

from figures_src.cli import main

sys.exit(main())
