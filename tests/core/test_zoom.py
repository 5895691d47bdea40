"""The zoom unit's one call, `zoom_grid`: slopes, values and the magnified picture at every dx,
checked against exact quotients (fractions.Fraction, SymPy) worked from the decimal dx."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from core.corner_gallery import GALLERY, relu_corner
from core.differentiability import PointKind, point_study
from core.zoom import read_quotient, zoom_grid

# the page's slider: ten steps a decade from 1 down to 1e-6
STEPS = tuple(
    float(f"{m}e-{k}")
    for k in range(6)
    for m in ("1", "0.8", "0.6", "0.5", "0.4", "0.3", "0.25", "0.2", "0.15", "0.12")
) + (1e-6,)
EPS = 2.0**-52


def exact(dx: float) -> Fraction:
    """The decimal the learner reads for dx (0.12, not the binary double near it)."""
    return Fraction(repr(dx))


def round_off(values: list[float], dx: float) -> float:
    """The most a quotient of doubles can be off: a few ulps of f over the step."""
    return 64 * EPS * max([1.0, *map(abs, values)]) / dx


def test_one_view_and_one_picture_per_step_in_the_sliders_order():
    grid = zoom_grid(np.abs, 0.0, STEPS)
    assert [view.dx for view in grid.views] == list(STEPS)
    assert len(grid.pictures) == len(STEPS) == 61
    assert grid.u_range == (-2.0, 2.0)


def test_abs_at_0_has_slopes_minus_1_and_1_at_every_dx_and_both_secants():
    grid = zoom_grid(np.abs, 0.0, STEPS)
    for view, picture in zip(grid.views, grid.pictures, strict=True):
        assert (view.left_slope, view.right_slope, view.gap) == (-1.0, 1.0, 2.0)
        assert view.missing == () and view.shifted
        # magnified by 1/dx, the secants end at (-1, 1) and (1, 1): the same at every dx
        assert picture.left_secant == ((-1.0, 1.0), (0.0, 0.0))
        assert picture.right_secant == ((0.0, 0.0), (1.0, 1.0))
        assert set(picture.points) == {"x0 - dx", "x0", "x0 + dx"}


def test_square_at_1_has_slopes_2_minus_dx_and_2_plus_dx_worked_exactly():
    square = GALLERY["smooth"]
    grid = zoom_grid(square.function, 1.0, STEPS)
    for view in grid.views:
        h = exact(view.dx)
        left = (1 - (1 - h) ** 2) / h  # = 2 - dx
        right = ((1 + h) ** 2 - 1) / h  # = 2 + dx
        assert (left, right) == (2 - h, 2 + h)
        noise = round_off([view.f_left, view.f_x0, view.f_right], view.dx)
        assert abs(Fraction(view.left_slope) - left) <= noise, view.dx
        assert abs(Fraction(view.right_slope) - right) <= noise, view.dx


def test_cusp_slopes_run_off_like_dx_to_the_minus_one_third():
    grid = zoom_grid(GALLERY["cusp"].function, 0.0, STEPS)
    for view in grid.views:
        size = sympy.Rational(repr(view.dx)) ** sympy.Rational(-1, 3)
        oracle = float(size.evalf(30))
        assert view.left_slope == pytest.approx(-oracle, rel=1e-12)
        assert view.right_slope == pytest.approx(oracle, rel=1e-12)


def test_step_left_slope_is_one_over_dx_and_the_left_piece_leaves_the_picture():
    grid = zoom_grid(GALLERY["jump"].function, 0.0, STEPS)
    low, high = grid.v_range
    for view, picture in zip(grid.views, grid.pictures, strict=True):
        assert Fraction(view.left_slope) == pytest.approx(1 / exact(view.dx), rel=1e-15)
        assert view.right_slope == 0.0
        # magnified, the left piece sits at v = (0 - 1) / dx: in the picture only while
        # 1/dx is within its height
        if 1 / view.dx > -low:
            assert picture.off == {"left": "below"}
            assert len(picture.left_curve) == 0
            assert "x0 - dx" not in picture.points
        else:
            assert picture.off == {}
    assert grid.pictures[0].off == {}  # at dx = 1 the whole step is in the picture


def test_the_window_is_the_same_at_every_dx_and_holds_every_drawn_line():
    for case in GALLERY.values():
        grid = zoom_grid(case.function, case.x0, STEPS)
        low, high = grid.v_range
        assert low < 0 < high and high - low >= 2
        for picture in grid.pictures:
            for curve in (picture.left_curve, picture.right_curve):
                v = curve[:, 1][np.isfinite(curve[:, 1])]
                assert ((v >= low) & (v <= high)).all(), case.key
                # u from the step really taken: 2 dx at x0 = 1 rounds to 2.00000000006 dx
                assert (np.abs(curve[:, 0]) <= 2 + 1e-9).all(), case.key
            for secant in (picture.left_secant, picture.right_secant):
                if secant is not None:
                    for u, v in secant:
                        assert -2 <= u <= 2 and low - 1e-12 <= v <= high + 1e-12


def test_the_magnified_curve_of_x_squared_at_1_is_2u_plus_u_squared_dx():
    """u = (x - 1)/dx, v = (x^2 - 1)/dx = 2u + u^2 dx: it straightens onto v = 2u."""
    grid = zoom_grid(GALLERY["smooth"].function, 1.0, STEPS)
    low, high = grid.v_range
    for view, picture in zip(grid.views, grid.pictures, strict=True):
        for curve in (picture.left_curve, picture.right_curve):
            u, v = curve[:, 0], curve[:, 1]
            samples = (v > low) & (v < high)  # rows cut at an edge lie on a chord
            expected = 2 * u + u**2 * view.dx
            assert np.allclose(v[samples], expected[samples], rtol=1e-9, atol=1e-6)
    narrowest = grid.pictures[-1]
    assert len(narrowest.left_curve) == 2 and len(narrowest.right_curve) == 2  # a line


def test_the_vertical_tangent_turns_into_a_vertical_line_through_the_point():
    grid = zoom_grid(GALLERY["vertical"].function, 0.0, STEPS)
    low, high = grid.v_range
    picture = grid.pictures[-1]  # dx = 1e-6: v = u^(1/3) dx^(-2/3) leaves at |u| = 8e-12
    assert picture.left_curve[0][1] == pytest.approx(low)
    assert abs(picture.left_curve[0][0]) < 1e-9
    assert picture.right_curve[-1][1] == pytest.approx(high)
    assert abs(picture.right_curve[-1][0]) < 1e-9


def test_the_window_in_x_is_worked_in_decimals():
    grid = zoom_grid(GALLERY["smooth"].function, 1.0, STEPS)
    assert grid.pictures[-1].x_window == (0.999998, 1.000002)
    assert grid.pictures[STEPS.index(0.12)].x_window == (0.76, 1.24)


def test_each_dx_lists_the_slopes_from_1_down_to_it():
    grid = zoom_grid(np.abs, 0.0, STEPS)
    assert grid.views[STEPS.index(0.0012)].table["dx"].tolist() == [1.0, 0.1, 0.01, 0.0012]
    assert grid.views[STEPS.index(0.1)].table["dx"].tolist() == [1.0, 0.1]
    assert grid.views[0].table["left_slope"].tolist() == [-1.0]


def test_reciprocal_at_0_misses_f_x0_only_and_draws_no_secant():
    grid = zoom_grid(GALLERY["undefined"].function, 0.0, STEPS)
    view, picture = grid.views[STEPS.index(0.1)], grid.pictures[STEPS.index(0.1)]
    assert view.missing == ("x0",)
    assert (view.f_left, view.f_right) == pytest.approx((-10.0, 10.0))
    assert math.isnan(view.left_slope) and not view.shifted
    assert picture.left_secant is None and picture.right_secant is None
    assert picture.points == {}


def test_a_step_lost_in_the_rounding_of_x0_is_not_drawn():
    """At x0 = 1 the offsets 2e-15 dx round away (1 + 2e-21 == 1): such a sample would put
    f(x0) at u != 0 and join a jump's pieces; it is dropped."""
    grid = zoom_grid(lambda x: np.where(x >= 1, 1.0, 0.0), 1.0, (1e-3,))
    left = grid.pictures[0].left_curve
    assert len(left) == 0 or (np.nan_to_num(left[:, 1], nan=-1.0) < 0).all()


