"""Colours of the figures, and the checks that they are legible for every reader.

Pure data and arithmetic (no matplotlib), so the tests can check contrast and
colour-vision-deficiency separation without rendering anything.

The series colours start from the Okabe–Ito palette and are darkened (light theme) or
lightened (dark theme) until each passes WCAG's 4.5:1 text contrast on Material's page
background, because curve labels are drawn in the curve's own colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

ThemeName = Literal["light", "dark"]
Deficiency = Literal["protan", "deutan", "tritan"]

# Material's page backgrounds: `default` is white; `slate` is hsl(225, 15%, 14%).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"


@dataclass(frozen=True)
class Palette:
    """The colours one theme draws with; the figure itself stays transparent."""

    name: ThemeName
    background: str  # the page colour the figure sits on (for contrast and label halos)
    text: str  # labels, ticks, annotations
    axis: str  # spines and tick marks: graphical objects, >= 3:1
    grid: str  # decorative only
    series: tuple[str, ...]  # curve colours, in the order figures use them
    fill_alpha: float  # shaded areas (gaps, integrals)
    colormap: str  # sequential colour map for heat maps (perceptually uniform, CVD-safe)


LIGHT = Palette(
    name="light",
    background=LIGHT_BACKGROUND,
    text="#1f2328",
    axis="#5f6670",
    grid="#e3e6ea",
    # blue, vermillion, reddish purple, bluish green (Okabe–Ito hues, darkened)
    series=("#0072b2", "#b35000", "#a6507e", "#00795a"),
    fill_alpha=0.22,
    colormap="cividis",
)

DARK = Palette(
    name="dark",
    background=DARK_BACKGROUND,
    text="#e6e8ee",
    axis="#a3a9b5",
    grid="#343946",
    # sky blue, orange, reddish purple, bluish green (Okabe–Ito hues, lightened)
    series=("#56b4e9", "#e69f00", "#e69ac4", "#2cc49d"),
    fill_alpha=0.30,
    colormap="cividis",
)

PALETTES: tuple[Palette, ...] = (LIGHT, DARK)

# Line styles paired with the series colours, so no curve relies on colour alone.
LINE_STYLES: tuple[str, ...] = ("solid", "dashed", "dashdot", "dotted")


# --- Colour arithmetic ------------------------------------------------------------------

FloatArray = npt.NDArray[np.float64]

# Machado, Oliveira & Fernandes (2009), severity 1.0: linear-RGB simulation matrices.
_CVD_MATRICES: dict[Deficiency, FloatArray] = {
    "protan": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "deutan": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "tritan": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}
DEFICIENCIES: tuple[Deficiency, ...] = ("protan", "deutan", "tritan")

_SRGB_TO_XYZ = np.array(
    [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
)
_D65_WHITE = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(hex_colour: str) -> FloatArray:
    """sRGB '#rrggbb' to linear RGB in [0, 1]."""
    digits = hex_colour.lstrip("#")
    if len(digits) != 6:
        raise ValueError(f"expected #rrggbb, got {hex_colour!r}")
    srgb = np.array([int(digits[i : i + 2], 16) for i in (0, 2, 4)], dtype=np.float64) / 255.0
    linear: FloatArray = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    return linear


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance."""
    return float(linear_rgb(hex_colour) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _lab(linear: FloatArray) -> FloatArray:
    xyz = (_SRGB_TO_XYZ @ linear) / _D65_WHITE
    delta = 6.0 / 29.0
    f = np.where(xyz > delta**3, np.cbrt(xyz), xyz / (3 * delta**2) + 4.0 / 29.0)
    return np.array([116.0 * f[1] - 16.0, 500.0 * (f[0] - f[1]), 200.0 * (f[1] - f[2])])


def simulated_difference(a: str, b: str, deficiency: Deficiency | None = None) -> float:
    """CIE76 ΔE between two colours as seen with ``deficiency`` (None: typical vision)."""
    la, lb = linear_rgb(a), linear_rgb(b)
    if deficiency is not None:
        matrix = _CVD_MATRICES[deficiency]
        la, lb = np.clip(matrix @ la, 0.0, 1.0), np.clip(matrix @ lb, 0.0, 1.0)
    return float(np.linalg.norm(_lab(la) - _lab(lb)))
