"""Walking downhill on the power-line cost, exactly: against a Fraction walk written out here,
the closed form x_k - mean = r^k (x_0 - mean), and the float walk's residue."""

from fractions import Fraction

import pytest

from core.house_walk import STOP_STEP, power_line_walk


def test_ten_steps_of_0_2_from_minus_2_end_exactly_at_0_not_at_float_residue():
    walk = power_line_walk([1, 2], "absolute", -2.0, 0.1, 30)
    assert walk.xs[10] == 0
    x = -2.0
    for _ in range(10):
        x -= 0.1 * -2
    assert x != 0  # the float walk: -2.7755575615628914e-16


def test_absolute_walk_lands_on_the_flat_bottom_with_steps_that_never_shrink_towards_it():
    walk = power_line_walk([1, 2], "absolute", -2.0, 0.1, 30)
    assert walk.stop == "landed" and walk.outcome == "converged"
    # 15 steps of 0.2 reach the corner x = 1, where sign(0) = 0 for that line: one step of 0.1
    assert walk.step_sizes == (Fraction(1, 5),) * 15 + (Fraction(1, 10),)
    assert walk.xs[15] == 1 and walk.xs[-1] == Fraction(11, 10)
    assert walk.slopes[-1] == 0
    assert walk.landing == "flat bottom" and walk.corner_steps == (15,)


def test_absolute_walk_with_an_odd_count_lands_on_the_corner_at_the_median():
    walk = power_line_walk([1, 2, 3], "absolute", -2.0, 0.1, 30)
    assert walk.stop == "landed" and walk.xs[-1] == 2 and walk.landing == "corner"


def test_absolute_walk_that_steps_over_the_corner_bounces_forever():
    walk = power_line_walk([1, 2, 3], "absolute", -2.0, 0.3, 30)
    assert walk.outcome == "oscillating"
    assert walk.never_shrank is False  # 0.9 while three lines are right, then 0.3
    assert set(walk.xs[-4:]) == {Fraction(19, 10), Fraction(11, 5)}


@pytest.mark.parametrize(("lr", "k"), [("0.1", 28), ("0.2", 10), ("0.01", None)])
def test_squared_walk_stops_by_the_stated_rule_and_follows_the_closed_form(lr, k):
    walk = power_line_walk([1, 2], "squared", -2.0, float(lr), 200 if k else 30)
    r = 1 - 4 * Fraction(lr)
    for i, x in enumerate(walk.xs):
        assert x == Fraction(3, 2) + r**i * Fraction(-7, 2)
    if k is None:
        assert walk.stop == "steps" and walk.outcome == "walking" and walk.crawling  # r = 0.96
        return
    assert walk.stop == "small step" and walk.steps_taken == k
    assert walk.next_step <= STOP_STEP < Fraction(lr) * abs(walk.slopes[-2])


@pytest.mark.parametrize(
    ("lines", "lr", "outcome"),
    [
        ([1, 2], 0.25, "converged"),  # r = 0: one step lands on the mean
        ([1, 2], 0.4, "zigzag"),  # r = -0.6
        ([1, 2], 0.5, "oscillating"),  # r = -1 exactly: bounces forever
        ([1, 2], 0.6, "diverged"),  # r = -1.4
        ([1, 2, 3], 0.4, "diverged"),
    ],
)
def test_squared_outcome_is_decided_by_the_exact_factor(lines, lr, outcome):
    walk = power_line_walk(lines, "squared", -2.0, lr, 8)
    assert walk.outcome == outcome
    assert walk.factor == 1 - 2 * len(lines) * Fraction(str(lr))


def test_a_runaway_walk_stops_far_out():
    walk = power_line_walk([1, 3], "squared", 0.0, 2.0, 200)
    assert walk.stop == "escaped" and walk.xs[1:3] == (16, -96)


def test_a_tiny_rate_crawls():
    walk = power_line_walk([1, 2], "squared", -2.0, 0.001, 30)
    assert walk.crawling and walk.factor == Fraction(996, 1000)
