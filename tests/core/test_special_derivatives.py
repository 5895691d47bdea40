"""sin, cos, e^x and ln x: difference quotients, the limit that defines e, the inverse rule."""

import math

import numpy as np
import pytest
import sympy

from core.errors import LearnerError
from core.special_derivatives import (
    compound_interest,
    compound_interest_gap,
    compound_interest_table,
    exponential_curve,
    exponential_quotient,
    exponential_tangent,
    inverse_curves,
    inverse_slope,
    ln_quotient,
    slope_factor,
    wave_curves,
    wave_derivative,
    wave_quotient,
    wave_quotient_table,
    wave_secant,
)

X = sympy.Symbol("x")


@pytest.mark.parametrize(("name", "function"), [("sin", sympy.sin(X)), ("cos", sympy.cos(X))])
@pytest.mark.parametrize("at", [-2.0, 0.0, 0.7, 3.0])
def test_wave_derivative_matches_sympy(name: str, function: sympy.Expr, at: float) -> None:
    exact = float(sympy.diff(function, X).subs(X, at))
    assert float(wave_derivative(name, at)) == pytest.approx(exact, abs=1e-15)
    assert float(wave_quotient(name, at, 1e-6)) == pytest.approx(exact, abs=1e-5)


def test_sin_difference_quotient_at_zero_tends_to_cos_0_equal_1() -> None:
    table = wave_quotient_table("sin", 0.0, (1.0, 0.1, 0.01, 0.001))
    # sin(dx)/dx: 0.8415, 0.99833, 0.9999833, ...
    assert table["difference quotient"].tolist() == pytest.approx(
        [math.sin(1.0), math.sin(0.1) / 0.1, math.sin(0.01) / 0.01, math.sin(0.001) / 0.001]
    )
    assert abs(table["error"].iloc[-1]) < 1e-6


def test_cos_difference_quotient_tends_to_minus_sin() -> None:
    table = wave_quotient_table("cos", math.pi / 2, (0.1, 0.001))
    assert table["exact"].iloc[0] == pytest.approx(-1.0)
    assert table["difference quotient"].iloc[-1] == pytest.approx(-1.0, abs=1e-3)


def test_wave_curves_quotient_line_lies_close_to_the_derivative_for_small_dx() -> None:
    data = wave_curves("sin", 0.001)
    quotient = data[data["series"] == "(sin(x + dx) − sin x) / dx"]["y"].to_numpy()
    derivative = data[data["series"] == "cos x"]["y"].to_numpy()
    assert np.max(np.abs(quotient - derivative)) < 1e-3
    far = wave_curves("sin", 1.0)
    far_quotient = far[far["series"] == "(sin(x + dx) − sin x) / dx"]["y"].to_numpy()
    assert np.max(np.abs(far_quotient - derivative)) > 0.2


def test_compound_interest_tends_to_e() -> None:
    assert compound_interest(1) == pytest.approx(2.0)
    assert compound_interest(2) == pytest.approx(2.25)
    assert compound_interest(12) == pytest.approx((1 + 1 / 12) ** 12)
    assert compound_interest(365) == pytest.approx(2.714567, abs=1e-6)
    assert compound_interest(10**9) == pytest.approx(math.e, abs=1e-8)
    assert float(sympy.limit((1 + 1 / X) ** X, X, sympy.oo)) == pytest.approx(math.e)


def test_compound_interest_table_grows_towards_e_and_stays_below_it() -> None:
    table = compound_interest_table()
    values = table["(1 + 1/n)^n"].tolist()
    assert values == sorted(values)
    assert all(v < math.e for v in values)
    assert table["e - (1 + 1/n)^n"].iloc[-1] < 1e-6


@pytest.mark.parametrize("at", [-1.0, 0.0, 1.0, 2.0])
def test_exp_is_its_own_slope(at: float) -> None:
    assert exponential_quotient(at, 1e-7) == pytest.approx(math.exp(at), rel=1e-6)


@pytest.mark.parametrize("base", [2.0, math.e, 3.0, 10.0])
def test_slope_factor_of_a_to_the_x_tends_to_ln_a(base: float) -> None:
    assert slope_factor(base, 1e-9) == pytest.approx(math.log(base), rel=1e-7)
    assert slope_factor(math.e, 1e-9) == pytest.approx(1.0)


