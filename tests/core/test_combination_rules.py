"""Scalar multiple and sum rule, with the notes' cruise (0.6 + 0.05 = 0.65 nautical miles/hour)."""

import pytest
import sympy

from core.combination_rules import (
    KM_PER_NAUTICAL_MILE,
    SHIP_SPEED,
    WALK_SPEED,
    cruise,
    cruise_positions,
    scaled_quotient,
    scaled_speed,
)
from core.errors import LearnerError


def test_notes_cruise_passenger_moves_at_0_65_nautical_miles_per_hour() -> None:
    trip = cruise(SHIP_SPEED, WALK_SPEED, hours=2.0)
    assert (SHIP_SPEED, WALK_SPEED) == (0.6, 0.05)
    assert trip.summed_speed == pytest.approx(0.65)
    assert trip.total_speed == pytest.approx(0.65, abs=1e-12)


def test_cruise_positions_add_after_two_hours() -> None:
    trip = cruise(0.6, 0.05, hours=2.0)
    assert trip.ship_position == pytest.approx(1.2)
    assert trip.walk_position == pytest.approx(0.1)
    assert trip.total_position == pytest.approx(1.3)


@pytest.mark.parametrize(("ship", "walk"), [(0.6, 0.05), (1.0, -0.2), (0.0, 0.3)])
def test_sum_rule_measured_speed_equals_sum_of_speeds(ship: float, walk: float) -> None:
    t = sympy.Symbol("t")
    expected = sympy.diff(ship * t + walk * t, t)
    assert cruise(ship, walk, hours=1.0, dt=0.01).total_speed == pytest.approx(float(expected))


def test_cruise_positions_table_has_three_lines_ending_at_their_distances() -> None:
    data = cruise_positions(0.6, 0.05, hours=4.0)
    ends = data[data["t"] == 4.0].set_index("series")["distance"]
    assert ends["ship"] == pytest.approx(2.4)
    assert ends["walk on deck"] == pytest.approx(0.2)
    assert ends["passenger"] == pytest.approx(2.6)


def test_cruise_positions_scaled_by_c_are_c_times_as_far() -> None:
    data = cruise_positions(0.6, 0.05, hours=1.0, scale=KM_PER_NAUTICAL_MILE)
    ends = data[data["t"] == 1.0].set_index("series")["distance"]
    assert ends["passenger"] == pytest.approx(0.65 * 1.852)


def test_scalar_multiple_scales_the_speed() -> None:
    # the passenger's speed in km/h is 1.852 times her speed in nautical miles per hour
    assert scaled_speed(KM_PER_NAUTICAL_MILE, 0.65) == pytest.approx(1.2038)
    assert scaled_quotient(3.0, 0.6, 0.05, hours=1.0, dt=0.1) == pytest.approx(1.95)


def test_scalar_multiple_rule_against_sympy() -> None:
    x, c = sympy.symbols("x c")
    f = sympy.sin(x) + x**3
    assert sympy.simplify(sympy.diff(c * f, x) - c * sympy.diff(f, x)) == 0


def test_cruise_refuses_bad_times() -> None:
    with pytest.raises(LearnerError):
        cruise(0.6, 0.05, hours=-1.0)
    with pytest.raises(LearnerError):
        cruise(0.6, 0.05, hours=1.0, dt=0.0)
    with pytest.raises(LearnerError):
        cruise_positions(0.6, 0.05, hours=0.0)
    with pytest.raises(LearnerError):
        scaled_quotient(2.0, 0.6, 0.05, hours=1.0, dt=-0.1)
