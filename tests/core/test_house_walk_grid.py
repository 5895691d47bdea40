"""The walk downhill's cross grid (core.house_walk.house_walk_grid): every walk the touch unit
shows equals the walk worked out on its own (power_line_walk), and a walk of fewer steps read
off a longer one (shorter_walk) is the walk of that many steps, field for field."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from core.cost import power_line_cost
from core.house_walk import HouseWalk, house_walk_grid, power_line_walk, shorter_walk


def same_walk(a: HouseWalk, b: HouseWalk) -> None:
    assert a.answer == b.answer
    assert (a.start, a.learning_rate, a.factor) == (b.start, b.learning_rate, b.factor)
    assert a.xs == b.xs and a.slopes == b.slopes
    assert (a.stop, a.outcome) == (b.stop, b.outcome)
    assert a.window == b.window
    np.testing.assert_array_equal(a.curve_x, b.curve_x)
    np.testing.assert_array_equal(a.curve_cost, b.curve_cost)
    for field in ("points", "costs", "gradients"):
        np.testing.assert_array_equal(getattr(a.path, field), getattr(b.path, field))
    assert (a.path.learning_rate, a.path.steps_requested, a.path.outcome) == (
        b.path.learning_rate,
        b.path.steps_requested,
        b.path.outcome,
    )


SETTINGS = [
    ((1, 2), "squared", -2.0, 0.1),  # settles by the stopping rule after 28 steps
    ((1, 2), "squared", -2.0, 0.25),  # lands on the mean in one step
    ((1, 2), "squared", 1.5, 0.1),  # starts on the mean
    ((1, 2), "squared", -2.0, 0.5),  # r = −1: bounces for ever
    ((1, 2, 3), "squared", 5.0, 0.4),  # runs away, escapes
    ((1, 2), "squared", -2.0, 0.003),  # crawls, never stops in 60 steps
    ((1, 2), "absolute", -2.0, 0.1),  # lands on the flat bottom after 16 steps
    ((1, 2, 3), "absolute", -2.0, 0.25),  # crosses corners
    ((1, 2, 3), "absolute", 0.0, 0.75),  # bounces across the median
]


@pytest.mark.parametrize(("lines", "kind", "start", "lr"), SETTINGS)
def test_a_shorter_walk_is_the_walk_of_that_many_steps(lines, kind, start, lr):
    longest = power_line_walk(lines, kind, start, lr, 60)
    for steps in range(0, 61):
        same_walk(shorter_walk(longest, steps), power_line_walk(lines, kind, start, lr, steps))


def test_a_shorter_walk_cannot_be_longer():
    with pytest.raises(ValueError):
        shorter_walk(power_line_walk((1, 2), "squared", -2.0, 0.1, 5), 6)


@pytest.mark.parametrize(
    ("lines", "kind", "start", "lr", "steps"),
    [((1, 2), "squared", -2.0, 0.1, 30), ((1, 2, 3), "absolute", 5.0, 0.25, 7)],
)
def test_every_walk_of_the_cross_is_the_walk_worked_out_alone(lines, kind, start, lr, steps):
    starts, rates, counts = (-3.0, -0.5, 1.5, 4.0), (0.01, 0.1, 0.5, 2.0), (1, 2, 5, 30, 40)
    grid = house_walk_grid(
        lines, kind, start, lr, steps, starts=starts, rates=rates, step_counts=counts
    )
    assert (grid.starts, grid.rates, grid.step_counts) == (starts, rates, counts)
    for x0, walk in zip(starts, grid.by_start, strict=True):
        same_walk(walk, power_line_walk(lines, kind, x0, lr, steps))
    for rate, walk in zip(rates, grid.by_rate, strict=True):
        same_walk(walk, power_line_walk(lines, kind, start, rate, steps))
    for count, walk in zip(counts, grid.by_steps, strict=True):
        same_walk(walk, power_line_walk(lines, kind, start, lr, count))


def test_the_shared_curve_reaches_every_walks_window_and_takes_in_each_line():
    starts = tuple(k / 2 for k in range(-40, 41))
    grid = house_walk_grid(
        (1, 2.5), "absolute", -2.0, 0.1, 3, starts=starts, rates=(0.1,), step_counts=(3,)
    )
    assert grid.reach == (-22.0, 22.0)
    for walk in grid.by_start:
        assert grid.reach[0] <= walk.window[0] and walk.window[1] <= grid.reach[1]
    assert {1.0, 2.5} <= set(grid.curve_x.tolist())  # the corners are on the curve
    # the curve's costs, checked against the sums in exact arithmetic at a few points
    for i in (0, 100, 587, len(grid.curve_x) - 1):
        x = Fraction(float(grid.curve_x[i]))
        exact = abs(x - 1) + abs(x - Fraction(5, 2))
        assert grid.curve_cost[i] == pytest.approx(float(exact), rel=1e-12)
    np.testing.assert_array_equal(
        grid.curve_cost, power_line_cost(grid.curve_x, [1.0, 2.5], "absolute")
    )
