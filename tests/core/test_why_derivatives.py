import sympy as sp

from core.why_derivatives import BEST_W, loss, loss_curve, loss_slope, tangent_at


def test_loss_slope_matches_sympy_derivative_at_sample_points():
    w = sp.Symbol("w")
    exact = sp.diff((w - 3) ** 2 + 1, w)
    for value in (-2.0, 0.0, 1.5, 3.0, 4.5, 10.0):
        assert float(loss_slope(value)) == float(exact.subs(w, value))


def test_slope_is_zero_exactly_at_the_minimum():
    assert tangent_at(BEST_W).slope == 0.0
    assert tangent_at(BEST_W).loss == 1.0
    assert tangent_at(1.5).slope == -3.0
    assert tangent_at(4.5).slope == 3.0


def test_loss_curve_has_its_smallest_sample_at_w_equal_3():
    curve = loss_curve(0.0, 6.0, 121)
    assert curve.loc[curve["loss"].idxmin(), "w"] == BEST_W
    assert float(loss(0.0)) == 10.0
