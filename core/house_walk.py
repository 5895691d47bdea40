"""Walking downhill on the power-line cost, exactly: x_{k+1} = x_k - lr * C'(x_k).

The start, the learning rate and the lines are decimals, so every iterate is an exact
rational: the walk is computed with Fractions and every verdict is decided on them. (In
floats, ten steps of 0.2 from -2 end at -2.8e-16, not at 0.)

Squared cost: one step maps x - mean to r (x - mean) with r = 1 - 2 n lr, so the walk
shrinks towards the mean while |r| < 1, bounces forever at r = -1, runs away when |r| > 1.
Absolute cost: the slope #(a_i < x) - #(a_i > x) is a whole number, so every step is a whole
multiple of lr and never shrinks: the walk lands on the flat bottom (slope 0) or bounces.
At a corner the step uses sign(0) = 0 for the line there (a subgradient: C'(a) does not exist).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Literal

import numpy as np

from core.cost import power_line_cost, street_window, validate_lines
from core.gradient_descent import ESCAPE_DISTANCE, DescentPath, Outcome, check_descent_settings
from core.power_lines import PowerLineAnswer, check_kind, exact_input, power_line_answer

# The stopping rule: the walk ends once its next step would move x by at most this much.
STOP_STEP = Fraction(1, 10**6)
# A squared-cost walk whose factor r is above this removes under a tenth of the distance a step.
CRAWL = Fraction(9, 10)
GRID_POINTS = 301

Stop = Literal["small step", "landed", "steps", "escaped"]


@dataclass(frozen=True)
class HouseWalk:
    """A walk on the power-line cost and everything the page says about it.

    `xs` and `slopes` are exact (x_0..x_k and the slope used at each, a subgradient at a
    corner); `path` holds the same walk as floats, for drawing. `stop` says why it ended:
    "small step" (the next step would be at most STOP_STEP: the stopping rule), "landed" (the
    slope at the last iterate is exactly 0), "steps" (the steps ran out) or "escaped" (it went
    ESCAPE_DISTANCE from the start). `outcome` is the shared verdict (core.gradient_descent).
    `factor` is r = 1 - 2 n lr (squared cost only); `step_sizes` |x_{k+1} - x_k|.
    """

    answer: PowerLineAnswer
    start: Fraction
    learning_rate: Fraction
    xs: tuple[Fraction, ...]
    slopes: tuple[Fraction, ...]
    stop: Stop
    outcome: Outcome
    factor: Fraction | None
    path: DescentPath
    window: tuple[float, float]
    curve_x: np.ndarray
    curve_cost: np.ndarray

    @property
    def steps_taken(self) -> int:
        return len(self.xs) - 1

    @property
    def step_sizes(self) -> tuple[Fraction, ...]:
        return tuple(abs(b - a) for a, b in zip(self.xs, self.xs[1:], strict=False))

    @property
    def never_shrank(self) -> bool:
        """Every step had the same size (the absolute cost's walk until it stopped)."""
        return len(set(self.step_sizes)) <= 1

    @property
    def next_step(self) -> Fraction:
        """The size of the step the walk would take next, lr * |C'(x_k)|."""
        return self.learning_rate * abs(self.slopes[-1])

    @property
    def landing(self) -> Literal["mean", "flat bottom", "corner"] | None:
        """Where a walk that landed (slope exactly 0) stopped: on the mean (squared cost), on
        the flat bottom between the two middle lines, or on the corner at the median."""
        if self.stop != "landed":
            return None
        if self.factor is not None:
            return "mean"
        flat = self.answer.flat
        return "flat bottom" if flat and flat[0] < self.xs[-1] < flat[1] else "corner"

    @property
    def corner_steps(self) -> tuple[int, ...]:
        """The steps k < last whose x_k sits on a line: a corner, where C' does not exist and
        the walk's step used sign(0) = 0 for that line."""
        lines = set(self.answer.lines) if self.factor is None else set()
        return tuple(k for k, x in enumerate(self.xs[:-1]) if x in lines)

    @property
    def corners(self) -> tuple[int, ...]:
        """Every k (the last included) whose x_k sits on a line of the absolute cost: C'(x_k)
        does not exist there, and `slopes[k]` is only the step's direction, with sign(0) = 0."""
        lines = set(self.answer.lines) if self.factor is None else set()
        return tuple(k for k, x in enumerate(self.xs) if x in lines)

    @property
    def costs(self) -> tuple[Fraction, ...]:
        """C(x_0)..C(x_k), exact: sum (x - a_i)^2 or sum |x - a_i|."""
        squared = self.factor is not None
        return tuple(
            sum((x - a) ** 2 if squared else abs(x - a) for a in self.answer.lines) or Fraction(0)
            for x in self.xs
        )

    @property
    def crawling(self) -> bool:
        """Still walking with each step removing under a tenth of the distance (r > 9/10)."""
        return self.outcome == "walking" and self.factor is not None and self.factor > CRAWL

    @property
    def stable_rate(self) -> Fraction:
        """1/n: squared-cost walks settle for learning rates below it."""
        return Fraction(1, self.answer.n)


def _slope(answer: PowerLineAnswer, x: Fraction) -> Fraction:
    """The slope the walk uses: 2 sum (x - a_i) = 2 n (x - mean), or sum sign(x - a_i) with
    sign(0) = 0 at a corner."""
    if answer.kind == "squared":
        return 2 * answer.n * (x - answer.mean)
    return Fraction(sum((x > a) - (x < a) for a in answer.lines))


def _outcome(kind: str, stop: Stop, factor: Fraction | None, xs: list[Fraction]) -> Outcome:
    """The verdict, exactly: from r = 1 - 2 n lr for the squared cost, from the moves for the
    absolute cost (whose steps never shrink, so it settles only by landing)."""
    if stop in ("small step", "landed"):
        return "converged"
    if stop == "escaped":
        return "diverged"
    if factor is not None:
        if abs(factor) > 1:
            return "diverged"
        if factor == -1:
            return "oscillating"
        return "zigzag" if factor < 0 else "walking"
    moves = [b - a for a, b in zip(xs, xs[1:], strict=False)]
    if len(moves) >= 2 and (moves[-1] > 0) != (moves[-2] > 0):
        return "oscillating"
    return "walking"


def power_line_walk(
    lines: Sequence[float], kind: str, start: float, learning_rate: float, steps: int
) -> HouseWalk:
    """Up to `steps` steps of gradient descent on the lines' total cost, from `start`.

    The walk ends early when the slope is exactly 0 (landed), when the next step would be at
    most STOP_STEP (the stopping rule), or when it is ESCAPE_DISTANCE from the start.
    """
    checked = check_kind(kind)
    check_descent_settings(float(learning_rate), int(steps))
    answer = power_line_answer(lines, checked)
    a, x0, lr = answer.lines, exact_input(start), exact_input(learning_rate)
    factor = 1 - 2 * answer.n * lr if checked == "squared" else None
    xs, slopes = [x0], [_slope(answer, x0)]
    stop: Stop = "steps"
    for _ in range(int(steps)):
        if slopes[-1] == 0:
            stop = "landed"
            break
        if lr * abs(slopes[-1]) <= STOP_STEP:
            stop = "small step"
            break
        # The same step; for the squared cost written as mean + r (x - mean), which keeps
        # the exact arithmetic to three operations a step.
        if factor is None:
            x = xs[-1] - lr * slopes[-1]
        else:
            x = answer.mean + factor * (xs[-1] - answer.mean)
        if abs(x - x0) > ESCAPE_DISTANCE:
            stop = "escaped"
            break
        xs.append(x)
        slopes.append(_slope(answer, x))
    else:
        if slopes[-1] == 0:
            stop = "landed"
    outcome = _outcome(checked, stop, factor, xs)
    floats = [float(v) for v in a]
    window = street_window(validate_lines(lines), float(x0), float(answer.marked))
    curve_x = np.linspace(*window, GRID_POINTS)
    points = np.array([float(x) for x in xs])
    path = DescentPath(
        points=points.reshape(-1, 1),
        costs=np.asarray(power_line_cost(points, floats, checked), dtype=float),
        gradients=np.array([float(s) for s in slopes]).reshape(-1, 1),
        learning_rate=float(lr),
        steps_requested=int(steps),
        outcome=outcome,
    )
    return HouseWalk(
        answer=answer,
        start=x0,
        learning_rate=lr,
        xs=tuple(xs),
        slopes=tuple(slopes),
        stop=stop,
        outcome=outcome,
        factor=factor,
        path=path,
        window=window,
        curve_x=curve_x,
        curve_cost=np.asarray(power_line_cost(curve_x, floats, checked)),
    )


def shorter_walk(walk: HouseWalk, steps: int) -> HouseWalk:
    """The walk `power_line_walk` gives with `steps` steps, read off a walk of at least as many
    steps asked (each step depends only on the one before: the same exact iterates).

    A walk that stopped early (landed, small step, escaped) before `steps` is the same walk;
    otherwise its first `steps` steps, which end "landed" if the slope there is exactly 0,
    else because the steps ran out; the verdict is decided again on them."""
    asked = walk.path.steps_requested
    if not 0 <= steps <= asked:
        raise ValueError(f"a walk of {asked} steps holds no walk of {steps} steps")
    kept = walk.steps_taken
    if steps > kept:  # it stopped on its own before `steps`: the loop broke there as well
        stop, end = walk.stop, kept
    else:
        stop, end = ("landed" if walk.slopes[steps] == 0 else "steps"), steps
    xs = list(walk.xs[: end + 1])
    kind = "squared" if walk.factor is not None else "absolute"
    outcome = _outcome(kind, stop, walk.factor, xs)
    path = DescentPath(
        points=walk.path.points[: end + 1],
        costs=walk.path.costs[: end + 1],
        gradients=walk.path.gradients[: end + 1],
        learning_rate=walk.path.learning_rate,
        steps_requested=int(steps),
        outcome=outcome,
    )
    return replace(
        walk, xs=tuple(xs), slopes=walk.slopes[: end + 1], stop=stop, outcome=outcome, path=path
    )


@dataclass(frozen=True)
class HouseWalkGrid:
    """The walks a cross of three controls reaches from (start, learning rate, steps): every
    start with the rate and steps held, every rate with the start and steps held, every
    number of steps with the start and rate held (`by_start[i]` starts at `starts[i]`, ...).

    `curve_x`, `curve_cost`: the total cost on `reach`, a window holding every walk's window
    (each walk draws its own part of it)."""

    starts: tuple[float, ...]
    rates: tuple[float, ...]
    step_counts: tuple[int, ...]
    by_start: tuple[HouseWalk, ...]
    by_rate: tuple[HouseWalk, ...]
    by_steps: tuple[HouseWalk, ...]
    reach: tuple[float, float]
    curve_x: np.ndarray
    curve_cost: np.ndarray


REACH_SPACING = 0.04  # the shared curve's x samples are this far apart (and at every line)


def house_walk_grid(
    lines: Sequence[float],
    kind: str,
    start: float,
    learning_rate: float,
    steps: int,
    *,
    starts: Sequence[float],
    rates: Sequence[float],
    step_counts: Sequence[int],
) -> HouseWalkGrid:
    """`power_line_walk` at every start, rate and number of steps of the cross through
    (start, learning_rate, steps). The walks of fewer steps are read off the longest
    (`shorter_walk`): one exact walk instead of one per count."""
    longest = power_line_walk(lines, kind, start, learning_rate, max(step_counts))
    checked = check_kind(kind)
    floats = [float(v) for v in longest.answer.lines]
    windows = [
        street_window(validate_lines(lines), float(exact_input(x0)), float(longest.answer.marked))
        for x0 in (min(starts), max(starts), start)
    ]
    reach = (min(w[0] for w in windows), max(w[1] for w in windows))
    count = int(round((reach[1] - reach[0]) / REACH_SPACING))
    curve_x = np.union1d(np.linspace(*reach, count + 1), floats)
    return HouseWalkGrid(
        starts=tuple(starts),
        rates=tuple(rates),
        step_counts=tuple(step_counts),
        by_start=tuple(power_line_walk(lines, kind, x0, learning_rate, steps) for x0 in starts),
        by_rate=tuple(power_line_walk(lines, kind, start, lr, steps) for lr in rates),
        by_steps=tuple(shorter_walk(longest, k) for k in step_counts),
        reach=reach,
        curve_x=curve_x,
        curve_cost=np.asarray(power_line_cost(curve_x, floats, checked), dtype=float),
    )
