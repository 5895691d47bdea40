"""The power-line problem worked exactly: answers, corners and the outlier, against brute force
and the statistics module."""

import statistics
from fractions import Fraction

import numpy as np
import pytest

from core.errors import LearnerError
from core.power_lines import (
    exact_input,
    house_positions,
    house_window,
    outlier_effect,
    power_line_answer,
    power_line_house,
    power_line_houses,
    slope_at,
)

H = Fraction(1, 10**6)


def absolute(lines, x):
    return sum((abs(x - Fraction(str(a))) for a in lines), Fraction(0))  # as typed


def test_a_slider_float_is_read_as_the_decimal_it_shows():
    assert exact_input(0.1 + 0.2) == Fraction(3, 10)
    assert exact_input(-3.7) == Fraction(-37, 10)
    with pytest.raises(LearnerError):
        exact_input(float("nan"))


@pytest.mark.parametrize("lines", [[1, 2], [1, 2, 3], [0, 1, 1], [-3, 2.5, 7, 7.25], [5]])
def test_the_squared_answer_is_the_exact_mean(lines):
    answer = power_line_answer(lines, "squared")
    assert answer.marked == statistics.mean(Fraction(str(a)) for a in lines)
    assert answer.unique and answer.flat is None


@pytest.mark.parametrize(
    ("lines", "low", "high"),
    [([1, 2], 1, 2), ([1, 2, 3], 2, 2), ([1, 2, 2, 3], 2, 2), ([7], 7, 7), ([4, 1, 9, 2], 2, 4)],
)
def test_the_absolute_minimisers_are_every_x_between_the_middle_lines(lines, low, high):
    answer = power_line_answer(lines, "absolute")
    assert (answer.low, answer.high) == (low, high)
    grid = np.linspace(-5, 12, 1701)  # step 0.01
    costs = np.array([float(absolute(lines, Fraction(str(round(x, 2))))) for x in grid])
    best = grid[np.isclose(costs, costs.min(), rtol=0, atol=1e-12)]
    assert (round(best.min(), 2), round(best.max(), 2)) == (low, high)


def test_two_lines_absolute_slope_is_zero_only_inside_and_the_ends_are_corners():
    answer = power_line_answer([1, 2], "absolute")
    assert answer.flat == (1, 2)
    ends = {s.x: (s.value, s.left, s.right) for s in answer.ends}
    # one-sided slopes from exact difference quotients (the cost is straight between corners)
    for x in (Fraction(1), Fraction(2)):
        left = (absolute([1, 2], x) - absolute([1, 2], x - H)) / H
        right = (absolute([1, 2], x + H) - absolute([1, 2], x)) / H
        assert ends[x] == (None, left, right)
    assert slope_at(answer.lines, "absolute", Fraction(3, 2)).value == 0


def test_an_odd_count_has_its_minimum_on_a_corner_where_the_slope_changes_sign():
    answer = power_line_answer([1, 2, 3], "absolute")
    assert answer.flat is None
    (end,) = answer.ends
    assert (end.x, end.value, end.left, end.right) == (2, None, -1, 1)


def test_the_house_cost_and_slope_are_exact_at_minus_3_7():
    work = power_line_house([1, 2], "squared", -3.7)
    assert work.cost == Fraction(-47, 10) ** 2 + Fraction(-57, 10) ** 2  # 54.58
    assert work.slope.value == 2 * (Fraction(-47, 10) + Fraction(-57, 10))
    np.testing.assert_allclose(work.total_costs, (work.xs - 1) ** 2 + (work.xs - 2) ** 2)


def test_the_house_on_a_line_of_the_absolute_cost_has_no_slope():
    work = power_line_house([1, 2], "absolute", 1.0)
    assert not work.slope.exists
    assert (work.slope.left, work.slope.right) == (-2, 0)


# ---------------------------------------------------------------- the house at every position

LINE_SETS = [
    [1, 2],
    [1, 2, 3],
    [0, 1, 1],
    [-3.25, 2.5, 7, 7.25],
    [-20, -3.25, 0.5, 1, 2, 7.75, 10, 20],
    [-19.123456789, 19.987654321],
    [15],
]


def squared_oracle(lines, x: Fraction) -> tuple[Fraction, Fraction]:
    """C(x) = sum (x - a_i)^2 and C'(x) = 2 sum (x - a_i), in Fractions from the typed text."""
    a = [Fraction(str(v)) for v in lines]
    return sum((x - v) ** 2 for v in a), 2 * sum(x - v for v in a)


def one_sided(lines, x: Fraction) -> tuple[Fraction, Fraction]:
    """The absolute cost's slopes just left and right of x, as exact difference quotients (it
    is straight between corners, and no two corners are closer than H here)."""
    return (absolute(lines, x) - absolute(lines, x - H)) / H, (
        absolute(lines, x + H) - absolute(lines, x)
    ) / H


