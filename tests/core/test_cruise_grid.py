"""core.combination_rules.cruise_grid: the cruise at every position of the sum tab's three
inputs (a cross through the learner's ship, walk and c), against SymPy and Fractions."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from core.combination_rules import cruise_grid, cruise_positions, cruise_window, cruise_working
from core.errors import LearnerError
from core.line_fit import slider_values

SHIPS = slider_values(0.0, 1.5, 0.05)
WALKS = slider_values(-0.2, 0.3, 0.01)
MULTIPLES = slider_values(0.5, 3.0, 0.1)
T = sympy.Symbol("t")


def q(v: float) -> Fraction:
    return Fraction(str(v))


@pytest.mark.parametrize(
    ("ship", "walk", "c"), [(0.6, 0.05, 1.0), (1.0, -0.1, 2.0), (0.0, -0.2, 3.0)]
)
def test_a_cross_holds_two_inputs_and_its_numbers_are_sympys(ship, walk, c) -> None:
    grid = cruise_grid(ship, walk, c, ships=SHIPS, walks=WALKS, multiples=MULTIPLES)
    assert [w.ship for w in grid.by_ship] == [q(v) for v in SHIPS]
    assert {(w.walk, w.c) for w in grid.by_ship} == {(q(walk), q(c))}
    assert [w.walk for w in grid.by_walk] == [q(v) for v in WALKS]
    assert {(w.ship, w.c) for w in grid.by_walk} == {(q(ship), q(c))}
    assert [w.c for w in grid.by_c] == [q(v) for v in MULTIPLES]
    assert {(w.ship, w.walk) for w in grid.by_c} == {(q(ship), q(walk))}
    for w in (*grid.by_ship, *grid.by_walk, *grid.by_c):
        c_s, ship_s, walk_s = (sympy.Rational(str(v)) for v in (w.c, w.ship, w.walk))
        position = c_s * (ship_s * T + walk_s * T)  # c x_total(t)
        assert w.total == Fraction(str(sympy.diff(position / c_s, T)))  # sum rule
        assert w.scaled == Fraction(str(sympy.diff(position, T)))  # multiple rule
        assert w.measured == w.total
        ends = w.distances(Fraction(4))
        assert ends["passenger"] == Fraction(str(position.subs(T, 4)))
        assert ends["ship"] + ends["walk on deck"] == ends["passenger"]
        low, high = grid.window(w.c)
        assert low <= min(ends.values(), default=0) and max(ends.values()) <= high


def test_the_window_holds_every_line_at_c_1_and_scales_with_c() -> None:
    # 4 h x (min(0, -0.2), 1.5 + 0.3)
    assert cruise_window(SHIPS, WALKS, 4.0) == (Fraction(-4, 5), Fraction(36, 5))
    grid = cruise_grid(0.6, 0.05, 1.0, ships=SHIPS, walks=WALKS, multiples=MULTIPLES)
    assert grid.unscaled == (Fraction(-4, 5), Fraction(36, 5))
    assert grid.window(Fraction(5, 2)) == (Fraction(-2), Fraction(18))
    with pytest.raises(LearnerError):
        grid.window(Fraction(0))


def test_a_working_of_the_grid_is_the_one_cruise_working_makes() -> None:
    grid = cruise_grid(1.2, -0.07, 1.8, ships=SHIPS, walks=WALKS, multiples=MULTIPLES)
    alone = cruise_working(1.2, -0.07, 1.8)
    assert grid.by_ship[SHIPS.index(1.2)] == alone == grid.by_c[MULTIPLES.index(1.8)]
    # its sampled lines, worked out when first read, are cruise_positions'
    assert alone.positions.equals(cruise_positions(1.2, -0.07, hours=4.0, scale=1.8))
