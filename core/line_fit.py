"""A line through data, y = slope * x + intercept, and how far the data lie from it.

A point's residual is observed minus predicted, r_i = y_i - (slope x_i + intercept), and the
loss is the mean squared error MSE = (1/n) sum_i r_i^2. Data and slider values are read as
the decimals they are written as (a float as its shortest repr: 0.1 is 1/10), so the MSE, its
partial derivatives and the least-squares line are exact fractions, computed from six sums:
n, Sx = sum x_i, Sy, Sxx = sum x_i^2, Sxy = sum x_i y_i and Syy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
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

    def shown(self) -> Points:
        """At most MAX_LINE_POINTS points, evenly spread through the table, for drawing."""
        points = self.points
        if points.n <= MAX_LINE_POINTS:
            return points
        keep = np.linspace(0, points.n - 1, MAX_LINE_POINTS).round().astype(int)
        return Points(points.x[keep], points.y[keep], points.x_name, points.y_name)


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
    the first points (x_i, y_i) of the MSE's sum written out; `residuals` (floats, the drawn
    points) and `rows` (the residual table, exact) are for the chart and the table; `slice`
    is MSE(slope) at this intercept across the window, for the picture of dMSE/dslope.
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
    residuals: FloatArray
    rows: pd.DataFrame
    slice: pd.DataFrame
    squares: pd.DataFrame

    @property
    def slope_move(self) -> Move:
        """Which way to move the slope to lower the MSE: against dMSE/dslope's sign."""
        return _move(self.d_slope)

    @property
    def intercept_move(self) -> Move:
        """Which way to move the intercept to lower the MSE."""
        return _move(self.d_intercept)


def _move(derivative: Fraction) -> Move:
    return "raise" if derivative < 0 else "lower" if derivative > 0 else "hold"


def hand_fit(data: FitData, slope: float, intercept: float, *, slice_samples: int = 161) -> HandFit:
    """The learner's line on the data: its residuals, MSE, partial derivatives and the gap
    to the least-squares line, exact; residuals and the MSE slice as floats for drawing."""
    w, b = exact_decimal(slope), exact_decimal(intercept)
    s = data.line.sums
    loss = s.mse(w, b)
    d_slope, d_intercept = s.gradient(w, b)
    shown = data.shown()
    xs, ys = exact_all(shown.x), exact_all(shown.y)
    fitted = [w * x + b for x in xs]
    residual = [y - f for y, f in zip(ys, fitted, strict=True)]
    rows = pd.DataFrame(
        {
            shown.x_name: xs,
            shown.y_name: ys,
            "fitted": fitted,
            "residual": residual,
            "squared residual": [r * r for r in residual],
        }
    )
    window = data.window
    slopes = np.linspace(window.slope_min, window.slope_max, slice_samples)
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
        first_terms=tuple((Fraction(x), Fraction(y)) for x, y in zip(xs[:2], ys[:2], strict=True)),
        residuals=shown.y - (float(slope) * shown.x + float(intercept)),
        squares=residual_squares(
            shown.x,
            shown.y,
            float(slope),
            float(intercept),
            _x_per_y(data),
            x_domain=data.x_domain,
        ),
        rows=rows,
        slice=pd.DataFrame(
            {
                "slope": slopes,
                "MSE": mse_over_slopes(data.points.x, data.points.y, slopes, float(intercept)),
            }
        ),
    )


def _x_per_y(data: FitData) -> float:
    """x units per y unit that look the same length on the data chart (PLOT_ASPECT)."""
    x_span = data.x_domain[1] - data.x_domain[0]
    y_span = data.y_domain[1] - data.y_domain[0]
    return (x_span / PLOT_ASPECT) / y_span


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
    side = np.abs(r) * x_units_per_y_unit
    if x_domain is None:
        x2 = xs + side
    else:
        low, high = float(x_domain[0]), float(x_domain[1])
        room_right, room_left = high - xs, xs - low
        right = (side <= room_right) | ((side > room_left) & (room_right >= room_left))
        x2 = np.where(right, xs + side, xs - side)
    return pd.DataFrame({"x": xs, "x2": x2, "y": ys, "y2": ys - r, "squared": r * r})
