"""The power-rule picture at every exponent (core.power_pictures), checked against SymPy:
each position's numbers, its curves and lines inside the one window, the handle's place."""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy

from core.power_pictures import (
    EXPONENT_STEPS,
    GRIP_GAP,
    grip_place,
    power_grid,
)
from core.power_rule import POWER_EXPONENTS, as_exponent, power_working

X = sympy.Symbol("x", positive=True)
POINTS = [round(0.1 * k, 1) for k in range(1, 21)]  # the point slider: 0.1 to 2.0
STEPS = [1.0, 0.5, 0.2, 0.1, 0.01, 0.001]  # the dx slider


def rational(value: float | Fraction) -> sympy.Rational:
    q = Fraction(repr(value)) if isinstance(value, float) else value
    return sympy.Rational(q.numerator, q.denominator)


def power(n: Fraction) -> sympy.Expr:
    return X ** rational(n)


def test_the_n_control_runs_from_minus_2_to_4_in_sixths_with_every_old_exponent() -> None:
    assert EXPONENT_STEPS[0] == -2 and EXPONENT_STEPS[-1] == 4 and len(EXPONENT_STEPS) == 37
    assert {b - a for a, b in itertools.pairwise(EXPONENT_STEPS)} == {Fraction(1, 6)}
    assert set(POWER_EXPONENTS) <= set(EXPONENT_STEPS)


def test_each_exponents_link_text_reads_back_as_that_exponent() -> None:
    """The page keeps n in the URL as the old slider wrote it (%g: 0.333333 for 1/3)."""
    texts = [f"{float(q):g}" for q in EXPONENT_STEPS]
    assert [as_exponent(float(t)) for t in texts] == list(EXPONENT_STEPS)
    assert len(set(texts)) == len(texts)
    assert texts[EXPONENT_STEPS.index(Fraction(1, 3))] == "0.333333"


@pytest.mark.parametrize(("x", "dx"), [(0.5, 1.0), (2.0, 0.001), (0.1, 0.5), (1.3, 0.2)])
def test_the_grid_holds_power_working_at_every_exponent(x: float, dx: float) -> None:
    grid = power_grid(EXPONENT_STEPS, x, dx)
    assert grid.exponents == EXPONENT_STEPS
    for n, picture in zip(EXPONENT_STEPS, grid.pictures, strict=True):
        alone = power_working(n, x, dx)
        working = picture.working
        assert (working.n, working.x, working.dx) == (alone.n, alone.x, alone.dx)
        assert (working.slope, working.exact, working.y, working.y_next) == (
            alone.slope,
            alone.exact,
            alone.y,
            alone.y_next,
        )
        assert working.d_latex == alone.d_latex and working.f_name == alone.f_name


@pytest.mark.parametrize(("x", "dx"), [(0.5, 1.0), (1.7, 0.01), (0.1, 0.001)])
def test_every_position_agrees_with_sympy_diff_and_the_exact_quotient(x: float, dx: float) -> None:
    grid = power_grid(EXPONENT_STEPS, x, dx)
    at, step = rational(x), rational(dx)
    for n, picture in zip(EXPONENT_STEPS, grid.pictures, strict=True):
        working = picture.working
        tangent = sympy.diff(power(n), X).subs(X, at)
        secant = (power(n).subs(X, at + step) - power(n).subs(X, at)) / step
        if n.denominator == 1:  # whole exponents: exact rationals, equal to SymPy's
            assert sympy.Rational(working.exact) == tangent
            assert sympy.Rational(working.slope) == secant
        else:
            assert float(working.exact) == pytest.approx(float(tangent), rel=1e-12)
            # a difference of nearby powers: the quotient keeps about 16 - log10(1/dx) digits
            assert float(working.slope) == pytest.approx(float(secant), rel=1e-9, abs=1e-9)


def test_the_notes_cube_is_a_position_at_the_defaults() -> None:
    grid = power_grid(EXPONENT_STEPS, 0.5, 1.0)
    cube = grid.pictures[EXPONENT_STEPS.index(Fraction(3))].working
    assert (cube.slope, cube.exact) == (Fraction(13, 4), Fraction(3, 4))


@pytest.mark.parametrize("n", [Fraction(-2), Fraction(-1, 2), Fraction(1, 3), Fraction(0), 4])
def test_the_curves_are_x_to_the_n_and_its_derivative_cut_at_the_window(n) -> None:
    n = Fraction(n)
    grid = power_grid(EXPONENT_STEPS, 0.5, 1.0)
    picture = grid.pictures[EXPONENT_STEPS.index(n)]
    (left, right), (bottom, top) = grid.x_range, grid.y_range
    for frame, expr in (
        (picture.function, power(n)),
        (picture.derivative, sympy.diff(power(n), X)),
    ):
        drawn = frame.dropna()
        assert len(drawn) > 20
        assert drawn["x"].between(left, right).all()
        assert drawn["y"].between(bottom - 1e-9, top + 1e-9).all()
        inside = drawn[(drawn["y"] > bottom) & (drawn["y"] < top) & (drawn["x"] > 0)]
        for xv, yv in inside.sample(8, random_state=1).itertuples(index=False):
            assert yv == pytest.approx(float(expr.subs(X, xv)), rel=1e-9, abs=1e-12)


