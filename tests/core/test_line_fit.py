"""core.least_squares and core.line_fit: the least-squares line exactly and in floats, the
MSE and its partial derivatives, the hand fit, the outlier story, against numpy.polyfit,
SymPy, fractions.Fraction and finite differences."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datasets import TWO_HOUSES, Points, notes_table
from core.errors import LearnerError
from core.least_squares import exact_answer, exact_decimal, least_squares
from core.line_fit import (
    PLOT_ASPECT,
    fit_data,
    hand_fit,
    hand_fit_grid,
    least_squares_line,
    line_through_two,
    mse,
    mse_gradient,
    predict,
    prediction_range,
    residual_squares,
    residuals,
    slider_values,
    window_positions,
)

NOTES_FIXED = notes_table("fixed")
NOTES_AS_WRITTEN = notes_table("as-written")


def _fraction_least_squares(x, y):
    """Exact least squares with Fractions (Cramer's rule on the normal equations)."""
    xs = [Fraction(v) for v in x]
    ys = [Fraction(v) for v in y]
    n = len(xs)
    sx, sy = sum(xs), sum(ys)
    sxx = sum(a * a for a in xs)
    sxy = sum(a * b for a, b in zip(xs, ys, strict=True))
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    return slope, (sy - slope * sx) / n


# --- least squares -------------------------------------------------------------------------


def test_two_houses_line_has_slope_100000_per_bedroom_and_intercept_50000():
    assert least_squares_line(TWO_HOUSES.x, TWO_HOUSES.y) == (100_000.0, 50_000.0)


def test_line_through_two_houses_predicts_350000_for_three_bedrooms():
    line = line_through_two(TWO_HOUSES)
    assert (line.slope, line.intercept, line.value_at(3)) == (100_000, 50_000, 350_000)
    assert isinstance(line.value_at(3), Fraction) and line.value_at(10) == 1_050_000
    assert predict(3, 100_000.0, 50_000.0) == 350_000.0


def test_line_through_two_points_with_same_x_is_refused():
    with pytest.raises(LearnerError, match="same x"):
        line_through_two(Points(np.array([2.0, 2.0]), np.array([1.0, 5.0])))


def test_notes_table_fixed_gives_exactly_price_100_times_bedrooms():
    slope, intercept = least_squares_line(NOTES_FIXED.x, NOTES_FIXED.y)
    assert slope == 100.0
    assert intercept == 0.0


def test_notes_table_as_written_gives_slope_6500_over_11_and_intercept_minus_1800():
    slope, intercept = least_squares_line(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y)
    exact_slope, exact_intercept = _fraction_least_squares(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y)
    assert exact_slope == Fraction(6500, 11)
    assert exact_intercept == -1800
    assert slope == pytest.approx(6500 / 11, rel=1e-14)
    assert intercept == pytest.approx(-1800, rel=1e-13)


@pytest.mark.parametrize("points", [NOTES_FIXED, NOTES_AS_WRITTEN, TWO_HOUSES])
def test_least_squares_matches_numpy_polyfit_on_the_notes_data(points):
    expected = np.polyfit(points.x, points.y, 1)
    assert least_squares_line(points.x, points.y) == pytest.approx(tuple(expected), abs=1e-9)


def test_least_squares_matches_numpy_polyfit_on_random_data():
    rng = np.random.default_rng(8)
    for _ in range(50):
        n = int(rng.integers(2, 200))
        x = rng.normal(rng.uniform(-100, 100), rng.uniform(0.1, 50), n)
        y = rng.uniform(-5, 5) * x + rng.normal(0, rng.uniform(0.1, 100), n)
        slope, intercept = least_squares_line(x, y)
        expected_slope, expected_intercept = np.polyfit(x, y, 1)
        assert slope == pytest.approx(expected_slope, rel=1e-8, abs=1e-9)
        assert intercept == pytest.approx(expected_intercept, rel=1e-8, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-1000, 1000), st.integers(-(10**6), 10**6)), min_size=2, max_size=30
    )
)
def test_least_squares_matches_exact_fractions_on_integer_data(pairs):
    x = [p[0] for p in pairs]
    y = [p[1] for p in pairs]
    if len(set(x)) < 2:
        with pytest.raises(LearnerError):
            least_squares_line(x, y)
        return
    slope, intercept = least_squares_line(x, y)
    exact_slope, exact_intercept = _fraction_least_squares(x, y)
    assert slope == pytest.approx(float(exact_slope), rel=1e-9, abs=1e-9)
    assert intercept == pytest.approx(float(exact_intercept), rel=1e-9, abs=1e-6)


