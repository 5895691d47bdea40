"""The power rule's three controls as one cross (core.power_pictures.power_cross): the
picture along n, along the point x and along the step dx through one (n, x, dx), each in the
window every exponent shares at its x and dx, checked against SymPy, exact Fractions and
`power_grid` made afresh at each point and step."""

from fractions import Fraction

import pandas as pd
import pytest
import sympy

from core.power_pictures import EXPONENT_STEPS, PowerPicture, power_cross, power_grid

X = sympy.Symbol("x", positive=True)
POINTS = tuple(round(0.1 * k, 1) for k in range(1, 21))  # the old point slider: 0.1 to 2.0
STEPS = (1.0, 0.5, 0.2, 0.1, 0.01, 0.001)  # the old dx slider


def rational(value: float | Fraction) -> sympy.Rational:
    q = Fraction(repr(value)) if isinstance(value, float) else value
    return sympy.Rational(q.numerator, q.denominator)


def oracle(n: Fraction, x: float, dx: float) -> tuple[sympy.Expr, sympy.Expr]:
    """((x + dx)^n - x^n) / dx and d/dx x^n at x, from SymPy."""
    f = X ** rational(n)
    secant = (f.subs(X, rational(x) + rational(dx)) - f.subs(X, rational(x))) / rational(dx)
    return secant, sympy.diff(f, X).subs(X, rational(x))


def same_picture(a: PowerPicture, b: PowerPicture) -> None:
    assert a.working == b.working
    assert (a.outside, a.grip) == (b.outside, b.grip)
    for name in ("function", "derivative", "secant", "tangent"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


@pytest.mark.parametrize(
    ("n", "x", "dx"),
    [(Fraction(3), 0.5, 1.0), (Fraction(-2), 0.1, 0.001), (Fraction(1, 3), 2.0, 0.5)],
)
def test_each_row_of_x_and_of_dx_is_power_grids_picture_there_in_its_window(
    n: Fraction, x: float, dx: float
) -> None:
    """A row reached by moving x (or dx) is the very picture Python draws once it hears that
    x (or dx): the same working, curves, lines, ring and window."""
    cross = power_cross(EXPONENT_STEPS, POINTS, STEPS, float(n), x, dx)
    k = EXPONENT_STEPS.index(n)
    assert cross.points == POINTS and cross.steps == STEPS
    for views, places in (
        (cross.by_x, [(p, dx) for p in POINTS]),
        (cross.by_dx, [(x, s) for s in STEPS]),
    ):
        assert len(views) == len(places)
        for view, (p, s) in zip(views, places, strict=True):
            grid = power_grid(EXPONENT_STEPS, p, s)
            assert (view.x_range, view.y_range) == (grid.x_range, grid.y_range), (p, s)
            same_picture(view.picture, grid.pictures[k])


def test_the_rows_of_n_are_the_grid_at_x_and_dx_and_the_three_cross_at_python_s_place() -> None:
    cross = power_cross(EXPONENT_STEPS, POINTS, STEPS, 2.0, 1.2, 0.1)
    grid = power_grid(EXPONENT_STEPS, 1.2, 0.1)
    for view, picture in zip(cross.by_n, grid.pictures, strict=True):
        same_picture(view.picture, picture)
    assert {(v.x_range, v.y_range) for v in cross.by_n} == {(grid.x_range, grid.y_range)}
    here = cross.by_n[EXPONENT_STEPS.index(2)]
    for view in (cross.by_x[POINTS.index(1.2)], cross.by_dx[STEPS.index(0.1)]):
        same_picture(view.picture, here.picture)
        assert (view.x_range, view.y_range) == (here.x_range, here.y_range)


@pytest.mark.parametrize("n", [Fraction(-2), Fraction(-1), Fraction(0), Fraction(3), Fraction(4)])
def test_whole_exponents_along_x_and_dx_are_sympys_numbers_exactly(n: Fraction) -> None:
    cross = power_cross(EXPONENT_STEPS, POINTS, STEPS, float(n), 0.7, 0.2)
    rows = [(v, p, 0.2) for v, p in zip(cross.by_x, POINTS, strict=True)]
    rows += [(v, 0.7, s) for v, s in zip(cross.by_dx, STEPS, strict=True)]
    for view, x, dx in rows:
        secant, exact = oracle(n, x, dx)
        working = view.picture.working
        assert sympy.Rational(working.slope) == secant, (x, dx)
        assert sympy.Rational(working.exact) == exact, (x, dx)


@pytest.mark.parametrize("n", [Fraction(1, 3), Fraction(-11, 6), Fraction(7, 2)])
def test_fractional_exponents_along_x_and_dx_are_sympys_numbers_to_float_precision(
    n: Fraction,
) -> None:
    cross = power_cross(EXPONENT_STEPS, POINTS, STEPS, float(n), 1.5, 0.01)
    rows = [(v, p, 0.01) for v, p in zip(cross.by_x, POINTS, strict=True)]
    rows += [(v, 1.5, s) for v, s in zip(cross.by_dx, STEPS, strict=True)]
    for view, x, dx in rows:
        secant, exact = oracle(n, x, dx)
        working = view.picture.working
        # the quotient of two nearby floats loses digits as dx shrinks (dx = 0.001 at x = 0.1)
        assert working.slope == pytest.approx(float(secant), rel=1e-9), (x, dx)
        assert working.exact == pytest.approx(float(exact), rel=1e-12), (x, dx)


def test_a_smaller_step_at_the_same_point_keeps_the_window_s_left_and_moves_its_right() -> None:
    """The window follows dx as Python's did: from 0 to x + dx rounded up past a half."""
    cross = power_cross(EXPONENT_STEPS, POINTS, STEPS, 3.0, 2.0, 1.0)
    assert [v.x_range for v in cross.by_dx] == [
        (0.0, 3.5),
        (0.0, 3.0),
        (0.0, 2.5),
        *[(0.0, 2.5)] * 3,
    ]
    assert [v.x_range for v in cross.by_x][:3] == [(0.0, 2.5)] * 3  # x + dx = 1.1 to 1.3
