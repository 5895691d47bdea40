"""The car with the broken speedometer: distance d(t) in metres against time t in seconds.

The notes give d(10) = 122, d(12) = 155, d(13) = 170, d(15) = 202 and d(19) = d(20) = 265.
The rest of the one-second log below is made up so that the trip is plausible on 0-30 s:
the car is already rolling at the start, cruises at about 15-16 m/s, brakes to a stop at
19 s, stands still until 20 s and pulls away again.

Between the logged seconds the distance follows a monotone piecewise cubic Hermite curve
(Fritsch and Carlson, 1980): it passes through every logged point exactly, has a continuous
slope, and never goes down, so the car never drives backwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from core.errors import LearnerError

START_S = 0
END_S = 30
SAMPLING_STEPS: tuple[int, ...] = (5, 1)

# Metres travelled in each second 0-1, 1-2, ..., 29-30. The notes fix the sums that matter:
# 0-10 s: 122 m, 10-12 s: 33 m, 12-13 s: 15 m, 13-15 s: 32 m, 15-19 s: 63 m, 19-20 s: 0 m.
_METRES_PER_SECOND: tuple[int, ...] = (
    8, 9, 10, 11, 12, 13, 14, 14, 15, 16,  # pulling up to cruising speed
    17, 16, 15, 16, 16,  # cruising: the notes' 10-15 s
    18, 19, 17, 9,  # a burst, then hard braking for a red light
    0,  # standing still, 19-20 s
    2, 5, 8, 10, 12, 13, 14, 14, 15, 15,  # pulling away again
)  # fmt: skip

KNOT_TIMES: np.ndarray = np.arange(START_S, END_S + 1, dtype=float)
KNOT_DISTANCES: np.ndarray = np.concatenate(([0.0], np.cumsum(_METRES_PER_SECOND, dtype=float)))


def _fritsch_carlson_slopes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Slopes m_k at the knots that keep a cubic Hermite curve monotone (Fritsch-Carlson).

    Start from the mean of neighbouring secant slopes; set m = 0 where the data are flat or
    turn; then, on each interval with alpha = m_k / delta_k, beta = m_(k+1) / delta_k, scale
    both by 3 / sqrt(alpha^2 + beta^2) when alpha^2 + beta^2 > 9.
    """
    delta = np.diff(y) / np.diff(x)
    m = np.empty_like(y)
    m[0], m[-1] = delta[0], delta[-1]
    m[1:-1] = (delta[:-1] + delta[1:]) / 2
    m[1:-1][delta[:-1] * delta[1:] <= 0] = 0.0
    for k, d in enumerate(delta):
        if d == 0:
            m[k] = m[k + 1] = 0.0
            continue
        alpha, beta = m[k] / d, m[k + 1] / d
        radius = np.hypot(alpha, beta)
        if radius > 3:
            m[k], m[k + 1] = 3 * alpha * d / radius, 3 * beta * d / radius
    return m


_KNOT_SLOPES: np.ndarray = _fritsch_carlson_slopes(KNOT_TIMES, KNOT_DISTANCES)


def _checked_times(t: ArrayLike) -> np.ndarray:
    times = np.asarray(t, dtype=float)
    if not np.all(np.isfinite(times)) or np.any(times < START_S) or np.any(times > END_S):
        raise LearnerError(f"The car was only timed from {START_S} s to {END_S} s.")
    return times


def _hermite(t: ArrayLike, derivative: bool) -> float | np.ndarray:
    times = _checked_times(t)
    k = np.clip(np.searchsorted(KNOT_TIMES, times, side="right") - 1, 0, len(KNOT_TIMES) - 2)
    h = KNOT_TIMES[k + 1] - KNOT_TIMES[k]
    s = (times - KNOT_TIMES[k]) / h
    y0, y1 = KNOT_DISTANCES[k], KNOT_DISTANCES[k + 1]
    m0, m1 = _KNOT_SLOPES[k] * h, _KNOT_SLOPES[k + 1] * h
    rise = y1 - y0  # written as y0 + rise * h01(s) so that a flat stretch stays exactly flat
    if derivative:
        value = (
            (6 * s - 6 * s**2) * rise + (3 * s**2 - 4 * s + 1) * m0 + (3 * s**2 - 2 * s) * m1
        ) / h
    else:
        value = y0 + (3 * s**2 - 2 * s**3) * rise + (s**3 - 2 * s**2 + s) * m0 + (s**3 - s**2) * m1
    return float(value) if np.ndim(value) == 0 else value


