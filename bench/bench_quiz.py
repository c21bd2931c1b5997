"""Benchmark of the quiz's download: its JavaScript and CSS as shipped, gzipped.

Both files are added once per site (content-hashed, so cacheable); the budget for the two
together is 8 KB gzipped. Sizes are exact, so one run suffices.

Run: ``.venv/bin/python bench/bench_quiz.py``
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from quiz.assets import SCRIPT, STYLESHEET  # noqa: E402

BUDGET = 8 * 1024  # bytes, JS + CSS gzipped


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> int:
    sizes = {
        asset.path.name: gzipped_size(asset.path.read_bytes()) for asset in (SCRIPT, STYLESHEET)
    }
    total = sum(sizes.values())
    print("quiz assets (gzipped, as shipped):")
    for name, size in sizes.items():
        print(f"  {name:<10} {size:>6} B")
    print(
        f"  {'total':<10} {total:>6} B = {total / 1024:.2f} KB of the {BUDGET // 1024} KB budget"
        f" ({total / BUDGET:.0%})"
    )
    return 0 if total <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
