"""Colours pass contrast on Material's backgrounds and stay apart with colour-vision deficiency."""

from __future__ import annotations

import itertools

import pytest

from figures_src import palette
from figures_src.palette import DARK, LIGHT, PALETTES, Palette

# Figures use at most three series colours together (palette.series[:3]).
SERIES_IN_ONE_FIGURE = 3
MIN_CVD_DIFFERENCE = 15.0  # CIE76 ΔE: clearly distinguishable, before line style helps


def test_backgrounds_are_materials() -> None:
    assert LIGHT.background == "#ffffff"  # Material `default`
    assert DARK.background == "#1e2129"  # Material `slate`: hsl(225, 15%, 14%)


def test_contrast_ratio_known_values() -> None:
    assert palette.contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert palette.contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert palette.contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", PALETTES, ids=lambda p: p.name)
def test_text_and_curves_pass_contrast_on_their_background(theme: Palette) -> None:
    # Curve labels are drawn in the curve colour, so series colours need text contrast.
    for colour in (theme.text, *theme.series):
        assert palette.contrast_ratio(colour, theme.background) >= 4.5, colour
    assert palette.contrast_ratio(theme.axis, theme.background) >= 3.0


@pytest.mark.parametrize("theme", PALETTES, ids=lambda p: p.name)
@pytest.mark.parametrize("deficiency", [None, *palette.DEFICIENCIES])
def test_series_colours_stay_distinguishable(theme: Palette, deficiency: str | None) -> None:
    for a, b in itertools.combinations(theme.series[:SERIES_IN_ONE_FIGURE], 2):
        difference = palette.simulated_difference(a, b, deficiency)  # type: ignore[arg-type]
        assert difference >= MIN_CVD_DIFFERENCE, (theme.name, deficiency, a, b, difference)


def test_simulation_collapses_red_green_for_deuteranopes() -> None:
    """A sanity check of the simulation: pure red and green are close for a deuteranope."""
    typical = palette.simulated_difference("#d62728", "#2ca02c")
    deutan = palette.simulated_difference("#d62728", "#2ca02c", "deutan")
    assert deutan < typical / 2


def test_every_series_has_its_own_line_style() -> None:
    assert len(set(palette.LINE_STYLES)) == len(palette.LINE_STYLES) >= len(LIGHT.series)
    assert len(LIGHT.series) == len(DARK.series)