def test_gradient_is_zero_at_the_least_squares_line():
    slope, intercept = least_squares_line(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y)
    d_slope, d_intercept = mse_gradient(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, slope, intercept)
    assert abs(d_slope) < 1e-8
    assert abs(d_intercept) < 1e-8


def test_normal_equations_of_notes_fixed_hold_with_the_sums_55_385_5500_38500():
    line = least_squares(NOTES_FIXED)
    s = line.sums
    assert (s.n, s.sx, s.sxx, s.sy, s.sxy) == (10, 55, 385, 5500, 38500)
    assert line.slope * s.sxx + line.intercept * s.sx == s.sxy
    assert line.slope * s.sx + line.intercept * s.n == s.sy
    assert (line.slope, line.intercept, line.smallest_mse) == (100, 0, 0)


@pytest.mark.parametrize("x, y", [([3, 3, 3], [1, 2, 3]), ([5], [7]), ([2.0, 2.0], [0.0, 10.0])])
def test_fewer_than_two_distinct_x_cannot_be_fitted(x, y):
    with pytest.raises(LearnerError, match="cannot be fitted"):
        least_squares_line(x, y)


def test_learner_error_is_a_value_error():
    assert issubclass(LearnerError, ValueError)


def test_mismatched_lengths_and_nan_are_refused():
    with pytest.raises(LearnerError, match="3 x values but 2 y values"):
        least_squares_line([1, 2, 3], [1, 2])
    with pytest.raises(LearnerError, match="finite"):
        mse([1, 2], [1, float("nan")], 1, 0)


# --- loss and its derivatives ----------------------------------------------------------------


def test_mse_of_zero_line_on_notes_fixed_is_mean_of_squares_385000():
    assert mse(NOTES_FIXED.x, NOTES_FIXED.y, 0, 0) == 385_000.0  # 100^2 * (1 + 4 + ... + 100) / 10


def test_mse_of_true_line_on_notes_fixed_is_zero_and_as_written_is_8100000():
    assert mse(NOTES_FIXED.x, NOTES_FIXED.y, 100, 0) == 0.0
    # only the 10-bedroom residual is non-zero: 1000 - 10000 = -9000, squared over 10 points
    assert mse(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, 100, 0) == 9000**2 / 10


def test_residuals_are_observed_minus_predicted():
    r = residuals([1, 2], [150_000, 250_000], 90_000, 50_000)
    assert r.tolist() == [10_000.0, 20_000.0]


def test_mse_gradient_matches_sympy_partial_derivatives():
    w, b = sp.symbols("w b")
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    loss = sum((w * int(xi) + b - int(yi)) ** 2 for xi, yi in zip(x, y, strict=True)) / len(x)
    at = {w: 250, b: -300}
    d_slope, d_intercept = mse_gradient(x, y, 250, -300)
    assert d_slope == pytest.approx(float(sp.diff(loss, w).subs(at)), rel=1e-12)
    assert d_intercept == pytest.approx(float(sp.diff(loss, b).subs(at)), rel=1e-12)


def test_mse_gradient_matches_central_differences_on_random_data():
    rng = np.random.default_rng(3)
    x, y = rng.normal(0, 3, 40), rng.normal(0, 10, 40)
    for slope, intercept in rng.normal(0, 5, (10, 2)):
        h = 1e-5
        numeric_slope = (mse(x, y, slope + h, intercept) - mse(x, y, slope - h, intercept)) / (
            2 * h
        )
        numeric_intercept = (mse(x, y, slope, intercept + h) - mse(x, y, slope, intercept - h)) / (
            2 * h
        )
        d_slope, d_intercept = mse_gradient(x, y, slope, intercept)
        assert d_slope == pytest.approx(numeric_slope, rel=1e-6, abs=1e-6)
        assert d_intercept == pytest.approx(numeric_intercept, rel=1e-6, abs=1e-6)


