"""The secant section's one call: the notes' table exactly, the window, the marks."""

from fractions import Fraction

import pytest

from core.round_off import round_off_study
from core.secant_pictures import secant_picture


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
