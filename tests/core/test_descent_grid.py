"""core.descent_grid: section 4's cross of descents through the held rate and iterations,
each at the replayed step, against runs computed on their own (core.regression.line_descent)
and the replay's rule written out."""

import functools

import pytest

from core.datasets import notes_table
from core.descent_grid import descent_grid, followed_replay
from core.line_fit import fit_data
from core.regression import line_descent

RATES = (1e-4, 0.01, 0.03, 0.5)
ITERATIONS = (0, 10, 400, 1000, 3000)


@pytest.mark.parametrize(
    ("replay", "iterations", "new", "expected"),
    [
        (1000, 1000, 900, 900),  # at the end: it follows the end down
        (1000, 1000, 3000, 3000),  # ... and up
        (400, 1000, 600, 400),  # elsewhere it stays
        (400, 1000, 3000, 400),
        (400, 1000, 200, 200),  # beyond the new end: pulled to it
        (0, 1000, 0, 0),
        (0, 0, 10, 10),  # 0 of 0 steps is the end
    ],
)
def test_the_replay_follows_the_end_stays_or_is_pulled_inside(replay, iterations, new, expected):
    assert followed_replay(replay, iterations, new) == expected


def grid(scaled: bool, rate: float, steps: int, replay: int):
    data = fit_data(notes_table("as-written"), notes=True)

    @functools.cache
    def longest(r: float):
        return line_descent(data, r, max(ITERATIONS), scaled=scaled)

    return data, descent_grid(data, longest, RATES, ITERATIONS, rate, steps, replay)


@pytest.mark.parametrize("scaled", [False, True])
@pytest.mark.parametrize(("steps", "replay"), [(1000, 1000), (1000, 400), (10, 3), (0, 0)])
def test_each_rate_shows_its_own_run_at_the_held_replay(scaled, steps, replay):
    data, g = grid(scaled, 0.01, steps, replay)
    for rate, replayed in zip(RATES, g.by_rate, strict=True):
        alone = line_descent(data, rate, steps, scaled=scaled)
        assert replayed.asked == replay
        assert replayed.shown == alone.at(replay)
        assert replayed.cut_short == (alone.path.steps_taken < replay)


@pytest.mark.parametrize("scaled", [False, True])
@pytest.mark.parametrize(("steps", "replay"), [(1000, 1000), (1000, 400), (400, 0)])
def test_each_number_of_iterations_shows_its_run_where_the_replay_goes(scaled, steps, replay):
    data, g = grid(scaled, 0.01, steps, replay)
    for n, replayed in zip(ITERATIONS, g.by_iterations, strict=True):
        alone = line_descent(data, 0.01, n, scaled=scaled)
        asked = followed_replay(replay, steps, n)
        assert replayed.asked == asked
        assert replayed.shown == alone.at(asked)


def test_the_held_run_is_the_run_of_the_held_iterations_with_its_verdict():
    data, g = grid(False, 0.03, 400, 400)
    alone = line_descent(data, 0.03, 400)
    assert g.held.outcome == alone.outcome == "diverged"
    assert g.held.path.steps_taken == alone.path.steps_taken == 31
    assert g.held.stopped_early and g.shown.cut_short
    assert g.shown.shown == alone.at(400)
    assert g.shown.shown.step == 31


def test_a_position_outside_the_inputs_is_refused():
    with pytest.raises(ValueError):
        grid(False, 0.02, 1000, 1000)
    with pytest.raises(ValueError):
        grid(False, 0.01, 1000, 1001)
