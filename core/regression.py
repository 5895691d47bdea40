"""Gradient descent on a line's mean squared error, and why its steps settle, crawl or run away.

MSE(w, b) is a paraboloid with Hessian H = (2/n) [[sum x^2, sum x], [sum x, n]]. One step
(w, b) <- (w, b) - lr * grad MSE multiplies the distance to the least-squares line along each
eigenvector of H by 1 - lr * lambda. So the steps run away when some |1 - lr * lambda| > 1,
bounce forever when it equals 1, and otherwise settle, at a speed set by the worst factor.
"Settled" (converged) has one meaning on the page: the loss above its minimum,
MSE_k - MSE_min, has fallen to a millionth (CONVERGED_RTOL) of its start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from core import limits
from core.errors import LearnerError
from core.gradient_descent import DescentPath, Outcome, quadratic_outcome
from core.least_squares import LeastSquares, exact_decimal
from core.line_fit import FitData, least_squares_line, mse
from core.loss_landscape import as_points

FloatArray = NDArray[np.float64]

# Gradient descent is stopped as diverged once the loss exceeds this many times its start
# (or its start, if the start is a perfect fit, plus one): long before float overflow.
DIVERGENCE_FACTOR = 1e8
# "Converged" means the loss above its minimum has shrunk a million-fold: L_k - L_min <=
# CONVERGED_RTOL * (L_0 - L_min). The step counts (steps_to_converge) use the same criterion.
CONVERGED_RTOL = 1e-6
# Exact steps on scaled x are kept while r^k has at most this many digits (see LineDescent.at).
EXACT_DIGITS = 400


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
    xs, ys = as_points(x, y)
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
    stopped_cost: float | None = None
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
                stopped_cost = loss if np.isfinite(loss) else math.inf
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
        stopped_cost=stopped_cost,
    )


def descent_prefix(
    path: DescentPath,
    x: ArrayLike,
    y: ArrayLike,
    iterations: int,
    *,
    scale_x: bool = False,
    rtol: float = CONVERGED_RTOL,
) -> DescentPath:
    """What `gradient_descent_line(x, y, path.learning_rate, iterations, scale_x=scale_x)`
    returns, read off `path`, a run of the same data, rate, start and scaling with at least
    `iterations` steps requested: each step depends only on the one before, so the shorter run
    is the longer one's first rows (the same floats), stopped if the longer one stopped within
    them, with its outcome decided again from those rows."""
    iterations = int(iterations)
    if not 0 <= iterations <= path.steps_requested:
        raise ValueError(f"{iterations} steps are not within the {path.steps_requested} run")
    xs, ys = as_points(x, y)
    stopped = path.steps_taken < iterations
    kept = min(iterations, path.steps_taken) + 1
    costs = path.costs[:kept].copy()
    factors = 1.0 - path.learning_rate * _hessian_eigenvalues(xs, scale_x)
    best = mse(xs, ys, *least_squares_line(xs, ys)) if np.unique(xs).size >= 2 else None
    reached = best is not None and _first_converged(costs, best, rtol) is not None
    return DescentPath(
        points=path.points[:kept].copy(),
        costs=costs,
        gradients=path.gradients[:kept].copy(),
        learning_rate=path.learning_rate,
        steps_requested=iterations,
        outcome=quadratic_outcome(factors, reached=reached, stopped=stopped),
        names=path.names,
        stopped_cost=path.stopped_cost if stopped else None,
    )


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


@dataclass(frozen=True)
class DescentStep:
    """The line after `step` steps of a descent, and its MSE: exact fractions on scaled x
    (see `LineDescent.at`), floats otherwise."""

    step: int
    slope: Fraction | float
    intercept: Fraction | float
    mse: Fraction | float


@dataclass(frozen=True)
class ScalingStory:
    """Why plain x makes the steps crawl and what feature scaling changes, in numbers.

    `plain_best_rate` = 2 / (lambda_min + lambda_max) = n / (sum x^2 + n), exact; the step
    counts are `steps_to_converge` at each best rate (scaled: rate 1/2 lands in one step).
    """

    largest_x: float
    plain_limit: float
    plain_best_rate: Fraction
    plain_steps: float
    scaled_best_rate: Fraction
    scaled_steps: float


@dataclass(frozen=True)
class LineDescent:
    """Everything the gradient-descent section shows.

    `outcome` is the path's verdict (core.gradient_descent); `converged_step` the first step
    whose excess loss is at most CONVERGED_RTOL of the start's (None: not within the steps);
    `steps_bound` at most how many steps that takes at this rate (inf: never);
    `rate_limit` = 2 / lambda_max, above which the steps run away (exactly 1 on scaled x);
    `stop_mse` the MSE past which a run is stopped as running away, DIVERGENCE_FACTOR times
    (the starting MSE + 1); `rose_every_step` whether each computed step's MSE was above the
    one before (a run above the limit can fall at first and grow only later).
    """

    path: DescentPath
    scaled: bool
    best: LeastSquares
    outcome: Outcome
    converged_step: int | None
    steps_bound: float
    rate_limit: float
    contraction: float
    stopped_early: bool
    stop_mse: float
    rose_every_step: bool
    scaling: ScalingStory

    @property
    def best_mse(self) -> float:
        return float(self.best.smallest_mse)

    def at(self, step: int) -> DescentStep:
        """The line after `step` steps (the last computed one if the run stopped before).

        On scaled x the Hessian is exactly 2I, so from the start (0, 0) every step multiplies
        the distance to the least-squares line (w*, b*) by r = 1 - 2 lr, in the scaled and so
        in the original coordinates: after k steps the line is exactly (1 - r^k) (w*, b*).
        There the values are exact fractions (at rate 1 the steps return to (0, 0) exactly,
        where floats left 4.75e-13); without scaling they are the computed floats.
        """
        shown = max(0, min(int(step), self.path.steps_taken))
        r = 1 - 2 * exact_decimal(self.path.learning_rate)
        # r^k has k times the digits of r: past EXACT_DIGITS (rate 1e-6 and 3000 steps make
        # 17,000) the floats are used; they carry no residue there, the values being far from 0.
        digits = 0 if abs(r) in (0, 1) else len(str(max(abs(r.numerator), r.denominator)))
        if self.scaled and shown * digits <= EXACT_DIGITS:
            share = 1 - r**shown
            slope, intercept = share * self.best.slope, share * self.best.intercept
            return DescentStep(shown, slope, intercept, self.best.sums.mse(slope, intercept))
        slope, intercept = (float(v) for v in self.path.points[shown])
        return DescentStep(shown, slope, intercept, float(self.path.costs[shown]))


def scaling_story(x: ArrayLike) -> ScalingStory:
    """The step sizes and step counts with and without feature scaling (see ScalingStory)."""
    xs = np.asarray(x, dtype=float).ravel()
    n = xs.size
    sum_x2 = sum(Fraction(v) for v in (xs * xs).tolist())
    plain_best = Fraction(n) / (sum_x2 + n)
    return ScalingStory(
        largest_x=float(np.max(np.abs(xs))),
        plain_limit=stable_learning_rate_limit(xs),
        plain_best_rate=plain_best,
        plain_steps=steps_to_converge(contraction_per_step(xs, float(plain_best))),
        scaled_best_rate=Fraction(1, 2),
        scaled_steps=steps_to_converge(contraction_per_step(xs, 0.5, scale_x=True)),
    )


def line_descent(
    data: FitData, learning_rate: float, iterations: int, *, scaled: bool = False
) -> LineDescent:
    """Gradient descent from (0, 0) on the data's MSE with its verdict and step counts."""
    points = data.points
    path = gradient_descent_line(points.x, points.y, learning_rate, iterations, scale_x=scaled)
    contraction = contraction_per_step(points.x, learning_rate, scale_x=scaled)
    best = float(data.line.smallest_mse)
    return LineDescent(
        path=path,
        scaled=scaled,
        best=data.line,
        outcome=path.outcome,
        converged_step=converged_at(path, best),
        steps_bound=steps_to_converge(contraction),
        rate_limit=stable_learning_rate_limit(points.x, scale_x=scaled),
        contraction=contraction,
        stopped_early=path.steps_taken < path.steps_requested,
        stop_mse=DIVERGENCE_FACTOR * (float(path.costs[0]) + 1.0),
        rose_every_step=bool(path.steps_taken > 0 and np.all(np.diff(path.costs) > 0)),
        scaling=scaling_story(points.x),
    )


def shorter_descent(run: LineDescent, data: FitData, iterations: int) -> LineDescent:
    """`line_descent(data, rate, iterations, scaled=run.scaled)` read off `run`, the same
    descent with at least `iterations` steps (see `descent_prefix`): a page can compute the
    longest run once per rate and answer every number of iterations from it."""
    points = data.points
    path = descent_prefix(run.path, points.x, points.y, iterations, scale_x=run.scaled)
    return replace(
        run,
        path=path,
        outcome=path.outcome,
        converged_step=converged_at(path, float(data.line.smallest_mse)),
        stopped_early=path.steps_taken < path.steps_requested,
        rose_every_step=bool(path.steps_taken > 0 and np.all(np.diff(path.costs) > 0)),
    )
