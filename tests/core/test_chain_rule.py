"""The mountain drive, dT/dt = dT/dh * dh/dt, and (e^(2x))' = 2 e^(2x) (not the notes' 2 e^x)."""

import pytest
import sympy

from core.chain_rule import (
    EXP_2X,
    EXP_2X_DERIVATIVE,
    NOTES_SLIP_EXP_2X,
    chain_rule,
    climb_rate,
    drive_curves,
    height,
    lapse_rate,
    mountain_drive,
    mountain_temperature,
    x,
)
from core.errors import LearnerError

T_SYM, H_SYM = sympy.symbols("t h")
HEIGHT = sympy.Rational(1, 2) + T_SYM**2 / 2
TEMPERATURE = 20 - 10 * H_SYM + H_SYM**2


@pytest.mark.parametrize("hour", [0.0, 0.5, 1.0, 1.75, 2.0])
def test_drive_rates_match_sympy(hour: float) -> None:
    km = float(HEIGHT.subs(T_SYM, hour))
    assert float(height(hour)) == pytest.approx(km)
    assert float(climb_rate(hour)) == pytest.approx(
        float(sympy.diff(HEIGHT, T_SYM).subs(T_SYM, hour))
    )
    assert float(mountain_temperature(km)) == pytest.approx(float(TEMPERATURE.subs(H_SYM, km)))
    assert float(lapse_rate(km)) == pytest.approx(
        float(sympy.diff(TEMPERATURE, H_SYM).subs(H_SYM, km))
    )


@pytest.mark.parametrize("hour", [0.25, 1.0, 1.5, 2.0])
def test_chain_rate_equals_sympy_diff_of_the_composition(hour: float) -> None:
    composed = TEMPERATURE.subs(H_SYM, HEIGHT)
    exact = float(sympy.diff(composed, T_SYM).subs(T_SYM, hour))
    drive = mountain_drive(hour)
    assert drive.chain_rate == pytest.approx(exact, rel=1e-12)
    assert drive.quotient == pytest.approx(exact, abs=0.02)


def test_drive_at_one_hour_cools_8_degrees_per_hour() -> None:
    drive = mountain_drive(1.0)
    assert drive.height == 1.0  # km
    assert drive.temperature == 11.0  # degrees C
    assert drive.climb_rate == 1.0  # km per hour
    assert drive.lapse_rate == -8.0  # degrees per km
    assert drive.chain_rate == -8.0  # degrees per hour


def test_drive_curves_are_the_two_pictures_side_by_side() -> None:
    road, air = drive_curves()
    assert road["t"].iloc[0] == 0.0 and road["h"].iloc[-1] == pytest.approx(2.5)
    assert air["h"].iloc[0] == pytest.approx(0.5) and air["T"].iloc[-1] == pytest.approx(1.25)


def test_exp_2x_derivative_is_2_exp_2x() -> None:
    assert sympy.simplify(sympy.diff(EXP_2X, x) - EXP_2X_DERIVATIVE) == 0
    assert sympy.simplify(chain_rule(sympy.exp(x), 2 * x) - EXP_2X_DERIVATIVE) == 0


def test_the_notes_slip_2_exp_x_is_wrong() -> None:
    difference = sympy.simplify(EXP_2X_DERIVATIVE - NOTES_SLIP_EXP_2X)
    assert difference != 0
    # at x = 1: 2e^2 = 14.78 against 2e = 5.44
    assert float(EXP_2X_DERIVATIVE.subs(x, 1)) == pytest.approx(14.7781, abs=1e-4)
    assert float(NOTES_SLIP_EXP_2X.subs(x, 1)) == pytest.approx(5.4366, abs=1e-4)


@pytest.mark.parametrize(
    ("outer", "inner"),
    [
        (sympy.sin(x), x**2),
        (x**3, sympy.cos(x)),
        (sympy.log(x), 1 + x**2),
        (sympy.sqrt(x), 3 * x + 1),
    ],
)
def test_chain_rule_matches_sympy_diff_of_the_composition(
    outer: sympy.Expr, inner: sympy.Expr
) -> None:
    composed = outer.subs(x, inner)
    assert sympy.simplify(chain_rule(outer, inner) - sympy.diff(composed, x)) == 0


def test_mountain_drive_refuses_times_outside_the_drive() -> None:
    with pytest.raises(LearnerError):
        mountain_drive(3.0)
    with pytest.raises(LearnerError):
        mountain_drive(1.0, dt=0.0)
