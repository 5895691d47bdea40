"""Dual numbers: one tiny test per primitive against its closed form, then whole expressions."""

import math

import pytest
import sympy

from core import autodiff
from core.autodiff import Dual, derivative_at, expression_central_difference, three_ways
from core.expressions import X, parse_function

A = Dual(3.0, 1.0)  # x = 3, dx/dx = 1


def test_plain_numbers_are_constants_with_slope_zero():
    assert autodiff.lift(2) == Dual(2.0, 0.0)


def test_sum_and_difference_add_slopes():
    assert Dual(5.0, 1.0) == A + 2
    assert Dual(-1.0, -1.0) == 2 - A
    assert Dual(0.0, 0.0) == A - A


def test_product_rule_for_x_times_x_at_3_gives_6():
    assert Dual(9.0, 6.0) == A * A
    assert Dual(12.0, 4.0) == 4 * A


def test_quotient_rule_for_one_over_x_at_3():
    result = 1 / A
    assert result.value == pytest.approx(1 / 3)
    assert result.slope == pytest.approx(-1 / 9)


def test_power_rule_for_x_cubed_at_3_gives_27():
    assert Dual(27.0, 27.0) == A**3


def test_real_cube_root_at_minus_8_has_slope_one_twelfth():
    result = Dual(-8.0, 1.0) ** (1 / 3)
    assert result.value == pytest.approx(-2.0)
    assert result.slope == pytest.approx(1 / 12)


def test_constant_to_the_x_at_3_has_slope_a_to_the_x_ln_a():
    result = 2**A
    assert result.value == pytest.approx(8.0)
    assert result.slope == pytest.approx(8 * math.log(2))


def test_x_to_the_x_at_2_has_slope_4_times_ln2_plus_1():
    result = Dual(2.0, 1.0) ** Dual(2.0, 1.0)
    assert result.slope == pytest.approx(4 * (math.log(2) + 1))


@pytest.mark.parametrize(
    ("function", "slope"),
    [
        (autodiff.sin, math.cos(3)),
        (autodiff.cos, -math.sin(3)),
        (autodiff.tan, 1 + math.tan(3) ** 2),
        (autodiff.exp, math.exp(3)),
        (autodiff.log, 1 / 3),
        (autodiff.sqrt, 1 / (2 * math.sqrt(3))),
        (autodiff.absolute, 1.0),
    ],
    ids=["sin", "cos", "tan", "exp", "log", "sqrt", "abs"],
)
def test_each_function_carries_its_derivative(function, slope):
    assert function(A).slope == pytest.approx(slope)


def test_abs_at_its_kink_takes_slope_zero_and_at_negative_x_minus_one():
    assert abs(Dual(-2.0, 1.0)) == Dual(2.0, -1.0)
    assert autodiff.absolute(Dual(0.0, 1.0)).slope == 0.0
    assert autodiff.absolute(Dual(-2.0, 1.0)).slope == -1.0


def test_derivative_of_x_e_to_the_x_at_1_is_2e():
    assert derivative_at(parse_function("x*exp(x)"), 1.0) == pytest.approx(2 * math.e, rel=1e-15)


def test_chain_rule_through_dual_numbers_matches_the_formula():
    f = parse_function("sin(x^2) + ln(1 + e^(2x))")
    x0 = 0.7
    exact = 2 * x0 * math.cos(x0**2) + 2 * math.exp(2 * x0) / (1 + math.exp(2 * x0))
    assert derivative_at(f, x0) == pytest.approx(exact, rel=1e-14)


def test_derivative_where_f_is_undefined_is_nan():
    assert math.isnan(derivative_at(parse_function("ln(x)"), -1.0))
    assert math.isnan(derivative_at(parse_function("1/x"), 0.0))


def test_central_difference_error_shrinks_like_h_squared():
    f = parse_function("x^3")  # (f(x+h) - f(x-h)) / 2h = 3x^2 + h^2 exactly
    exact = 3 * 0.5**2
    error_big = abs(expression_central_difference(f, 0.5, 1e-2) - exact)
    error_small = abs(expression_central_difference(f, 0.5, 1e-3) - exact)
    assert error_big == pytest.approx(1e-4, rel=1e-6)
    assert error_big / error_small == pytest.approx(100, rel=1e-3)


def test_three_ways_at_the_notes_example_agree_with_2e():
    f = parse_function("x*exp(x)")
    ways = three_ways(f, sympy.diff(f, X), 1.0)
    assert ways.exact == pytest.approx(5.43656365691809, rel=1e-14)
    assert ways.dual == ways.exact
    assert ways.central_error == abs(ways.central_difference - ways.exact)
    assert 0 < ways.central_error < 1e-8
    assert ways.h == 1e-5 and ways.x0 == 1.0


def test_no_slope_where_f_itself_is_undefined_even_if_the_formula_for_f_prime_has_a_value():
    f = parse_function("ln(x)")
    ways = three_ways(f, sympy.diff(f, X), -1.0)
    assert math.isnan(ways.exact) and math.isnan(ways.dual) and math.isnan(ways.central_difference)