@pytest.mark.parametrize("lines", LINE_SETS)
def test_every_squared_house_position_has_the_exact_cost_and_slope_of_the_sums(lines):
    houses = power_line_houses(lines, "squared")
    assert [h.x for h in houses] == list(house_positions(lines))
    for house in houses:
        cost, slope = squared_oracle(lines, house.x)
        assert (house.cost, house.slope.value) == (cost, slope)
        assert (house.slope.left, house.slope.right) == (slope, slope)


@pytest.mark.parametrize("lines", LINE_SETS)
def test_every_absolute_house_position_has_the_exact_cost_and_a_slope_only_off_the_corners(lines):
    for house in power_line_houses(lines, "absolute"):
        left, right = one_sided(lines, house.x)
        assert house.cost == absolute(lines, house.x)
        assert (house.slope.left, house.slope.right) == (left, right)
        on_a_line = house.x in {Fraction(str(a)) for a in lines}
        assert house.slope.value == (None if on_a_line else left)


@pytest.mark.parametrize("kind", ["squared", "absolute"])
@pytest.mark.parametrize("lines", LINE_SETS)
def test_downhill_is_the_way_a_small_step_lowers_the_exact_cost(lines, kind):
    def cost(x: Fraction) -> Fraction:
        return squared_oracle(lines, x)[0] if kind == "squared" else absolute(lines, x)

    for house in power_line_houses(lines, kind):
        here = cost(house.x)
        lower = [way for way, t in (("left", -H), ("right", H)) if cost(house.x + t) < here]
        assert house.downhill == (lower[0] if lower else "neither")


@pytest.mark.parametrize(
    ("lines", "window", "count"),
    [
        ([1, 2], (-3, 5), 81),  # the notes' lines and 0, with 3 to spare: steps of 0.1
        ([1, 2, 3], (-3, 6), 91),
        ([10, 12], (-3, 15), 181),  # 0 stays on the picture: the house starts there
        ([-0.5], (-4, 3), 71),
        ([1, 2, 20], (-3, 20), 116),  # longer than 20: steps of 0.2, kept on the street
        ([-20, 20], (-20, 20), 201),
    ],
)
def test_the_house_moves_on_the_lines_and_0_with_room_in_at_most_201_steps(lines, window, count):
    assert house_window(lines) == window
    positions = house_positions(lines)
    assert (positions[0], positions[-1], len(positions)) == (*window, count)
    gaps = {b - a for a, b in zip(positions, positions[1:], strict=False)}
    assert gaps == {Fraction(1, 10) if window[1] - window[0] <= 20 else Fraction(1, 5)}
    assert 0 in positions


def test_every_house_shares_one_picture_whose_curve_has_its_corners_exactly():
    houses = power_line_houses([1.25, 2], "absolute")
    first = houses[0]
    assert all(h.xs is first.xs and h.total_costs is first.total_costs for h in houses)
    assert {1.25, 2.0} <= set(first.xs)
    costs = dict(zip(first.xs, first.total_costs, strict=True))
    assert costs[1.25] == 0.75 and costs[2.0] == 0.75
    np.testing.assert_allclose(first.line_costs, np.abs(first.xs - np.array([[1.25], [2.0]])))


@pytest.mark.parametrize(
    ("lines", "before", "after"),
    [
        ([1, 2], (1, 2), (1, 20)),
        ([1, 2, 3], (1, 2, 3), (1, 2, 20)),
        ([1, 2, 20], (1, 2, 3), (1, 2, 20)),  # the far line already at 20: bring it back
        ([20], (19,), (20,)),
    ],
)
def test_the_outlier_comparison_always_has_two_different_rows(lines, before, after):
    effect = outlier_effect(lines)
    assert (effect.before, effect.after) == (before, after)
    mean = statistics.mean
    assert effect.mean_shift == mean(map(Fraction, after)) - mean(map(Fraction, before))
    for rows, median in ((before, effect.median_before), (after, effect.median_after)):
        assert median == (statistics.median_low(rows), statistics.median_high(rows))


def test_the_median_stays_for_an_odd_count_and_stretches_for_two_lines():
    assert outlier_effect([1, 2, 3]).median_change == "stays"
    assert outlier_effect([1, 2, 3, 4]).median_change == "stays"
    assert outlier_effect([1, 2]).median_change == "stretches"
    assert outlier_effect([1, 20, 20]).median_change == "moves"  # from 1, 2, 20: median 2 -> 20
    assert outlier_effect([5]).median_change == "one line"


def test_every_line_at_the_far_end_leaves_nothing_to_compare():
    effect = outlier_effect([20, 20])
    assert not effect.compared and effect.before == effect.after