def test_one_over_x_squared_runs_to_the_top_edge_near_its_pole() -> None:
    grid = power_grid(EXPONENT_STEPS, 0.5, 1.0)
    curve = grid.pictures[0].function.dropna()  # n = -2
    first = curve.iloc[0]
    assert first["y"] == pytest.approx(grid.y_range[1])
    assert first["x"] == pytest.approx(grid.y_range[1] ** -0.5, rel=1e-3)  # x^-2 = top


@pytest.mark.parametrize(("x", "dx"), [(0.5, 1.0), (2.0, 1.0), (0.1, 0.001)])
def test_the_lines_pass_through_the_point_with_the_secant_and_tangent_slopes(
    x: float, dx: float
) -> None:
    grid = power_grid(EXPONENT_STEPS, x, dx)
    (left, right), (bottom, top) = grid.x_range, grid.y_range
    for picture in grid.pictures:
        working = picture.working
        for frame, slope in ((picture.secant, working.slope), (picture.tangent, working.exact)):
            if frame["y"].isna().all():  # the line misses the window
                continue
            (xa, ya), (xb, yb) = frame[["x", "y"]].to_numpy()
            assert left <= xa <= xb <= right
            assert bottom - 1e-9 <= min(ya, yb) and max(ya, yb) <= top + 1e-9
            if xb > xa:
                assert (yb - ya) / (xb - xa) == pytest.approx(float(slope), rel=1e-9)
            through = ya + float(slope) * (float(working.x) - xa)
            assert through == pytest.approx(float(working.y), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize(("x", "dx"), [(0.5, 1.0), (2.0, 1.0), (0.1, 0.001), (1.0, 0.5)])
def test_outside_names_exactly_the_marked_points_beyond_the_window(x: float, dx: float) -> None:
    grid = power_grid(EXPONENT_STEPS, x, dx)
    bottom, top = grid.y_range
    for n, picture in zip(EXPONENT_STEPS, grid.pictures, strict=True):
        heights = {
            "x": power(n).subs(X, rational(x)),
            "x + dx": power(n).subs(X, rational(x) + rational(dx)),
            "f'(x)": sympy.diff(power(n), X).subs(X, rational(x)),
        }
        expected = tuple(
            (mark, "above" if h > top else "below")
            for mark, h in heights.items()
            if not bottom <= h <= top
        )
        assert picture.outside == expected, n


def test_at_the_defaults_only_the_steep_negative_slopes_leave_the_window() -> None:
    grid = power_grid(EXPONENT_STEPS, 0.5, 1.0)
    left_out = [n for n, p in zip(EXPONENT_STEPS, grid.pictures, strict=True) if p.outside]
    # the bottom is -0.55 * 5.56875 ≈ -3.06: f'(0.5) = n 0.5^(n-1) is -4 at n = -1, below
    # it, and ≈ -2.97 at n = -5/6, above it; every point on the curve shows
    assert grid.pictures[EXPONENT_STEPS.index(Fraction(-5, 6))].working.exact > grid.y_range[0]
    assert left_out == [n for n in EXPONENT_STEPS if n <= -1]
    assert all(p.outside == (("f'(x)", "below"),) for p in grid.pictures if p.outside)


def test_the_handle_keeps_away_from_both_marked_points_at_every_slider_setting() -> None:
    for x in POINTS:
        for dx in STEPS:
            grip = grip_place(x, x + dx)
            assert grip > 1 and min(abs(grip - x), abs(grip - (x + dx))) >= GRIP_GAP - 1e-9


@pytest.mark.parametrize(("x", "dx"), [(0.5, 1.0), (1.4, 0.2), (0.1, 0.001), (2.0, 1.0)])
def test_the_handle_rises_with_n_inside_the_window(x: float, dx: float) -> None:
    grid = power_grid(EXPONENT_STEPS, x, dx)
    grips = [p.grip for p in grid.pictures]
    (gx,) = {g[0] for g in grips}
    assert gx == grip_place(x, x + dx)
    heights = [g[1] for g in grips]
    # a higher handle is a larger n: pulling it up raises n, one position at a time
    assert heights == sorted(heights) and len(set(heights)) == len(heights)
    assert heights == pytest.approx([gx ** float(n) for n in EXPONENT_STEPS], rel=1e-12)
    bottom, top = grid.y_range
    assert bottom < heights[0] and heights[-1] < top


def test_the_window_starts_at_0_and_reaches_past_x_plus_dx() -> None:
    assert power_grid(EXPONENT_STEPS, 0.5, 1.0).x_range == (0.0, 2.5)
    assert power_grid(EXPONENT_STEPS, 2.0, 1.0).x_range == (0.0, 3.5)
    default = power_grid(EXPONENT_STEPS, 0.5, 1.0).y_range
    # the top: 1.5^4 = 5.0625 (x + dx at n = 4) and a tenth more; the bottom: half of it
    assert default[1] == pytest.approx(5.0625 * 1.1)
    assert default[0] == pytest.approx(-5.0625 * 1.1 * 0.55)
    assert power_grid(EXPONENT_STEPS, 2.0, 1.0).y_range[1] == pytest.approx(11.0)  # capped
    assert np.isfinite(power_grid(EXPONENT_STEPS, 0.1, 0.001).y_range).all()
