"""Fitting a line y = slope * x + intercept by minimising the mean squared error.

Everything here works on plain numpy arrays of equal length: `x` (e.g. bedrooms) and `y`
(e.g. price). The loss is MSE(w, b) = (1/n) * sum_i (w x_i + b - y_i)^2, a paraboloid in
(w, b) whose lowest point is the least-squares line.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from core import limits
from core.errors import LearnerError
from core.gradient_descent import DescentPath, quadratic_outcome

FloatArray = NDArray[np.float64]

# Gradient descent is stopped as diverged once the loss exceeds this many times its start
# (or its start, if the start is a perfect fit, plus one): long before float overflow.
DIVERGENCE_FACTOR = 1e8
# "Converged" means the loss above its minimum has shrunk a million-fold: L_k - L_min <=
# CONVERGED_RTOL * (L_0 - L_min). The page's step counts (steps_to_converge) use the same one.
CONVERGED_RTOL = 1e-6


def _as_points(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
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


def _require_line(xs: FloatArray) -> None:
    if np.unique(xs).size < 2:
        raise LearnerError(
            "A line cannot be fitted: it needs points at two or more different x values "
            "(with a single x, any slope goes through the same middle point)."
        )


@dataclass(frozen=True)
class NormalEquations:
    """The two equations dMSE/dslope = 0 and dMSE/dintercept = 0, written with sums.

        slope * sum(x^2) + intercept * sum(x) = sum(x y)
        slope * sum(x)   + intercept * n      = sum(y)

    Their solution (the least-squares line) is `slope` and `intercept`.
    """

    n: int
    sum_x: float
    sum_x2: float
    sum_y: float
    sum_xy: float
    slope: float
    intercept: float


def normal_equations(x: ArrayLike, y: ArrayLike) -> NormalEquations:
    """The normal equations of the data with their solution.

    Solved in centred form, slope = sum((x - mean x)(y - mean y)) / sum((x - mean x)^2) and
    intercept = mean y - slope * mean x, which is the same solution but loses no digits when
    x is large. Raises LearnerError when fewer than two distinct x values are given.
    """
    xs, ys = _as_points(x, y)
    _require_line(xs)
    x_mean = float(np.mean(xs))
    y_mean = float(np.mean(ys))
    dx = xs - x_mean
    slope = float(np.sum(dx * (ys - y_mean)) / np.sum(dx * dx))
    intercept = y_mean - slope * x_mean
    return NormalEquations(
        n=int(xs.size),
        sum_x=float(np.sum(xs)),
        sum_x2=float(np.sum(xs * xs)),
        sum_y=float(np.sum(ys)),
        sum_xy=float(np.sum(xs * ys)),
        slope=slope,
        intercept=float(intercept),
    )


def least_squares_line(x: ArrayLike, y: ArrayLike) -> tuple[float, float]:
    """The (slope, intercept) minimising MSE, from the normal equations.

    Raises LearnerError when fewer than two distinct x values are given.
    """
    eq = normal_equations(x, y)
    return eq.slope, eq.intercept


def predict(x: ArrayLike, slope: float, intercept: float) -> FloatArray:
    """The line's value slope * x + intercept at each x."""
    return slope * np.asarray(x, dtype=float) + intercept


def residuals(x: ArrayLike, y: ArrayLike, slope: float, intercept: float) -> FloatArray:
    """Each point's residual, observed minus predicted: r_i = y_i - (slope x_i + intercept)."""
    xs, ys = _as_points(x, y)
    return ys - (slope * xs + intercept)


def mse(x: ArrayLike, y: ArrayLike, slope: float, intercept: float) -> float:
    """Mean squared error (1/n) sum_i (slope x_i + intercept - y_i)^2."""
    r = residuals(x, y, slope, intercept)
    return float(np.mean(r * r))


def mse_gradient(x: ArrayLike, y: ArrayLike, slope: float, intercept: float) -> tuple[float, float]:
    """The partial derivatives (dMSE/dslope, dMSE/dintercept) at (slope, intercept).

    dMSE/dslope = -(2/n) sum_i r_i x_i and dMSE/dintercept = -(2/n) sum_i r_i, with r_i the
    residual y_i - (slope x_i + intercept) (chain rule on each square: d r_i / d slope = -x_i).
    """
    r = residuals(x, y, slope, intercept)
    xs = np.asarray(x, dtype=float).ravel()
    return float(-2.0 * np.mean(r * xs)), float(-2.0 * np.mean(r))


def mse_over_slopes(x: ArrayLike, y: ArrayLike, slopes: ArrayLike, intercept: float) -> FloatArray:
    """The slice MSE(slope) at a fixed intercept, for each slope given (a parabola in slope)."""
    return loss_grid(x, y, slopes, [intercept])[0]


