"""core.autodiff.compile_dual: f's tree walked once for dual numbers, then called at many
points (core.slope_at_point.slope_grid), with the slopes of the walk at every call."""

import math

import sympy

from core.autodiff import Dual, compile_dual, derivative_at, dual_slope
from core.expressions import X, parse_function


def test_a_compiled_walk_gives_sympy_s_slope_at_many_points():
    f = parse_function("x*exp(x) + sin(x)^2 - sqrt(1 + x^2)/(2 + cos(x))")
    oracle = sympy.diff(
        X * sympy.exp(X) + sympy.sin(X) ** 2 - sympy.sqrt(1 + X**2) / (2 + sympy.cos(X)), X
    )
    compiled = compile_dual(f)
    for k in range(-20, 21):
        x0 = k / 4
        got = dual_slope(compiled, x0)
        assert got == derivative_at(f, x0)
        assert math.isclose(
            got, float(oracle.subs(X, sympy.Rational(k, 4)).evalf(30)), rel_tol=1e-12
        )


def test_a_node_dual_numbers_do_not_cover_fails_when_called_not_when_compiled():
    compiled = compile_dual(sympy.sign(X) * X)  # sign: not covered
    assert math.isnan(dual_slope(compiled, 1.0))
    assert compile_dual(X**2)(Dual(3.0, 1.0)) == Dual(9.0, 6.0)


def test_where_f_is_undefined_the_slope_is_nan():
    compiled = compile_dual(parse_function("ln(x)"))
    assert math.isnan(dual_slope(compiled, -1.0)) and math.isnan(dual_slope(compiled, 0.0))
    assert dual_slope(compiled, 2.0) == 0.5
