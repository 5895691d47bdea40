"""The least-squares line of data, exactly, and how it and a pattern line miss the points.

Data are read as the decimals they are written as (a float as its shortest repr: 0.1 is
1/10), so the sums n, Sx = sum x_i, Sy, Sxx = sum x_i^2, Sxy = sum x_i y_i, Syy are exact
fractions, and so are the least-squares line, its MSE and the MSE of any line with exact
slope and intercept: MSE(w, b) = (1/n) sum_i (y_i - w x_i - b)^2.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from core.datasets import Points
from core.errors import LearnerError

FloatArray = NDArray[np.float64]

# Below 2**53 every whole float is an integer exactly, and Python's int sums are exact and fast.
_WHOLE_LIMIT = 2.0**53


def exact_decimal(value: float | int | Fraction) -> Fraction:
    """A number as the exact decimal it is written as: a float as its shortest repr."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    return Fraction(Decimal(repr(float(value))))


def exact_all(values: FloatArray) -> list[Fraction] | list[int]:
    if np.all(values == np.round(values)) and np.all(np.abs(values) < _WHOLE_LIMIT):
        return [int(v) for v in values]
    return [exact_decimal(float(v)) for v in values]


@dataclass(frozen=True)
class Sums:
    """The six sums the MSE of every line is made of (exact)."""

    n: int
    sx: Fraction
    sy: Fraction
    sxx: Fraction
    sxy: Fraction
    syy: Fraction

    def mse(self, slope: Fraction, intercept: Fraction) -> Fraction:
        """(1/n) sum (y_i - w x_i - b)^2 = (Syy - 2w Sxy - 2b Sy + w^2 Sxx + 2wb Sx + n b^2) / n."""
        w, b = slope, intercept
        total = (
            self.syy
            - 2 * w * self.sxy
            - 2 * b * self.sy
            + w * w * self.sxx
            + 2 * w * b * self.sx
            + self.n * b * b
        )
        return total / self.n

    def gradient(self, slope: Fraction, intercept: Fraction) -> tuple[Fraction, Fraction]:
        """dMSE/dslope = -(2/n) sum r_i x_i = (2/n)(w Sxx + b Sx - Sxy) and
        dMSE/dintercept = -(2/n) sum r_i = (2/n)(w Sx + n b - Sy)."""
        w, b = slope, intercept
        two_over_n = Fraction(2, self.n)
        return (
            two_over_n * (w * self.sxx + b * self.sx - self.sxy),
            two_over_n * (w * self.sx + self.n * b - self.sy),
        )


def sums(points: Points) -> Sums:
    """The exact sums of the points."""
    xs, ys = exact_all(points.x), exact_all(points.y)
    return Sums(
        n=points.n,
        sx=Fraction(sum(xs)),
        sy=Fraction(sum(ys)),
        sxx=Fraction(sum(x * x for x in xs)),
        sxy=Fraction(sum(x * y for x, y in zip(xs, ys, strict=True))),
        syy=Fraction(sum(y * y for y in ys)),
    )


@dataclass(frozen=True)
class LeastSquares:
    """The least-squares line, where both partial derivatives of the MSE are zero.

    The normal equations  w Sxx + b Sx = Sxy  and  w Sx + b n = Sy  give
    w = (n Sxy - Sx Sy) / (n Sxx - Sx^2) and b = (Sy - w Sx) / n; the smallest MSE is
    (Syy - w Sxy - b Sy) / n. All exact.
    """

    sums: Sums
    slope: Fraction
    intercept: Fraction
    smallest_mse: Fraction

    def predict(self, x: float | Fraction) -> Fraction:
        """The line's value at x, exactly."""
        return self.slope * exact_decimal(x) + self.intercept


def least_squares(points: Points) -> LeastSquares:
    """The exact least-squares line of the points (at least two different x values)."""
    s = sums(points)
    det = s.n * s.sxx - s.sx * s.sx
    if det == 0:
        raise LearnerError(
            "A line cannot be fitted: it needs points at two or more different x values."
        )
    slope = (s.n * s.sxy - s.sx * s.sy) / det
    intercept = (s.sy - slope * s.sx) / s.n
    smallest = (s.syy - slope * s.sxy - intercept * s.sy) / s.n
    return LeastSquares(s, slope, intercept, smallest)


@dataclass(frozen=True)
class OutlierStory:
    """The notes' outlier: how the pattern line and the least-squares line miss the points.

    `pattern_misses` and `fit_misses` are |r_i| for each point, exact; `pattern_missed` the
    (0-based) indexes of the points the pattern line misses.
    """

    pattern_slope: Fraction
    pattern_intercept: Fraction
    pattern_mse: Fraction
    pattern_misses: tuple[Fraction, ...]
    pattern_missed: tuple[int, ...]
    fit_mse: Fraction
    fit_misses: tuple[Fraction, ...]


@dataclass(frozen=True)
class ExactAnswer:
    """The least-squares section: the exact line and, for the notes' table, the outlier story."""

    line: LeastSquares
    story: OutlierStory | None


def exact_answer(
    line: LeastSquares, points: Points, pattern: tuple[float, float] | None = None
) -> ExactAnswer:
    """The least-squares line, and with `pattern` = (slope, intercept) of a line the data
    follow except for outliers, how each line misses each point."""
    if pattern is None:
        return ExactAnswer(line, None)
    w, b = exact_decimal(pattern[0]), exact_decimal(pattern[1])
    xs, ys = exact_all(points.x), exact_all(points.y)
    pattern_misses = tuple(abs(Fraction(y) - (w * x + b)) for x, y in zip(xs, ys, strict=True))
    fit_misses = tuple(
        abs(y - line.slope * x - line.intercept) for x, y in zip(xs, ys, strict=True)
    )
    story = OutlierStory(
        pattern_slope=w,
        pattern_intercept=b,
        pattern_mse=line.sums.mse(w, b),
        pattern_misses=pattern_misses,
        pattern_missed=tuple(i for i, miss in enumerate(pattern_misses) if miss != 0),
        fit_mse=line.smallest_mse,
        fit_misses=fit_misses,
    )
    return ExactAnswer(line, story)
