"""Difference quotients against the notes' numbers and against exact derivatives (SymPy)."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from core.errors import LearnerError
from core.round_off import CENTRAL_BEST_DX_ESTIMATE, FORWARD_BEST_DX_ESTIMATE, error_study
from core.secant_pictures import (
    cut_at_window,
    function_frame,
    line_in_window,
    secant_tangent_frame,
    secant_window,
    y_window,
)
from core.secants import (
    EXAMPLES,
    SLIDER_STEPS,
    Line,
    central_difference,
    example,
    secant_line,
    secant_slope,
    secant_table,
    secant_view,
    secant_view_where_defined,
    tangent_line,
)


def square(x: float) -> float:
    return x * x


def test_secant_of_square_from_1_to_2_has_slope_3() -> None:
    assert secant_slope(square, 1.0, 1.0) == 3


def test_secant_of_square_at_1_with_dx_half_is_2_5() -> None:
    assert secant_slope(square, 1.0, 0.5) == 2.5


def test_secant_of_square_at_1_with_dx_one_thousandth_is_2_001() -> None:
    exact = ((Fraction(1) + Fraction(1, 1000)) ** 2 - 1) / Fraction(1, 1000)
    assert exact == Fraction(2001, 1000)
    assert secant_slope(square, 1.0, 0.001) == pytest.approx(2.001, abs=1e-12)


def test_secant_slopes_of_square_approach_the_limit_2() -> None:
    errors = [abs(secant_slope(square, 1.0, dx) - 2) for dx in (1, 0.5, 0.1, 0.01, 0.001)]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1.1e-3


def test_secant_table_lists_the_notes_slopes() -> None:
    table = secant_table(example("x^2"), 1.0)
    assert table["dx"].tolist() == [1, 0.5, 0.1, 0.01, 0.001]
    assert table["secant slope"].round(9).tolist() == [3, 2.5, 2.1, 2.01, 2.001]
    assert table["f(x0 + dx)"].iloc[1] == 2.25


def test_secant_of_cube_at_half_with_dx_1_is_3_25() -> None:
    assert secant_slope(lambda x: x**3, 0.5, 1.0) == 3.25


def test_central_difference_of_sin_at_1_with_dx_1e5_is_within_1e9() -> None:
    assert abs(central_difference(math.sin, 1.0, 1e-5) - math.cos(1.0)) < 1e-9


def test_central_difference_is_exact_for_a_quadratic() -> None:
    assert central_difference(square, 1.0, 0.5) == 2


def test_central_difference_beats_forward_difference_at_moderate_dx() -> None:
    exact = math.exp(0.3)
    forward = abs(secant_slope(math.exp, 0.3, 1e-3) - exact)
    central = abs(central_difference(math.exp, 0.3, 1e-3) - exact)
    assert central < forward / 100


x = sp.Symbol("x")
SYMBOLIC = {"x^2": x**2, "x^3": x**3, "1/x": 1 / x, "sin": sp.sin(x), "exp": sp.exp(x)}


@pytest.mark.parametrize("key", sorted(SYMBOLIC))
@pytest.mark.parametrize("x0", [-2.3, -0.5, 0.7, 1.0, 2.9])
def test_example_derivatives_match_sympy(key: str, x0: float) -> None:
    exact = float(sp.diff(SYMBOLIC[key], x).subs(x, x0))
    ex = example(key)
    assert ex.derivative(x0) == pytest.approx(exact, rel=1e-12)
    assert ex.f(x0) == pytest.approx(float(SYMBOLIC[key].subs(x, x0)), rel=1e-12)
    assert central_difference(ex.f, x0, 1e-5) == pytest.approx(exact, rel=1e-8, abs=1e-8)


def test_the_five_examples_are_named_as_in_the_url() -> None:
    assert list(EXAMPLES) == ["x^2", "x^3", "1/x", "sin", "exp"]


def test_unknown_function_name_is_refused_with_a_message() -> None:
    with pytest.raises(LearnerError, match="x\\^2"):
        example("tan")


def test_tangent_line_of_square_at_1_is_y_equals_2x_minus_1() -> None:
    line = tangent_line(square, lambda t: 2 * t, 1.0)
    assert (line.slope, line.intercept) == (2, -1)
    assert line.at(3.0) == 5


def test_secant_line_passes_through_both_points() -> None:
    line = secant_line(square, 1.0, 0.5)
    assert line.at(1.0) == 1
    assert line.at(1.5) == 2.25


def test_dx_of_zero_is_refused_instead_of_dividing_by_zero() -> None:
    with pytest.raises(LearnerError, match="0/0"):
        secant_slope(square, 1.0, 0.0)


def test_dx_too_small_to_move_x0_is_refused() -> None:
    with pytest.raises(LearnerError, match="too small"):
        secant_slope(square, 1e6, 1e-12)


def test_reciprocal_at_zero_is_refused_with_a_message() -> None:
    with pytest.raises(LearnerError, match="not defined"):
        secant_slope(example("1/x").f, 0.0, 0.5)
    with pytest.raises(LearnerError, match="not defined at x0"):
        secant_view(example("1/x"), 0.0, 0.5)


def test_secant_across_the_pole_of_reciprocal_is_refused() -> None:
    with pytest.raises(LearnerError, match="jumps over a point"):
        secant_view(example("1/x"), -0.5, 1.0)


def test_overflow_becomes_a_learner_error() -> None:
    with pytest.raises(LearnerError):
        secant_slope(math.exp, 800.0, 1.0)


def test_secant_view_of_square_at_1_with_dx_half() -> None:
    view = secant_view(example("x^2"), 1.0, 0.5)
    assert (view.x1, view.y1, view.secant_slope, view.tangent_slope) == (1.5, 2.25, 2.5, 2)
    assert view.error == 0.5


def test_slider_runs_from_1_down_to_1e_12() -> None:
    assert SLIDER_STEPS[0] == 1 and SLIDER_STEPS[-1] == pytest.approx(1e-12)
    assert list(SLIDER_STEPS) == sorted(SLIDER_STEPS, reverse=True)
    assert {1, 0.5, 0.1, 0.01, 0.001} <= set(np.round(SLIDER_STEPS, 15))


def test_forward_error_bottoms_out_near_1e_8_and_then_grows() -> None:
    study = error_study(example("sin"), 1.0)
    best = study.best_forward_dx
    assert 1e-9 <= best <= 1e-7
    assert 1e-9 <= FORWARD_BEST_DX_ESTIMATE <= 1e-7
    at = {float(f"{dx:.3g}"): err for dx, err in zip(study.dx, study.forward_error, strict=True)}
    assert at[1e-12] > 100 * np.nanmin(study.forward_error)
    assert at[1.0] > at[1e-4] > at[1e-7]


def test_central_error_bottoms_out_near_1e_5() -> None:
    for key, x0 in (("sin", 1.0), ("exp", 0.5), ("x^3", 1.0)):
        best = error_study(example(key), x0).best_central_dx
        assert 1e-7 <= best <= 1e-4, key
    assert 1e-6 <= CENTRAL_BEST_DX_ESTIMATE <= 1e-5


def test_central_difference_is_best_at_a_larger_dx_than_forward() -> None:
    study = error_study(example("exp"), 1.0)
    assert study.best_central_dx > 10 * study.best_forward_dx
    assert np.nanmin(study.central_error) < np.nanmin(study.forward_error) / 100


def test_error_frame_drops_zero_errors_for_the_log_axis() -> None:
    study = error_study(example("x^2"), 1.0)
    assert np.any(study.central_error == 0)  # exact for a quadratic
    frame = study.frame("forward", "central")
    assert (frame["error"] > 0).all()
    assert set(frame["method"]) == {"forward", "central"}


def test_error_study_skips_steps_that_cross_the_pole_of_reciprocal() -> None:
    study = error_study(example("1/x"), 0.5, steps=[1.0, 0.1])
    assert np.isnan(study.central_error[0])
    assert not np.isnan(study.forward_error[0])
    assert study.central_error[1] == pytest.approx(abs(-1 / (0.25 - 0.01) + 4), rel=1e-9)


def test_curve_frame_leaves_a_gap_at_the_pole_and_stays_small() -> None:
    ex = example("1/x")
    frame = function_frame(ex, secant_window(ex, 0.3))
    assert len(frame) <= 400
    assert frame["y"].isna().any()
    near_zero = frame[frame["x"].abs() < 0.005]
    assert near_zero["y"].isna().all()
    low, high = y_window(ex, 0.3, secant_window(ex, 0.3))
    assert low < 1 / 0.3 < high
    assert high - low < 50


def test_plot_window_contains_the_secant_with_dx_1() -> None:
    low, high = secant_window(example("x^2"), 1.0)
    assert low < 1.0 and high > 2.0


def test_a_slider_value_a_hair_from_zero_counts_as_zero_for_reciprocal() -> None:
    with pytest.raises(LearnerError, match="not defined at x0"):
        secant_view(example("1/x"), 4.440892098500626e-16, 0.5)
    view = secant_view_where_defined(example("1/x"), 4.440892098500626e-16, 0.5)
    assert (view.missing, view.hole) == ("x0 undefined", 0.0)


def test_secant_tangent_frame_holds_the_curve_and_both_lines() -> None:
    ex = example("x^2")
    view = secant_view(ex, 1.0, 1.0)
    frame = secant_tangent_frame(ex, view, (0.0, 3.0), ("f", "secant", "tangent"))
    secant = frame[frame["curve"] == "secant"]
    tangent = frame[frame["curve"] == "tangent"]
    assert secant["y"].tolist() == [-2.0, 7.0]  # y = 1 + 3(x - 1)
    assert tangent["y"].tolist() == [-1.0, 5.0]  # y = 1 + 2(x - 1)
    assert len(frame[frame["curve"] == "f"]) <= 400


# --- where 1/x is undefined: each number only where it exists ----------------------------------


def test_reciprocal_at_zero_has_no_tangent_and_no_secant_but_keeps_f_at_x0_plus_dx() -> None:
    view = secant_view_where_defined(example("1/x"), 0.0, 0.5)
    assert (view.y0, view.secant_slope, view.tangent_slope, view.error) == (None,) * 4
    assert (view.x1, view.y1) == (0.5, 2.0)
    assert (view.missing, view.hole) == ("x0 undefined", 0.0)


def test_reciprocal_at_minus_zero_is_the_same_hole() -> None:
    view = secant_view_where_defined(example("1/x"), -0.0, 0.5)
    assert (view.missing, view.hole) == ("x0 undefined", 0.0)


def test_reciprocal_secant_across_zero_keeps_the_exact_tangent() -> None:
    view = secant_view_where_defined(example("1/x"), -0.5, 1.0)
    x = sp.Symbol("x")
    assert view.tangent_slope == float(sp.diff(1 / x, x).subs(x, sp.Rational(-1, 2)))  # -4
    assert (view.y0, view.y1) == (-2.0, 2.0)
    assert view.secant_slope is None and view.error is None
    assert (view.missing, view.hole) == ("crosses a hole", 0.0)


def test_reciprocal_secant_ending_on_zero_has_no_value_there() -> None:
    view = secant_view_where_defined(example("1/x"), -1.0, 1.0)
    assert (view.y0, view.tangent_slope, view.y1, view.secant_slope) == (-1.0, -1.0, None, None)
    assert (view.missing, view.hole) == ("ends on a hole", 0.0)


def test_where_everything_is_defined_the_view_equals_the_strict_one() -> None:
    ex = example("1/x")
    assert secant_view_where_defined(ex, -0.5, 0.1) == secant_view(ex, -0.5, 0.1)
    assert secant_view(ex, -0.5, 0.1).secant_slope == pytest.approx(
        (1 / -0.4 - 1 / -0.5) / 0.1, rel=1e-12
    )


def test_missing_lines_keep_their_series_with_no_drawable_rows() -> None:
    ex = example("1/x")
    names = ("f", "secant", "tangent")
    across = secant_tangent_frame(ex, secant_view_where_defined(ex, -0.5, 1.0), (-2, 1), names)
    secant = across[across["curve"] == "secant"]
    tangent = across[across["curve"] == "tangent"]
    assert secant["y"].isna().all() and len(secant) == 2
    assert tangent["y"].tolist() == [-2 - 4 * (-1.5), -2 - 4 * 1.5]
    at_zero = secant_tangent_frame(ex, secant_view_where_defined(ex, 0.0, 1.0), (-2, 1), names)
    assert at_zero[at_zero["curve"] != "f"]["y"].isna().all()
    assert list(dict.fromkeys(at_zero["curve"])) == list(names)


def test_at_the_pole_the_table_and_the_error_study_are_empty() -> None:
    ex = example("1/x")
    assert len(secant_table(ex, 0.0)) == 0
    assert list(secant_table(ex, 0.0).columns) == list(secant_table(ex, 1.0).columns)
    study = error_study(ex, 0.0)
    assert np.isnan(study.forward_error).all() and np.isnan(study.central_error).all()
    assert len(study.frame("forward", "central")) == 0


def test_y_window_at_the_pole_shows_both_branches() -> None:
    ex = example("1/x")
    low, high = y_window(ex, 0.0, secant_window(ex, 0.0))
    assert low < -1 < 1 < high
    assert high - low < 50


def test_a_line_is_cut_where_it_leaves_the_window() -> None:
    xs, ys = line_in_window(Line(0.0, 0.0, 2.0), (-3.0, 3.0), (-1.0, 4.0))
    assert xs.tolist() == [-0.5, 2.0] and ys.tolist() == [-1.0, 4.0]
    xs, ys = line_in_window(Line(0.0, 0.0, 2.0), (-3.0, 3.0))
    assert xs.tolist() == [-3.0, 3.0] and ys.tolist() == [-6.0, 6.0]
    assert np.isnan(line_in_window(Line(0.0, 5.0, 0.0), (-1.0, 1.0), (0.0, 1.0))[1]).all()
    assert np.isnan(line_in_window(Line(5.0, 0.0, 1.0), (-1.0, 1.0), (-1.0, 1.0))[1]).all()


def test_the_curve_of_reciprocal_is_cut_at_the_window_with_one_gap_row_at_the_pole() -> None:
    ex = example("1/x")
    cut = cut_at_window(function_frame(ex, (-1.0, 2.0)), (-4.0, 4.0))
    ys = cut["y"].to_numpy()
    assert np.isnan(ys).sum() == 1  # the pole and everything beyond +-4 near it: one gap
    gap = int(np.flatnonzero(np.isnan(ys))[0])
    assert (cut["x"].iloc[gap - 1], ys[gap - 1]) == pytest.approx((-0.25, -4.0), abs=2e-3)
    assert (cut["x"].iloc[gap + 1], ys[gap + 1]) == pytest.approx((0.25, 4.0), abs=2e-3)
    inside = cut[np.abs(cut["y"]) < 4]
    assert np.allclose(inside["y"], 1 / inside["x"], rtol=1e-12)
    assert cut["x"].is_monotonic_increasing