def test_residual_squares_have_side_equal_to_the_residual():
    squares = residual_squares([1, 2], [100, 200], 150, 0, x_units_per_y_unit=0.01)
    assert squares["y2"].tolist() == [150, 300]  # from the point to the line
    assert (squares["x2"] - squares["x"]).tolist() == pytest.approx([0.5, 1.0])
    assert squares["squared"].tolist() == [2500, 10000]


def test_residual_squares_turn_left_where_the_right_side_has_no_room():
    # The 10,000 outlier under the line y = 0: its square is 10,000 tall, so in x units it is
    # 10,000 * 0.0004 = 4 wide; to the right of x = 10 it would leave the window [0, 11].
    squares = residual_squares(
        NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, 0, 0, x_units_per_y_unit=4e-4, x_domain=(0, 11)
    )
    sides = np.abs(NOTES_AS_WRITTEN.y) * 4e-4
    assert squares["x2"].iloc[-1] == pytest.approx(10 - 4)
    assert np.all(squares[["x", "x2"]].to_numpy() >= 0) and np.all(squares["x2"] <= 11)
    assert np.abs(squares["x2"] - squares["x"]).to_numpy() == pytest.approx(sides)
    # where neither side has room, the square goes towards the wider side
    wide = residual_squares([1, 9], [0, 0], 0, 100, x_units_per_y_unit=0.2, x_domain=(0, 10))
    assert wide["x2"].tolist() == pytest.approx([21, -11])


# --- exact answers: the hand fit, the outlier story, predictions -----------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(-1000, 1000, places=2, allow_nan=False, allow_infinity=False),
            st.decimals(-(10**5), 10**5, places=3, allow_nan=False, allow_infinity=False),
        ),
        min_size=2,
        max_size=25,
    )
)
def test_exact_least_squares_of_decimal_data_equals_fractions_of_the_decimals(pairs):
    # Data typed as decimals (a CSV's 0.1) are read as those decimals, not as their doubles.
    xs = [Fraction(x) for x, _ in pairs]
    ys = [Fraction(y) for _, y in pairs]
    points = Points(np.array([float(x) for x in xs]), np.array([float(y) for y in ys]))
    if len(set(xs)) < 2:
        with pytest.raises(LearnerError):
            least_squares(points)
        return
    line = least_squares(points)
    slope, intercept = _fraction_least_squares(xs, ys)
    assert (line.slope, line.intercept) == (slope, intercept)
    residual = [y - slope * x - intercept for x, y in zip(xs, ys, strict=True)]
    assert line.smallest_mse == sum(r * r for r in residual) / len(xs)


def test_exact_reads_a_float_as_the_decimal_it_is_written_as():
    assert exact_decimal(0.1) == Fraction(1, 10)
    assert exact_decimal(-1800.0) == -1800
    assert exact_decimal(3) == 3


@pytest.mark.parametrize(("slope", "intercept"), [(0, 0), (100, -50), (590, 0), (0.5, 12.25)])
def test_hand_fit_is_exact_and_agrees_with_sympy(slope, intercept):
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    fit = hand_fit(data, slope, intercept)
    w, b = sp.symbols("w b")
    loss = sum(
        (int(yi) - w * int(xi) - b) ** 2
        for xi, yi in zip(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, strict=True)
    ) / sp.Integer(10)
    at = {w: sp.Rational(str(slope)), b: sp.Rational(str(intercept))}
    assert fit.mse == Fraction(str(loss.subs(at)))
    assert fit.d_slope == Fraction(str(sp.diff(loss, w).subs(at)))
    assert fit.d_intercept == Fraction(str(sp.diff(loss, b).subs(at)))
    assert fit.above_best == fit.mse - Fraction(58_320_000, 11)
    assert not fit.at_best
    assert fit.first_terms == ((1, 100), (2, 200))
    assert fit.rows["residual"].tolist()[-1] == 10_000 - (
        Fraction(str(slope)) * 10 + Fraction(str(intercept))
    )


