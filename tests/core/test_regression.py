"""core.regression against numpy.polyfit, closed forms and finite differences."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datasets import TWO_HOUSES, notes_table
from core.errors import LearnerError
from core.regression import (
    DescentPath,
    ParameterWindow,
    contraction_per_step,
    converged_at,
    gradient_descent_line,
    landscape_cells,
    least_squares_line,
    line_through_two_points,
    loss_grid,
    mse,
    mse_gradient,
    mse_over_slopes,
    normal_equations,
    optimal_learning_rate,
    parameter_window,
    predict,
    residual_squares,
    residuals,
    stable_learning_rate_limit,
    steps_to_converge,
    x_scaling,
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
    slope, intercept = line_through_two_points(1, 150_000, 2, 250_000)
    assert (slope, intercept) == (100_000.0, 50_000.0)
    assert predict(3, slope, intercept) == 350_000.0


def test_line_through_two_points_with_same_x_is_refused():
    with pytest.raises(LearnerError, match="same x"):
        line_through_two_points(2, 1, 2, 5)


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
    eq = normal_equations(NOTES_FIXED.x, NOTES_FIXED.y)
    assert (eq.n, eq.sum_x, eq.sum_x2, eq.sum_y, eq.sum_xy) == (10, 55, 385, 5500, 38500)
    assert eq.slope * eq.sum_x2 + eq.intercept * eq.sum_x == eq.sum_xy
    assert eq.slope * eq.sum_x + eq.intercept * eq.n == eq.sum_y


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


def test_loss_grid_equals_mse_at_every_grid_point():
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    slopes = np.linspace(-500, 1500, 7)
    intercepts = np.linspace(-4000, 4000, 5)
    grid = loss_grid(x, y, slopes, intercepts)
    assert grid.shape == (5, 7)
    for i, b in enumerate(intercepts):
        for j, w in enumerate(slopes):
            assert grid[i, j] == pytest.approx(mse(x, y, w, b), rel=1e-12)


def test_loss_grid_is_zero_at_an_exact_fit_and_never_negative():
    grid = loss_grid(NOTES_FIXED.x, NOTES_FIXED.y, [99.0, 100.0, 101.0], [-1.0, 0.0, 1.0])
    assert grid[1, 1] == pytest.approx(0.0, abs=1e-9)
    assert np.all(grid >= 0)


def test_mse_slice_is_a_parabola_in_slope_with_second_derivative_2_mean_x_squared():
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    values = mse_over_slopes(x, y, [0.0, 1.0, 2.0], 300.0)
    second_difference = values[2] - 2 * values[1] + values[0]
    assert second_difference == pytest.approx(2 * np.mean(x**2), rel=1e-9)  # 77


# --- gradient descent ------------------------------------------------------------------------


def test_descent_path_arrays_have_iterations_plus_one_entries_starting_at_the_start():
    path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, 0.01, 25, slope0=3, intercept0=-2)
    assert isinstance(path, DescentPath)
    assert path.points.shape == (26, 2) and path.costs.shape == (26,)
    assert path.names == ("slope", "intercept")
    assert (path.coordinate("slope")[0], path.coordinate("intercept")[0]) == (3.0, -2.0)
    assert path.costs[0] == mse(NOTES_FIXED.x, NOTES_FIXED.y, 3, -2)
    assert path.steps_requested == 25 and path.steps_taken == 25 and path.outcome == "walking"


def test_zero_iterations_is_just_the_start():
    path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, 0.01, 0)
    assert path.coordinate("slope").tolist() == [0.0] and path.costs.tolist() == [385_000.0]


def test_first_descent_step_on_two_houses_is_the_hand_computed_one():
    # at (0, 0): dMSE/dslope = (2/2)(-150000*1 - 250000*2) = -650000, dMSE/dintercept = -400000
    path = gradient_descent_line([1, 2], [150_000, 250_000], 0.1, 1)
    assert path.coordinate("slope")[1] == pytest.approx(65_000.0)
    assert path.coordinate("intercept")[1] == pytest.approx(40_000.0)


def test_each_step_is_the_previous_point_minus_learning_rate_times_gradient():
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    path = gradient_descent_line(x, y, 0.005, 5, slope0=10, intercept0=20)
    for k in range(5):
        d_slope, d_intercept = mse_gradient(
            x, y, path.coordinate("slope")[k], path.coordinate("intercept")[k]
        )
        assert path.coordinate("slope")[k + 1] == pytest.approx(
            path.coordinate("slope")[k] - 0.005 * d_slope
        )
        assert path.coordinate("intercept")[k + 1] == pytest.approx(
            path.coordinate("intercept")[k] - 0.005 * d_intercept
        )
        assert path.costs[k + 1] == pytest.approx(
            mse(x, y, path.coordinate("slope")[k + 1], path.coordinate("intercept")[k + 1])
        )


@pytest.mark.parametrize("outlier", ["fixed", "as-written"])
def test_descent_with_small_rate_reaches_the_least_squares_line(outlier):
    points = notes_table(outlier)
    path = gradient_descent_line(points.x, points.y, 0.02, 3000)
    slope, intercept = least_squares_line(points.x, points.y)
    assert path.outcome == "converged"
    assert path.coordinate("slope")[-1] == pytest.approx(slope, rel=1e-6)
    assert path.coordinate("intercept")[-1] == pytest.approx(intercept, rel=1e-5, abs=1e-3)
    assert np.all(np.diff(path.costs) <= 1e-9 * path.costs[0])


def test_notes_data_rate_limit_is_2_over_largest_hessian_eigenvalue_about_0_02545():
    # H = 2 [[38.5, 5.5], [5.5, 1]] has eigenvalues 39.5 +- sqrt(39.5^2 - 33)
    lambda_max = 39.5 + np.sqrt(39.5**2 - 33)
    assert stable_learning_rate_limit(NOTES_FIXED.x) == pytest.approx(2 / lambda_max, rel=1e-12)
    assert stable_learning_rate_limit(NOTES_FIXED.x) == pytest.approx(0.025452, abs=1e-6)


def test_rate_above_the_limit_diverges_and_is_stopped_before_overflow():
    limit = stable_learning_rate_limit(NOTES_FIXED.x)
    with np.errstate(all="raise"):  # any overflow warning would fail this test
        path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, limit * 1.2, 3000)
    assert path.outcome == "diverged"
    assert 0 < path.steps_taken < path.steps_requested == 3000
    assert path.costs.shape == (path.steps_taken + 1,) == path.points.shape[:1]
    assert np.all(np.isfinite(path.costs))
    assert path.costs[-1] > 1e6 * path.costs[0]


def test_rate_just_below_the_limit_converges():
    limit = stable_learning_rate_limit(NOTES_FIXED.x)
    path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, limit * 0.95, 3000)
    assert path.outcome == "converged"
    assert path.coordinate("slope")[-1] == pytest.approx(100, rel=1e-4)


def test_feature_scaling_maps_back_to_the_same_line_and_converges_in_one_step_at_rate_half():
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    path = gradient_descent_line(x, y, 0.5, 3, scale_x=True)
    slope, intercept = least_squares_line(x, y)
    assert (path.coordinate("slope")[0], path.coordinate("intercept")[0]) == (0.0, 0.0)
    assert path.coordinate("slope")[1] == pytest.approx(slope, rel=1e-12)
    assert path.coordinate("intercept")[1] == pytest.approx(intercept, rel=1e-12)
    assert path.costs[1] == pytest.approx(mse(x, y, slope, intercept), rel=1e-12)


def test_feature_scaling_start_point_is_kept_in_original_units():
    path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, 0.1, 2, 7, -3, scale_x=True)
    assert path.coordinate("slope")[0] == pytest.approx(7) and path.coordinate("intercept")[
        0
    ] == pytest.approx(-3)
    assert path.costs[0] == pytest.approx(mse(NOTES_FIXED.x, NOTES_FIXED.y, 7, -3))


def test_scaling_maps_a_line_there_and_back():
    scaling = x_scaling([1, 2, 3, 4])
    w, b = scaling.to_scaled(3.0, -1.0)
    back = scaling.to_original(np.array([w]), np.array([b]))
    assert back[0][0] == pytest.approx(3.0) and back[1][0] == pytest.approx(-1.0)


def test_scaled_rate_limit_is_1_and_rate_half_contracts_to_zero():
    assert stable_learning_rate_limit(NOTES_FIXED.x, scale_x=True) == pytest.approx(1.0)
    assert contraction_per_step(NOTES_FIXED.x, 0.5, scale_x=True) == pytest.approx(0.0, abs=1e-12)
    assert steps_to_converge(0.0) == 1.0


@pytest.mark.parametrize("rate", [0.01, 0.02, 0.025, 2 / 79])
def test_steps_to_converge_bound_the_steps_descent_takes_to_a_millionth_of_the_excess(rate):
    # One criterion: converged once MSE_k - MSE_min <= 1e-6 (MSE_0 - MSE_min). The bound
    # ceil(ln 1e-6 / (2 ln rho)) must hold for the real descent, and not be far above it.
    x, y = NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y
    bound = steps_to_converge(contraction_per_step(x, rate))
    path = gradient_descent_line(x, y, rate, 3000)
    taken = converged_at(path, mse(x, y, *least_squares_line(x, y)))
    assert taken is not None and 0.8 * bound <= taken <= bound
    assert steps_to_converge(1.0) == float("inf")


@pytest.mark.parametrize("rate", [0.0, -0.1, float("nan")])
def test_non_positive_learning_rate_is_refused(rate):
    with pytest.raises(LearnerError, match="positive"):
        gradient_descent_line([1, 2], [1, 2], rate, 10)


def test_descent_on_random_data_matches_polyfit_with_scaling():
    rng = np.random.default_rng(11)
    x = rng.uniform(50, 250, 300)  # e.g. square metres: far too big for unscaled descent
    y = 3000 * x + rng.normal(0, 20_000, 300)
    path = gradient_descent_line(x, y, 0.3, 200, scale_x=True)
    expected = np.polyfit(x, y, 1)
    assert path.coordinate("slope")[-1] == pytest.approx(expected[0], rel=1e-9)
    assert path.coordinate("intercept")[-1] == pytest.approx(expected[1], rel=1e-7)


# --- windows, pictures and convergence -------------------------------------------------------


@pytest.mark.parametrize(
    "points", [NOTES_FIXED, NOTES_AS_WRITTEN, TWO_HOUSES], ids=["fixed", "as-written", "houses"]
)
def test_parameter_window_holds_the_origin_and_the_least_squares_line(points):
    window = parameter_window(points.x, points.y)
    slope, intercept = least_squares_line(points.x, points.y)
    assert window.contains(0.0, 0.0)
    assert window.contains(slope, intercept)
    for low, high, step in (
        (window.slope_min, window.slope_max, window.slope_step),
        (window.intercept_min, window.intercept_max, window.intercept_step),
    ):
        assert 50 <= (high - low) / step <= 400
        assert low / step == pytest.approx(round(low / step))
        assert high / step == pytest.approx(round(high / step))


def test_parameter_window_bounds_carry_no_float_residue():
    window = parameter_window([0, 1, 2], [1, 3, 5])  # slope 2, intercept 1
    assert (window.slope_min, window.slope_max, window.slope_step) == (-1.0, 5.0, 0.05)
    assert window.intercept_min == -3.65


def test_parameter_window_on_random_data_holds_the_fit():
    rng = np.random.default_rng(5)
    for _ in range(30):
        x = rng.normal(rng.uniform(-1e4, 1e4), rng.uniform(1e-2, 1e3), 20)
        y = rng.uniform(-50, 50) * x + rng.normal(rng.uniform(-1e5, 1e5), rng.uniform(1, 1e4), 20)
        window = parameter_window(x, y)
        assert window.contains(*least_squares_line(x, y)) and window.contains(0, 0)


def test_window_union_holds_both_windows_on_the_coarser_grid():
    a = parameter_window(NOTES_FIXED.x, NOTES_FIXED.y)
    b = parameter_window(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y)
    both = a.union(b)
    assert both.slope_step == max(a.slope_step, b.slope_step)
    assert both.slope_min <= min(a.slope_min, b.slope_min)
    assert both.intercept_max >= max(a.intercept_max, b.intercept_max)


def test_landscape_cells_cover_the_window_with_the_mse_at_each_centre():
    window = ParameterWindow(-500.0, 1500.0, 10.0, -4000.0, 4000.0, 50.0)
    cells = landscape_cells(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, window, size=4)
    assert len(cells) == 16
    assert cells["slope"].min() == -500 and cells["slope2"].max() == 1500
    assert cells["intercept"].min() == -4000 and cells["intercept2"].max() == 4000
    first = cells.iloc[0]
    centre = ((first.slope + first.slope2) / 2, (first.intercept + first.intercept2) / 2)
    assert first["MSE"] == pytest.approx(mse(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, *centre))


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


def test_optimal_rate_for_the_notes_is_2_over_the_sum_of_the_eigenvalues():
    assert optimal_learning_rate(NOTES_FIXED.x) == pytest.approx(2 / 79, rel=1e-12)
    assert optimal_learning_rate(NOTES_FIXED.x, scale_x=True) == pytest.approx(0.5)


def test_converged_at_is_the_first_step_with_a_million_fold_smaller_excess_loss():
    path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, 0.5, 5, scale_x=True)
    assert converged_at(path, 0.0) == 1
    slow = gradient_descent_line(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, 0.001, 50)
    best = mse(
        NOTES_AS_WRITTEN.x,
        NOTES_AS_WRITTEN.y,
        *least_squares_line(NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y),
    )
    assert converged_at(slow, best) is None


def test_more_iterations_than_the_page_runs_are_refused_with_a_message():
    from core.limits import MAX_REGRESSION_ITERATIONS

    with pytest.raises(LearnerError, match="at most 3000"):
        gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, 0.01, MAX_REGRESSION_ITERATIONS + 1)


# The verdict at the stability limit is decided from exact step factors, not from the losses:
# at rate 1 on scaled x the steps bounce forever, whatever the last bits of the losses do.
@pytest.mark.parametrize("seed", range(8))
def test_scaled_rate_1_bounces_and_never_diverges_on_any_data(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-50, 300, 40)
    y = 7 * x + rng.normal(0, 30, 40)
    path = gradient_descent_line(x, y, 1.0, 300, scale_x=True)
    assert path.outcome == "oscillating"
    # and indeed the loss comes back to where it started every second step (up to rounding)
    assert path.costs[-1] == pytest.approx(path.costs[0], rel=1e-6)


def test_scaled_notes_rate_1_bounces_rate_1_5_diverges_rate_0_5_converges():
    outcomes = [
        gradient_descent_line(
            NOTES_AS_WRITTEN.x, NOTES_AS_WRITTEN.y, rate, 100, scale_x=True
        ).outcome
        for rate in (1.0, 1.5, 0.5)
    ]
    assert outcomes == ["oscillating", "diverged", "converged"]


def test_scaled_hessian_eigenvalues_are_exactly_two():
    # x' = (x - mean) / std has mean 0 and mean square 1, so H = 2 I.
    assert stable_learning_rate_limit([1, 2, 3, 4, 10_000], scale_x=True) == 1.0
    assert contraction_per_step([1, 2, 3, 4, 10_000], 1.0, scale_x=True) == 1.0


def test_small_rate_not_yet_there_is_walking():
    path = gradient_descent_line(NOTES_FIXED.x, NOTES_FIXED.y, 0.001, 20)
    assert path.outcome == "walking"
