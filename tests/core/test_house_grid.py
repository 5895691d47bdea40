"""core.product_rule.house_grid: the house at every day (dt held) and every step (t held),
exact, against SymPy's derivative of the area and Fractions worked out here."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from core.errors import LearnerError
from core.product_rule import HOUSE_DAY_STEPS, HOUSE_TIME_STEPS, house_grid

T = sympy.Symbol("t")
AREA = (4 + T) * (2 + T**2 / 8)


def rational(q: Fraction) -> sympy.Rational:
    return sympy.Rational(q.numerator, q.denominator)


@pytest.mark.parametrize(("day", "dt"), [(2.0, 1.0), (5.5, 0.01), (0.0, 2.0), (6.0, 0.2)])
def test_the_cross_through_day_and_step_is_exact(day: float, dt: float) -> None:
    grid = house_grid(day, dt)
    assert grid.days == HOUSE_DAY_STEPS and grid.steps == HOUSE_TIME_STEPS
    held_dt, held_day = Fraction(str(dt)), Fraction(str(day))
    pairs = [(Fraction(str(d)), held_dt) for d in HOUSE_DAY_STEPS]
    pairs += [(held_day, Fraction(str(s))) for s in HOUSE_TIME_STEPS]
    for house, (t, step) in zip(grid.by_day + grid.by_step, pairs, strict=True):
        assert (house.t, house.dt) == (t, step)
        change = AREA.subs(T, rational(t + step)) - AREA.subs(T, rational(t))
        assert house.quotient == Fraction(str(change / rational(step)))
        assert house.product_rule_rate == Fraction(str(sympy.diff(AREA, T).subs(T, rational(t))))
        # the corner: (g(t + dt) - g(t)) (h(t + dt) - h(t)) / dt = dt ((t + dt)^2 - t^2) / 8 / dt
        assert house.corner_quotient == ((t + step) ** 2 - t**2) / 8
    assert grid.plan == (12, 10)  # the house at day 6 + 2


@pytest.mark.parametrize(("day", "dt"), [(2.3, 1.0), (7.0, 1.0), (2.0, 0.3), (2.0, 0.0)])
def test_a_position_off_the_grid_is_refused(day: float, dt: float) -> None:
    with pytest.raises(LearnerError):
        house_grid(day, dt)
