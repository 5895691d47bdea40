"""The sauna's touch grids: every walk of the cross (core.sauna.sauna_walk_grid) and every
spot of the range (sauna_spots) is the one worked out on its own (sauna_walk, sauna_spot)."""

from __future__ import annotations

import numpy as np
import pytest

from core.sauna import SaunaWalk, sauna_spot, sauna_spots, sauna_walk, sauna_walk_grid


def same_walk(a: SaunaWalk, b: SaunaWalk) -> None:
    assert (a.start, a.landed, a.creeping_on_shelf, a.shelf_trap) == (
        b.start,
        b.landed,
        b.creeping_on_shelf,
        b.shelf_trap,
    )
    assert (a.unstable, a.curvature, a.factor) == (b.unstable, b.curvature, b.factor)
    for field in ("points", "costs", "gradients"):
        np.testing.assert_array_equal(getattr(a.path, field), getattr(b.path, field))
    assert (a.path.outcome, a.path.learning_rate) == (b.path.outcome, b.path.learning_rate)


@pytest.mark.parametrize(("start", "lr"), [(3.0, 0.01), (7.0, 0.1), (0.5, 0.001)])
def test_every_walk_of_the_cross_is_the_walk_worked_out_alone(start, lr):
    starts, rates = (0.0, 0.5, 1.5, 3.0, 6.0, 7.0, 8.8, 9.0), (0.001, 0.02, 0.1, 0.3)
    grid = sauna_walk_grid(start, lr, starts=starts, rates=rates)
    assert (grid.starts, grid.rates) == (starts, rates)
    for x0, walk in zip(starts, grid.by_start, strict=True):
        same_walk(walk, sauna_walk(x0, lr))
    for rate, walk in zip(rates, grid.by_rate, strict=True):
        same_walk(walk, sauna_walk(start, rate))


def test_the_spots_of_a_range_are_each_spot_worked_out_alone():
    places = tuple(k / 20 for k in range(181))
    assert sauna_spots(places) == tuple(sauna_spot(x) for x in places)
