"""The power-rule picture at every exponent of the n control: the rows of a touch unit.

`power_grid(exponents, x, dx)` is the one call the power-rule section makes. For the point x
and the step dx it returns, at every exponent n, the existing `PowerWorking` (the secant slope
((x + dx)^n - x^n) / dx beside the power rule's n x^(n-1)) and what the picture draws there:
x^n and n x^(n-1) sampled over the window, the secant and the tangent through (x, x^n), and
which marked points fall outside the window. The window is one for every n, so the axes stand
still while the learner drags n and the curve bends through (1, 1).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from core.exact import slider_value
from core.power_rule import (
    Number,
    PowerWorking,
    as_exponent,
    power_derivative,
    power_working,
    real_power,
    secant_numbers,
)
from core.secant_pictures import cut_at_window, line_in_window
from core.secants import Line

# The n control: -2 to 4 in steps of 1/6, so every whole number, half and third is a position
# (the notes' -1, 1/2, 1/3, 2, 3 among them).
EXPONENT_STEPS: tuple[Fraction, ...] = tuple(Fraction(k, 6) for k in range(-12, 25))

# The handle the learner pulls to bend the curve sits on it right of x = 1, where a higher
# handle means a larger n (g^n grows with n): at 1.5, or the next place when a marked point
# (x or x + dx) is within GRIP_GAP of it, so the ring never hides a point or its label.
GRIP_PLACES = (1.5, 1.3, 1.7, 1.2, 1.8)
GRIP_GAP = 0.2
SAMPLES = 100  # intervals across the window: a smooth curve, and a small message per row
Y_CAP = 10.0  # the window's top at most: beyond it the point's height is in the working


@dataclass(frozen=True)
class PowerPicture:
    """The power-rule picture at one exponent n, in the grid's window.

    `function` and `derivative` (columns x, y) are x^n and n x^(n-1) cut at the window's top
    and bottom, a NaN row where the curve leaves it or is undefined (x^n at 0 for n <= 0);
    `secant` and `tangent` are the two ends of each line inside the window (NaN ys when the
    line misses it); `outside` names each marked point that lies above or below the window,
    as (mark, side): mark "x" is (x, x^n), "x + dx" is (x + dx, (x + dx)^n), "f'(x)" is
    (x, n x^(n-1)); side is "above" or "below". `grip` is where the handle sits, (1.5, 1.5^n).
    """

    working: PowerWorking
    function: pd.DataFrame
    derivative: pd.DataFrame
    secant: pd.DataFrame
    tangent: pd.DataFrame
    outside: tuple[tuple[str, str], ...]
    grip: tuple[float, float]


@dataclass(frozen=True)
class PowerGrid:
    """The power-rule picture at every exponent, in the order of the control's positions,
    with the one window they share."""

    exponents: tuple[Fraction, ...]
    pictures: tuple[PowerPicture, ...]
    x_range: tuple[float, float]
    y_range: tuple[float, float]


def power_grid(exponents: Sequence[Fraction], x: float, dx: float) -> PowerGrid:
    """`power_working(n, x, dx)` at every n of `exponents`, each with its picture in one shared
    window; raises LearnerError where some x^n is undefined at x or x + dx."""
    workings = tuple(power_working(n, x, dx) for n in exponents)
    grip_x = grip_place(float(workings[0].x), float(workings[0].x + workings[0].dx))
    grips = [float(real_power(grip_x, w.n)) for w in workings]
    x_range, y_range = power_window(workings, grips)
    pictures = tuple(
        _picture(w, (grip_x, g), x_range, y_range) for w, g in zip(workings, grips, strict=True)
    )
    return PowerGrid(tuple(w.n for w in workings), pictures, x_range, y_range)


def grip_place(*marked: float) -> float:
    """Where the handle sits: the first of GRIP_PLACES at least GRIP_GAP from every marked x."""
    return next(
        (g for g in GRIP_PLACES if all(abs(g - m) >= GRIP_GAP - 1e-9 for m in marked)),
        GRIP_PLACES[0],
    )


def power_window(
    workings: Sequence[PowerWorking], heights: Sequence[float] = ()
) -> tuple[tuple[float, float], tuple[float, float]]:
    """One window for every exponent: x from 0 (where x^n starts or has its pole) to past
    x + dx, rounded up to a half; y up to the highest x^n and (x + dx)^n (and `heights`),
    capped at Y_CAP, with a tenth more above; down to the lowest value, but at most half the
    top below 0 (n x^(n-1) of a negative n plunges near 0)."""
    return _window(
        float(workings[0].x),
        float(workings[0].dx),
        [(w.y, w.y_next, w.exact) for w in workings],
        heights,
    )


def _window(
    x: float, dx: float, values: Sequence[tuple[Number, Number, Number]], heights: Sequence[float]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """`power_window` from each exponent's (x^n, (x + dx)^n, n x^(n-1)) at x and dx."""
    right = math.ceil((max(2.0, x + dx) + 0.3) * 2) / 2
    ys = [float(v) for y, y_next, _ in values for v in (y, y_next)] + [float(h) for h in heights]
    top = min(max([1.0, *ys]), Y_CAP) * 1.1
    lows = [0.0, *ys, *(float(exact) for _, _, exact in values)]
    bottom = max(min(lows), -top / 2) - 0.05 * top
    return (0.0, right), (round(bottom, 6), round(top, 6))


