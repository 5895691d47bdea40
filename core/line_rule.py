"""The two simplest cases: a constant (slope 0) and a line f(x) = a x + b, whose rise over run
is a everywhere, whatever b: ((a(x + dx) + b) - (a x + b)) / dx = a dx / dx = a.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.exact import slider_value
from core.line_fit import slider_values


def line_secant_slope(a: float, b: float, x: float, dx: float) -> float:
    """Rise over run of f(x) = a x + b: ((a(x+dx) + b) - (a x + b)) / dx = a, whatever x, dx, b."""
    if dx == 0:
        raise LearnerError("dx must not be 0: the secant needs two different points.")
    return ((a * (x + dx) + b) - (a * x + b)) / dx


def line_values(a: float, b: float, xs: np.ndarray) -> np.ndarray:
    """f(x) = a x + b; with a = 0 it is the constant b, whose slope is 0."""
    return a * np.asarray(xs, dtype=float) + b


def line_curves(a: float, b: float, x_range: tuple[float, float] = (-3.0, 3.0)) -> pd.DataFrame:
    """The line a x + b and, for comparison, the parallel line a x through the origin."""
    xs = np.array(x_range, dtype=float)
    return pd.concat(
        [
            pd.DataFrame({"x": xs, "y": line_values(a, b, xs), "series": "f(x) = a x + b"}),
            pd.DataFrame({"x": xs, "y": line_values(a, 0.0, xs), "series": "a x (b = 0)"}),
        ],
        ignore_index=True,
    )


def line_window(
    a_range: tuple[float, float], b_range: tuple[float, float], x_range: tuple[float, float]
) -> tuple[float, float]:
    """The smallest y-interval, symmetric about 0, that holds every line a x + b with a and b
    in their ranges over `x_range`: |a x + b| <= max|a| max|x| + max|b|. A picture drawn in
    this fixed window keeps its axes still while a and b move, so a steeper slope looks
    steeper (the scale does not change under the learner's hand)."""
    bound = max(abs(v) for v in a_range) * max(abs(v) for v in x_range) + max(
        abs(v) for v in b_range
    )
    return -bound, bound


def line_rise_run(a: float, b: float, x_start: float, run: float) -> tuple[float, float, float]:
    """One step along the line: (rise, run, rise / run); the ratio is a, wherever you start."""
    rise = (
        line_values(a, b, np.array([x_start + run]))[0] - line_values(a, b, np.array([x_start]))[0]
    )
    return float(rise), run, line_secant_slope(a, b, x_start, run)


@dataclass(frozen=True)
class LineWorking:
    """The line picture: f(x) = a x + b and one step along it (exact), its curves and window.

    Rise over run is ((a(x + run) + b) - (a x + b)) / run = a, whatever x, run and b.
    """

    a: Fraction
    b: Fraction
    start: Fraction
    run: Fraction
    rise: Fraction
    x_range: tuple[float, float]
    y_window: tuple[float, float]

    @property
    def slope(self) -> Fraction:
        return self.rise / self.run

    @property
    def y_start(self) -> Fraction:
        return self.a * self.start + self.b

    def at(self, x: float | Fraction) -> Fraction:
        """f(x) = a x + b, exactly, at the decimal x."""
        return self.a * slider_value(x) + self.b

    def parallel_at(self, x: float | Fraction) -> Fraction:
        """The parallel line through the origin, a x (b = 0), exactly, at the decimal x."""
        return self.a * slider_value(x)

    @cached_property
    def curves(self) -> pd.DataFrame:
        """The line and its parallel a x through the origin over x_range (`line_curves`),
        worked out when first read: a grid of lines needs only their ends (`at`)."""
        return line_curves(float(self.a), float(self.b), self.x_range)


def line_working(
    a: float,
    b: float,
    *,
    a_range: tuple[float, float],
    b_range: tuple[float, float],
    x_range: tuple[float, float],
    start: float = -1.0,
    run: float = 2.0,
) -> LineWorking:
    """Everything the line picture shows, with a and b taken as the exact decimals set."""
    a_q, b_q = slider_value(a), slider_value(b)
    start_q, run_q = slider_value(start), slider_value(run)
    rise = (a_q * (start_q + run_q) + b_q) - (a_q * start_q + b_q)
    return LineWorking(
        a_q,
        b_q,
        start_q,
        run_q,
        rise,
        (float(x_range[0]), float(x_range[1])),
        line_window(a_range, b_range, x_range),
    )


@dataclass(frozen=True)
class LineGrid:
    """The line picture at every position of its two controls, as a cross through the
    learner's line (a, b): `by_a[i]` has slope `slopes[i]` and intercept b, `by_b[j]` slope a
    and intercept `intercepts[j]`. One window holds them all."""

    slopes: tuple[float, ...]
    intercepts: tuple[float, ...]
    by_a: tuple[LineWorking, ...]
    by_b: tuple[LineWorking, ...]


def line_grid(
    a: float,
    b: float,
    *,
    slopes: Sequence[float],
    intercepts: Sequence[float],
    x_range: tuple[float, float],
    start: float = -1.0,
    run: float = 2.0,
) -> LineGrid:
    """`line_working` at every slope with b held and at every intercept with a held, in the
    window that holds every line of both lists (`line_window`)."""
    slopes, intercepts = tuple(slopes), tuple(intercepts)
    a_range, b_range = (min(slopes), max(slopes)), (min(intercepts), max(intercepts))

    def working(a_i: float, b_j: float) -> LineWorking:
        return line_working(
            a_i, b_j, a_range=a_range, b_range=b_range, x_range=x_range, start=start, run=run
        )

    return LineGrid(
        slopes,
        intercepts,
        tuple(working(a_i, b) for a_i in slopes),
        tuple(working(a, b_j) for b_j in intercepts),
    )


def line_positions(
    a_range: tuple[float, float], a_step: float, b_range: tuple[float, float], b_step: float
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Every position of the slope and intercept controls: low, low + step, ..., high as the
    decimals they are written (`core.line_fit.slider_values`)."""
    return slider_values(*a_range, a_step), slider_values(*b_range, b_step)
