"""Gradient descent in one variable: walk downhill, x_{k+1} = x_k - lr * f'(x_k).

The whole path is returned so that a page can draw it and list the iterates, together with
a verdict in words: settled, still walking, zig-zagging, bouncing, or running away.
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
    """Iterates x_0..x_k with their costs and slopes, and what the walk did."""

    xs: np.ndarray
    costs: np.ndarray
    slopes: np.ndarray
    learning_rate: float
    outcome: Outcome

    @property
    def steps_taken(self) -> int:
        return len(self.xs) - 1

    @property
    def final_x(self) -> float:
        return float(self.xs[-1])

    @property
    def words(self) -> str:
        return OUTCOME_WORDS[self.outcome]


def check_descent_settings(learning_rate: float, steps: int) -> None:
    """A learning rate must be a positive number; the number of steps 0..MAX_STEPS."""
    if not math.isfinite(learning_rate) or learning_rate <= 0:
        raise LearnerError(
            f"A learning rate of {learning_rate:g} does not walk downhill: each step is "
            "x - (learning rate) * slope, so the rate must be a positive number such as 0.1."
        )
    if steps < 0 or steps > MAX_STEPS:
        raise LearnerError(
            f"{steps} steps is more than this page walks; choose from 0 to {MAX_STEPS} steps."
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
        xs=path_x,
        costs=np.array(costs),
        slopes=np.array(slopes),
        learning_rate=float(learning_rate),
        outcome=outcome,
    )


def _judge(
    xs: np.ndarray, slopes: np.ndarray, learning_rate: float, steps: int, tolerance: float
) -> Outcome:
    """Name what the walk did from the sizes and directions of its last steps."""
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
    if growth > 1 + 1e-9 and np.all(sizes[1:] >= sizes[:-1]):
        return "diverged"
    if flips:
        return "oscillating" if growth > 1 - 1e-6 else "zigzag"
    if np.any(np.sign(recent[1:]) == -np.sign(recent[:-1])):
        return "oscillating"
    return "walking"
