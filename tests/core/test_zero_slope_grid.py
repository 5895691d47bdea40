"""The zero-slope section at every position of its point, in one call (`zero_slope_grid`),
against an independent oracle: SymPy's exact f and f' = d/dx(5x^3 - 3x^5) at exact rationals,
and the window's ends as exact numbers."""

from fractions import Fraction

import sympy as sp

from core.zero_slope import (
    DOMAIN,
    POINT_STEP,
    curve_stationary_points,
    point_positions,
    zero_slope_grid,
    zero_slope_view,
)

X = sp.Symbol("x")
F = 5 * X**3 - 3 * X**5
DF = sp.diff(F, X)


def exact(q: sp.Rational) -> Fraction:
    return Fraction(int(q.p), int(q.q))


def test_positions_are_the_old_sliders_window_in_steps_of_0_05():
    positions = point_positions()
    assert len(positions) == 57
    assert positions == tuple(k / 20 for k in range(-28, 29))
    assert (positions[0], positions[-1]) == DOMAIN
    assert Fraction(1, 20) == POINT_STEP
    assert 0.5 in positions  # the default is a position
    assert all(str(x) == repr(k / 20) for k, x in zip(range(-28, 29), positions, strict=True))


def test_every_view_has_sympys_exact_value_slope_and_direction():
    views = zero_slope_grid()
    assert len(views) == 57
    for k, view in zip(range(-28, 29), views, strict=True):
        x = sp.Rational(k, 20)
        assert view.x == Fraction(k, 20)
        assert view.value == exact(F.subs(X, x)), x
        assert view.slope == exact(DF.subs(X, x)), x
        sign = sp.sign(DF.subs(X, x))
        assert view.direction == {1: "uphill", -1: "downhill", 0: "horizontal"}[int(sign)]
        # the tangent: through the point with slope f'(x), clipped to the window
        (xa, ya), (xb, yb) = view.tangent_ends
        assert (xa, xb) == (max(-1.4, float(x) - 0.6), min(1.4, float(x) + 0.6))
        for t, y in ((xa, ya), (xb, yb)):
            line = F.subs(X, x) + DF.subs(X, x) * (sp.nsimplify(t) - x)
            assert abs(y - float(line)) < 1e-12


def test_the_flat_points_are_exactly_where_sympy_solves_f_prime_zero():
    roots = sp.solve(DF, X)
    views = zero_slope_grid()
    flat = [view.x for view in views if view.here is not None]
    assert flat == [exact(r) for r in sorted(roots)] == [-1, 0, 1]
    assert [v.here.kind for v in views if v.here] == [
        "local minimum",
        "no extremum",
        "local maximum",
    ]
    assert all(v.slope == 0 for v in views if v.here)
    assert all(v.slope != 0 for v in views if v.here is None)


def test_the_local_extrema_name_the_window_end_that_beats_them():
    ends = {e: exact(F.subs(X, e)) for e in (sp.Rational(-7, 5), sp.Rational(7, 5))}
    assert ends == {
        sp.Rational(-7, 5): Fraction(241472, 100000),
        sp.Rational(7, 5): Fraction(-241472, 100000),
    }
    views = {view.x: view for view in zero_slope_grid()}
    assert views[-1].beaten_by == (Fraction(7, 5), Fraction(-241472, 100000))  # lower than -2
    assert views[1].beaten_by == (Fraction(-7, 5), Fraction(241472, 100000))  # higher than 2
    assert views[0].beaten_by is None
    assert all(v.beaten_by is None for x, v in views.items() if x not in (-1, 1))


def test_the_grid_is_the_one_point_view_at_each_position():
    xs = (-1.4, -1.0, 0.0, 0.5, 1.35)
    assert zero_slope_grid(xs) == tuple(zero_slope_view(x) for x in xs)
    assert all(v.points == curve_stationary_points() for v in zero_slope_grid(xs))
