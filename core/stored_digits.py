"""What a computer really divides when it takes a secant's slope, digit for digit.

A double holds about 16 significant digits. x0 + dx is rounded to the nearest double before
f is evaluated there, and f(x0 + dx) is rounded again; near dx = 1e-12 the two values of f
share their first dozen digits, so the digits the learner reads must reach past them for
the subtraction shown to give the slope shown. `secant_digits` picks those digits:

- the rise f(x0 + dx) - f(x0) of the two doubles is exact (Sterbenz: they are within a
  factor 2 of each other), so each value is shown down to the decimal place of the rise's
  SLOPE_DIGITS-th significant digit, rounded half away from zero from its exact binary value;
- `values_exact` says whether those shown values are the doubles exactly ("=") or rounded
  ("≈"), and `quotient_exact` whether (shown f(x0 + dx) - shown f(x0)) / dx is exactly the
  shown slope;
- `step_rounded` says whether rounding x0 + dx moved the step the computer took far enough
  from dx to change the slope's shown digits (relative error above half a unit in the
  SLOPE_DIGITS-th digit), the real cause of 2.000177801 at dx = 1e-12 for x^2 at 1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

# The secant's slope is shown to this many significant digits.
SLOPE_DIGITS = 10
# The stored x0 + dx is shown to this many significant digits (a double needs up to 17).
STORED_DIGITS = 20
# A step off by more than this (relative) changes the SLOPE_DIGITS-th digit of the slope.
STEP_TOLERANCE = Fraction(5, 10**SLOPE_DIGITS)


def typed(x: float) -> Fraction:
    """The number a float stands for on the page: its shortest repr (0.1, not 0.1000...0555)."""
    return Fraction(repr(float(x)))


def _round_at(q: Fraction, place: int) -> Decimal:
    """q rounded half away from zero to a multiple of 10**place, trailing zeros dropped."""
    with localcontext() as context:
        context.prec = 200
        exact = Decimal(q.numerator) / Decimal(q.denominator)
        rounded = exact.quantize(Decimal(1).scaleb(place), rounding=ROUND_HALF_UP)
    return _plain(rounded)


def _plain(value: Decimal) -> Decimal:
    """value without trailing zeros after the point (4.000 -> 4, 0.50 -> 0.5), never 4E+1."""
    if value == 0:
        return Decimal(0)
    stripped = value.normalize()
    return stripped.quantize(Decimal(1)) if stripped.as_tuple().exponent > 0 else stripped


def _leading_place(q: Fraction) -> int:
    """floor(log10 |q|) for q != 0, exactly."""
    guess = math.floor(math.log10(abs(float(q)))) if float(q) != 0 else -400
    size = abs(q)
    while Fraction(10) ** guess > size:
        guess -= 1
    while Fraction(10) ** (guess + 1) <= size:
        guess += 1
    return guess


def round_sig(q: Fraction, digits: int) -> Decimal:
    """q rounded half away from zero to `digits` significant digits."""
    if q == 0:
        return Decimal(0)
    return _round_at(q, _leading_place(q) - digits + 1)


def _digits_to_show_apart(value: Fraction, other: Fraction) -> int:
    """Significant digits of `value` that show it differs from `other` (at least 8)."""
    if value == other or value == 0:
        return 8
    return max(8, _leading_place(value) - _leading_place(value - other) + 2)


@dataclass(frozen=True)
class SecantDigits:
    """The numbers of the secant's working as the computer has them, shown so that the
    arithmetic on the page is true."""

    x1: Fraction  # x0 + dx as the learner means it, exactly
    x1_stored: Decimal  # the double used for x0 + dx, to STORED_DIGITS significant digits
    x1_stored_exact: bool  # x1_stored is that double exactly
    step_stored: Decimal  # (stored x0 + dx) - x0, with the digits that tell it from dx
    step_rounded: bool  # the stored step is off dx enough to change the slope's shown digits
    y0: Decimal  # f(x0) as computed, to the place the rise needs
    y1: Decimal  # f(x0 + dx) as computed, to the same place
    values_exact: bool  # y0 and y1 are the computed doubles exactly
    slope: Decimal  # the computed slope to SLOPE_DIGITS significant digits
    quotient_exact: bool  # (y1 - y0) / dx with the shown digits is exactly `slope`


def secant_digits(x0: float, dx: float, y0: float, y1: float, slope: float) -> SecantDigits:
    """The digits of (f(x0 + dx) - f(x0)) / dx = slope as computed in doubles.

    y0 = f(x0) and y1 = f(x0 + dx) are the computed doubles, slope the computed quotient.
    """
    stored_x1 = Fraction(x0 + dx)
    stored_step = stored_x1 - Fraction(x0)
    step = typed(dx)
    rise = Fraction(y1) - Fraction(y0)
    place = (_leading_place(rise) if rise != 0 else 0) - SLOPE_DIGITS + 1
    shown = [_round_at(Fraction(y), place) for y in (y0, y1)]
    shown_slope = round_sig(typed(slope), SLOPE_DIGITS)
    quotient = (Fraction(shown[1]) - Fraction(shown[0])) / step
    stored_shown = round_sig(stored_x1, STORED_DIGITS)
    return SecantDigits(
        x1=typed(x0) + step,
        x1_stored=stored_shown,
        x1_stored_exact=Fraction(stored_shown) == stored_x1,
        step_stored=round_sig(stored_step, _digits_to_show_apart(stored_step, step)),
        step_rounded=abs(stored_step - step) > STEP_TOLERANCE * abs(step),
        y0=shown[0],
        y1=shown[1],
        values_exact=all(Fraction(s) == Fraction(y) for s, y in zip(shown, (y0, y1), strict=True)),
        slope=shown_slope,
        quotient_exact=quotient == Fraction(shown_slope),
    )
