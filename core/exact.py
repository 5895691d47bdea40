"""A slider's value as the exact number the learner set: 0.1 means 1/10, not the double
0.1000000000000000055...; a value a step sum left at 0.30000000000000004 means 3/10.

Working with these Fractions keeps exact arithmetic exact (0.6 + 0.05 = 0.65, not
0.6499999999999999), so a page can write "=" where the mathematics is exact.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

# Slider steps here have at most a few decimals; ten places remove a step sum's residue.
SLIDER_PLACES = 10


def slider_value(value: float | int | Fraction) -> Fraction:
    """The exact decimal a slider shows: value rounded to SLIDER_PLACES decimals, as a Fraction."""
    if isinstance(value, Fraction):
        return value
    return Fraction(Decimal(repr(round(float(value), SLIDER_PLACES))))
