"""Lighthouse, pinned in package-lock.json, on one URL: its mobile preset, scores and metrics.

Lighthouse drives the system Chromium (CHROME_PATH) headless with the test suite's flags
(tests/support.py CHROMIUM_ARGS); its default config is the mobile preset (a Moto G-class
phone, simulated slow 4G and 4x CPU slowdown).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass
class Result:
    """One Lighthouse run of one page."""

    scores: dict[str, int]  # category -> 0..100
    tbt_ms: float
    cls: float
    lcp_ms: float
    dom_elements: int
    transfer_bytes: int
    main_thread_ms: float
    failing: dict[str, list[str]] = field(default_factory=dict)  # category -> audit ids
    # Lighthouse's measure of the machine's speed for this run (higher is faster): the 4x
    # CPU slowdown is applied to what this machine did, so TBT moves with it between days.
    benchmark_index: float = 0.0

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> Result:
        audits = report["audits"]

        def value(name: str) -> float:
            return float(audits.get(name, {}).get("numericValue") or 0.0)

        failing: dict[str, list[str]] = {}  # what keeps accessibility, BP or SEO below 100
        for name, category in report["categories"].items():
            if name == "performance":
                continue
            for ref in category["auditRefs"]:
                audit = audits.get(ref["id"], {})
                if ref.get("weight", 0) <= 0:
                    continue  # shown by Lighthouse, but not part of the score
                if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0:
                    failing.setdefault(name, []).append(ref["id"])
        return cls(
            scores={
                name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES
            },
            tbt_ms=value("total-blocking-time"),
            cls=value("cumulative-layout-shift"),
            lcp_ms=value("largest-contentful-paint"),
            dom_elements=int(value("dom-size-insight") or value("dom-size")),
            transfer_bytes=int(value("total-byte-weight")),
            main_thread_ms=value("mainthread-work-breakdown"),
            failing=failing,
            benchmark_index=float(report.get("environment", {}).get("benchmarkIndex") or 0.0),
        )


def chromium() -> str:
    from tests.support import find_chromium

    found = find_chromium()
    if found is None:
        raise RuntimeError("no Chromium found (set CHROMIUM_PATH)")
    return found


def chrome_flags() -> str:
    from tests.support import CHROMIUM_ARGS

    return " ".join(["--headless=new", *CHROMIUM_ARGS])


def version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text("utf-8"))["version"])


def run(url: str, timeout: float = 300) -> Result:
    """Lighthouse's mobile run of ``url``."""
    if not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse is missing: run `npm ci` (make install does)")
    env = {**os.environ, "CHROME_PATH": chromium()}
    bin_dir = str(Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin")
    env["PATH"] = os.pathsep.join([bin_dir, env.get("PATH", "")])  # the project's Node
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={chrome_flags()}",
                f"--only-categories={','.join(CATEGORIES)}",
            ],
            check=True,
            env=env,
            timeout=timeout,
            cwd=tmp,
        )
        return Result.from_report(json.loads(out.read_text("utf-8")))
