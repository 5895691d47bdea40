"""The least-squares line's predictions at every position of the page's prediction slider
(section 6 of the regression page): y = slope · x + intercept, exactly."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from core.least_squares import LeastSquares, exact_decimal
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


# A wide range offers every (step × factor): the smallest factor 1, 2, 5, 10, 20, 50, ... that
# keeps the positions within the limit, so that each is a round number.
ROUND_FACTORS = (1, 2, 5)


@dataclass(frozen=True)
class OfferedPositions:
    """The positions the prediction input offers, increasing: every multiple of `every` from
    `first` to `last` (a round multiple of the range's step), and `also`, the range's start,
    end and default where they are no such multiple."""

    positions: tuple[float, ...]
    every: float
    first: float
    last: float
    also: tuple[float, ...]


def _multiples(low: Fraction, high: Fraction, stride: Fraction) -> tuple[int, int]:
    """The first and last k with low <= k * stride <= high."""
    return math.ceil(low / stride), math.floor(high / stride)


def offered_positions(bounds: PredictionRange, most: int) -> OfferedPositions:
    """At most `most` positions of the range (`most` >= 4): all of them when there are no
    more (the slider's positions), else every step × factor for the smallest round factor
    (1, 2, 5, 10, 20, 50, ...) that fits, with the range's ends and its default kept. The
    count is worked out before any position is listed (see `position_count`)."""
    low, high = exact_decimal(bounds.low), exact_decimal(bounds.high)
    start, step = exact_decimal(bounds.start), exact_decimal(bounds.step)
    factor_decade = 1
    while True:
        for factor in ROUND_FACTORS:
            stride = step * factor * factor_decade
            first, last = _multiples(low, high, stride)
            kept = {v for v in (low, high, start) if v % stride != 0}
            if max(0, last - first + 1) + len(kept) <= most:
                round_ones = {k * stride for k in range(first, last + 1)}
                every = sorted(round_ones | kept)
                return OfferedPositions(
                    positions=tuple(float(v) for v in every),
                    every=float(stride),
                    first=float(first * stride),
                    last=float(last * stride),
                    also=tuple(float(v) for v in sorted(kept)),
                )
        factor_decade *= 10