def test_hand_fit_at_the_least_squares_line_says_both_derivatives_are_exactly_zero():
    data = fit_data(NOTES_FIXED, notes=True)
    fit = hand_fit(data, 100, 0)
    assert fit.at_best and fit.mse == 0 and fit.above_best == 0
    assert (fit.slope_move, fit.intercept_move) == ("hold", "hold")
    moved = hand_fit(data, 110, -50)  # d/dslope = (2/n)(110*385 - 50*55 - 38500) > 0
    assert (moved.slope_move, moved.intercept_move) == ("lower", "lower")


def test_hand_fit_slice_is_the_mse_across_the_window_at_the_intercept():
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    fit = hand_fit(data, 0, 250)
    for slope, value in fit.slice.iloc[::40].itertuples(index=False):
        assert value == pytest.approx(mse(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, slope, 250))


def test_outlier_story_of_the_notes_against_fractions():
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    story = exact_answer(data.line, data.points, (100, 0)).story
    assert story.pattern_missed == (9,) and story.pattern_misses[-1] == 9000
    assert story.pattern_mse == 8_100_000
    slope, intercept = Fraction(6500, 11), Fraction(-1800)
    misses = tuple(abs(100 * k - slope * k - intercept) for k in range(1, 10))
    assert story.fit_misses[:9] == misses
    assert story.fit_misses[9] == abs(10_000 - slope * 10 - intercept)
    assert story.fit_mse == Fraction(58_320_000, 11) < story.pattern_mse
    assert exact_answer(data.line, data.points).story is None


def test_prediction_range_of_whole_and_decimal_x():
    whole = prediction_range(NOTES_AS_WRITTEN)
    assert (whole.low, whole.high, whole.step, whole.start) == (0, 14, 1, 10)
    decimal = prediction_range(Points(np.array([0.5, 1.5, 2.25]), np.array([1.0, 2.0, 3.0])))
    # width 1.75: a step of 10^floor(log10(1.75 / 20)) = 0.01, up to 2.25 + 1.75 / 2 = 3.125 -> 3.13
    assert (decimal.low, decimal.high, decimal.step, decimal.start) == (0, 3.13, 0.01, 2.25)


# --- the hand fit at every slider position (the touch unit's grid) ---------------------------


def _fraction_mse(points: Points, slope: Fraction, intercept: Fraction) -> Fraction:
    """mean((y - (m x + b))^2) over the points read as the decimals they are written as."""
    xs = [exact_decimal(float(x)) for x in points.x]
    ys = [exact_decimal(float(y)) for y in points.y]
    return sum((y - (slope * x + intercept)) ** 2 for x, y in zip(xs, ys, strict=True)) / len(xs)


def test_slider_values_are_the_decimals_of_each_step_without_float_residue():
    assert slider_values(-3.65, -3.5, 0.05) == (-3.65, -3.6, -3.55, -3.5)
    assert slider_values(-0.3, 0.3, 0.1) == (-0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3)
    # low + k * step in floats leaves residue: 0.3000000000000001, -3.5500000000000003
    assert -0.3 + 6 * 0.1 != 0.3 and -3.65 + 0.05 + 0.05 != -3.55


def test_the_notes_window_has_201_slopes_in_tens_and_161_intercepts_in_fifties():
    slopes, intercepts = window_positions(fit_data(NOTES_AS_WRITTEN, notes=True).window)
    assert slopes == tuple(float(w) for w in range(-500, 1501, 10))
    assert intercepts == tuple(float(b) for b in range(-4000, 4001, 50))


