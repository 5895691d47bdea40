"""core.descent_grid: section 4's cross of descents through the held rate and iterations,
each at the replayed step, against runs computed on their own (core.regression.line_descent)
and the replay's rule written out."""

import functools
from fractions import Fraction

import numpy as np
import pytest

from core.datasets import notes_table
from core.descent_grid import descent_grid, followed_replay, replay_grid, replay_positions
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


# --- the replay's positions and rows (replay_positions, replay_grid) ---------------------------
# The oracle is a plain numpy loop of gradient steps from (0, 0) on the notes' table as
# written: slope -= lr · 2 mean(r x), intercept -= lr · 2 mean(r), r = prediction - y, stopped
# (as a runaway run is) once the MSE passes 10⁸ times its start plus 1.


def numpy_steps(rate: float, steps: int) -> list[tuple[float, float, float]]:
    """(slope, intercept, MSE) after 0, 1, ... steps, up to `steps` or the step before the
    MSE passes 10⁸ × (its start + 1)."""
    x = np.arange(1.0, 11.0)
    y = np.array([100.0 * k for k in range(1, 10)] + [10_000.0])
    w = b = 0.0
    mse = float(np.mean((w * x + b - y) ** 2))
    limit = 1e8 * (mse + 1)
    kept = [(w, b, mse)]
    for _ in range(steps):
        r = w * x + b - y
        w, b = w - rate * 2 * np.mean(r * x), b - rate * 2 * np.mean(r)
        mse = float(np.mean((w * x + b - y) ** 2))
        if not mse <= limit:
            break
        kept.append((w, b, mse))
    return kept


def test_the_replay_has_every_step_up_to_200_then_every_10th_then_every_100th_and_the_end():
    assert replay_positions(0) == (0,)
    assert replay_positions(10) == tuple(range(11))
    assert replay_positions(200) == tuple(range(201))
    assert replay_positions(250) == (*range(201), 210, 220, 230, 240, 250)
    assert replay_positions(1000) == (*range(201), *range(210, 1001, 10))
    assert replay_positions(1050) == (*range(201), *range(210, 1001, 10), 1050)
    full = replay_positions(3000)
    assert full == (*range(201), *range(210, 1001, 10), *range(1100, 3001, 100))
    assert len(full) == 301
    with pytest.raises(ValueError):
        replay_positions(-1)


@pytest.mark.parametrize("steps", [*range(0, 3001, 10)])
def test_a_shorter_run_has_the_longer_runs_positions_up_to_its_end_and_its_end(steps):
    # so a replay that stays where it was when the iterations change is still a position
    # (followed_replay keeps it only if it is not the end and not beyond the new end)
    kept = replay_positions(steps)
    longer = replay_positions(3000)
    assert kept[-1] == steps and kept[0] == 0
    assert list(kept) == sorted(set(kept))
    assert [k for k in longer if k <= steps] == [k for k in kept if k < steps] + (
        [steps] if steps in longer else []
    )


@pytest.mark.parametrize("rate", [1e-4, 0.01, 0.02, 0.025])
def test_each_replay_row_is_the_line_after_that_step(rate):
    data = fit_data(notes_table("as-written"), notes=True)
    run = line_descent(data, rate, 3000)
    positions = replay_positions(3000)
    rows = replay_grid(run, positions)
    oracle = numpy_steps(rate, 3000)
    assert len(oracle) == 3001  # none of these runs away
    assert [r.asked for r in rows] == list(positions)
    for k, replayed in zip(positions, rows, strict=True):
        assert replayed.shown.step == k and not replayed.cut_short
        got = (replayed.shown.slope, replayed.shown.intercept, replayed.shown.mse)
        assert got == pytest.approx(oracle[k], rel=1e-9, abs=1e-9)


def test_a_replay_past_a_stopped_runs_last_step_shows_that_step_and_says_so():
    data = fit_data(notes_table("as-written"), notes=True)
    run = line_descent(data, 0.03, 400)
    oracle = numpy_steps(0.03, 400)
    last = len(oracle) - 1
    assert last == 31  # the MSE passes the limit at step 32
    rows = replay_grid(run, replay_positions(400))
    for replayed in rows:
        shown = min(replayed.asked, last)
        assert replayed.shown.step == shown
        assert replayed.cut_short == (replayed.asked > last)
        got = (replayed.shown.slope, replayed.shown.intercept, replayed.shown.mse)
        assert got == pytest.approx(oracle[shown], rel=1e-9)


@pytest.mark.parametrize("rate", [0.01, 0.5, 1.0])
def test_scaled_replay_rows_are_the_exact_share_of_the_least_squares_line(rate):
    # on scaled x, k steps from (0, 0) leave the line at (1 - (1 - 2 lr)^k) of (w*, b*):
    # exactly while core keeps fractions, to float precision past their digit budget
    data = fit_data(notes_table("as-written"), notes=True)
    run = line_descent(data, rate, 300, scaled=True)
    slope, intercept = Fraction(6500, 11), Fraction(-1800)  # the notes' least-squares line
    for replayed in replay_grid(run, replay_positions(300)):
        k = replayed.asked
        share = 1 - (1 - 2 * Fraction(str(rate))) ** k
        got = (replayed.shown.slope, replayed.shown.intercept)
        if isinstance(got[0], Fraction):
            assert got == (share * slope, share * intercept)
        else:
            assert got == pytest.approx((float(share * slope), float(share * intercept)), rel=1e-9)
