"""core.slope_at_point.slope_grid: the calculator's verdict at all 101 positions of x0 at once.

Every position equals slope_at_point at that x0 alone (field by field), the slopes equal
SymPy's own derivative (sympy.diff, an independent oracle) evaluated exactly at the decimal
x0, the windows reach f(x0), and the curves lift the pen at a pole.
"""

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy

from core.derivatives import differentiate, tangent_picture
from core.differentiability import PointKind
from core.expressions import X, parse_function
from core.slope_at_point import X0_STEPS, GridTooSlow, slope_at_point, slope_grid

EXAMPLES = ("x*exp(x)", "exp(2x)", "sin(x)^2", "x^3 - 2x + 1", "ln(x)/x", "sqrt(1 + x^2)")
HARD = (
    "abs(x)",
    "x^(1/3)",
    "x^(2/3)",
    "sin(1/x)",
    "x sin(1/x)",
    "tan(x)",
    "ln(x)",
    "sqrt(x)",
    "1/x",
    "abs(x-1)+abs(x+1)-abs(x)",
    "x*abs(x)",
)
# SymPy's own reading of each function, for x real (real roots where the page means them).
ORACLE = {
    "x*exp(x)": X * sympy.exp(X),
    "exp(2x)": sympy.exp(2 * X),
    "sin(x)^2": sympy.sin(X) ** 2,
    "x^3 - 2x + 1": X**3 - 2 * X + 1,
    "ln(x)/x": sympy.log(X) / X,
    "sqrt(1 + x^2)": sympy.sqrt(1 + X**2),
    "tan(x)": sympy.tan(X),
    "1/x": 1 / X,
    "abs(x)": sympy.Abs(X),
    "x*abs(x)": X * sympy.Abs(X),
    "abs(x-1)+abs(x+1)-abs(x)": sympy.Abs(X - 1) + sympy.Abs(X + 1) - sympy.Abs(X),
    "x^(1/3)": sympy.real_root(X, 3),
    "sqrt(x)": sympy.sqrt(X),
    "ln(x)": sympy.log(X),
}


def parsed(text: str):
    f = parse_function(text)
    return f, differentiate(f).result


_GRIDS: dict[str, object] = {}


def grid(text: str):
    if text not in _GRIDS:
        _GRIDS[text] = slope_grid(*parsed(text))
    return _GRIDS[text]


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def test_the_positions_are_the_old_slider_s_101_values():
    assert len(X0_STEPS) == 101
    assert [Fraction(str(x)) for x in X0_STEPS] == [Fraction(k, 10) for k in range(-50, 51)]
    assert X0_STEPS[60] == 1.0


@pytest.mark.parametrize("text", EXAMPLES + HARD)
def test_every_position_is_slope_at_point_alone(text):
    expr, derivative = parsed(text)
    found = grid(text)
    assert found.x0s == X0_STEPS
    for point in found.points:
        alone = slope_at_point(expr, derivative, point.x0)
        assert point.kind is alone.kind, point.x0
        assert same(point.f_x0, alone.f_x0) and same(point.slope, alone.slope), point.x0
        assert point.from_formula == alone.from_formula
        assert same(point.left_limit, alone.left_limit)
        assert same(point.right_limit, alone.right_limit)
        assert point.ways == alone.ways or (
            point.ways is not None
            and all(
                same(getattr(point.ways, k), getattr(alone.ways, k))
                for k in point.ways.__dataclass_fields__
            )
        )
        pd.testing.assert_frame_equal(point.one_sided, alone.one_sided)
        assert same(point.picture.f_x0, alone.picture.f_x0)
        assert same(point.picture.slope, alone.picture.slope)


def kinks(text: str) -> list[sympy.Expr]:
    """The insides of |u| and of roots in SymPy's reading of f: the only places where a
    function built from these pieces can fail to have a derivative while it has a value."""
    f = ORACLE[text]
    insides = [a.args[0] for a in f.atoms(sympy.Abs)]
    insides += [p.base for p in f.atoms(sympy.Pow) if not p.exp.is_Integer]
    return insides


def exact_slope(text: str, x0: float) -> sympy.Expr:
    """The oracle: SymPy's derivative of its own reading of f, at the exact decimal x0."""
    return sympy.diff(ORACLE[text], X).subs(X, sympy.Rational(str(x0)))


@pytest.mark.parametrize("text", [t for t in EXAMPLES + HARD if t in ORACLE])
def test_slopes_equal_sympy_diff_at_every_differentiable_position(text):
    checked = 0
    for point in grid(text).points:
        oracle = exact_slope(text, point.x0)
        value_there = ORACLE[text].subs(X, sympy.Rational(str(point.x0)))
        defined = value_there.is_real and value_there.is_finite
        if not defined:
            assert point.kind is PointKind.UNDEFINED, (text, point.x0)
            continue
        if point.kind is not PointKind.DIFFERENTIABLE:
            # only where the inside of an |u| or of a root is 0, never where f is smooth
            assert any(u.subs(X, sympy.Rational(str(point.x0))) == 0 for u in kinks(text)), (
                text,
                point.x0,
            )
            continue
        expected = float(oracle.evalf(30))
        assert point.slope == pytest.approx(expected, rel=1e-9, abs=1e-9), (text, point.x0)
        checked += 1
    assert checked >= 40