def loss_grid(x: ArrayLike, y: ArrayLike, slopes: ArrayLike, intercepts: ArrayLike) -> FloatArray:
    """MSE at every (slope, intercept) pair: array of shape (len(intercepts), len(slopes)).

    Uses the moments of the data, so the cost does not grow with the number of points:
    with c = intercept + slope * mean(x) - mean(y),
    MSE = slope^2 var(x) - 2 slope cov(x, y) + var(y) + c^2.
    """
    xs, ys = _as_points(x, y)
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


def _hessian_eigenvalues(x: ArrayLike, scale_x: bool) -> FloatArray:
    """Eigenvalues of the Hessian of MSE, H = (2/n) [[sum x^2, sum x], [sum x, n]]."""
    xs = np.asarray(x, dtype=float).ravel()
    if xs.size == 0:
        raise LearnerError("There are no points.")
    if scale_x:
        # Standardised x' has mean 0 and mean square 1 exactly (x_scaling checks the spread is
        # positive), so H = (2/n) [[n, 0], [0, n]] = 2 I: both eigenvalues are exactly 2.
        x_scaling(xs)
        return np.array([2.0, 2.0])
    n = xs.size
    hessian = (2.0 / n) * np.array([[np.sum(xs * xs), np.sum(xs)], [np.sum(xs), n]])
    return np.linalg.eigvalsh(hessian)


def stable_learning_rate_limit(x: ArrayLike, *, scale_x: bool = False) -> float:
    """The learning rate above which gradient descent on MSE blows up: 2 / lambda_max.

    MSE is a paraboloid with Hessian H = (2/n) [[sum x^2, sum x], [sum x, n]]; one step
    theta <- theta - lr * grad multiplies the distance to the minimum along each eigenvector
    of H by (1 - lr * lambda), which shrinks only while lr < 2 / lambda_max.
    """
    return float(2.0 / np.max(_hessian_eigenvalues(x, scale_x)))


def contraction_per_step(x: ArrayLike, learning_rate: float, *, scale_x: bool = False) -> float:
    """The worst factor by which one step shrinks the distance to the minimum:
    max over Hessian eigenvalues lambda of |1 - learning_rate * lambda| (below 1 converges)."""
    eigenvalues = _hessian_eigenvalues(x, scale_x)
    return float(np.max(np.abs(1.0 - learning_rate * eigenvalues)))


def steps_to_converge(contraction: float, rtol: float = CONVERGED_RTOL) -> float:
    """At most how many steps bring the loss above its minimum down to `rtol` times its start,
    when each step shrinks the distance to the minimum at least by `contraction` (rho).

    The excess loss is a sum of squares of those distances, so each step shrinks it at least
    by rho^2, and ceil(ln(rtol) / (2 ln rho)) steps are always enough. inf when rho >= 1
    (it never settles), 1 when rho = 0 (one step lands on the minimum).
    """
    if contraction >= 1.0:
        return math.inf
    if contraction <= 0.0:
        return 1.0
    return float(max(1, math.ceil(math.log(rtol) / (2.0 * math.log(contraction)))))


