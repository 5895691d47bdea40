"""Zero slope: maxima, minima and the flat inflection, against SymPy and the second derivative."""

import numpy as np
import pytest
import sympy as sp

from core.errors import LearnerError
from core.zero_slope import (
    CURVE,
    DOMAIN,
    X,
    curve_frame,
    curve_slope,
    curve_stationary_points,
    curve_value,
    describe_slope,
    stationary_point_at,
    stationary_points,
)


def test_page_curve_has_a_local_minimum_a_flat_inflection_and_a_local_maximum() -> None:
    points = curve_stationary_points()
    assert [(p.x, p.value, p.kind) for p in points] == [
        (-1.0, -2.0, "local minimum"),
        (0.0, 0.0, "no extremum"),
        (1.0, 2.0, "local maximum"),
    ]


def test_page_curve_extrema_are_only_local_because_the_window_ends_go_further() -> None:
    # The lecturer's finding: f(1.4) = -2.41472 < f(-1) = -2, f(-1.4) = 2.41472 > f(1) = 2.
    ends = [CURVE.subs(X, sp.Rational(-7, 5)), CURVE.subs(X, sp.Rational(7, 5))]
    assert ends == [sp.Rational(241472, 100000), sp.Rational(-241472, 100000)]
    assert min(ends) < -2 and max(ends) > 2
    assert float(ends[1]) == pytest.approx(curve_value(1.4))


def test_on_a_narrower_window_the_same_points_are_global() -> None:
    window = (sp.Rational(-11, 10), sp.Rational(11, 10))  # f(1.1) = -1.338... > -2
    kinds = [p.kind for p in stationary_points(CURVE, window=window)]
    assert kinds == ["global minimum", "no extremum", "global maximum"]


def test_page_curve_agrees_with_the_second_derivative_test() -> None:
    second = sp.diff(CURVE, X, 2)
    assert second.subs(X, -1) > 0  # concave up: minimum
    assert second.subs(X, 1) < 0  # concave down: maximum
    assert second.subs(X, 0) == 0  # the second-derivative test is silent at 0
    assert sp.diff(CURVE, X, 3).subs(X, 0) != 0  # odd first non-zero derivative: inflection


def test_curve_and_slope_functions_match_sympy() -> None:
    xs = np.linspace(*DOMAIN, 29)
    f = sp.lambdify(X, CURVE, "numpy")
    df = sp.lambdify(X, sp.diff(CURVE, X), "numpy")
    assert np.allclose(curve_value(xs), f(xs))
    assert np.allclose(curve_slope(xs), df(xs))
    assert curve_slope(0.5) == pytest.approx(2.8125)


def test_cube_has_a_flat_inflection_at_zero_not_a_minimum() -> None:
    (point,) = stationary_points(X**3)
    assert (point.x, point.kind) == (0.0, "no extremum")


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        (X**2, [(0.0, "global minimum")]),
        (-(X**2) + 4, [(0.0, "global maximum")]),
        (X**3 - 3 * X, [(-1.0, "local maximum"), (1.0, "local minimum")]),
        (X**4, [(0.0, "global minimum")]),
        (
            X**4 - 2 * X**2,
            [(-1.0, "global minimum"), (0.0, "local maximum"), (1.0, "global minimum")],
        ),
        (2 * X + 1, []),
    ],
)
def test_stationary_points_are_classified_by_the_sign_change_of_the_slope(expr, expected) -> None:
    assert [(p.x, p.kind) for p in stationary_points(expr)] == expected


def test_slider_values_snap_to_the_stationary_point() -> None:
    points = curve_stationary_points()
    assert stationary_point_at(-0.9999999999999999, points).kind == "local minimum"
    assert stationary_point_at(0.5, points) is None


def test_point_outside_the_drawn_curve_is_refused() -> None:
    with pytest.raises(LearnerError):
        stationary_point_at(3.0, curve_stationary_points())


def test_tangent_direction_words() -> None:
    assert describe_slope(0.0) == "horizontal"
    assert describe_slope(curve_slope(0.5)) == "uphill"
    assert describe_slope(curve_slope(1.2)) == "downhill"


def test_curve_frame_is_small_enough_to_draw() -> None:
    frame = curve_frame()
    assert len(frame) <= 400
    assert frame["y"].max() == pytest.approx(2.41, abs=0.02)


def test_zero_slope_view_at_half_has_the_exact_slope_2_8125():
    from fractions import Fraction

    from core.zero_slope import zero_slope_view

    view = zero_slope_view(0.5)
    x = sp.Rational(1, 2)
    assert (
        view.slope == Fraction(str(sp.diff(5 * X**3 - 3 * X**5, X).subs(X, x))) == Fraction(45, 16)
    )
    assert view.direction == "uphill" and view.here is None


def test_a_local_minimum_names_the_window_point_below_it():
    from fractions import Fraction

    from core.zero_slope import zero_slope_view

    view = zero_slope_view(-1.0)
    assert view.here is not None and view.here.kind == "local minimum"
    end = sp.Rational(7, 5)
    assert view.beaten_by == (Fraction(7, 5), Fraction(str((5 * X**3 - 3 * X**5).subs(X, end))))
    assert view.beaten_by[1] < -2
