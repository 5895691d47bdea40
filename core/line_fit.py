"""A line through data, y = slope * x + intercept, and how far the data lie from it.

A point's residual is observed minus predicted, r_i = y_i - (slope x_i + intercept), and the
loss is the mean squared error MSE = (1/n) sum_i r_i^2. Data and slider values are read as
the decimals they are written as (a float as its shortest repr: 0.1 is 1/10), so the MSE, its
partial derivatives and the least-squares line are exact fractions, computed from six sums:
n, Sx = sum x_i, Sy, Sxx = sum x_i^2, Sxy = sum x_i y_i and Syy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from core.datasets import Points, window_for
from core.errors import LearnerError
from core.least_squares import LeastSquares, exact_all, exact_decimal, least_squares
from core.limits import MAX_LINE_POINTS
from core.loss_landscape import (
    ParameterWindow,
    as_points,
    float_least_squares,
    landscape_cells,
    mse_over_slopes,
)

FloatArray = NDArray[np.float64]
Move = Literal["raise", "lower", "hold"]
LANDSCAPE_CELLS = 40  # cells per side of the loss landscape (1,600 rectangles in the browser)
# Width / height in pixels of the data chart at laptop size: squares drawn with this aspect
# look square there.
PLOT_ASPECT = 620 / 270


def predict(x: ArrayLike, slope: float, intercept: float) -> FloatArray:
    """The line's value slope * x + intercept at each x (floats, for drawing)."""
    return slope * np.asarray(x, dtype=float) + intercept


def residuals(x: ArrayLike, y: ArrayLike, slope: float, intercept: float) -> FloatArray:
    """Each point's residual, observed minus predicted: r_i = y_i - (slope x_i + intercept)."""
    xs, ys = as_points(x, y)
    return ys - (slope * xs + intercept)


def mse(x: ArrayLike, y: ArrayLike, slope: float, intercept: float) -> float:
    """Mean squared error (1/n) sum_i r_i^2, in floats."""
    r = residuals(x, y, slope, intercept)
    return float(np.mean(r * r))


def mse_gradient(x: ArrayLike, y: ArrayLike, slope: float, intercept: float) -> tuple[float, float]:
    """The partial derivatives (dMSE/dslope, dMSE/dintercept) in floats:
    -(2/n) sum_i r_i x_i and -(2/n) sum_i r_i (chain rule: d r_i / d slope = -x_i)."""
    r = residuals(x, y, slope, intercept)
    xs = np.asarray(x, dtype=float).ravel()
    return float(-2.0 * np.mean(r * xs)), float(-2.0 * np.mean(r))


