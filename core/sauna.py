"""The notes' sauna: the temperature along a walk across the room, in degrees Celsius.

T(x) = 95 + Q(x)/10, where Q(0) = 0 and Q'(x) = (x - 1.5)^2 (x - 4)(x - 6)(x - 8).
So the slope T'(x) = Q'(x)/10 is zero at x = 1.5 (a flat shelf: the slope is negative on both
sides, no minimum), 4 (a shallow cold spot), 6 (a warm bench between them) and 8 (the
coldest spot). The page finds these points numerically and checks each one.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

import numpy as np
from numpy.polynomial import Polynomial

from core.gradient_descent import DescentPath, gradient_descent
from core.stationary import StationaryPoint, point_kind

ROOM: tuple[float, float] = (0.0, 9.0)
BASE_TEMPERATURE = 95.0
# Temperatures are floats from a polynomial; two within this many degrees count as equal when
# deciding which spot is the coldest (global) one. The sauna's spots differ by over 1 degree.
EQUAL_TEMPERATURE = 1e-9

_SLOPE_Q = Polynomial.fromroots([1.5, 1.5, 4.0, 6.0, 8.0])
_TEMPERATURE = BASE_TEMPERATURE + _SLOPE_Q.integ() / 10.0
_SLOPE = _TEMPERATURE.deriv()


def temperature(x: float | np.ndarray) -> float | np.ndarray:
    """T(x) = 95 + Q(x)/10 degrees Celsius at x metres from the stove wall."""
    value = _TEMPERATURE(np.asarray(x, dtype=float))
    return float(value) if np.ndim(x) == 0 else value


def temperature_slope(x: float | np.ndarray) -> float | np.ndarray:
    """T'(x) = (x - 1.5)^2 (x - 4)(x - 6)(x - 8) / 10, degrees per metre."""
    value = _SLOPE(np.asarray(x, dtype=float))
    return float(value) if np.ndim(x) == 0 else value


def colder_direction(x: float, *, flat: float = 1e-9) -> Literal["left", "right", "neither"]:
    """Which way a step makes it colder: against the slope (right if T' < 0, left if T' > 0)."""
    slope = temperature_slope(x)
    if abs(slope) <= flat:
        return "neither"
    return "right" if slope < 0 else "left"


@cache
def stationary_points(*, probe: float = 1e-3) -> tuple[StationaryPoint, ...]:
    """Every x in the room with T'(x) = 0, found numerically and classified by the sign test.

    Roots of the slope polynomial come from its companion matrix (np.roots); a double root
    comes back as two nearly equal numbers, which are merged. Each point is then checked:
    |T'(x)| must be tiny, and the sign of T' a little to the left and right decides the kind
    (- then + is a minimum, + then - a maximum, equal signs no extremum at all).
    """
    raw = _SLOPE.roots()
    real = np.sort(raw[np.abs(raw.imag) < 1e-4].real)
    merged: list[float] = []
    for r in real:
        if merged and abs(r - merged[-1]) < 1e-4:
            merged[-1] = float((merged[-1] + r) / 2)
        else:
            merged.append(float(r))
    inside = [x for x in merged if ROOM[0] <= x <= ROOM[1]]
    found: list[tuple[float, int, int]] = []
    for x in inside:
        if abs(temperature_slope(x)) > 1e-6:
            raise ArithmeticError(f"x = {x} was taken for a zero of the slope, but it is not")
        left = int(np.sign(temperature_slope(x - probe)))
        right = int(np.sign(temperature_slope(x + probe)))
        found.append((x, left, right))
    # Global means lowest (highest) on the whole room: the room's two walls are candidates too.
    candidates = [temperature(x) for x, _, _ in found] + [temperature(end) for end in ROOM]
    points = []
    for x, left, right in found:
        value = temperature(x)
        lowest = all(value <= c + EQUAL_TEMPERATURE for c in candidates)
        highest = all(value >= c - EQUAL_TEMPERATURE for c in candidates)
        kind = point_kind(left, right, lowest=lowest, highest=highest)
        points.append(StationaryPoint(x, value, kind, left, right))
    return tuple(points)


def sauna_grid(points: int = 301) -> np.ndarray:
    """Evenly spaced positions across the room, for drawing."""
    return np.linspace(ROOM[0], ROOM[1], points)


def sauna_descent(start: float, learning_rate: float, steps: int) -> DescentPath:
    """Walk downhill in the sauna, x <- x - lr * T'(x), stopping if a step leaves the room."""
    return gradient_descent(
        temperature, temperature_slope, start, learning_rate, steps, domain=ROOM
    )


def landing_point(path: DescentPath, *, within: float = 1e-3) -> StationaryPoint | None:
    """The stationary point the walk ended on (within `within` metres), if it settled on one."""
    if path.outcome != "converged":
        return None
    for point in stationary_points():
        if abs(point.x - path.final_x) <= within:
            return point
    return None
