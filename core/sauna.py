"""The notes' sauna: the temperature along a walk across the room, in degrees Celsius.

T(x) = 95 + Q(x)/10, where Q(0) = 0 and Q'(x) = (x - 1.5)^2 (x - 4)(x - 6)(x - 8).
So the slope T'(x) = Q'(x)/10 is zero at x = 1.5 (a flat shelf: the slope is negative on both
sides, no minimum), 4 (a shallow cold spot), 6 (a warm bench between them) and 8 (the
coldest spot). The page finds these points numerically, then snaps each to the short decimal
it is and checks it exactly: the polynomial has rational coefficients, so T and T' at a
decimal x are exact rationals (`exact_temperature`, `exact_slope`), and every verdict the page
shows (which way is colder, which kind of point) is decided on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cache
from typing import Literal

import numpy as np
from numpy.polynomial import Polynomial

from core.gradient_descent import MAX_STEPS, DescentPath, gradient_descent
from core.stationary import StationaryPoint, point_kind

ROOM: tuple[float, float] = (0.0, 9.0)
BASE_TEMPERATURE = 95.0

_SLOPE_Q = Polynomial.fromroots([1.5, 1.5, 4.0, 6.0, 8.0])
_TEMPERATURE = BASE_TEMPERATURE + _SLOPE_Q.integ() / 10.0
_SLOPE = _TEMPERATURE.deriv()


def _exact_coefficients() -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """Coefficients (lowest power first) of T and T' as Fractions: T' = Q'/10 multiplied out
    from its roots, T = 95 + (the integral of Q' from 0)/10."""
    slope = [Fraction(1)]
    for root in (Fraction(3, 2), Fraction(3, 2), Fraction(4), Fraction(6), Fraction(8)):
        shifted = [Fraction(0), *slope]  # x * p
        slope = [a - root * b for a, b in zip(shifted, [*slope, Fraction(0)], strict=True)]
    slope = [c / 10 for c in slope]
    temp = [Fraction(int(BASE_TEMPERATURE))] + [c / (i + 1) for i, c in enumerate(slope)]
    return tuple(temp), tuple(slope)


_EXACT_T, _EXACT_SLOPE = _exact_coefficients()


def _horner(coefficients: tuple[Fraction, ...], x: Fraction) -> Fraction:
    value = Fraction(0)
    for c in reversed(coefficients):
        value = value * x + c
    return value


def exact_curvature(x: Fraction) -> Fraction:
    """T''(x) exactly, for a rational x (the derivative of the slope polynomial)."""
    return _horner(tuple(i * c for i, c in enumerate(_EXACT_SLOPE))[1:], x)


def step_factor(point: StationaryPoint, learning_rate: float) -> Fraction:
    """1 - lr * T''(x*) at a stationary point x*, exactly (lr read as the decimal it is shown as).

    Near x*, T'(x) = T''(x*) (x - x*) + ..., so one step x <- x - lr T'(x) multiplies a small
    distance from x* by this factor: the walk can settle at x* only if |factor| < 1, and with
    |factor| > 1 every small distance grows, so it can never settle there.
    """
    x = Fraction(point.x).limit_denominator(10**9)
    return 1 - Fraction(f"{float(learning_rate):.12g}") * exact_curvature(x)


def exact_temperature(x: Fraction) -> Fraction:
    """T(x) exactly, for a rational x."""
    return _horner(_EXACT_T, x)


def exact_temperature_slope(x: Fraction) -> Fraction:
    """T'(x) = (x - 3/2)^2 (x - 4)(x - 6)(x - 8) / 10 exactly, for a rational x."""
    return _horner(_EXACT_SLOPE, x)


# The coefficients as Python floats, highest power first, for one x at a time (a walk takes
# a thousand steps; numpy's Polynomial call costs ~0.1 ms per scalar, this ~1 µs).
_T_HORNER = tuple(float(c) for c in _TEMPERATURE.coef[::-1])
_SLOPE_HORNER = tuple(float(c) for c in _SLOPE.coef[::-1])


def _scalar_horner(coefficients: tuple[float, ...], x: float) -> float:
    """c0 + x (c1 + x (c2 + ...)) for one float: the same operations in the same order as
    numpy's polyval, so the same double as the Polynomial's call."""
    value = coefficients[0]
    for c in coefficients[1:]:
        value = c + value * x
    return value


def temperature(x: float | np.ndarray) -> float | np.ndarray:
    """T(x) = 95 + Q(x)/10 degrees Celsius at x metres from the stove wall."""
    if np.ndim(x) == 0:
        return _scalar_horner(_T_HORNER, float(x))
    return _TEMPERATURE(np.asarray(x, dtype=float))


def temperature_slope(x: float | np.ndarray) -> float | np.ndarray:
    """T'(x) = (x - 1.5)^2 (x - 4)(x - 6)(x - 8) / 10, degrees per metre."""
    if np.ndim(x) == 0:
        return _scalar_horner(_SLOPE_HORNER, float(x))
    return _SLOPE(np.asarray(x, dtype=float))


@cache
def sauna_stationary_points(*, probe: float = 1e-3) -> tuple[StationaryPoint, ...]:
    """Every x in the room with T'(x) = 0, found numerically and classified by the sign test.

    Roots of the slope polynomial come from its companion matrix (np.roots); a double root
    comes back as two nearly equal numbers, which are merged. Each is snapped to the short
    decimal it is and checked exactly: T'(x) must be 0, and the exact sign of T' at x - probe
    and x + probe decides the kind (- then + is a minimum, + then - a maximum, equal signs no
    extremum at all); global means no lower (higher) temperature anywhere in the room.
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
    found: list[tuple[Fraction, int, int]] = []
    step = Fraction(probe).limit_denominator(10**9)
    for x in inside:
        # np.roots gives 1.5000000000000122 for 3/2: snap to the short decimal, then check it
        # exactly. A root that is no short decimal would fail the check and stop the page.
        snapped = Fraction(round(x, 9)).limit_denominator(10**9)
        if exact_temperature_slope(snapped) != 0:
            raise ArithmeticError(f"x = {x} was taken for a zero of the slope, but it is not")
        left = _sign(exact_temperature_slope(snapped - step))
        right = _sign(exact_temperature_slope(snapped + step))
        found.append((snapped, left, right))
    # Global means lowest (highest) on the whole room: the room's two walls are candidates too.
    candidates = [exact_temperature(x) for x, _, _ in found]
    candidates += [exact_temperature(Fraction(end)) for end in ROOM]
    points = []
    for x, left, right in found:
        value = exact_temperature(x)
        lowest = all(value <= c for c in candidates)
        highest = all(value >= c for c in candidates)
        kind = point_kind(left, right, lowest=lowest, highest=highest)
        points.append(StationaryPoint(float(x), float(value), kind, left, right))
    return tuple(points)


def _sign(value: Fraction) -> int:
    return (value > 0) - (value < 0)


@dataclass(frozen=True)
class SaunaSpot:
    """Standing at x: the temperature and the slope there (exact), which way is colder
    (against the slope's sign; "neither" only where the slope is exactly 0), and the
    stationary point there, if x is one."""

    x: Fraction
    temperature: Fraction
    slope: Fraction
    colder: Literal["left", "right", "neither"]
    point: StationaryPoint | None


def sauna_spot(x: float) -> SaunaSpot:
    """T(x), T'(x) and the colder direction at x, read as the decimal the slider shows."""
    here = Fraction(f"{float(x):.12g}")
    slope = exact_temperature_slope(here)
    colder: Literal["left", "right", "neither"] = (
        "neither" if slope == 0 else "right" if slope < 0 else "left"
    )
    point = next((p for p in sauna_stationary_points() if Fraction(p.x) == here), None)
    return SaunaSpot(here, exact_temperature(here), slope, colder, point)


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
    for point in sauna_stationary_points():
        if abs(point.x - path.final_x) <= within:
            return point
    return None


# A walk that has not settled within this many metres of the flat shelf is said to creep over
# it: the slope there is almost zero, so the steps are tiny without any minimum nearby.
SHELF_NEIGHBOURHOOD = 0.1


@dataclass(frozen=True)
class SaunaWalk:
    """A walk downhill in the sauna, the stationary point it settled on (None if it did not
    settle on one) and whether it is creeping over the flat shelf (within
    SHELF_NEIGHBOURHOOD of it, not settled).

    `unstable` is the minimum nearest the end of a walk that neither settled nor left the
    room, when the learning rate is too large for it (|step_factor| > 1, exactly): the walk
    can never settle there, and its outcome is "oscillating" whatever the last steps looked
    like. `curvature` is T'' there and `factor` its step factor 1 - lr * T'' (both exact;
    None when `unstable` is None).
    `shelf_trap`: the walk started left of the flat shelf and has not settled, and the rate is
    small enough (`traps_below_shelf`) that it provably creeps towards the shelf for ever
    without passing it: more steps do not help.
    """

    start: float
    path: DescentPath
    landed: StationaryPoint | None
    creeping_on_shelf: bool
    unstable: StationaryPoint | None = None
    curvature: Fraction | None = None
    factor: Fraction | None = None
    shelf_trap: bool = False


def traps_below_shelf(start: float, learning_rate: float) -> bool:
    """True when every walk from `start` < 3/2 (the shelf) stays left of the shelf for ever.

    Left of the shelf, with d = 3/2 - x > 0, a step moves right by
    lr |T'(x)| = lr d^2 (4 - x)(6 - x)(8 - x)/10 = d * lr d (4 - x)(6 - x)(8 - x)/10, and the
    last factor is largest at the start (each term shrinks as x grows). So if
    lr (3/2 - x0)(4 - x0)(6 - x0)(8 - x0)/10 < 1 (decided exactly), every step is shorter than
    the distance left: the walk rises towards 3/2 and never reaches or passes it.
    """
    x0 = Fraction(f"{float(start):.12g}")
    lr = Fraction(f"{float(learning_rate):.12g}")
    if not ROOM[0] <= x0 < Fraction(3, 2):
        return False
    return lr * (Fraction(3, 2) - x0) * (4 - x0) * (6 - x0) * (8 - x0) / 10 < 1


def sauna_walk(start: float, learning_rate: float, steps: int = MAX_STEPS) -> SaunaWalk:
    """Walk downhill from `start` and say where it ended."""
    path = sauna_descent(start, learning_rate, steps)
    landed = landing_point(path)
    shelf = next(p for p in sauna_stationary_points() if p.kind == "no extremum")
    creeping = landed is None and abs(path.final_x - shelf.x) < SHELF_NEIGHBOURHOOD
    unstable, curvature, factor = None, None, None
    if path.outcome not in ("converged", "left"):
        minima = [p for p in sauna_stationary_points() if p.is_minimum]
        nearest = min(minima, key=lambda p: abs(p.x - path.final_x))
        if abs(step_factor(nearest, learning_rate)) > 1:
            unstable, factor = nearest, step_factor(nearest, learning_rate)
            curvature = exact_curvature(Fraction(nearest.x).limit_denominator(10**9))
            path = replace(path, outcome="oscillating")
    trapped = path.outcome not in ("converged", "left") and traps_below_shelf(start, learning_rate)
    return SaunaWalk(float(start), path, landed, creeping, unstable, curvature, factor, trapped)


@dataclass(frozen=True)
class SaunaWalkGrid:
    """The walks a cross of two controls reaches from (start, learning rate): every start
    with the rate held (`by_start[i]` from `starts[i]`), every rate with the start held."""

    starts: tuple[float, ...]
    rates: tuple[float, ...]
    by_start: tuple[SaunaWalk, ...]
    by_rate: tuple[SaunaWalk, ...]


def sauna_walk_grid(
    start: float, learning_rate: float, *, starts: Sequence[float], rates: Sequence[float]
) -> SaunaWalkGrid:
    """`sauna_walk` at every start (rate held) and every rate (start held) of the cross."""
    return SaunaWalkGrid(
        starts=tuple(starts),
        rates=tuple(rates),
        by_start=tuple(sauna_walk(x0, learning_rate) for x0 in starts),
        by_rate=tuple(sauna_walk(start, lr) for lr in rates),
    )


def sauna_spots(xs: Sequence[float]) -> tuple[SaunaSpot, ...]:
    """`sauna_spot` at every position of a range of standing places (a touch unit's grid)."""
    return tuple(sauna_spot(x) for x in xs)
