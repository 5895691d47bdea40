"""Gradient descent: the closed form x_k = m + (1 - 2 n lr)^k (x_0 - m) and the verdicts."""

from functools import partial

import numpy as np
import pytest

from core.cost import power_line_cost, power_line_slope
from core.errors import LearnerError
from core.gradient_descent import MAX_STEPS, gradient_descent
from core.sauna import ROOM, temperature, temperature_slope


def descend(lines, start, lr, steps, kind="squared"):
    return gradient_descent(
        partial(power_line_cost, lines=lines, kind=kind),
        partial(power_line_slope, lines=lines, kind=kind),
        start,
        lr,
        steps,
    )


def test_one_step_from_0_on_lines_1_and_2_with_rate_0_1_lands_at_0_6():
    path = descend([1, 2], 0.0, 0.1, 1)
    np.testing.assert_allclose(path.xs, [0.0, 0.6])
    np.testing.assert_allclose(path.costs, [5.0, 0.16 + 1.96])
    np.testing.assert_allclose(path.slopes, [-6.0, 2 * (0.6 - 1 + 0.6 - 2)])


@pytest.mark.parametrize("lr", [0.01, 0.1, 0.2, 0.3])
def test_iterates_follow_the_closed_form_geometric_approach_to_the_mean(lr):
    lines, start = [1, 2, 3], -4.0
    path = descend(lines, start, lr, 12)
    r = 1 - 2 * len(lines) * lr
    k = np.arange(len(path.xs))
    np.testing.assert_allclose(path.xs, 2 + r**k * (start - 2), rtol=1e-12, atol=1e-9)


def test_a_good_rate_settles_at_the_mean():
    path = descend([1, 2, 3], 10.0, 0.1, 200)
    assert path.outcome == "converged"
    assert path.final_x == pytest.approx(2.0, abs=1e-5)
    assert path.steps_taken < 200


def test_rate_half_of_one_over_n_lands_on_the_mean_in_one_step():
    path = descend([1, 2], 7.0, 0.25, 10)
    assert path.xs[1] == 1.5 and path.outcome == "converged"


def test_a_tiny_rate_is_still_walking_after_20_steps():
    path = descend([1, 2, 3], 10.0, 0.001, 20)
    assert path.outcome == "walking"
    assert 2.0 < path.final_x < 10.0
    assert np.all(np.diff(path.xs) < 0)


def test_rate_between_half_and_one_over_n_zigzags_in_shrinking_jumps():
    path = descend([1, 2, 3], 0.0, 0.3, 8)
    assert path.outcome == "zigzag"
    assert abs(path.final_x - 2) < abs(path.xs[0] - 2)


def test_rate_exactly_one_over_n_bounces_forever_between_two_points():
    path = descend([1, 2], 0.0, 0.5, 20)
    assert path.outcome == "oscillating"
    np.testing.assert_allclose(path.xs[::2], 0.0)
    np.testing.assert_allclose(path.xs[1::2], 3.0)


def test_rate_above_one_over_n_diverges():
    path = descend([1, 2, 3], 0.0, 0.4, 30)
    assert path.outcome == "diverged"
    assert abs(path.final_x - 2) > 100


def test_quiz_rate_2_on_lines_1_and_3_runs_away_and_stops_early():
    path = descend([1, 3], 0.0, 2.0, MAX_STEPS)
    assert path.outcome == "diverged"
    assert path.xs[1] == 16.0  # 0 - 2 * 2 * (0 - 1 + 0 - 3)
    assert path.steps_taken < MAX_STEPS
    assert np.all(np.isfinite(path.xs))


def test_absolute_cost_with_fixed_rate_bounces_around_the_median():
    path = descend([1, 2, 3], 0.05, 0.1, 60, kind="absolute")
    assert path.outcome == "oscillating"
    assert abs(path.final_x - 2.0) <= 0.1 + 1e-9


@pytest.mark.parametrize(("start", "bottom"), [(3.0, 4.0), (5.0, 4.0), (6.5, 8.0), (8.8, 8.0)])
def test_sauna_descent_ends_in_the_cold_spot_of_its_own_valley(start, bottom):
    path = gradient_descent(temperature, temperature_slope, start, 0.01, MAX_STEPS, domain=ROOM)
    assert path.outcome == "converged"
    assert path.final_x == pytest.approx(bottom, abs=1e-4)


def test_sauna_descent_started_on_the_flat_shelf_stays_there():
    path = gradient_descent(temperature, temperature_slope, 1.5, 0.01, 100, domain=ROOM)
    assert path.steps_taken == 0 and path.outcome == "converged"


def test_sauna_descent_with_a_large_rate_can_jump_into_the_other_valley():
    path = gradient_descent(temperature, temperature_slope, 8.8, 0.05, MAX_STEPS, domain=ROOM)
    assert path.final_x == pytest.approx(4.0, abs=1e-5)


def test_sauna_descent_that_steps_out_of_the_room_says_so():
    path = gradient_descent(temperature, temperature_slope, 8.6, 1.0, 100, domain=ROOM)
    assert path.outcome == "left"
    assert not ROOM[0] <= path.final_x <= ROOM[1]


@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf")])
def test_a_rate_that_is_not_positive_is_refused(lr):
    with pytest.raises(LearnerError, match="learning rate"):
        descend([1, 2], 0.0, lr, 10)


@pytest.mark.parametrize("steps", [-1, MAX_STEPS + 1, 5000])
def test_steps_outside_0_to_max_are_refused(steps):
    with pytest.raises(LearnerError, match="steps"):
        descend([1, 2], 0.0, 0.1, steps)


def test_path_is_a_frozen_record():
    path = descend([1, 2], 0.0, 0.1, 3)
    with pytest.raises(AttributeError):
        path.outcome = "converged"  # type: ignore[misc]
    assert path.outcome == "walking" and "not reached the bottom" in path.words


def test_jumps_that_grow_and_shrink_in_turn_are_not_called_shrinking():
    # Review C8: the sauna walk from 7 at rate 0.1 was called "zigzag" (the jumps shrink) from
    # the first and last of its last six jumps, while those jumps grow and shrink in turn.
    path = gradient_descent(temperature, temperature_slope, 7.0, 0.1, MAX_STEPS, domain=ROOM)
    sizes = np.abs(np.diff(path.xs))[-6:]
    assert not np.all(sizes[1:] < sizes[:-1])  # the oracle: the jumps do not all shrink
    assert path.outcome != "zigzag"


def test_zigzag_means_every_jump_is_smaller_than_the_one_before():
    path = descend([1, 2, 3], 0.0, 0.3, 8)  # factor 1 - 6 * 0.3 = -0.8: each jump 0.8 times
    sizes = np.abs(np.diff(path.xs))
    assert path.outcome == "zigzag" and np.all(sizes[1:] < sizes[:-1])