def test_polynomial_slopes_are_exact_to_the_shown_digits():
    """x^3 - 2x + 1: f'(x0) = 3 x0^2 - 2 in Fractions; the float formula's value rounds to it."""
    for point in grid("x^3 - 2x + 1").points:
        exact = 3 * Fraction(str(point.x0)) ** 2 - 2
        assert point.exists and point.from_formula
        assert point.slope == pytest.approx(float(exact), rel=1e-15, abs=1e-15)


@pytest.mark.parametrize(
    ("text", "x0", "kind", "left", "right"),
    [
        ("abs(x)", 0.0, PointKind.CORNER, -1.0, 1.0),
        ("x^(1/3)", 0.0, PointKind.VERTICAL_TANGENT, math.inf, math.inf),
        ("x^(2/3)", 0.0, PointKind.CUSP, -math.inf, math.inf),
        ("abs(x-1)+abs(x+1)-abs(x)", 1.0, PointKind.CORNER, -1.0, 1.0),
        ("abs(x-1)+abs(x+1)-abs(x)", -1.0, PointKind.CORNER, -1.0, 1.0),
        ("abs(x-1)+abs(x+1)-abs(x)", 0.0, PointKind.CORNER, 1.0, -1.0),
        ("sqrt(x)", 0.0, PointKind.UNDEFINED, math.nan, math.nan),
        ("1/x", 0.0, PointKind.UNDEFINED, math.nan, math.nan),
        ("ln(x)", -1.0, PointKind.UNDEFINED, math.nan, math.nan),
    ],
)
def test_where_there_is_no_derivative_the_grid_says_why(text, x0, kind, left, right):
    point = grid(text).points[X0_STEPS.index(x0)]
    assert point.kind is kind and not point.exists
    assert math.isnan(point.slope) and point.ways is None
    for got, want in ((point.left_limit, left), (point.right_limit, right)):
        if math.isnan(want) or math.isinf(want):
            assert same(got, want)
        else:
            assert got == pytest.approx(want, abs=1e-6)


@pytest.mark.parametrize("text", EXAMPLES + HARD)
def test_each_window_reaches_f_x0_and_is_the_old_chart_s_within_1_percent(text):
    """The window is the old chart's rule (tangent_picture) with f(x0) left out of the
    percentiles: the picture's while f(x0) lies inside it, stretched to f(x0) otherwise;
    within 1 % of its height of what tangent_picture chose (f(x0) shifts its percentiles)."""
    expr, derivative = parsed(text)
    found = grid(text)
    low, high = found.y_domain
    for point in found.points:
        w_low, w_high = point.picture.y_domain
        if math.isfinite(point.f_x0):
            assert w_low < point.f_x0 < w_high
        if point.picture.y_domain != found.y_domain:  # stretched towards f(x0), never cut
            assert math.isfinite(point.f_x0)
            assert w_low <= low and w_high >= high and (w_low < low or w_high > high)
        old = tangent_picture(expr, derivative, point.x0).y_domain
        span = old[1] - old[0]
        assert abs(w_low - old[0]) <= span / 100 and abs(w_high - old[1]) <= span / 100


def test_curves_are_f_and_f_prime_with_the_pen_lifted_only_at_poles():
    for text in ("x*exp(x)", "sin(x)^2", "sqrt(1 + x^2)", "x^3 - 2x + 1"):
        curves = grid(text).curves
        for name, oracle in (("f(x)", ORACLE[text]), ("f'(x)", sympy.diff(ORACLE[text], X))):
            part = curves[curves["curve"] == name]
            assert len(part) == 301 and part["y"].notna().all()  # no lifted pen
            at = sympy.lambdify(X, oracle, "math")
            assert np.allclose(part["y"], [at(float(x)) for x in part["x"]], rtol=1e-12)
    pi = math.pi
    for text, poles in (
        ("tan(x)", [-3 * pi / 2, -pi / 2, pi / 2, 3 * pi / 2]),
        ("x/(x^2 - 2)", [-math.sqrt(2), math.sqrt(2)]),
        ("1/(x - 0.05)", [0.05]),
        ("sin(20x)", []),
    ):
        f = slope_grid(*parsed(text)).curves.query("curve == 'f(x)'")
        lifted = f.loc[f["y"].isna(), "x"].to_numpy()
        assert len(lifted) == len(poles), (text, lifted)
        for pole in poles:
            assert np.min(np.abs(lifted - pole)) < 1 / 30, (text, pole)


def test_a_time_limit_stops_the_grid_between_positions():
    with pytest.raises(GridTooSlow):
        slope_grid(*parsed("x*exp(x)"), time_limit=0.0)
    assert len(slope_grid(*parsed("x*exp(x)"), time_limit=60.0).points) == 101
