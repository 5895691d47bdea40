"""core.regression (gradient descent on a line, its verdict and step counts) and
core.loss_landscape, against closed forms, eigenvalues and hand-computed steps."""

from fractions import Fraction

import numpy as np
import pytest

from core.datasets import TWO_HOUSES, Points, notes_table
from core.errors import LearnerError
from core.gradient_descent import DescentPath
from core.line_fit import fit_data, least_squares_line, mse, mse_gradient
from core.loss_landscape import (
    ParameterWindow,
    landscape_cells,
    loss_grid,
    mse_over_slopes,
    parameter_window,
)
from core.regression import (
    LineDescent,
    contraction_per_step,
    converged_at,
    gradient_descent_line,
    line_descent,
    optimal_learning_rate,
    shorter_descent,
    stable_learning_rate_limit,
    steps_to_converge,
    x_scaling,
)

NOTES_FIXED = notes_table("fixed")
NOTES_AS_WRITTEN = notes_table("as-written")


# --- the loss over (slope, intercept) ----------------------------------------------------------


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


@pytest.mark.parametrize(
    ("rate", "steps"), [(1.0, 100), (1.0, 99), (1.0, 3000), (0.5, 3000), (0.3, 7), (1.5, 6)]
)
def test_scaled_steps_are_exact_fractions_of_the_way_to_the_least_squares_line(rate, steps):
    # Scaled x: the Hessian is 2I, so after k steps from (0, 0) the line is (1 - r^k)(w*, b*)
    # with r = 1 - 2 rate, exactly; the float path agrees to rounding.
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    run = line_descent(data, rate, steps, scaled=True)
    shown = run.at(steps)
    r = 1 - 2 * Fraction(str(rate))
    share = 1 - r**shown.step
    assert (shown.slope, shown.intercept) == (share * Fraction(6500, 11), share * -1800)
    slope, intercept = run.path.points[shown.step]
    assert float(shown.slope) == pytest.approx(slope, rel=1e-9, abs=1e-9)
    assert float(shown.intercept) == pytest.approx(intercept, rel=1e-9, abs=1e-9)
    assert shown.mse == data.line.sums.mse(shown.slope, shown.intercept)


@pytest.mark.parametrize(("rate", "steps"), [(1e-6, 3000), (1e-5, 3000), (0.003, 3000)])
def test_scaled_steps_with_huge_exact_powers_fall_back_to_the_float_path(rate, steps):
    # (1 - 2e-6)^3000 has about 17,000 digits, past what a number can be printed with
    # (Python refuses str() of an int over 4300 digits): the floats are shown there.
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    shown = line_descent(data, rate, steps, scaled=True).at(steps)
    assert all(isinstance(v, float) for v in (shown.slope, shown.intercept, shown.mse))
    share = 1 - (1 - 2 * rate) ** steps
    assert shown.slope == pytest.approx(share * 6500 / 11, rel=1e-6)


def test_a_run_above_the_limit_says_whether_its_mse_rose_at_every_step():
    # Notes at rate 0.03: the steep direction grows by |1 - 0.03 lambda_max| = 1.36 a step and
    # the MSE rises from the first step. From a start on the valley floor's far end, at a rate
    # just above the limit, the gentle direction's fall wins at first.
    data = fit_data(NOTES_AS_WRITTEN, notes=True)
    run = line_descent(data, 0.03, 200)
    assert run.outcome == "diverged" and run.rose_every_step
    assert run.stop_mse == 1e8 * (10_285_000 + 1)
    assert run.stopped_early and run.path.costs[-1] <= run.stop_mse
    # data on a line whose (slope, intercept) lies along the Hessian's gentle direction
    x = np.arange(1.0, 11.0)
    hessian = (2 / 10) * np.array([[np.sum(x * x), np.sum(x)], [np.sum(x), 10]])
    gentle = np.linalg.eigh(hessian)[1][:, 0]
    points = Points(x, 100 * (gentle[0] * x + gentle[1]))
    slow = line_descent(fit_data(points), 0.0255, 200)
    assert slow.outcome == "diverged"
    assert not slow.rose_every_step and slow.path.costs[1] < slow.path.costs[0]