def test_hand_fit_grid_is_a_cross_through_the_line_with_exact_mse_of_every_line():
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    grid = hand_fit_grid(data, 100, -50)
    assert len(grid.by_slope) == len(grid.slopes) == 201
    assert len(grid.by_intercept) == len(grid.intercepts) == 161
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    for slope, fit in zip(grid.slopes, grid.by_slope, strict=True):
        assert (fit.slope, fit.intercept) == (Fraction(slope), -50)
        assert fit.mse == _fraction_mse(NOTES_AS_WRITTEN, Fraction(slope), Fraction(-50))
        assert float(fit.mse) == pytest.approx(np.mean((y - (slope * x - 50)) ** 2), rel=1e-12)
    for intercept, fit in zip(grid.intercepts, grid.by_intercept, strict=True):
        assert (fit.slope, fit.intercept) == (100, Fraction(intercept))
        assert fit.mse == _fraction_mse(NOTES_AS_WRITTEN, Fraction(100), Fraction(intercept))
    # the crossing is the learner's own line, in both arms
    at_line = grid.by_slope[grid.slopes.index(100.0)]
    assert at_line == grid.by_intercept[grid.intercepts.index(-50.0)]
    assert at_line.mse == 8_192_500


def test_hand_fit_grid_on_decimal_data_agrees_with_numpy_and_with_fractions():
    rng = np.random.default_rng(7)
    points = Points(np.round(rng.uniform(-5, 40, 60), 2), np.round(rng.normal(3, 9, 60), 3))
    data = fit_data(points)
    grid = hand_fit_grid(data, 0.0, 0.0)
    for fit in grid.by_slope[::7] + grid.by_intercept[::7]:
        w, b = float(fit.slope), float(fit.intercept)
        assert fit.mse == _fraction_mse(points, fit.slope, fit.intercept)
        assert float(fit.mse) == pytest.approx(np.mean((points.y - (w * points.x + b)) ** 2))
        assert fit.predict([2.5]) == pytest.approx([w * 2.5 + b])


def test_hand_fit_grid_finds_the_least_squares_line_once_in_each_arm():
    data = fit_data(NOTES_FIXED, notes=True)
    grid = hand_fit_grid(data, 100, 0)
    assert [fit.slope for fit in grid.by_slope if fit.at_best] == [100]
    assert [fit.intercept for fit in grid.by_intercept if fit.at_best] == [0]


def test_hand_fit_writes_out_the_first_two_points_of_the_table_even_when_many_are_drawn():
    # with more than MAX_LINE_POINTS rows the drawn points skip rows: the worked r_2 is
    # still row 2, not the second drawn point
    x = np.arange(1.0, 1001.0)
    fit = hand_fit(fit_data(Points(x, 3 * x + 0.5)), 3, 0)
    assert fit.first_terms == ((1, Fraction(7, 2)), (2, Fraction(13, 2)))


def test_squares_on_a_picture_reach_from_each_point_to_the_line_and_stay_inside_it():
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    x_range = data.intercept_x_range()
    for slope, intercept in [(0, 0), (100, -50), (1500, -4000), (-500, 4000)]:
        fit = hand_fit(data, slope, intercept)
        across, to = fit.squares_on(data.points, x_range, data.y_domain)
        x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
        assert to == pytest.approx(slope * x + intercept)
        # looks square on a picture PLOT_ASPECT times as wide as it is tall
        per_y = (x_range[1] - x_range[0]) / PLOT_ASPECT / (data.y_domain[1] - data.y_domain[0])
        assert np.abs(across) == pytest.approx(np.abs(y - to) * per_y)
        ends = x + across
        fits = np.abs(across) <= np.maximum(x_range[1] - x, x - x_range[0])
        assert np.all((x_range[0] <= ends[fits]) & (ends[fits] <= x_range[1]))


@pytest.mark.parametrize(
    ("x", "x_range", "pivot"),
    [
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (-0.72, 10.72), 0.0),  # 0 is near: the y axis shows
        ([1, 2], (-0.08, 2.08), 0.0),  # the two houses
        ([-10, -4], (-10.48, 0.48), 0.0),  # negative x: 0 on the right
        ([-2, 3], (-2.4, 3.4), 0.0),  # 0 among the points
        ([1990, 2000, 2030], (1986.8, 2033.2), 6020 / 3),  # 0 far away: the mean of x
    ],
)
def test_the_picture_holds_x_0_when_it_is_near_and_the_intercept_ring_sits_there(x, x_range, pivot):
    data = fit_data(Points(np.array(x, dtype=float), np.arange(len(x), dtype=float)))
    assert data.intercept_x_range() == pytest.approx(x_range)
    assert data.pivot_x() == pytest.approx(pivot)
