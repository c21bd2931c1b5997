"""The quiz's one script and one stylesheet, shipped inside the package.

Their site paths carry a hash of their content, so a browser may cache them for as long as
it likes and still never runs a stale copy after the course is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from authoring.files import sha256

ASSET_DIR = Path(__file__).with_name("assets")


@dataclass(frozen=True)
class Asset:
    path: Path  # inside the package

    @property
    def site_uri(self) -> str:
        digest = sha256(self.path.read_bytes())[:8]
        return f"assets/quiz/{self.path.stem}.{digest}{self.path.suffix}"


SCRIPT = Asset(ASSET_DIR / "quiz.js")
STYLESHEET = Asset(ASSET_DIR / "quiz.css")
