"""Chain rule, seen on a drive up a cold mountain: dT/dt = dT/dh * dh/dt.

The temperature T depends on the height h (km), and the height depends on the time t (hours)
since the drive began. How fast it gets colder per hour is how fast it gets colder per km
times how many km you climb per hour, both taken at the current moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd
import sympy

from core.errors import LearnerError
from core.exact import slider_value

x = sympy.Symbol("x", real=True)

DRIVE_HOURS = (0.0, 2.0)


def height(hour: float | np.ndarray) -> float | np.ndarray:
    """h(t) = 0.5 + t^2 / 2 km: the road starts at 500 m and climbs ever more steeply."""
    return 0.5 + np.asarray(hour, dtype=float) ** 2 / 2.0


def climb_rate(hour: float | np.ndarray) -> float | np.ndarray:
    """dh/dt = t km per hour."""
    return np.asarray(hour, dtype=float) * 1.0


def mountain_temperature(km: float | np.ndarray) -> float | np.ndarray:
    """T(h) = 20 - 10 h + h^2 degrees Celsius at height h km (cooling more slowly higher up)."""
    km = np.asarray(km, dtype=float)
    return 20.0 - 10.0 * km + km**2


def lapse_rate(km: float | np.ndarray) -> float | np.ndarray:
    """dT/dh = -10 + 2 h degrees Celsius per km."""
    return -10.0 + 2.0 * np.asarray(km, dtype=float)


@dataclass(frozen=True)
class MountainDrive:
    """The drive at hour t: height, temperature and the three rates of change."""

    hour: float
    height: float  # h(t), km
    temperature: float  # T(h(t)), degrees Celsius
    climb_rate: float  # dh/dt, km per hour
    lapse_rate: float  # dT/dh at h(t), degrees per km
    quotient: float  # (T(h(t + dt)) - T(h(t))) / dt, measured directly, degrees per hour
    dt: float

    @property
    def chain_rate(self) -> float:
        """dT/dt = dT/dh * dh/dt, degrees per hour."""
        return self.lapse_rate * self.climb_rate


def mountain_drive(hour: float, dt: float = 1e-3) -> MountainDrive:
    """The drive at `hour`, with the rate of cooling also measured over a short step dt."""
    if not DRIVE_HOURS[0] <= hour <= DRIVE_HOURS[1]:
        raise LearnerError(f"Pick a time from {DRIVE_HOURS[0]:g} to {DRIVE_HOURS[1]:g} hours.")
    if dt <= 0:
        raise LearnerError("The time step dt must be positive.")
    h = float(height(hour))
    measured = (
        float(mountain_temperature(height(hour + dt))) - float(mountain_temperature(h))
    ) / dt
    return MountainDrive(
        hour,
        h,
        float(mountain_temperature(h)),
        float(climb_rate(hour)),
        float(lapse_rate(h)),
        measured,
        dt,
    )


def drive_curves(points: int = 121) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two plain tables: the height along the drive (t, h) and the temperature by height (h, T)."""
    hours = np.linspace(*DRIVE_HOURS, points)
    heights = np.linspace(float(height(DRIVE_HOURS[0])), float(height(DRIVE_HOURS[1])), points)
    return (
        pd.DataFrame({"t": hours, "h": height(hours)}),
        pd.DataFrame({"h": heights, "T": mountain_temperature(heights)}),
    )


def chain_rule(outer: sympy.Expr, inner: sympy.Expr, variable: sympy.Symbol = x) -> sympy.Expr:
    """(outer(inner(x)))' = outer'(inner(x)) * inner'(x); `outer` is a function of `variable`."""
    u = sympy.Dummy("u")
    outer_u = outer.subs(variable, u)
    return sympy.diff(outer_u, u).subs(u, inner) * sympy.diff(inner, variable)


# The notes' question: f(x) = e^(2x). Outer e^u, inner u = 2x: f'(x) = e^(2x) * 2.
EXP_2X = sympy.exp(2 * x)
EXP_2X_DERIVATIVE = 2 * sympy.exp(2 * x)
# The notes answered 2 e^x: the factor 2 is right, but the outer derivative must stay e^(2x).
NOTES_SLIP_EXP_2X = 2 * sympy.exp(x)


@dataclass(frozen=True)
class MountainWorking:
    """The chain-rule picture at hour t, exact: h = 1/2 + t^2/2, T = 20 - 10h + h^2,
    dh/dt = t, dT/dh = -10 + 2h, dT/dt = dT/dh * dh/dt, and the quotient measured over the
    next dt = 1/1000 h; the two curves (t, h) and (h, T) to draw."""

    hour: Fraction
    height: Fraction
    temperature: Fraction
    climb_rate: Fraction
    lapse_rate: Fraction
    quotient: Fraction
    dt: Fraction
    road: pd.DataFrame
    air: pd.DataFrame

    @property
    def chain_rate(self) -> Fraction:
        return self.lapse_rate * self.climb_rate


def _height_exact(t: Fraction) -> Fraction:
    return Fraction(1, 2) + t**2 / 2


def _temperature_exact(h: Fraction) -> Fraction:
    return 20 - 10 * h + h**2


def mountain_working(hour: float, dt: Fraction = Fraction(1, 1000)) -> MountainWorking:
    """Everything the mountain picture shows, with t taken as the decimal set."""
    t = slider_value(hour)
    mountain_drive(float(t))  # the range check, with its message
    h = _height_exact(t)
    quotient = (_temperature_exact(_height_exact(t + dt)) - _temperature_exact(h)) / dt
    road, air = drive_curves()
    return MountainWorking(t, h, _temperature_exact(h), t, -10 + 2 * h, quotient, dt, road, air)


# The positions of the drive's control, the old slider's grid: 0 to 2 hours in tenths.
DRIVE_HOUR_STEPS = tuple(k / 10 for k in range(21))


@dataclass(frozen=True)
class MountainGrid:
    """The drive at every position of the hour control (`drives[i]` at `hours[i]`, exact),
    with the road (t, h) and the air (h, T) drawn once."""

    hours: tuple[float, ...]
    drives: tuple[MountainWorking, ...]
    road: pd.DataFrame
    air: pd.DataFrame


def mountain_grid() -> MountainGrid:
    """One call for the touch unit: `mountain_working` at every hour of the grid."""
    drives = tuple(mountain_working(hour) for hour in DRIVE_HOUR_STEPS)
    return MountainGrid(DRIVE_HOUR_STEPS, drives, drives[0].road, drives[0].air)
