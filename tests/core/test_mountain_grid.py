"""core.chain_rule.mountain_grid: the drive at every hour of the control, exact, against
SymPy's derivative of T(h(t))."""

from __future__ import annotations

from fractions import Fraction

import sympy

from core.chain_rule import DRIVE_HOUR_STEPS, mountain_grid

T = sympy.Symbol("t")
HEIGHT = sympy.Rational(1, 2) + T**2 / 2
TEMPERATURE = 20 - 10 * HEIGHT + HEIGHT**2


def test_every_hour_of_the_grid_is_exact() -> None:
    grid = mountain_grid()
    assert grid.hours == DRIVE_HOUR_STEPS == tuple(k / 10 for k in range(21))
    for k, drive in enumerate(grid.drives):
        t = sympy.Rational(k, 10)
        assert drive.hour == Fraction(k, 10)
        assert drive.height == Fraction(str(HEIGHT.subs(T, t)))
        assert drive.temperature == Fraction(str(TEMPERATURE.subs(T, t)))
        assert drive.climb_rate == Fraction(str(sympy.diff(HEIGHT, T).subs(T, t)))
        assert drive.chain_rate == Fraction(str(sympy.diff(TEMPERATURE, T).subs(T, t)))
        step = sympy.Rational(1, 1000)
        measured = (TEMPERATURE.subs(T, t + step) - TEMPERATURE.subs(T, t)) / step
        assert drive.quotient == Fraction(str(measured))
    assert list(grid.road["t"]) == list(grid.drives[0].road["t"])
    assert grid.air["T"].iloc[0] == 20 - 10 * 0.5 + 0.25