def test_point_study_of_the_cusp_names_it_and_lists_slopes_from_1_to_1e_6():
    study = point_study(GALLERY["cusp"].function, 0.0, 1e-6)
    assert study.report.kind is PointKind.CUSP
    left = study.slopes[study.slopes["side"] == "left slope"]
    assert left["dx"].iloc[0] == pytest.approx(1e-6) and left["dx"].iloc[-1] == 1.0
    # x^(2/3): left slope -dx^(-1/3)
    assert left["slope"].iloc[0] == pytest.approx(-(1e-6 ** (-1 / 3)), rel=1e-9)


def test_relu_corner_has_left_0_and_right_1_for_every_dx():
    corner = relu_corner()
    assert corner.table["left_slope"].tolist() == [0.0, 0.0, 0.0]
    assert corner.table["right_slope"].tolist() == [1.0, 1.0, 1.0]
    assert corner.subgradient == 0.0


def test_read_quotient_works_the_values_as_they_read():
    # (1 - 0) / 0.00008 is 12500: the division of doubles gives 12500.000000000002
    assert 1 / 8e-05 != 12500
    assert read_quotient(1.0, 0.0, 8e-05) == 12500
    # 0.88^2 reads 0.7744: (1 - 0.7744) / 0.12 = 1.88 = 2 - dx
    assert read_quotient(1.0, 0.88**2, 0.12) == Fraction("1.88")
    assert read_quotient(math.nan, 0.0, 0.1) is None


def test_x_cubed_at_0_has_right_minus_left_0_at_every_dx_where_doubles_leave_residue():
    """Both slopes are dx^2; the doubles' difference was 1.7e-18 at dx = 0.08."""
    grid = zoom_grid(lambda x: np.asarray(x, dtype=float) ** 3, 0.0, STEPS)
    assert any(view.gap != 0 for view in grid.views)  # the residue the page must not print
    assert all(view.read_gap == 0 for view in grid.views)


def test_a_gap_bigger_than_round_off_is_the_computed_gap():
    grid = zoom_grid(GALLERY["smooth"].function, 1.0, (1e-6,))
    view = grid.views[0]
    assert view.read_gap == view.gap == pytest.approx(2e-6, rel=1e-3)  # 2 dx
