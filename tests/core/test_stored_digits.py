"""The secant's working digit for digit: the shown subtraction must give the shown slope."""

from decimal import Decimal
from fractions import Fraction

import pytest

from core.stored_digits import SLOPE_DIGITS, secant_digits


def square_working(x0: float, dx: float):
    y0, y1 = x0 * x0, (x0 + dx) * (x0 + dx)
    return secant_digits(x0, dx, y0, y1, (y1 - y0) / dx)


def test_square_at_1_with_dx_1e_12_shows_the_stored_x0_plus_dx_and_the_true_rise():
    digits = square_working(1.0, 1e-12)
    stored = Decimal(1 + 1e-12)  # the exact double
    assert str(stored).startswith(str(digits.x1_stored))
    assert digits.x1 == Fraction(1) + Fraction(1, 10**12)
    assert digits.step_rounded and not digits.x1_stored_exact
    assert digits.y0 == 1
    assert digits.y1 == Decimal((1 + 1e-12) ** 2).quantize(Decimal("1e-21"))
    assert (Fraction(digits.y1) - 1) / Fraction(1, 10**12) == Fraction(digits.slope)
    assert digits.quotient_exact and str(digits.slope) == "2.000177801"


@pytest.mark.parametrize(("dx", "y1", "slope"), [(1.0, "4", "3"), (0.5, "2.25", "2.5")])
def test_the_notes_secants_are_exact_with_no_stored_step_note(dx, y1, slope):
    digits = square_working(1.0, dx)
    assert (str(digits.y1), str(digits.slope)) == (y1, slope)
    assert digits.values_exact and digits.quotient_exact and not digits.step_rounded


def test_one_thousandth_is_rounded_in_f_but_the_shown_quotient_is_2_001():
    digits = square_working(1.0, 0.001)
    assert str(digits.y1) == "1.002001" and not digits.values_exact  # the double is 1.00200099..
    assert str(digits.slope) == "2.001" and digits.quotient_exact
    assert not digits.step_rounded


@pytest.mark.parametrize("x0", [-2.9, -0.5, 0.3, 1.7])
@pytest.mark.parametrize("dx", [0.1, 1e-4, 1e-7, 1e-10, 1e-12])
def test_the_shown_values_give_the_shown_slope_to_its_last_digit(x0, dx):
    y0, y1 = 1 / x0, 1 / (x0 + dx)
    slope = (y1 - y0) / dx
    digits = secant_digits(x0, dx, y0, y1, slope)
    shown = (Fraction(digits.y1) - Fraction(digits.y0)) / Fraction(repr(dx))
    unit = Fraction(10) ** (Decimal(digits.slope).adjusted() - SLOPE_DIGITS + 1)
    assert abs(shown - Fraction(digits.slope)) <= unit
    assert digits.quotient_exact == (shown == Fraction(digits.slope))
