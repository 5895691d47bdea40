"""Gradient descent, in one variable or in several: walk downhill, p_{k+1} = p_k - lr * grad C(p_k).

Both descents of the app (the house on the street, x; the regression line, (slope, intercept))
return the same `DescentPath`, with the same vocabulary for what the walk did: settled, still
walking, zig-zagging, bouncing, running away, or out of the picture. Every verdict is decided
here, either exactly or with a tolerance stated beside it, never on the last bits of a float.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from core import limits
from core.errors import LearnerError

MAX_STEPS = limits.MAX_DESCENT_STEPS
# An iterate this far from the start has run away; the walk stops there.
ESCAPE_DISTANCE = 1e6
# Step-size ratios are floats; a ratio within this of 1 counts as "the same size" (a ratio of
# 1 + 1e-12 is rounding, not growth).
SIZE_TOLERANCE = 1e-9

Outcome = Literal["converged", "walking", "zigzag", "oscillating", "diverged", "left"]

OUTCOME_WORDS: dict[str, str] = {
    "converged": "settled: the slope is (almost) zero, so the steps have become tiny.",
    "walking": "still walking downhill: it has not reached the bottom in these steps; more "
    "steps or a larger learning rate would get it there.",
    "zigzag": "overshooting: each step jumps past the bottom, but the jumps shrink.",
    "oscillating": "bouncing back and forth across the bottom without settling.",
    "diverged": "running away: each step overshoots by more than the last, so the cost grows.",
    "left": "out of the picture: a step carried it past the edge.",
}


@dataclass(frozen=True)
class DescentPath:
    """Where gradient descent went: row k of `points` is the position after k steps.

    `points` has shape (k + 1, d), one column per coordinate named in `names` (("x",) for the
    house, ("slope", "intercept") for a line); `costs` has length k + 1 and `gradients` shape
    (k + 1, d). `steps_requested` is how many steps were asked for; a walk that ran away or
    left the picture stops early, so `steps_taken` can be smaller. `outcome` says what the
    walk did, decided in core (see OUTCOME_WORDS); `stopped_cost` is the cost of the step that
    stopped a runaway run.
    """

    points: np.ndarray
    costs: np.ndarray
    gradients: np.ndarray
    learning_rate: float
    steps_requested: int
    outcome: Outcome
    names: tuple[str, ...] = ("x",)
    # A run stopped because its cost ran away: the cost at the step that stopped it (that step
    # is not in `points`; inf if it was too large for a float). None if not stopped so.
    stopped_cost: float | None = None

    @property
    def steps_taken(self) -> int:
        return len(self.costs) - 1

    def coordinate(self, name: str) -> np.ndarray:
        """The path of one coordinate, e.g. path.coordinate("slope")."""
        return self.points[:, self.names.index(name)]

    @property
    def xs(self) -> np.ndarray:
        """x_0..x_k of a one-variable walk."""
        return self.coordinate("x")

    @property
    def slopes(self) -> np.ndarray:
        """C'(x_0)..C'(x_k) of a one-variable walk."""
        return self.gradients[:, self.names.index("x")]

    @property
    def final_x(self) -> float:
        return float(self.xs[-1])

    @property
    def words(self) -> str:
        return OUTCOME_WORDS[self.outcome]


def check_descent_settings(learning_rate: float, steps: int, max_steps: int = MAX_STEPS) -> None:
    """A learning rate must be a positive number; the number of steps 0..max_steps."""
    if not math.isfinite(learning_rate) or learning_rate <= 0:
        raise LearnerError(
            f"A learning rate of {learning_rate:g} does not walk downhill: each step is "
            "x - (learning rate) * slope, so the rate must be a positive number such as 0.1."
        )
    if steps < 0 or steps > max_steps:
        raise LearnerError(
            f"{steps} steps is more than this page walks; choose from 0 to {max_steps} steps."
        )


def gradient_descent(
    cost: Callable[[float], float],
    slope: Callable[[float], float],
    start: float,
    learning_rate: float,
    steps: int,
    *,
    domain: tuple[float, float] | None = None,
    tolerance: float = 1e-6,
) -> DescentPath:
    """Take up to `steps` steps x <- x - learning_rate * slope(x) from `start`.

    The walk stops early once the step is below `tolerance` (settled), once an iterate leaves
    `domain` (if given), or once it is ESCAPE_DISTANCE from the start (diverged).
    """
    check_descent_settings(learning_rate, steps)
    if not math.isfinite(start):
        raise LearnerError("The starting point must be a finite number.")
    xs, costs, slopes = [float(start)], [float(cost(start))], [float(slope(start))]
    left = False
    for _ in range(steps):
        step = learning_rate * slopes[-1]
        if abs(step) <= tolerance:
            break
        x = xs[-1] - step
        if not math.isfinite(x) or abs(x - start) > ESCAPE_DISTANCE:
            break
        xs.append(x)
        costs.append(float(cost(x)))
        slopes.append(float(slope(x)))
        if domain is not None and not domain[0] <= x <= domain[1]:
            left = True
            break
    path_x = np.array(xs)
    outcome = "left" if left else _judge(path_x, np.array(slopes), learning_rate, steps, tolerance)
    return DescentPath(
        points=path_x.reshape(-1, 1),
        costs=np.array(costs),
        gradients=np.array(slopes).reshape(-1, 1),
        learning_rate=float(learning_rate),
        steps_requested=int(steps),
        outcome=outcome,
    )


def _judge(
    xs: np.ndarray, slopes: np.ndarray, learning_rate: float, steps: int, tolerance: float
) -> Outcome:
    """Name what a one-variable walk did from the sizes and directions of its last (up to six)
    steps. This reads a pattern; where the cost is known, its caller decides soundly from the
    step factor 1 - lr * C''(x*) at the minimum (see `core.house_walk`, `core.sauna`)."""
    if abs(learning_rate * slopes[-1]) <= tolerance:
        return "converged"
    moves = np.diff(xs)
    if len(moves) < steps:  # stopped early without settling: it ran away
        return "diverged"
    if len(moves) < 2:
        return "walking"
    recent = moves[-min(len(moves), 6) :]
    sizes = np.abs(recent)
    flips = np.all(np.sign(recent[1:]) == -np.sign(recent[:-1]))
    growth = sizes[-1] / sizes[0] if sizes[0] > 0 else math.inf
    if growth > 1 + SIZE_TOLERANCE and np.all(sizes[1:] >= sizes[:-1]):
        return "diverged"
    # "The jumps shrink" only when every jump is smaller than the one before, by more than
    # SIZE_TOLERANCE: a walk whose jumps grow and shrink in turn is not settling, it bounces.
    shrinking = np.all(sizes[1:] <= sizes[:-1] * (1 - SIZE_TOLERANCE))
    if flips:
        return "zigzag" if shrinking else "oscillating"
    if np.any(np.sign(recent[1:]) == -np.sign(recent[:-1])):
        return "oscillating"
    return "walking"


def quadratic_outcome(step_factors: np.ndarray, *, reached: bool, stopped: bool) -> Outcome:
    """What descent on a quadratic cost does, decided from its step factors r_i = 1 - lr * lambda_i.

    On a quadratic cost with Hessian eigenvalues lambda_i, each step multiplies the distance to
    the minimum along eigenvector i by r_i. So the walk runs away if some |r_i| > 1, bounces
    forever if some r_i = -1 (and none is larger), and otherwise shrinks towards the minimum:
    `reached` says whether it got there (by the caller's stated criterion) in the steps taken.
    The factors are floats: |r_i| within SIZE_TOLERANCE of 1 counts as exactly 1.
    `stopped` says the run was stopped because its cost ran away.
    """
    factors = np.asarray(step_factors, dtype=float)
    if stopped or np.any(np.abs(factors) > 1 + SIZE_TOLERANCE):
        return "diverged"
    if np.any(np.abs(factors + 1) <= SIZE_TOLERANCE):
        return "oscillating"
    if reached:
        return "converged"
    return "walking"
