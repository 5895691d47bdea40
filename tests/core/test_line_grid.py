"""core.line_rule.line_grid: the line picture at every slope and intercept of the Rules
page's two inputs (a cross through the learner's line), against SymPy and Fractions."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from core.line_rule import line_curves, line_grid, line_positions, line_working

X = sympy.Symbol("x")
SLOPES, INTERCEPTS = line_positions((-3.0, 3.0), 0.1, (-4.0, 4.0), 0.5)


def test_the_positions_are_the_old_sliders_decimals() -> None:
    assert tuple(float(Fraction(k, 10)) for k in range(-30, 31)) == SLOPES
    assert tuple(float(Fraction(k, 2)) for k in range(-8, 9)) == INTERCEPTS
    assert SLOPES[30] == 0.0 and SLOPES[-1] == 3.0 and 0.3 in SLOPES  # never 0.30000000000000004


@pytest.mark.parametrize(("a", "b"), [(2.0, 1.0), (-2.5, 3.5), (0.0, -4.0), (0.3, 0.0)])
def test_a_cross_through_the_line_holds_the_other_input(a: float, b: float) -> None:
    grid = line_grid(a, b, slopes=SLOPES, intercepts=INTERCEPTS, x_range=(-3.0, 3.0))
    assert [w.a for w in grid.by_a] == [Fraction(k, 10) for k in range(-30, 31)]
    assert {w.b for w in grid.by_a} == {Fraction(str(b))}
    assert [w.b for w in grid.by_b] == [Fraction(k, 2) for k in range(-8, 9)]
    assert {w.a for w in grid.by_b} == {Fraction(str(a))}
    for w in (*grid.by_a, *grid.by_b):
        f = sympy.Rational(str(w.a)) * X + sympy.Rational(str(w.b))
        assert w.slope == Fraction(str(sympy.diff(f, X)))  # rise / run is f' exactly
        assert w.rise == Fraction(str(f.subs(X, 1) - f.subs(X, -1)))
        for x in (-3, -1, 0, Fraction(1, 2), 3):
            assert w.at(float(x)) == Fraction(str(f.subs(X, sympy.Rational(str(x)))))
            assert w.parallel_at(float(x)) == w.at(float(x)) - w.b
        # |a x + b| <= 3 * 3 + 4 on [-3, 3]: one window for every line
        assert w.y_window == (-13.0, 13.0)


def test_a_working_of_the_grid_is_the_one_line_working_makes() -> None:
    grid = line_grid(-1.2, 2.5, slopes=SLOPES, intercepts=INTERCEPTS, x_range=(-3.0, 3.0))
    alone = line_working(-1.2, 2.5, a_range=(-3.0, 3.0), b_range=(-4.0, 4.0), x_range=(-3.0, 3.0))
    assert grid.by_a[SLOPES.index(-1.2)] == alone == grid.by_b[INTERCEPTS.index(2.5)]
    # its curves, worked out when first read, are line_curves' (the line and a x)
    assert alone.curves.equals(line_curves(-1.2, 2.5, (-3.0, 3.0)))
