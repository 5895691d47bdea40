"""The loss landscape of a line fit: the MSE over (slope, intercept) and the window shown.

MSE(w, b) = (1/n) sum_i (y_i - w x_i - b)^2 is a paraboloid in (w, b). The page draws it as a
heat map over a window of slopes and intercepts that holds the start (0, 0) and the
least-squares line, and cuts slices of it at a fixed intercept.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from core.errors import LearnerError

FloatArray = NDArray[np.float64]


def as_points(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Both coordinates as float arrays of one length, checked finite and non-empty."""
    xs = np.asarray(x, dtype=float).ravel()
    ys = np.asarray(y, dtype=float).ravel()
    if xs.size != ys.size:
        raise LearnerError(f"There are {xs.size} x values but {ys.size} y values.")
    if xs.size == 0:
        raise LearnerError("There are no points.")
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        raise LearnerError("Every x and y must be an ordinary finite number.")
    return xs, ys


def float_least_squares(xs: FloatArray, ys: FloatArray) -> tuple[float, float]:
    """The least-squares (slope, intercept) in floats, centred: slope = sum dx dy / sum dx^2."""
    dx = xs - float(np.mean(xs))
    spread = float(np.sum(dx * dx))
    if not spread > 0:
        raise LearnerError(
            "A line cannot be fitted: it needs points at two or more different x values."
        )
    slope = float(np.sum(dx * (ys - float(np.mean(ys)))) / spread)
    return slope, float(np.mean(ys)) - slope * float(np.mean(xs))


def mse_over_slopes(x: ArrayLike, y: ArrayLike, slopes: ArrayLike, intercept: float) -> FloatArray:
    """The slice MSE(slope) at a fixed intercept, for each slope given (a parabola in slope)."""
    return loss_grid(x, y, slopes, [intercept])[0]


def loss_grid(x: ArrayLike, y: ArrayLike, slopes: ArrayLike, intercepts: ArrayLike) -> FloatArray:
    """MSE at every (slope, intercept) pair: array of shape (len(intercepts), len(slopes)).

    Uses the moments of the data, so the cost does not grow with the number of points:
    with c = intercept + slope * mean(x) - mean(y),
    MSE = slope^2 var(x) - 2 slope cov(x, y) + var(y) + c^2.
    """
    xs, ys = as_points(x, y)
    w = np.asarray(slopes, dtype=float).ravel()[np.newaxis, :]
    b = np.asarray(intercepts, dtype=float).ravel()[:, np.newaxis]
    x_mean, y_mean = float(np.mean(xs)), float(np.mean(ys))
    dx, dy = xs - x_mean, ys - y_mean
    var_x, var_y = float(np.mean(dx * dx)), float(np.mean(dy * dy))
    cov = float(np.mean(dx * dy))
    c = b + w * x_mean - y_mean
    grid = w * w * var_x - 2.0 * w * cov + var_y + c * c
    # Rounding can leave a tiny negative number at an exact fit; a square is never negative.
    return np.maximum(grid, 0.0)


def _on_grid(value: float, step: float, rounding: Callable[[float], float]) -> float:
    """`value` rounded (by `rounding`: math.floor or math.ceil) to a whole number of steps,
    without float residue such as -3.6500000000000004."""
    digits = max(0, -math.floor(math.log10(step))) + 1
    return round(rounding(value / step) * step, digits)


def _nice_step(span: float, divisions: int) -> float:
    """A step of the form 1, 2 or 5 times a power of ten, about span / divisions."""
    raw = span / divisions
    power = 10.0 ** math.floor(math.log10(raw))
    for multiple in (1.0, 2.0, 5.0, 10.0):
        if raw <= multiple * power:
            return multiple * power
    return 10.0 * power


@dataclass(frozen=True)
class ParameterWindow:
    """A rectangle of (slope, intercept) values, with round slider steps, to explore the loss.

    Bounds are whole multiples of their steps.
    """

    slope_min: float
    slope_max: float
    slope_step: float
    intercept_min: float
    intercept_max: float
    intercept_step: float

    def union(self, other: ParameterWindow) -> ParameterWindow:
        """The smallest window holding both, with the coarser of the two steps."""
        slope_step = max(self.slope_step, other.slope_step)
        intercept_step = max(self.intercept_step, other.intercept_step)
        return ParameterWindow(
            slope_min=_on_grid(min(self.slope_min, other.slope_min), slope_step, math.floor),
            slope_max=_on_grid(max(self.slope_max, other.slope_max), slope_step, math.ceil),
            slope_step=slope_step,
            intercept_min=_on_grid(
                min(self.intercept_min, other.intercept_min), intercept_step, math.floor
            ),
            intercept_max=_on_grid(
                max(self.intercept_max, other.intercept_max), intercept_step, math.ceil
            ),
            intercept_step=intercept_step,
        )

    def contains(self, slope: float, intercept: float) -> bool:
        """Whether the point lies inside the window."""
        return (
            self.slope_min <= slope <= self.slope_max
            and self.intercept_min <= intercept <= self.intercept_max
        )


def parameter_window(x: ArrayLike, y: ArrayLike, divisions: int = 200) -> ParameterWindow:
    """A window around the least-squares line (w*, b*) that also holds the origin (0, 0).

    Slope: w* +- 1.5 s, with s = max(|w*|, sd(y) / sd(x)) the size of a typical slope.
    Intercept: b* +- (|b*| + s |mean x| + sd(y)), wide enough for the lines that pass
    through the cloud of points. Steps are round numbers, about `divisions` per side.
    """
    xs, ys = as_points(x, y)
    slope, intercept = float_least_squares(xs, ys)
    sd_x, sd_y = float(np.std(xs)), float(np.std(ys))
    typical_slope = max(abs(slope), sd_y / sd_x, 1e-9)
    typical_intercept = max(abs(intercept) + typical_slope * abs(float(np.mean(xs))) + sd_y, 1e-9)

    def bounds(centre: float, half_width: float) -> tuple[float, float, float]:
        low = min(0.0, centre - half_width)
        high = max(0.0, centre + half_width)
        step = _nice_step(high - low, divisions)
        return _on_grid(low, step, math.floor), _on_grid(high, step, math.ceil), step

    s_min, s_max, s_step = bounds(slope, 1.5 * typical_slope)
    b_min, b_max, b_step = bounds(intercept, typical_intercept)
    return ParameterWindow(s_min, s_max, s_step, b_min, b_max, b_step)


def landscape_cells(
    x: ArrayLike, y: ArrayLike, window: ParameterWindow, size: int = 48
) -> pd.DataFrame:
    """The window cut into size x size cells, each with the MSE at its centre.

    Columns: slope, slope2, intercept, intercept2 (the cell's edges) and MSE.
    """
    slope_edges = np.linspace(window.slope_min, window.slope_max, size + 1)
    intercept_edges = np.linspace(window.intercept_min, window.intercept_max, size + 1)
    grid = loss_grid(
        x,
        y,
        (slope_edges[:-1] + slope_edges[1:]) / 2,
        (intercept_edges[:-1] + intercept_edges[1:]) / 2,
    )
    row, column = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    row, column = row.ravel(), column.ravel()
    return pd.DataFrame(
        {
            "slope": slope_edges[column],
            "slope2": slope_edges[column + 1],
            "intercept": intercept_edges[row],
            "intercept2": intercept_edges[row + 1],
            "MSE": grid[row, column],
        }
    )