def distance_at(t: ArrayLike) -> float | np.ndarray:
    """d(t): metres travelled after t seconds, 0 <= t <= 30; a float for a float, else an array."""
    return _hermite(t, derivative=False)


def velocity_at(t: ArrayLike) -> float | np.ndarray:
    """v(t) = d'(t) in m/s: the slope of the tangent, what a working speedometer would show."""
    return _hermite(t, derivative=True)


def sample_times(step: int) -> tuple[int, ...]:
    """The instants at which the distance was written down: every `step` seconds (5 or 1)."""
    if step not in SAMPLING_STEPS:
        raise LearnerError("The distance was measured every 5 s or every 1 s.")
    return tuple(range(START_S, END_S + 1, step))


def sample_table(step: int) -> pd.DataFrame:
    """The measurement table: time (s) and distance (m), every `step` seconds."""
    times = np.array(sample_times(step), dtype=float)
    distances = distance_at(times)
    return pd.DataFrame({"time (s)": times.astype(int), "distance (m)": np.round(distances, 6)})


def snap_to_grid(t: float, step: int) -> int:
    """The measured instant nearest to t on the `step`-second grid (ties go to the earlier one)."""
    grid = np.array(sample_times(step))
    return int(grid[np.argmin(np.abs(grid - float(t)))])


@dataclass(frozen=True)
class AverageVelocity:
    """The secant slope (d(t2) - d(t1)) / (t2 - t1) with the numbers that go into it."""

    t1: float
    t2: float
    d1: float
    d2: float
    swapped: bool  # the learner gave the later time first; the slope is the same either way

    @property
    def rise(self) -> float:
        return self.d2 - self.d1

    @property
    def run(self) -> float:
        return self.t2 - self.t1

    @property
    def velocity(self) -> float:
        return self.rise / self.run

    @property
    def standing_still(self) -> bool:
        return self.rise == 0


def average_velocity(t1: float, t2: float) -> AverageVelocity:
    """Average velocity on [t1, t2] = (d(t2) - d(t1)) / (t2 - t1), in m/s.

    Given t1 > t2 the interval is read the other way round, which gives the same slope.
    """
    if t1 == t2:
        raise LearnerError(
            f"Both ends of the interval are at {t1:g} s: the car has no time to move, so "
            f"the slope would be 0/0. Move one slider to make the interval wider."
        )
    swapped = t1 > t2
    a, b = (t2, t1) if swapped else (t1, t2)
    return AverageVelocity(
        t1=float(a), t2=float(b), d1=distance_at(a), d2=distance_at(b), swapped=swapped
    )


def distance_frame(points: int = 301) -> pd.DataFrame:
    """The smooth distance curve on 0-30 s, for drawing: columns t (s) and d (m)."""
    times = np.linspace(START_S, END_S, points)
    return pd.DataFrame({"t": times, "d": distance_at(times)})


def stationary_intervals() -> tuple[tuple[float, float], ...]:
    """The logged intervals on which the car did not move at all (d(t1) = d(t2))."""
    flat = np.flatnonzero(np.diff(KNOT_DISTANCES) == 0)
    return tuple((float(KNOT_TIMES[k]), float(KNOT_TIMES[k + 1])) for k in flat)


# The car chart's fixed window: 0-30 s and 0 m up to the next 50 m above the trip's length,
# so that a move of t1 or t2 never refits the axes.
TIME_WINDOW: tuple[float, float] = (float(START_S), float(END_S))
DISTANCE_WINDOW: tuple[float, float] = (0.0, 50.0 * math.ceil(KNOT_DISTANCES[-1] / 50))
# The secant runs this far past each end of the interval (or to where it leaves the window).
SECANT_OVERHANG_S = 4.0


