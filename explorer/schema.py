"""What an explorer marker may say: its parameters, their ranges and their defaults.

The sliders' ranges live here only; the HTML carries them to the browser as the
inputs' own min/max/step, so the JavaScript never repeats them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from mkdocs.config import base
from mkdocs.config.base import ValidationError

from coursemath.running_example import RUNNING_EXAMPLE


@dataclass(frozen=True)
class Slider:
    """One model parameter and the range input that moves it.

    A ``log`` slider moves log10 of the value, so its positions are evenly spaced
    in orders of magnitude (variances and weights span several).
    """

    name: str
    label: str
    symbol: str
    scale: Literal["log", "linear"]
    position_min: float
    position_max: float
    step: float
    default: float

    def value_at(self, position: float) -> float:
        return 10.0**position if self.scale == "log" else position

    def position_of(self, value: float) -> float:
        return math.log10(value) if self.scale == "log" else value

    @property
    def value_min(self) -> float:
        return self.value_at(self.position_min)

    @property
    def value_max(self) -> float:
        return self.value_at(self.position_max)


# Defaults are the lesson's running example (coursemath.running_example: posterior N(0.6, 0.2),
# −log p(x) = 1.95 nats) and teach with no interaction: the encoder starts at the prior's
# variance 1, five times the posterior's, so the plot shows both terms, the optimum to the
# left and a gap of 1.2 nats. The ranges keep the optimum s² β / (w² + β s²) on the σ² axis
# for every reachable s², β and authorised w.
SIGMA2 = Slider("sigma2", "Encoder variance", "σ²", "log", -2.0, 0.6, 0.01, 1.0)
MEAN = Slider("m", "Encoder mean", "m", "linear", -3.0, 3.0, 0.05, 0.0)
DATA = Slider("x", "Data point", "x", "linear", -3.0, 3.0, 0.05, RUNNING_EXAMPLE.x)
# s² moves linearly, in steps of 0.01 from 0.1 to 2: every value a lesson names (0.5, 1, 2)
# is on the slider's grid, the maximum included (a log10 grid cannot hold both 1 and 2).
NOISE = Slider("s2", "Decoder noise variance", "s²", "linear", 0.1, 2.0, 0.01, RUNNING_EXAMPLE.s2)
BETA = Slider("beta", "KL weight", "β", "log", -0.3, 0.6, 0.01, 1.0)

# Sliders an author may show below the main one, in the marker's ``controls=`` list.
OPTIONAL_SLIDERS: dict[str, Slider] = {s.name: s for s in (MEAN, DATA, NOISE, BETA)}

W_MIN, W_MAX, W_DEFAULT = 0.25, 2.0, RUNNING_EXAMPLE.w

BEST_MEAN = "best"
"""``m=best``: the encoder mean is the best one for the other parameters, w x / (w² + β s²)."""


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValidationError(f"must be a number, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise ValidationError(f"must be a number, got {value!r}") from None
        if math.isfinite(number):
            return number
    raise ValidationError(f"must be a finite number, got {value!r}")


def _compact(number: float) -> str:
    return f"{number:.3g}"


class BoundedNumber(base.BaseConfigOption[float]):
    """A finite number in [lo, hi]; marker values arrive as text."""

    def __init__(self, lo: float, hi: float, default: float) -> None:
        super().__init__()
        self.lo, self.hi = lo, hi
        self.default = default

    def run_validation(self, value: object) -> float:
        number = _number(value)
        # Round-off in 10**position must not reject the range's own end points.
        tolerance = 1e-12 * max(1.0, abs(self.lo), abs(self.hi))
        if not self.lo - tolerance <= number <= self.hi + tolerance:
            raise ValidationError(
                f"must be in the range {_compact(self.lo)} to {_compact(self.hi)}, got {number:g}"
            )
        return min(max(number, self.lo), self.hi)


class SliderValue(BoundedNumber):
    """The initial value of a slider: inside the range the slider can reach."""

    def __init__(self, slider: Slider) -> None:
        super().__init__(slider.value_min, slider.value_max, slider.default)


class EncoderMean(base.BaseConfigOption["float | None"]):
    """A number in the mean slider's range, or ``best`` (None) for the optimal mean."""

    def __init__(self) -> None:
        super().__init__()
        self.default = None
        self._number = SliderValue(MEAN)

    def run_validation(self, value: object) -> float | None:
        if value is None or value == BEST_MEAN:
            return None
        try:
            return self._number.run_validation(value)
        except ValidationError as error:
            raise ValidationError(f"{error} (or use m={BEST_MEAN})") from None


class ControlList(base.BaseConfigOption[tuple[str, ...]]):
    """Comma-separated names of the extra sliders to show, in order; ``none`` for none."""

    def __init__(self, default: tuple[str, ...]) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> tuple[str, ...]:
        if isinstance(value, tuple):  # the default, already a valid list
            return value
        if not isinstance(value, str):
            raise ValidationError(f"must be a comma-separated list, got {value!r}")
        if value == "none":
            return ()
        names = tuple(value.split(","))
        known = ", ".join(OPTIONAL_SLIDERS)
        for name in names:
            if name not in OPTIONAL_SLIDERS:
                shown = repr(name) if name else "an empty name"
                raise ValidationError(
                    f"names an unknown control, {shown}; choose from {known}, or none"
                )
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValidationError(f"lists {', '.join(duplicates)} twice; list each control once")
        return names


class MarkerConfig(base.Config):
    """The parameters of one ``<!-- explorer: key=value ... -->`` marker."""

    sigma2 = SliderValue(SIGMA2)
    m = EncoderMean()
    x = SliderValue(DATA)
    s2 = SliderValue(NOISE)
    beta = SliderValue(BETA)
    w = BoundedNumber(W_MIN, W_MAX, W_DEFAULT)
    controls = ControlList(default=tuple(OPTIONAL_SLIDERS))


@dataclass(frozen=True)
class ExplorerSettings:
    """A validated marker: the explorer's initial state and the sliders it shows."""

    sigma2: float = SIGMA2.default
    m: float | None = None
    x: float = DATA.default
    s2: float = NOISE.default
    beta: float = BETA.default
    w: float = W_DEFAULT
    controls: tuple[str, ...] = tuple(OPTIONAL_SLIDERS)

    @classmethod
    def from_config(cls, config: MarkerConfig) -> ExplorerSettings:
        return cls(
            sigma2=config.sigma2,
            m=config.m,
            x=config.x,
            s2=config.s2,
            beta=config.beta,
            w=config.w,
            controls=config.controls,
        )