@pytest.mark.parametrize("y", [0.25, 1.0, 2.0, 3.5])
def test_inverse_rule_for_square_root_matches_sympy(y: float) -> None:
    slope = inverse_slope("square", y)
    exact = float(sympy.diff(sympy.sqrt(X), X).subs(X, y))
    assert slope.x == pytest.approx(math.sqrt(y))
    assert slope.f_slope == pytest.approx(2 * math.sqrt(y))
    assert slope.g_slope == pytest.approx(exact)
    assert slope.reciprocal == pytest.approx(exact)
    assert slope.g_quotient == pytest.approx(exact, rel=1e-3)


@pytest.mark.parametrize("y", [0.25, 1.0, 2.0, 3.5])
def test_inverse_rule_for_ln_gives_one_over_y(y: float) -> None:
    slope = inverse_slope("exp", y)
    exact = float(sympy.diff(sympy.log(X), X).subs(X, y))
    assert slope.x == pytest.approx(math.log(y))
    assert slope.f_slope == pytest.approx(y)  # e^(ln y) = y
    assert slope.reciprocal == pytest.approx(exact) == pytest.approx(1 / y)
    assert slope.g_quotient == pytest.approx(exact, rel=1e-3)


def test_ln_difference_quotient_at_2_tends_to_one_half() -> None:
    assert ln_quotient(2.0, 1.0) == pytest.approx(math.log(1.5))
    assert ln_quotient(2.0, 1e-8) == pytest.approx(0.5, rel=1e-7)


def test_inverse_curves_mirror_each_other_in_y_equals_x() -> None:
    data = inverse_curves("exp")
    f = data[data["series"] == "f(x) = e^x"]
    g = data[data["series"] == "g(y) = ln y"]
    # g's points are f's points with the coordinates swapped: e^(g(y)) = y, same ranges swapped
    assert np.allclose(np.exp(g["y"]), g["x"])
    assert (g["y"].min(), g["y"].max()) == pytest.approx((f["x"].min(), f["x"].max()))
    assert (g["x"].min(), g["x"].max()) == pytest.approx((f["y"].min(), f["y"].max()))
    assert data["y"].max() <= 4.0 + 1e-9


def test_special_derivatives_refuse_bad_input() -> None:
    with pytest.raises(LearnerError):
        wave_quotient("tan", 0.0, 0.1)
    with pytest.raises(LearnerError):
        wave_quotient("sin", 0.0, 0.0)
    with pytest.raises(LearnerError):
        compound_interest(0)
    with pytest.raises(LearnerError):
        inverse_slope("square", -1.0)
    with pytest.raises(LearnerError):
        inverse_slope("cube", 1.0)
    with pytest.raises(LearnerError):
        ln_quotient(-1.0, 0.1)
    with pytest.raises(LearnerError):
        slope_factor(-2.0, 0.1)


def test_wave_secant_of_sin_at_1_with_dx_half() -> None:
    secant = wave_secant("sin", 1.0, 0.5)
    assert secant.slope == pytest.approx((math.sin(1.5) - math.sin(1.0)) / 0.5)
    assert secant.exact == pytest.approx(math.cos(1.0))
    assert secant.error == pytest.approx(secant.slope - math.cos(1.0))


def test_compound_interest_gap_for_monthly_compounding() -> None:
    assert compound_interest_gap(12) == pytest.approx(math.e - (13 / 12) ** 12)
    assert compound_interest_gap(12) == pytest.approx(0.10524, abs=1e-5)


def test_exponential_tangent_slope_equals_value() -> None:
    value, slope = exponential_tangent(1.0)
    assert value == pytest.approx(math.e)
    assert slope == pytest.approx(math.e, rel=1e-5)
    curve = exponential_curve((-1.0, 1.0), points=3)
    assert curve["y"].tolist() == pytest.approx([1 / math.e, 1.0, math.e])


def test_inverse_slope_is_measured_centrally_so_it_agrees_with_one_over_f_prime() -> None:
    """sqrt at y = 2: 1/f'(x) = 1/(2 sqrt 2) = 0.353553...; a forward quotient with dy = 1e-4
    gives 0.353549 (0.3535 to four digits), the central one agrees to about 1e-10."""
    slope = inverse_slope("square", 2.0)
    assert abs(slope.g_quotient - 1 / (2 * math.sqrt(2))) < 1e-9