@dataclass(frozen=True)
class Speedometer:
    """Everything the broken-speedometer section shows for one sampling step and interval.

    `moved` lists each end the learner put off the sampling grid as (name, asked, used);
    `average` is None when both ends are at the same time (the slope would be 0/0).
    """

    step: int
    t1: int
    t2: int
    moved: tuple[tuple[str, int, int], ...]
    average: AverageVelocity | None
    velocity: Fraction | None  # the average velocity, exactly (the logged distances are whole)
    secant_ends: tuple[tuple[float, float], tuple[float, float]] | None  # inside the window
    middle: Fraction | None  # the instant the average estimates
    true_velocity: float | None  # what a working speedometer shows at the middle


def speedometer(step: int, t1: float, t2: float) -> Speedometer:
    """The average velocity over [t1, t2] read off the table measured every `step` seconds:
    t1 and t2 move to the nearest measured instants, and (d(t2) - d(t1)) / (t2 - t1) is exact
    because every logged distance is a whole number of metres."""
    grid = {name: snap_to_grid(value, step) for name, value in (("t1", t1), ("t2", t2))}
    moved = tuple(
        (name, int(asked), grid[name])
        for name, asked in (("t1", t1), ("t2", t2))
        if float(asked) != grid[name]
    )
    a, b = grid["t1"], grid["t2"]
    if a == b:
        return Speedometer(step, a, b, moved, None, None, None, None, None)
    average = average_velocity(a, b)
    velocity = (Fraction(average.d2) - Fraction(average.d1)) / Fraction(average.t2 - average.t1)
    line = _Line(average.t1, average.d1, float(velocity))
    low = max(TIME_WINDOW[0], average.t1 - SECANT_OVERHANG_S)
    high = min(TIME_WINDOW[1], average.t2 + SECANT_OVERHANG_S)
    ends = line.inside((low, high), DISTANCE_WINDOW)
    middle = Fraction(int(average.t1 + average.t2), 2)
    return Speedometer(
        step=step,
        t1=a,
        t2=b,
        moved=moved,
        average=average,
        velocity=velocity,
        secant_ends=ends,
        middle=middle,
        true_velocity=float(velocity_at(float(middle))),
    )


@dataclass(frozen=True)
class _Line:
    """d = d0 + slope (t - t0)."""

    t0: float
    d0: float
    slope: float

    def inside(
        self, t_range: tuple[float, float], d_range: tuple[float, float]
    ) -> tuple[tuple[float, float], tuple[float, float]]:
        """The line's two ends inside t_range x d_range (it passes through (t0, d0), inside)."""
        low, high = t_range
        if self.slope != 0:
            ta = self.t0 + (d_range[0] - self.d0) / self.slope
            tb = self.t0 + (d_range[1] - self.d0) / self.slope
            low, high = max(low, min(ta, tb)), min(high, max(ta, tb))
        return (
            (low, self.d0 + self.slope * (low - self.t0)),
            (high, self.d0 + self.slope * (high - self.t0)),
        )


@dataclass(frozen=True)
class SpeedometerGrid:
    """The speedometer at every measured time of one end, the other end held: the rows of a
    touch unit with two inputs (a cross through the interval Python holds).

    `by_t1[i]` has t1 = times[i] and t2 held; `by_t2[j]` has t1 held and t2 = times[j]. Both
    held ends are on the grid (`held` is `speedometer(step, t1, t2)` itself).
    """

    step: int
    times: tuple[int, ...]
    held: Speedometer
    by_t1: tuple[Speedometer, ...]
    by_t2: tuple[Speedometer, ...]


def speedometer_grid(step: int, t1: float, t2: float) -> SpeedometerGrid:
    """`speedometer(step, t, t2)` for every measured time t, and `speedometer(step, t1, t)`:
    what the section shows wherever the learner moves one end of the interval (each end is
    first moved onto the grid, as `speedometer` does)."""
    times = sample_times(step)
    held = speedometer(step, t1, t2)
    return SpeedometerGrid(
        step=step,
        times=times,
        held=held,
        by_t1=tuple(speedometer(step, t, held.t2) for t in times),
        by_t2=tuple(speedometer(step, held.t1, t) for t in times),
    )
