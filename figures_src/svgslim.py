"""Leaner SVG from matplotlib: coordinates to 0.01 pt, embedded rasters as lossless WebP.

matplotlib writes six decimals of a point (1/72 in) for every vertex. A hundredth of a
point is 0.013 CSS px, far below what a 3x phone screen shows, so coordinates in path
data (``d``), in ``x``, ``y``, ``width``, ``height`` and in ``translate(...)`` are rounded to
two decimals; scale factors and matrices are left alone (rounding those would resize
glyphs). Artists drawn with
``rasterized=True`` are embedded as PNG; lossless WebP of the same pixels is a third of
that size, and every browser the site supports shows it.
"""

from __future__ import annotations

import base64
import io
import re

DECIMALS = 2
_NUMBER = re.compile(rb"-?\d+\.\d{3,}")
_PATH_DATA = re.compile(rb'(\sd=")([^"]*)(")')
_POSITION = re.compile(rb'(\s(?:x|y|width|height)=")([^"]*)(")')
_TRANSLATE = re.compile(rb"(translate\()([^)]*)(\))")
_BREAK = re.compile(rb" ?\n(?=[MLQCZz])")
_PNG = re.compile(rb'(xlink:href="|href=")data:image/png;base64,([A-Za-z0-9+/=\s]+)"')


def _round(match: re.Match[bytes]) -> bytes:
    text = b"%.*f" % (DECIMALS, float(match.group()))
    text = text.rstrip(b"0").rstrip(b".")
    return b"0" if text in (b"", b"-0") else text


def _round_numbers(match: re.Match[bytes]) -> bytes:
    value = _NUMBER.sub(_round, match.group(2))
    return match.group(1) + _BREAK.sub(b" ", value) + match.group(3)


def _webp(match: re.Match[bytes]) -> bytes:
    from PIL import Image  # matplotlib's own dependency; only for figures with rasters

    png = base64.b64decode(match.group(2))
    out = io.BytesIO()
    with Image.open(io.BytesIO(png)) as image:
        image.save(out, format="WEBP", lossless=True, quality=100, method=4)
    if len(out.getvalue()) >= len(png):
        return match.group(0)
    return match.group(1) + b"data:image/webp;base64," + base64.b64encode(out.getvalue()) + b'"'


def slim_svg(data: bytes) -> bytes:
    """``data`` (an SVG from matplotlib) with rounded coordinates and WebP rasters."""
    for pattern in (_PATH_DATA, _POSITION, _TRANSLATE):
        data = pattern.sub(_round_numbers, data)
    return _PNG.sub(_webp, data)