def _picture(
    working: PowerWorking,
    grip: tuple[float, float],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> PowerPicture:
    n = working.n
    xs = np.linspace(x_range[0], x_range[1], SAMPLES + 1)

    def curve(ys: np.ndarray) -> pd.DataFrame:
        return cut_at_window(pd.DataFrame({"x": xs, "y": ys}), y_range)

    def line(slope: float) -> pd.DataFrame:
        ends = line_in_window(Line(float(working.x), float(working.y), slope), x_range, y_range)
        return pd.DataFrame({"x": ends[0], "y": ends[1]})

    marks = (
        ("x", float(working.y)),
        ("x + dx", float(working.y_next)),
        ("f'(x)", float(working.exact)),
    )
    bottom, top = y_range
    outside = tuple(
        (name, "above" if y > top else "below") for name, y in marks if not bottom <= y <= top
    )
    return PowerPicture(
        working=working,
        function=curve(real_power(xs, n)),
        derivative=curve(power_derivative(xs, n)),
        secant=line(float(working.slope)),
        tangent=line(float(working.exact)),
        outside=outside,
        grip=grip,
    )


# ---------------------------------------------------------------- the cross of three controls


@dataclass(frozen=True)
class PowerView:
    """The picture at one (n, x, dx) and the window it is drawn in: the window every exponent
    shares at that x and dx (`power_grid`'s), so a view equals the grid's picture there."""

    picture: PowerPicture
    x_range: tuple[float, float]
    y_range: tuple[float, float]


@dataclass(frozen=True)
class PowerCross:
    """The power-rule picture along each of the three controls through (n, x, dx): `grid`
    at every exponent (x and dx held), `by_x` at every point (n and dx held), `by_dx` at
    every step (n and x held), in the order of `exponents`, `points` and `steps`."""

    grid: PowerGrid
    points: tuple[float, ...]
    steps: tuple[float, ...]
    by_x: tuple[PowerView, ...]
    by_dx: tuple[PowerView, ...]

    @property
    def by_n(self) -> tuple[PowerView, ...]:
        return tuple(PowerView(p, self.grid.x_range, self.grid.y_range) for p in self.grid.pictures)


def power_cross(
    exponents: Sequence[Fraction],
    points: Sequence[float],
    steps: Sequence[float],
    n: float | Fraction,
    x: float,
    dx: float,
) -> PowerCross:
    """The rows of the power rule's three controls through (n, x, dx): `power_grid` at x and
    dx, and `power_view` at every point (dx held) and every step (x held); raises
    LearnerError where some x^n is undefined at a point and its step."""
    grid = power_grid(exponents, x, dx)
    return PowerCross(
        grid,
        tuple(points),
        tuple(steps),
        tuple(power_view(exponents, n, p, dx) for p in points),
        tuple(power_view(exponents, n, x, s) for s in steps),
    )


def power_view(
    exponents: Sequence[Fraction], n: float | Fraction, x: float, dx: float
) -> PowerView:
    """The picture of x^n at x and dx in the window all `exponents` share there (the one
    `power_grid(exponents, x, dx)` draws every exponent in), with the ring where it puts it."""
    working = power_working(n, x, dx)
    grip_x, x_range, y_range = _shared_window(tuple(exponents), x, dx)
    grip = (grip_x, float(real_power(grip_x, working.n)))
    return PowerView(_picture(working, grip, x_range, y_range), x_range, y_range)


@functools.lru_cache(maxsize=512)
def _shared_window(
    exponents: tuple[Fraction, ...], x: float, dx: float
) -> tuple[float, tuple[float, float], tuple[float, float]]:
    """Where the ring sits at x and dx, and the window every exponent shares there (as
    `power_grid` works it out); the same for every n, so kept: a new n needs no new window."""
    x_q, dx_q = slider_value(x), slider_value(dx)
    powers = [as_exponent(e) for e in exponents]
    grip_x = grip_place(float(x_q), float(x_q + dx_q))
    heights = [float(real_power(grip_x, e)) for e in powers]
    numbers = [secant_numbers(e, x_q, dx_q) for e in powers]
    x_range, y_range = _window(
        float(x_q), float(dx_q), [(y, y_next, exact) for y, y_next, _, exact in numbers], heights
    )
    return grip_x, x_range, y_range