def _exact_runaway(points, lr: Fraction) -> tuple[int, Fraction, Fraction]:
    """Exact descent from (0, 0): the first step whose MSE passes 10^8 (MSE_0 + 1), that MSE
    and the threshold (an oracle in Fractions, independent of the float loop)."""
    xs = [Fraction(v) for v in points.x.tolist()]
    ys = [Fraction(v) for v in points.y.tolist()]
    n = len(xs)

    def mse_and_grad(w, b):
        r = [w * x + b - y for x, y in zip(xs, ys, strict=True)]
        grad = (2 * sum(ri * x for ri, x in zip(r, xs, strict=True)) / n, 2 * sum(r) / n)
        return sum(ri * ri for ri in r) / n, grad

    w = b = Fraction(0)
    start, grad = mse_and_grad(w, b)
    threshold = 10**8 * (start + 1)
    for k in range(1, 200):
        w, b = w - lr * grad[0], b - lr * grad[1]
        loss, grad = mse_and_grad(w, b)
        if loss > threshold:
            return k, loss, threshold
    raise AssertionError("did not run away")


@pytest.mark.parametrize(("data", "lr"), [(notes_table(), 0.03), (NOTES_FIXED, 0.03)])
def test_a_stopped_run_keeps_the_step_before_and_records_the_cost_that_stopped_it(data, lr):
    # Review G1: the page said the MSE had passed the threshold at the last step it showed,
    # while that step's MSE was below it; the step that passed it was the next one.
    k, loss, threshold = _exact_runaway(data, Fraction(str(lr)))
    path = gradient_descent_line(data.x, data.y, lr, 3000)
    assert path.steps_taken == k - 1
    assert path.costs[-1] <= float(threshold) < path.stopped_cost
    assert path.stopped_cost == pytest.approx(float(loss), rel=1e-9)


def _same_descent(got, want) -> None:
    """Two LineDescents are the same: every field, the paths' arrays float for float."""
    for name in ("points", "costs", "gradients"):
        np.testing.assert_array_equal(getattr(got.path, name), getattr(want.path, name))
    for name in ("learning_rate", "steps_requested", "outcome", "names", "stopped_cost"):
        assert getattr(got.path, name) == getattr(want.path, name), name
    for name in LineDescent.__dataclass_fields__:
        if name != "path":
            assert getattr(got, name) == getattr(want, name), name


@pytest.mark.parametrize(
    ("points", "rate", "scaled"),
    [
        (notes_table("as-written"), 0.01, False),
        (notes_table("as-written"), 1e-6, False),
        (notes_table("as-written"), 0.025, False),
        (notes_table("as-written"), 0.03, False),  # runs away and is stopped early
        (notes_table("as-written"), 1.5, False),
        (notes_table("fixed"), 0.02, False),
        (notes_table("as-written"), 0.5, True),
        (notes_table("as-written"), 1.0, True),  # bounces
        (notes_table("as-written"), 1.5, True),
        (TWO_HOUSES, 0.1, False),
        (TWO_HOUSES, 0.3, True),
    ],
)
def test_a_shorter_descent_read_off_the_longest_run_is_the_run_itself(points, rate, scaled):
    data = fit_data(points, notes=points.n == 10)
    longest = line_descent(data, rate, 3000, scaled=scaled)
    stop = longest.path.steps_taken
    counts = {0, 1, 2, 7, 10, 100, 999, 1000, 2990, 3000, stop, stop + 1} | {max(0, stop - 1)}
    for iterations in sorted(n for n in counts if n <= 3000):
        want = line_descent(data, rate, iterations, scaled=scaled)
        got = shorter_descent(longest, data, iterations)
        _same_descent(got, want)
        for step in {0, iterations // 2, iterations}:
            assert got.at(step) == want.at(step)
    with pytest.raises(ValueError):
        shorter_descent(line_descent(data, rate, 10, scaled=scaled), data, 11)
