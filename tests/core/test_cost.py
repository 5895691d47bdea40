"""The power-line cost: closed forms, the notes' numbers, and brute force on a dense grid."""

from fractions import Fraction

import numpy as np
import pytest

from core.cost import (
    MAX_LINES,
    POSITION_LIMIT,
    each_line_cost,
    parse_lines,
    power_line_cost,
    power_line_slope,
    repeated_positions,
    street_window,
)
from core.errors import LearnerError
from core.house_walk import power_line_walk
from core.power_lines import outlier_effect
from core.power_lines import power_line_answer as best_position

GRID = np.linspace(-25, 25, 500_001)  # spacing 1e-4


def test_notes_two_lines_cost_at_house_0_is_1_plus_4():
    assert power_line_cost(0.0, [1, 2]) == 5.0


def test_cost_accepts_an_array_of_house_positions():
    xs = np.array([0.0, 1.0, 1.5, 2.0])
    np.testing.assert_allclose(power_line_cost(xs, [1, 2]), [5.0, 1.0, 0.5, 1.0])


def test_absolute_cost_is_the_sum_of_distances():
    np.testing.assert_allclose(
        power_line_cost(np.array([0.0, 1.5, 5.0]), [1, 2, 3], "absolute"), [6.0, 2.5, 9.0]
    )


def test_each_line_cost_has_one_row_per_line_and_sums_to_the_total():
    xs = np.linspace(-3, 3, 7)
    rows = each_line_cost(xs, [1, 2, 3])
    assert rows.shape == (3, 7)
    np.testing.assert_allclose(rows[0], (xs - 1) ** 2)
    np.testing.assert_allclose(rows.sum(axis=0), power_line_cost(xs, [1, 2, 3]))


def test_squared_slope_is_two_times_sum_of_gaps():
    assert power_line_slope(0.0, [1, 2]) == -6.0
    assert power_line_slope(1.5, [1, 2]) == 0.0
    assert power_line_slope(5.0, [1, 2, 3]) == 2 * (4 + 3 + 2)


@pytest.mark.parametrize("kind", ["squared", "absolute"])
def test_slope_matches_central_difference_away_from_corners(kind):
    lines = [-1.3, 0.4, 2.2, 7.0]
    xs = np.array([-4.0, 0.1, 1.0, 3.3, 9.5])
    h = 1e-6
    numeric = (power_line_cost(xs + h, lines, kind) - power_line_cost(xs - h, lines, kind)) / (
        2 * h
    )
    np.testing.assert_allclose(power_line_slope(xs, lines, kind), numeric, rtol=1e-6, atol=1e-6)


def test_absolute_slope_at_a_corner_is_between_the_one_sided_slopes():
    lines = [1, 2, 3]
    h = 1e-7
    left = (power_line_cost(2.0, lines, "absolute") - power_line_cost(2 - h, lines, "absolute")) / h
    right = (
        power_line_cost(2 + h, lines, "absolute") - power_line_cost(2.0, lines, "absolute")
    ) / h
    assert left == pytest.approx(-1.0) and right == pytest.approx(1.0)
    assert power_line_slope(2.0, lines, "absolute") == 0.0


def test_notes_two_lines_1_and_2_best_position_is_1_5():
    best = best_position([1, 2])
    assert best.marked == 1.5 and best.unique and best.cost == 0.5


def test_notes_three_lines_1_2_3_best_position_is_2():
    best = best_position([1, 2, 3])
    assert best.marked == 2.0 and best.cost == 2.0


@pytest.mark.parametrize(
    "lines", [[1, 2], [1, 2, 3], [-4.5, 0.25, 3, 3, 11], [7], [-20, 20, 1, 2, 3, 4, 5, 6]]
)
def test_squared_best_position_is_the_mean_and_beats_every_grid_point(lines):
    best = best_position(lines, "squared")
    mean = sum(Fraction(a).limit_denominator(1000) for a in lines) / len(lines)
    assert best.marked == pytest.approx(float(mean), abs=1e-12)
    costs = power_line_cost(GRID, lines)
    assert GRID[np.argmin(costs)] == pytest.approx(best.marked, abs=1e-4)
    assert costs.min() >= best.cost - 1e-9


