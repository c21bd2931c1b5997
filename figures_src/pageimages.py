"""Every image of a page gets its size and lazy loading, read from the image file at build time.

* ``width`` and ``height`` (CSS px, from the SVG's width/height or viewBox, or the raster's
  pixels) let the browser reserve the image's box before it loads: no layout shift.
* ``loading="lazy"`` means Chromium fetches only images that are rendered near the
  viewport. A figure's two variants (``#only-light`` / ``#only-dark``) are both in the page
  and Material hides one with ``display: none``; a hidden lazy image is never fetched, and
  it loads when the palette toggle shows it, without a reload.

Attributes an author wrote (``{ loading=eager }`` with attr_list) are kept. Images whose
file is not among the site's files (other hosts, data: URLs) are left alone.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.structure.files import Files

# A start tag whose quoted attribute values may hold ">".
IMG_TAG = re.compile(r"""<img\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
# CSS px per unit (an SVG's width="331.2pt" is 441.6 px).
UNIT_PX = {
    "": 1.0,
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "in": 96.0,
    "cm": 96 / 2.54,
    "mm": 9.6 / 2.54,
}
LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([a-z]*)\s*$")
RASTER_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}


@dataclass(frozen=True)
class Size:
    width: int
    height: int


def _length(value: str | None) -> float | None:
    match = LENGTH.match(value or "")
    if match is None or match.group(2) not in UNIT_PX:
        return None  # a percentage or an unknown unit says nothing about the intrinsic size
    return float(match.group(1)) * UNIT_PX[match.group(2)]


def svg_size(data: bytes) -> Size | None:
    """The intrinsic size of an SVG in CSS px: width/height, else the viewBox's."""
    try:
        _, root = next(iter(ET.iterparse(io.BytesIO(data), events=("start",))))
    except (ET.ParseError, StopIteration):
        return None
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_w, box_h = float(box[2]), float(box[3])
        except ValueError:
            box_w = box_h = 0.0
        if box_w > 0 and box_h > 0:
            # One given side and the viewBox's ratio give the other, as a browser does.
            if width is None and height is None:
                width, height = box_w, box_h
            elif width is None and height is not None:
                width = height * box_w / box_h
            elif height is None and width is not None:
                height = width * box_h / box_w
    if width is None or height is None or width <= 0 or height <= 0:
        return None
    return Size(max(1, round(width)), max(1, round(height)))


def raster_size(path: Path) -> Size | None:
    """Pixels of a PNG/JPEG/GIF/WebP/AVIF (only the header is read)."""
    from PIL import Image, UnidentifiedImageError  # matplotlib's dependency; only when needed

    try:
        with Image.open(path) as image:
            return Size(*image.size)
    except (OSError, UnidentifiedImageError):
        return None


class ImageSizes:
    """Sizes by file, re-read only when a file's size or time changes (serve's rebuilds)."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int], Size | None]] = {}

    def size(self, path: Path) -> Size | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._known.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        suffix = path.suffix.lower()
        if suffix == ".svg":
            size = svg_size(path.read_bytes())
        elif suffix in RASTER_SUFFIXES:
            size = raster_size(path)
        else:
            size = None
        self._known[path] = (stamp, size)
        return size


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = dict(attrs)


def _attributes(tag: str) -> dict[str, str | None]:
    parser = _Attributes()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def site_path(src: str, page_url: str) -> str | None:
    """The site-relative path ``src`` points to from a page at ``page_url``, or None."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    base = "/" + page_url
    joined = (
        parts.path
        if parts.path.startswith("/")
        else posixpath.join(posixpath.dirname(base), parts.path)
    )
    return posixpath.normpath(unquote(joined)).lstrip("/")


def add_image_attributes(html: str, page_url: str, files: Files, sizes: ImageSizes) -> str:
    """``html`` with width, height, loading="lazy" and decoding="async" on its images."""

    def rewrite(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = _attributes(tag)
        added: dict[str, str] = {}
        if "width" not in attrs and "height" not in attrs:
            rel = site_path(attrs.get("src") or "", page_url)
            file = files.get_file_from_path(rel) if rel else None
            size = sizes.size(Path(file.abs_src_path)) if file and file.abs_src_path else None
            if size is not None:
                added.update(width=str(size.width), height=str(size.height))
        added.setdefault("loading", "lazy")
        added.setdefault("decoding", "async")
        added = {name: value for name, value in added.items() if name not in attrs}
        if not added:
            return tag
        extra = "".join(f' {name}="{escape(value)}"' for name, value in added.items())
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        return tag[:end].rstrip() + extra + (" />" if tag.endswith("/>") else ">")

    return IMG_TAG.sub(rewrite, html)
