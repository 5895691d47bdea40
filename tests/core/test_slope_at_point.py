"""Does f'(x0) exist? The calculator's verdict against SymPy's one-sided limits."""

import math

import pytest
import sympy

from core.derivatives import differentiate
from core.differentiability import PointKind
from core.expressions import X, parse_function
from core.slope_at_point import formula_needs_a_caveat, slope_at_point

H = sympy.Symbol("h", positive=True)


# The same functions written for SymPy with real roots (its x**(1/3) is complex for x < 0).
REAL = {
    "abs(x)": sympy.Abs(X),
    "x^(1/3)": sympy.real_root(X, 3),
    "x^(2/3)": sympy.real_root(X**2, 3),
}


def one_sided_limits(text: str, x0: int) -> tuple[sympy.Expr, sympy.Expr]:
    """The oracle: lim (f(x0) - f(x0 - h))/h and lim (f(x0 + h) - f(x0))/h as h -> 0+."""
    f = REAL[text]
    at = f.subs(X, x0)
    left = sympy.limit((at - f.subs(X, x0 - H)) / H, H, 0, "+")
    right = sympy.limit((f.subs(X, x0 + H) - at) / H, H, 0, "+")
    return left, right


def point(text: str, x0: float):
    f = parse_function(text)
    return slope_at_point(f, differentiate(f).result, x0)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("abs(x)", PointKind.CORNER),
        ("x^(1/3)", PointKind.VERTICAL_TANGENT),
        ("x^(2/3)", PointKind.CUSP),
    ],
)
def test_no_derivative_at_0_where_the_one_sided_limits_differ_or_run_off(text, kind):
    result = point(text, 0.0)
    left, right = one_sided_limits(text, 0)
    assert left != right or not left.is_finite
    assert result.kind is kind and not result.exists
    assert math.isnan(result.slope) and result.ways is None
    for got, oracle in ((result.left_limit, left), (result.right_limit, right)):
        if oracle.is_finite:
            assert got == pytest.approx(float(oracle), abs=1e-6)
        else:
            assert math.isinf(got) and (got > 0) == (oracle == sympy.oo)


def test_abs_at_0_is_a_corner_although_the_formula_sign_gives_0():
    """The rules give |x|' = sign(x) and sign(0) = 0; the quotients say -1 and +1."""
    result = point("abs(x)", 0.0)
    assert result.picture.slope == 0.0  # the formula's value, which is not a slope here
    assert (result.left_limit, result.right_limit) == (-1.0, 1.0)
    assert result.one_sided["left_slope"].tolist() == [-1.0, -1.0, -1.0]


def test_one_over_x_at_0_is_undefined():
    result = point("1/x", 0.0)
    assert result.kind is PointKind.UNDEFINED and not result.exists


@pytest.mark.parametrize(
    "text", ["x*exp(x)", "exp(2x)", "sin(x)^2", "x^3 - 2x + 1", "sqrt(1 + x^2)", "x*abs(x)"]
)
@pytest.mark.parametrize("x0", [-5.0, -2.3, -0.1, 0.0, 0.7, 1.0, 3.1, 5.0])
def test_smooth_examples_have_f_prime_equal_to_sympy_diff(text, x0):
    result = point(text, x0)
    oracle = float(sympy.diff(parse_function(text), X).subs(X, sympy.Rational(str(x0))))
    assert result.exists, (text, x0, result.kind)
    assert result.from_formula
    assert result.slope == pytest.approx(oracle, rel=1e-12, abs=1e-12)


def test_abs_away_from_0_has_slope_sign_x():
    assert point("abs(x)", -1.5).slope == -1.0
    assert point("abs(x)", 0.5).slope == 1.0


def test_a_sign_in_the_formula_asks_for_the_caveat_x_not_0():
    assert formula_needs_a_caveat(differentiate(parse_function("abs(x)")).result)
    assert not formula_needs_a_caveat(differentiate(parse_function("x*exp(x)")).result)


def test_the_drawn_f_prime_of_abs_breaks_at_0_instead_of_joining_minus_1_and_1():
    picture = point("abs(x)", 1.0).picture
    f_prime = picture.frame[picture.frame["curve"] == "f'(x)"]
    at_zero = f_prime[f_prime["x"].abs() < 1e-12]
    assert len(at_zero) == 1 and math.isnan(at_zero["y"].iloc[0])
    assert set(f_prime["y"].dropna()) == {-1.0, 1.0}
