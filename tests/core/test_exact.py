"""Slider values as exact decimals."""

from fractions import Fraction

from core.exact import slider_value


def test_a_step_sums_residue_is_the_decimal_the_slider_shows() -> None:
    assert slider_value(0.1 + 0.2) == Fraction(3, 10)
    assert slider_value(0.6) + slider_value(0.05) == Fraction(13, 20)  # 0.65 exactly
    assert slider_value(-4) == -4 and slider_value(Fraction(1, 3)) == Fraction(1, 3)