@dataclass(frozen=True)
class XScaling:
    """Feature scaling x' = (x - centre) / spread, so that x' has mean 0 and spread 1.

    A line w' x' + b' on scaled x is the line slope = w' / spread,
    intercept = b' - w' * centre / spread on the original x.
    """

    centre: float
    spread: float

    def to_original(self, w: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Map (w', b') on scaled x back to (slope, intercept) on the original x."""
        return w / self.spread, b - w * self.centre / self.spread

    def to_scaled(self, slope: float, intercept: float) -> tuple[float, float]:
        """Map (slope, intercept) on the original x to (w', b') on scaled x."""
        return slope * self.spread, intercept + slope * self.centre


def x_scaling(x: ArrayLike) -> XScaling:
    """Standardisation of x: centre at the mean, divide by the standard deviation."""
    xs = np.asarray(x, dtype=float).ravel()
    spread = float(np.std(xs))
    if not spread > 0:
        raise LearnerError("All x values are equal, so they cannot be scaled.")
    return XScaling(centre=float(np.mean(xs)), spread=spread)


def gradient_descent_line(
    x: ArrayLike,
    y: ArrayLike,
    learning_rate: float,
    iterations: int,
    slope0: float = 0.0,
    intercept0: float = 0.0,
    *,
    scale_x: bool = False,
    rtol: float = CONVERGED_RTOL,
) -> DescentPath:
    """Gradient descent on MSE from (slope0, intercept0):

        slope     <- slope     - learning_rate * dMSE/dslope
        intercept <- intercept - learning_rate * dMSE/dintercept

    With `scale_x` the steps are taken on standardised x (see `XScaling`) and every point
    of the path is mapped back to the original units (`gradients` stay in the coordinates the
    steps were taken in). The run stops early when the loss stops being finite or grows past
    DIVERGENCE_FACTOR times its start.

    The outcome is decided from the step factors 1 - lr * lambda of the Hessian (exact on
    scaled x, see `_hessian_eigenvalues`), not from the last bits of the losses: "diverged"
    above the stability limit, "oscillating" exactly at it, "converged" once the excess loss
    L_k - L_min has shrunk to `rtol` times its start (see `converged_at`), else "walking".
    """
    xs, ys = _as_points(x, y)
    if not (np.isfinite(learning_rate) and learning_rate > 0):
        raise LearnerError("The learning rate must be a positive number.")
    iterations = int(iterations)
    if iterations < 0:
        raise LearnerError("The number of iterations cannot be negative.")
    if iterations > limits.MAX_REGRESSION_ITERATIONS:
        raise LearnerError(
            f"{iterations} iterations is more than this page runs; choose at most "
            f"{limits.MAX_REGRESSION_ITERATIONS}."
        )
    scaling = x_scaling(xs) if scale_x else None
    if scaling is not None:
        xs_step = (xs - scaling.centre) / scaling.spread
        w, b = scaling.to_scaled(slope0, intercept0)
    else:
        xs_step = xs
        w, b = float(slope0), float(intercept0)

    ws, bs, losses, grads = [w], [b], [], []
    n = xs.size
    stopped = False
    with np.errstate(over="ignore", invalid="ignore"):
        r = w * xs_step + b - ys
        losses.append(float(np.dot(r, r) / n))
        grads.append((2.0 * float(np.dot(r, xs_step)) / n, 2.0 * float(np.sum(r)) / n))
        limit = DIVERGENCE_FACTOR * (losses[0] + 1.0)
        for _ in range(iterations):
            w -= learning_rate * grads[-1][0]
            b -= learning_rate * grads[-1][1]
            r = w * xs_step + b - ys
            loss = float(np.dot(r, r) / n)
            if not (np.isfinite(loss) and np.isfinite(w) and np.isfinite(b)) or loss > limit:
                stopped = True
                break
            ws.append(w)
            bs.append(b)
            losses.append(loss)
            grads.append((2.0 * float(np.dot(r, xs_step)) / n, 2.0 * float(np.sum(r)) / n))

    w_path, b_path = np.array(ws), np.array(bs)
    if scaling is not None:
        slopes, intercepts = scaling.to_original(w_path, b_path)
    else:
        slopes, intercepts = w_path, b_path
    costs = np.array(losses)
    factors = 1.0 - learning_rate * _hessian_eigenvalues(xs, scale_x)
    best = mse(xs, ys, *least_squares_line(xs, ys)) if np.unique(xs).size >= 2 else None
    reached = best is not None and _first_converged(costs, best, rtol) is not None
    return DescentPath(
        points=np.column_stack([slopes, intercepts]),
        costs=costs,
        gradients=np.array(grads),
        learning_rate=float(learning_rate),
        steps_requested=iterations,
        outcome=quadratic_outcome(factors, reached=reached, stopped=stopped),
        names=("slope", "intercept"),
    )


def line_through_two_points(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    """The line through (x1, y1) and (x2, y2).

    slope = (y2 - y1) / (x2 - x1), intercept = y1 - slope * x1.
    """
    if x1 == x2:
        raise LearnerError("Two points with the same x do not fix a line (it would be vertical).")
    slope = (y2 - y1) / (x2 - x1)
    return float(slope), float(y1 - slope * x1)


def optimal_learning_rate(x: ArrayLike, *, scale_x: bool = False) -> float:
    """The learning rate 2 / (lambda_min + lambda_max) that shrinks the slowest direction
    fastest; its contraction per step is (kappa - 1) / (kappa + 1), kappa = lambda_max / lambda_min."""
    eigenvalues = _hessian_eigenvalues(x, scale_x)
    return float(2.0 / (np.min(eigenvalues) + np.max(eigenvalues)))


def converged_at(path: DescentPath, min_loss: float, rtol: float = CONVERGED_RTOL) -> int | None:
    """The first step at which the excess loss L_k - L_min has shrunk to `rtol` times its
    start L_0 - L_min (None if it never did within the computed steps)."""
    return _first_converged(path.costs, min_loss, rtol)


def _first_converged(costs: FloatArray, min_loss: float, rtol: float) -> int | None:
    start_excess = costs[0] - min_loss
    if start_excess <= 0:
        return 0
    hits = np.flatnonzero(costs - min_loss <= rtol * start_excess)
    return int(hits[0]) if hits.size else None


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
    xs, ys = _as_points(x, y)
    slope, intercept = least_squares_line(xs, ys)
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
    xs, ys = _as_points(x, y)
    r = ys - (slope * xs + intercept)
    side = np.abs(r) * x_units_per_y_unit
    if x_domain is None:
        x2 = xs + side
    else:
        low, high = float(x_domain[0]), float(x_domain[1])
        room_right, room_left = high - xs, xs - low
        right = (side <= room_right) | ((side > room_left) & (room_right >= room_left))
        x2 = np.where(right, xs + side, xs - side)
    return pd.DataFrame(
        {
            "x": xs,
            "x2": x2,
            "y": ys,
            "y2": ys - r,
            "squared": r * r,
        }
    )


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