def least_squares_line(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """The least-squares (slope, intercept) in floats (see `least_squares` for the exact one)."""
    return float_least_squares(*as_points(x, y))


@dataclass(frozen=True)
class PredictionRange:
    """Where a learner may ask the line for a prediction: a slider's bounds, step and start.

    Whole-number x (bedrooms) gives whole steps from min(0, smallest x) to half the data's
    width past the largest; other x a power-of-ten step about a twentieth of that width.
    """

    low: float
    high: float
    step: float
    start: float


def prediction_range(points: Points) -> PredictionRange:
    """The PredictionRange for these points (see there)."""
    low, high = float(points.x.min()), float(points.x.max())
    if np.all(points.x == np.round(points.x)) and high - low >= 1:
        return PredictionRange(
            float(int(min(0, low))), float(int(high + max(1, (high - low) // 2))), 1.0, high
        )
    step = float(10 ** math.floor(math.log10((high - low) / 20)))
    digits = max(0, -math.floor(math.log10(step)))
    return PredictionRange(
        round(math.floor(min(0.0, low) / step) * step, digits),
        round(math.ceil((high + (high - low) / 2) / step) * step, digits),
        step,
        round(round(high / step) * step, digits),
    )


@dataclass(frozen=True)
class FitData:
    """What the page fits: the points, their exact least-squares line, the window of
    (slope, intercept) for the sliders and the landscape, and the data charts' axes."""

    points: Points
    line: LeastSquares
    window: ParameterWindow
    x_domain: tuple[float, float]
    y_domain: tuple[float, float]
    landscape: pd.DataFrame
    prediction_range: PredictionRange

    def cache_key(self) -> tuple:
        """What `fit_data` makes every other field from: the points (values, names) and the
        window (where the notes' flag shows). A cache can hash this instead of the whole
        object, whose 1600-cell landscape took 7-10 ms to hash on each slider move."""
        points = self.points
        return (
            points.x.dtype.str,
            points.x.tobytes(),
            points.y.dtype.str,
            points.y.tobytes(),
            points.x_name,
            points.y_name,
            self.window,
        )

    def shown(self) -> Points:
        """At most MAX_LINE_POINTS points, evenly spread through the table, for drawing."""
        return self.spread(MAX_LINE_POINTS)

    def spread(self, count: int) -> Points:
        """At most `count` of the points, evenly spread through the table (first and last
        kept): all of them when there are no more."""
        points = self.points
        if points.n <= count:
            return points
        keep = np.linspace(0, points.n - 1, count).round().astype(int)
        return Points(points.x[keep], points.y[keep], points.x_name, points.y_name)

    def intercept_x_range(self) -> tuple[float, float]:
        """The data charts' x range, stretched to hold x = 0 (with the same 8% margin) where
        0 lies within the data's width of the points, so that the intercept, the line's value
        at x = 0, is in the picture."""
        low, high = self.x_domain
        x_min, x_max = float(self.points.x.min()), float(self.points.x.max())
        width = x_max - x_min
        if 0 <= x_min <= width:
            return (-0.08 * width, high)
        if -width <= x_max <= 0:
            return (low, 0.08 * width)
        return (low, high)

    def pivot_x(self) -> float:
        """Where a handle for the intercept sits on the line: at x = 0, where the line's value
        is the intercept, when `intercept_x_range` holds it; else at the mean of x."""
        low, high = self.intercept_x_range()
        return 0.0 if low <= 0 <= high else float(self.line.sums.sx / self.line.sums.n)


def fit_data(points: Points, *, notes: bool = False) -> FitData:
    """The points with their least-squares line, window, chart axes (8% margins, y from 0) and
    the loss landscape over the window (LANDSCAPE_CELLS cells a side; the MSE floored at a
    billionth of its largest value, because a log colour scale has no place for 0)."""
    x_low, x_high = float(points.x.min()), float(points.x.max())
    y_low, y_high = min(0.0, float(points.y.min())), max(0.0, float(points.y.max()))
    x_pad = 0.08 * (x_high - x_low)
    y_pad = 0.08 * ((y_high - y_low) or 1.0)
    window = window_for(points, notes=notes)
    cells = landscape_cells(points.x, points.y, window, LANDSCAPE_CELLS)
    floor = max(float(cells["MSE"].max()) * 1e-9, 1e-12)
    return FitData(
        points=points,
        line=least_squares(points),
        window=window,
        x_domain=(x_low - x_pad, x_high + x_pad),
        y_domain=(y_low - y_pad, y_high + y_pad),
        landscape=cells.assign(MSE=cells["MSE"].clip(lower=floor)),
        prediction_range=prediction_range(points),
    )


@dataclass(frozen=True)
class TwoPointLine:
    """The line through two points: its slope, its intercept and its value at any x."""

    slope: Fraction
    intercept: Fraction

    def value_at(self, x: float | Fraction) -> Fraction:
        """The line's value at another x."""
        return self.slope * exact_decimal(x) + self.intercept


def line_through_two(points: Points) -> TwoPointLine:
    """The line through the first two points: slope = (y2 - y1) / (x2 - x1) and
    intercept = y1 - slope x1, exactly."""
    (x1, x2), (y1, y2) = exact_all(points.x[:2]), exact_all(points.y[:2])
    if x1 == x2:
        raise LearnerError("Two points with the same x do not fix a line (it would be vertical).")
    slope = Fraction(y2 - y1) / (x2 - x1)
    return TwoPointLine(slope, Fraction(y1 - slope * x1))


@dataclass(frozen=True)
class HandFit:
    """Everything the fit-by-hand section shows for the learner's line y = w x + b.

    `mse`, `d_slope`, `d_intercept` and `above_best` are exact; `at_best` says whether this
    is the least-squares line (exactly: both partial derivatives are 0). `first_terms` are
    the first two points (x_i, y_i) of the MSE's sum written out. What only a drawing or the
    table needs is made when first read, so that a grid of hundreds of lines stays cheap:
    `residuals` (floats, at the drawn points), `rows` (the residual table, exact), `squares`
    (one square per drawn point) and `slice`, MSE(slope) at this intercept across the
    window, for the picture of dMSE/dslope.
    """

    slope: Fraction
    intercept: Fraction
    n: int
    mse: Fraction
    d_slope: Fraction
    d_intercept: Fraction
    best: LeastSquares
    above_best: Fraction
    at_best: bool
    first_terms: tuple[tuple[Fraction, Fraction], ...]
    data: FitData = field(repr=False, compare=False)
    slice_samples: int = field(default=161, repr=False, compare=False)

    @property
    def slope_move(self) -> Move:
        """Which way to move the slope to lower the MSE: against dMSE/dslope's sign."""
        return _move(self.d_slope)

    @property
    def intercept_move(self) -> Move:
        """Which way to move the intercept to lower the MSE."""
        return _move(self.d_intercept)

    def predict(self, x: ArrayLike) -> FloatArray:
        """The line's value w x + b at each x, in floats (for drawing)."""
        return predict(x, float(self.slope), float(self.intercept))

    @cached_property
    def residuals(self) -> FloatArray:
        """r_i = y_i - (w x_i + b) in floats at the drawn points (`FitData.shown`)."""
        shown = self.data.shown()
        return shown.y - self.predict(shown.x)

    @cached_property
    def rows(self) -> pd.DataFrame:
        """The drawn points with the line's value, the residual and its square, exactly."""
        shown = self.data.shown()
        w, b = self.slope, self.intercept
        xs, ys = exact_all(shown.x), exact_all(shown.y)
        fitted = [w * x + b for x in xs]
        residual = [y - f for y, f in zip(ys, fitted, strict=True)]
        return pd.DataFrame(
            {
                shown.x_name: xs,
                shown.y_name: ys,
                "fitted": fitted,
                "residual": residual,
                "squared residual": [r * r for r in residual],
            }
        )

    @cached_property
    def slice(self) -> pd.DataFrame:
        """MSE(slope) at this intercept, at `slice_samples` slopes across the window."""
        window, points = self.data.window, self.data.points
        slopes = np.linspace(window.slope_min, window.slope_max, self.slice_samples)
        return pd.DataFrame(
            {
                "slope": slopes,
                "MSE": mse_over_slopes(points.x, points.y, slopes, float(self.intercept)),
            }
        )

    def squares_on(
        self,
        points: Points,
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        aspect: float = PLOT_ASPECT,
    ) -> tuple[FloatArray, FloatArray]:
        """The squares of these points' residuals on a picture of x_range x y_range that is
        `aspect` times as wide as it is tall, as (across, to): each square runs from its
        point (x_i, y_i) to x_i + across_i and up or down to to_i = w x_i + b, the line
        (see `residual_squares`; arrays, no table: a grid makes hundreds of these)."""
        to = self.predict(points.x)
        across = square_across(
            points.x, points.y - to, x_units_per_y_unit(x_range, y_range, aspect), x_range
        )
        return across, to


def _move(derivative: Fraction) -> Move:
    return "raise" if derivative < 0 else "lower" if derivative > 0 else "hold"


def hand_fit(data: FitData, slope: float, intercept: float, *, slice_samples: int = 161) -> HandFit:
    """The learner's line on the data: its MSE, partial derivatives and the gap to the
    least-squares line, exact, from the data's six sums (so the cost does not grow with the
    number of points); residuals, squares and the MSE slice are made when first read."""
    w, b = exact_decimal(slope), exact_decimal(intercept)
    s = data.line.sums
    loss = s.mse(w, b)
    d_slope, d_intercept = s.gradient(w, b)
    first = data.points
    xs, ys = exact_all(first.x[:2]), exact_all(first.y[:2])
    return HandFit(
        slope=w,
        intercept=b,
        n=s.n,
        mse=loss,
        d_slope=d_slope,
        d_intercept=d_intercept,
        best=data.line,
        above_best=loss - data.line.smallest_mse,
        at_best=d_slope == 0 and d_intercept == 0,
        first_terms=tuple((Fraction(x), Fraction(y)) for x, y in zip(xs, ys, strict=True)),
        data=data,
        slice_samples=slice_samples,
    )


def slider_values(low: float, high: float, step: float) -> tuple[float, ...]:
    """low, low + step, ..., high: every position of a slider, each the decimal it is written
    as (low + k step in exact decimals, so -3.65 + 0.05 is -3.6, never -3.5999999999999996)."""
    start, stride = exact_decimal(low), exact_decimal(step)
    count = int((exact_decimal(high) - start) / stride)
    return tuple(float(start + k * stride) for k in range(count + 1))


@dataclass(frozen=True)
class HandFitGrid:
    """The fit-by-hand section at every position of its two sliders, as a cross through the
    learner's line (w, b): `by_slope[i]` is the line with slope `slopes[i]` and intercept b,
    `by_intercept[j]` the line with slope w and intercept `intercepts[j]`."""

    slopes: tuple[float, ...]
    intercepts: tuple[float, ...]
    by_slope: tuple[HandFit, ...]
    by_intercept: tuple[HandFit, ...]


def window_positions(window: ParameterWindow) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The slider positions of a window: its slopes and its intercepts (`slider_values`)."""
    return (
        slider_values(window.slope_min, window.slope_max, window.slope_step),
        slider_values(window.intercept_min, window.intercept_max, window.intercept_step),
    )


def hand_fit_grid(data: FitData, slope: float, intercept: float) -> HandFitGrid:
    """`hand_fit` at every slope of the window with the intercept held, and at every
    intercept with the slope held (the window's slider positions, `window_positions`)."""
    slopes, intercepts = window_positions(data.window)
    return HandFitGrid(
        slopes=slopes,
        intercepts=intercepts,
        by_slope=tuple(hand_fit(data, w, intercept) for w in slopes),
        by_intercept=tuple(hand_fit(data, slope, b) for b in intercepts),
    )


def x_units_per_y_unit(
    x_range: tuple[float, float], y_range: tuple[float, float], aspect: float = PLOT_ASPECT
) -> float:
    """x units per y unit that look the same length on a picture of x_range x y_range that is
    `aspect` times as wide as it is tall."""
    x_span = x_range[1] - x_range[0]
    y_span = y_range[1] - y_range[0]
    return (x_span / aspect) / y_span


def residual_squares(
    x: ArrayLike,
    y: ArrayLike,
    slope: float,
    intercept: float,
    x_units_per_y_unit: float,
    x_domain: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """One square per point, drawn between the point and the line, for a picture of r_i^2.

    Its vertical side runs from y_i to the prediction (|r_i| long); its horizontal side is the
    same length converted to x units (`x_units_per_y_unit`, so that it looks square on a
    chart with different axis scales). It is drawn to the right of the point, or to the left
    where the right side would leave `x_domain` (the chart's x range) and the left would not;
    where neither side has room, towards the wider side (the chart then cuts it at its edge).
    Columns: x, x2, y, y2, squared (r_i^2).
    """
    xs = np.asarray(x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    r = ys - (slope * xs + intercept)
    x2 = xs + square_across(xs, r, x_units_per_y_unit, x_domain)
    return pd.DataFrame({"x": xs, "x2": x2, "y": ys, "y2": ys - r, "squared": r * r})


def square_across(
    x: ArrayLike,
    r: ArrayLike,
    x_units_per_y_unit: float,
    x_domain: tuple[float, float] | None = None,
) -> FloatArray:
    """The signed horizontal side of each residual's square, in x units: |r_i| converted,
    to the right (positive) or the left of x_i as `residual_squares` says."""
    xs = np.asarray(x, dtype=float).ravel()
    side = np.abs(np.asarray(r, dtype=float).ravel()) * x_units_per_y_unit
    if x_domain is None:
        return side
    low, high = float(x_domain[0]), float(x_domain[1])
    room_right, room_left = high - xs, xs - low
    right = (side <= room_right) | ((side > room_left) & (room_right >= room_left))
    return np.where(right, side, -side)