@pytest.mark.parametrize("lines", [[1, 2, 3], [1, 2, 3, 20], [5, -2, 9, 0, 0], [4]])
def test_absolute_best_position_with_odd_count_or_ties_is_the_median(lines):
    best = best_position(lines, "absolute")
    assert best.marked == float(np.median(lines))
    costs = power_line_cost(GRID, lines, "absolute")
    assert costs.min() == pytest.approx(best.cost, abs=1e-9)


def test_absolute_cost_of_lines_1_and_2_is_minimal_on_the_whole_interval_1_to_2():
    best = best_position([2, 1], "absolute")
    assert (best.low, best.high) == (1.0, 2.0) and not best.unique
    costs = power_line_cost(GRID, [1, 2], "absolute")
    flat = GRID[np.isclose(costs, costs.min(), atol=1e-12)]
    assert flat.min() == pytest.approx(1.0, abs=1e-4)
    assert flat.max() == pytest.approx(2.0, abs=1e-4)
    assert best.cost == 1.0


def test_absolute_even_count_with_equal_middle_lines_is_unique():
    best = best_position([0, 3, 3, 10], "absolute")
    assert best.unique and best.marked == 3.0


def test_an_outlier_moves_the_mean_but_not_the_median():
    near, far = [1, 2, 3], [1, 2, 20]
    assert best_position(far, "squared").marked - best_position(near, "squared").marked == Fraction(
        17, 3
    )
    assert best_position(far, "absolute").marked == best_position(near, "absolute").marked == 2


def test_the_derivation_numbers_for_1_2_3():
    d = best_position([1, 2, 3])
    assert (d.n, d.total, d.mean) == (3, 6, 2)


def test_stable_learning_rate_is_one_over_the_number_of_lines():
    assert power_line_walk([1, 2, 3], "squared", 0.0, 0.1, 1).stable_rate == Fraction(1, 3)


def test_parse_lines_reads_commas_spaces_semicolons_and_unicode_minus():
    assert parse_lines("1,2,3") == (1.0, 2.0, 3.0)
    assert parse_lines(" 1.5 ; -2  4e0 ") == (1.5, -2.0, 4.0)
    assert parse_lines("\u22123, 1") == (-3.0, 1.0)


def test_parse_lines_reads_back_what_a_link_carries():
    assert parse_lines("1,2.5,-3") == (1.0, 2.5, -3.0)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "no power lines"),
        (" , ,", "no power lines"),
        ("1, two, 3", "'two' is not a number"),
        ("1, nan", "not a finite number"),
        ("inf", "not a finite number"),
        ("1e300", "off the street"),
        ("1, 2, 21", "off the street"),
        (",".join(["1"] * (MAX_LINES + 1)), "at most 8"),
    ],
)
def test_parse_lines_refuses_bad_text_with_a_readable_message(text, words):
    with pytest.raises(LearnerError, match=words):
        parse_lines(text)


def test_a_position_exactly_at_the_limit_is_allowed():
    assert parse_lines(f"{-POSITION_LIMIT:g}, {POSITION_LIMIT:g}") == (-20.0, 20.0)


def test_learner_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_lines("x")


def test_repeated_positions_are_found_once_each():
    assert repeated_positions([2, 1, 2, 2, 3, 1]) == (2.0, 1.0)
    assert repeated_positions([1, 2, 3]) == ()


def test_repeated_line_counts_twice_in_the_mean():
    assert best_position([1, 1, 4]).marked == 2


def test_unknown_kind_is_refused():
    with pytest.raises(LearnerError, match="squared"):
        power_line_cost(0.0, [1], "cubic")


def test_plot_window_covers_lines_and_house_with_margin():
    assert street_window([1, 2], 0.0) == (-2.0, 4.0)


def test_with_outlier_moves_the_rightmost_line_to_20():
    assert outlier_effect([3, 1, 2]).after == (1, 2, 20)
    assert best_position(outlier_effect([1, 2, 3]).after, "absolute").marked == 2


def test_power_line_descent_walks_the_total_cost_of_the_lines():
    walk = power_line_walk([1, 2, 3], "squared", 0.0, 0.1, 2)
    assert walk.xs == (0, Fraction(6, 5), Fraction(42, 25))  # 0, 1.2, 1.68
    assert walk.path.costs[0] == 14.0


def test_descent_factor_for_three_lines_and_rate_0_1_is_0_4():
    walk = power_line_walk([1, 2, 3], "squared", 5.0, 0.1, 1)
    assert walk.factor == Fraction(2, 5)
    assert walk.xs[1] - 2 == Fraction(2, 5) * (5 - 2)
