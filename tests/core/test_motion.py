"""The car with the broken speedometer: the notes' numbers and the shape of the distance curve."""

from fractions import Fraction

import numpy as np
import pytest

from core.errors import LearnerError
from core.motion import (
    KNOT_DISTANCES,
    KNOT_TIMES,
    average_velocity,
    distance_at,
    distance_frame,
    sample_table,
    sample_times,
    snap_to_grid,
    stationary_intervals,
    velocity_at,
)

NOTES_POINTS = {10: 122, 12: 155, 13: 170, 15: 202, 19: 265, 20: 265}


@pytest.mark.parametrize(("t", "metres"), sorted(NOTES_POINTS.items()))
def test_curve_passes_exactly_through_the_notes_points(t: int, metres: int) -> None:
    assert distance_at(t) == metres
    assert distance_at(float(t)) == metres


def test_distance_of_a_float_is_a_float_and_of_an_array_is_an_array() -> None:
    assert isinstance(distance_at(12.5), float)
    values = distance_at(np.array([10.0, 15.0]))
    assert isinstance(values, np.ndarray)
    assert values.tolist() == [122.0, 202.0]
    assert distance_at([12, 13]).tolist() == [155.0, 170.0]


def test_distance_never_decreases_on_a_fine_grid() -> None:
    d = distance_at(np.linspace(0, 30, 60_001))
    assert np.all(np.diff(d) >= 0)


def test_velocity_is_never_negative_and_stays_below_a_city_car_speed() -> None:
    v = velocity_at(np.linspace(0, 30, 30_001))
    assert v.min() >= 0
    assert v.max() < 25  # 90 km/h


def test_slope_is_continuous_at_every_logged_second() -> None:
    eps = 1e-7
    inner = KNOT_TIMES[1:-1]
    left = velocity_at(inner - eps)
    right = velocity_at(inner + eps)
    assert np.max(np.abs(left - right)) < 1e-4


def test_velocity_is_the_derivative_of_distance() -> None:
    # independent oracle: a central difference of the distance itself
    t = np.linspace(0.3, 29.7, 300)
    h = 1e-5
    numeric = (distance_at(t + h) - distance_at(t - h)) / (2 * h)
    assert np.max(np.abs(numeric - velocity_at(t))) < 1e-4


def test_each_piece_is_a_cubic_that_polyfit_recovers() -> None:
    t = np.linspace(12.0, 13.0, 9)
    coefficients = np.polyfit(t, distance_at(t), 3)
    assert np.allclose(np.polyval(coefficients, t), distance_at(t), atol=1e-9)
    assert np.allclose(np.polyfit(t, distance_at(t), 4)[0], 0, atol=1e-6)


def test_average_velocity_on_10_to_15_seconds_is_16_m_per_s() -> None:
    avg = average_velocity(10, 15)
    assert (avg.d1, avg.d2, avg.rise, avg.run) == (122, 202, 80, 5)
    assert avg.velocity == 16


def test_average_velocity_on_12_to_13_seconds_is_15_m_per_s() -> None:
    assert average_velocity(12, 13).velocity == 15


def test_car_stood_still_from_19_to_20_seconds() -> None:
    avg = average_velocity(19, 20)
    assert avg.velocity == 0
    assert avg.standing_still
    assert stationary_intervals() == ((19.0, 20.0),)
    assert np.all(velocity_at(np.linspace(19, 20, 101)) == 0)


def test_one_second_estimate_is_closer_to_the_true_velocity_at_12_5_s() -> None:
    true_v = velocity_at(12.5)
    assert abs(15 - true_v) < abs(16 - true_v)


def test_reversed_interval_is_swapped_and_gives_the_same_slope() -> None:
    avg = average_velocity(15, 10)
    assert avg.swapped
    assert (avg.t1, avg.t2, avg.velocity) == (10, 15, 16)


def test_interval_of_zero_width_is_refused_with_a_message() -> None:
    with pytest.raises(LearnerError, match="0/0"):
        average_velocity(12, 12)


@pytest.mark.parametrize("t", [-1, 30.5, float("nan")])
def test_times_outside_the_log_are_refused(t: float) -> None:
    with pytest.raises(LearnerError):
        distance_at(t)


def test_five_second_table_matches_the_notes() -> None:
    table = sample_table(5)
    assert table["time (s)"].tolist() == [0, 5, 10, 15, 20, 25, 30]
    lookup = dict(zip(table["time (s)"], table["distance (m)"], strict=True))
    assert (lookup[10], lookup[15], lookup[20]) == (122, 202, 265)


def test_one_second_table_has_whole_metres_and_the_notes_values() -> None:
    table = sample_table(1)
    assert len(table) == 31
    assert all(float(v).is_integer() for v in table["distance (m)"])
    lookup = dict(zip(table["time (s)"], table["distance (m)"], strict=True))
    for t, metres in NOTES_POINTS.items():
        assert lookup[t] == metres


def test_every_one_second_secant_agrees_with_exact_fractions() -> None:
    for k in range(30):
        exact = Fraction(int(KNOT_DISTANCES[k + 1]) - int(KNOT_DISTANCES[k]), 1)
        assert average_velocity(k, k + 1).velocity == exact


def test_only_steps_of_5_and_1_seconds_exist() -> None:
    assert sample_times(5) == (0, 5, 10, 15, 20, 25, 30)
    with pytest.raises(LearnerError):
        sample_times(2)


@pytest.mark.parametrize(
    ("t", "step", "snapped"), [(12, 5, 10), (13, 5, 15), (12, 1, 12), (30, 5, 30)]
)
def test_times_snap_to_the_nearest_measured_instant(t: int, step: int, snapped: int) -> None:
    assert snap_to_grid(t, step) == snapped


def test_curve_frame_stays_within_the_line_point_budget() -> None:
    frame = distance_frame()
    assert len(frame) <= 400
    assert frame["d"].iloc[-1] == distance_at(30)


def test_speedometer_on_the_notes_interval_is_exactly_16_m_per_s_at_12_5_s():
    from fractions import Fraction

    from core.motion import speedometer

    car = speedometer(5, 10, 15)
    assert car.velocity == Fraction(202 - 122, 15 - 10) == 16
    assert car.middle == Fraction(25, 2) and car.moved == ()
    (ta, da), (tb, db) = car.secant_ends
    assert (ta, tb) == (6.0, 19.0)  # 4 s past each end, inside the 0-400 m window
    assert (da, db) == (122 - 16 * 4, 202 + 16 * 4)


def test_speedometer_moves_off_grid_ends_and_keeps_thirds_exact():
    from fractions import Fraction

    from core.motion import speedometer

    car = speedometer(5, 12, 13)
    assert car.moved == (("t1", 12, 10), ("t2", 13, 15))
    assert speedometer(1, 12, 15).velocity == Fraction(202 - 155, 3)  # 47/3, not 15.666...
    assert speedometer(5, 15, 15).average is None
