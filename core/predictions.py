"""The least-squares line's predictions at every position of the page's prediction slider
(section 6 of the regression page): y = slope · x + intercept, exactly."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from core.least_squares import LeastSquares
from core.line_fit import PredictionRange, slider_values


@dataclass(frozen=True)
class Prediction:
    """The line's prediction `y` at `x`, exactly."""

    x: float
    y: Fraction


def position_count(bounds: PredictionRange) -> int:
    """How many positions the prediction slider has: (high - low) / step + 1 (worked out
    before listing them: whole x in the trillions make trillions of them)."""
    return int(round((bounds.high - bounds.low) / bounds.step)) + 1


def prediction_positions(bounds: PredictionRange) -> tuple[float, ...]:
    """Every position of the prediction slider: low, low + step, ..., high."""
    return slider_values(bounds.low, bounds.high, bounds.step)


def predictions(line: LeastSquares, xs: tuple[float, ...]) -> tuple[Prediction, ...]:
    """The line's prediction at each x: slope · x + intercept."""
    return tuple(Prediction(x, line.predict(x)) for x in xs)
