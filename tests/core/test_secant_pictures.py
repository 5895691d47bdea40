"""The secant section's one call: the notes' table exactly, the window, the marks."""

from fractions import Fraction

import pytest

from core.round_off import round_off_study
from core.secant_pictures import secant_grid, secant_picture
from core.secants import EXAMPLES, SLIDER_STEPS


def test_the_notes_table_for_x_squared_at_1_is_3_2_5_2_1_2_01_2_001_exactly():
    picture = secant_picture("x^2", 1.0, 1.0)
    slopes = [row.slope for row in picture.rows]
    expected = [
        ((1 + h) ** 2 - 1) / h
        for h in (Fraction(1), Fraction(1, 2), *(Fraction(1, 10**k) for k in (1, 2, 3)))
    ]
    assert (
        slopes
        == expected
        == [3, Fraction(5, 2), Fraction(21, 10), Fraction(201, 100), Fraction(2001, 1000)]
    )
    assert picture.limit == 2 and not picture.below_round_off


def test_sin_rows_are_computed_doubles_and_its_limit_is_cos_x0():
    import math

    picture = secant_picture("sin", 1.0, 0.5)
    assert isinstance(picture.rows[0].slope, float)
    assert picture.limit == pytest.approx(math.cos(1.0), abs=0)


def test_at_the_pole_there_are_no_rows_no_limit_and_one_mark():
    picture = secant_picture("1/x", 0.0, 1.0)
    assert picture.rows == () and picture.limit is None
    assert picture.marks[["x", "y", "label"]].values.tolist() == [[1.0, 1.0, "x0 + dx"]]


def test_below_sqrt_eps_round_off_is_flagged():
    assert secant_picture("x^2", 1.0, 1e-8).below_round_off
    assert not secant_picture("x^2", 1.0, 1e-7).below_round_off


def test_round_off_study_of_x_squared_has_an_exact_central_difference():
    study = round_off_study("x^2", 1.0)
    assert study.central_exact and study.best_central_dx == 1.0
    assert study.best_central_error is None  # exactly 0: no place on a log axis
    assert 1e-9 < study.best_forward_dx < 1e-7


@pytest.mark.parametrize(
    ("fn", "x0", "dx"),
    [("x^3", 0.0, 1e-8), ("x^2", 0.0, 1e-12), ("x^2", 0.0, 1e-9), ("sin", 0.0, 1e-12)],
)
def test_no_round_off_note_where_nothing_cancels(fn, x0, dx):
    """Review S1: at x0 = 0, f(x0) = 0 and f(dx) share no digits; the slope dx² (x³) or dx
    (x²) is the exact secant slope, decided by the curve, not by round-off."""
    picture = secant_picture(fn, x0, dx)
    secant = (Fraction(repr(dx)) ** (3 if fn == "x^3" else 2)) / Fraction(repr(dx))
    if fn != "sin":
        # the computed slope is the exact secant slope to a few ulps: round-off is negligible
        assert abs(Fraction(picture.view.secant_slope) - secant) < secant / 10**12
    assert not picture.below_round_off


@pytest.mark.parametrize(
    ("fn", "x0", "dx"), [("x^2", 1.0, 1e-12), ("x^3", -3.0, 1e-12), ("exp", 0.0, 1e-12)]
)
def test_the_round_off_note_stays_where_round_off_wins(fn, x0, dx):
    assert secant_picture(fn, x0, dx).below_round_off


def test_the_grid_is_the_section_at_every_dx_step_in_the_sliders_order():
    """secant_grid: what the touch unit's rows are made from, one picture per dx step. For x²
    at 1 the exact secant slope for the typed step is ((1 + dx)² − 1)/dx = 2 + dx (Fractions),
    the computed one is within round-off of it (about ε/dx), and f'(1) = 2 at every step."""
    from core.secant_pictures import secant_grid
    from core.secants import MACHINE_EPSILON, SLIDER_STEPS

    grid = secant_grid("x^2", 1.0, SLIDER_STEPS)
    assert [p.view.dx for p in grid] == list(SLIDER_STEPS)
    for picture, dx in zip(grid, SLIDER_STEPS, strict=True):
        step = Fraction(str(dx))  # the step as the learner reads it: 0.1, 1e-12
        exact = ((1 + step) ** 2 - 1) / step
        assert exact == 2 + step
        assert picture.exact_secant_slope == exact
        assert picture.limit == 2
        assert picture.view.x1 == 1.0 + dx
        assert abs(picture.view.secant_slope - float(exact)) <= 4 * MACHINE_EPSILON / dx
    one = secant_picture("x^2", 1.0, 0.1)  # the same as the section's one call at dx = 0.1
    assert grid[3].view == one.view and grid[3].frame.equals(one.frame)


@pytest.mark.parametrize("fn", list(EXAMPLES))
@pytest.mark.parametrize("x0", [-3.0, 0.0, 1.0, 2.7])
def test_the_grid_works_out_the_window_once_and_gives_each_steps_own_picture(fn, x0):
    """secant_grid shares what depends on x0 only; every picture equals secant_picture's."""
    for dx, got in zip(SLIDER_STEPS, secant_grid(fn, x0, SLIDER_STEPS), strict=True):
        alone = secant_picture(fn, x0, dx)
        assert got.frame.equals(alone.frame) and got.marks.equals(alone.marks)
        assert (got.view, got.rows, got.limit, got.exact_secant_slope) == (
            alone.view,
            alone.rows,
            alone.limit,
            alone.exact_secant_slope,
        )
        assert (got.x_range, got.y_range, got.below_round_off) == (
            alone.x_range,
            alone.y_range,
            alone.below_round_off,
        )
