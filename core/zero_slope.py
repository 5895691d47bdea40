"""Zero slope: where the tangent is horizontal, f has a maximum, a minimum, or neither.

The page's curve is f(x) = 5x^3 - 3x^5, with f'(x) = 15x^2 (1 - x^2). Its slope is zero at
x = -1 (a local minimum), x = 1 (a local maximum) and x = 0, where f' touches zero without changing sign:
a flat inflection, like x^3 at 0. So zero slope alone does not prove a maximum or a minimum,
and a minimum found this way is local: on the window [-1.4, 1.4], f(1.4) < f(-1).

Stationary points are classified by the first-derivative test: the sign of f' just left and
just right of the point (- then + is a minimum, + then - a maximum, no change is neither).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd
import sympy as sp

from core.errors import LearnerError
from core.limits import MAX_LINE_POINTS
from core.stationary import StationaryPoint, point_kind

X = sp.Symbol("x", real=True)
# Built from SymPy objects, never parsed from text.
CURVE: sp.Expr = 5 * X**3 - 3 * X**5
CURVE_LATEX = "5x^3 - 3x^5"
SLOPE_LATEX = "15x^2 - 15x^4"
DOMAIN: tuple[float, float] = (-1.4, 1.4)
# The window as exact numbers, for deciding which point is lowest or highest on it.
EXACT_DOMAIN: tuple[sp.Rational, sp.Rational] = (sp.Rational(-7, 5), sp.Rational(7, 5))


def stationary_points(
    expr: sp.Expr, var: sp.Symbol = X, window: tuple[sp.Expr, sp.Expr] | None = None
) -> tuple[StationaryPoint, ...]:
    """Real solutions of f'(x) = 0 (inside `window`, if given) in increasing order, each named
    by the first-derivative test and, exactly, whether it is the lowest / highest value on the
    window (on the whole line when no window is given: then the limits at -oo and +oo count).

    f must be a polynomial: the roots come from sympy.real_roots, exact algebraic numbers.
    """
    slope = sp.diff(expr, var)
    roots = sorted(set(sp.real_roots(sp.Poly(slope, var))), key=float)
    if window is not None:
        roots = [r for r in roots if window[0] <= r <= window[1]]
    if not roots:
        return ()
    gaps = [b - a for a, b in zip(roots, roots[1:], strict=False)]
    half_gap = min(gaps) / 2 if gaps else sp.Rational(1, 2)
    values = [sp.nsimplify(expr.subs(var, r)) for r in roots]
    if window is not None:
        others = [expr.subs(var, end) for end in window]
    else:
        others = [sp.limit(expr, var, sp.oo), sp.limit(expr, var, -sp.oo)]
    candidates = [*values, *others]
    points = []
    for r, value in zip(roots, values, strict=True):
        left = int(sp.sign(slope.subs(var, r - half_gap)))
        right = int(sp.sign(slope.subs(var, r + half_gap)))
        lowest = all(bool(value <= c) for c in candidates)
        highest = all(bool(value >= c) for c in candidates)
        kind = point_kind(left, right, lowest=lowest, highest=highest)
        points.append(StationaryPoint(float(r), float(value), kind, left, right))
    return tuple(points)


def curve_value(x: float | np.ndarray) -> float | np.ndarray:
    """f(x) = 5x^3 - 3x^5."""
    x = np.asarray(x, dtype=float)
    value = 5 * x**3 - 3 * x**5
    return float(value) if value.ndim == 0 else value


def curve_slope(x: float | np.ndarray) -> float | np.ndarray:
    """f'(x) = 15x^2 - 15x^4 = 15x^2 (1 - x^2)."""
    x = np.asarray(x, dtype=float)
    value = 15 * x**2 - 15 * x**4
    return float(value) if value.ndim == 0 else value


def curve_frame(points: int = MAX_LINE_POINTS) -> pd.DataFrame:
    """The curve on its domain, columns x and y."""
    xs = np.linspace(*DOMAIN, points)
    return pd.DataFrame({"x": xs, "y": curve_value(xs)})


def curve_stationary_points() -> tuple[StationaryPoint, ...]:
    """The page curve's three stationary points on its window [-1.4, 1.4]: a local minimum at
    -1, no extremum at 0 (a flat inflection), a local maximum at 1. Both extrema are only local:
    f(1.4) = -2.41472 is lower than f(-1) = -2 and f(-1.4) = 2.41472 higher than f(1) = 2."""
    return stationary_points(CURVE, window=EXACT_DOMAIN)


def stationary_point_at(
    x: float, points: tuple[StationaryPoint, ...], tolerance: float = 1e-6
) -> StationaryPoint | None:
    """The stationary point at x (within tolerance, for slider values like 0.30000000000000004)."""
    if not DOMAIN[0] - tolerance <= x <= DOMAIN[1] + tolerance:
        raise LearnerError(f"Keep the point between {DOMAIN[0]:g} and {DOMAIN[1]:g}.")
    for point in points:
        if abs(point.x - x) <= tolerance:
            return point
    return None


def describe_slope(slope: float) -> str:
    """Which way the tangent points: up, down, or horizontal."""
    if abs(slope) < 1e-9:
        return "horizontal"
    return "uphill" if slope > 0 else "downhill"


TANGENT_HALF_LENGTH = 0.6  # the drawn tangent reaches this far either side of the point


def exact_value(x: Fraction) -> Fraction:
    """f(x) = 5x^3 - 3x^5, exactly."""
    return 5 * x**3 - 3 * x**5


def exact_curve_slope(x: Fraction) -> Fraction:
    """f'(x) = 15x^2 - 15x^4, exactly."""
    return 15 * x**2 - 15 * x**4


@dataclass(frozen=True)
class ZeroSlopeView:
    """Everything the zero-slope section shows with the point at x: f(x), f'(x) (exact: x is a
    slider value, a short decimal), which way the tangent goes, the stationary points, the one
    under the point if any, and for a local extremum a point of the window that beats it."""

    x: Fraction
    value: Fraction
    slope: Fraction
    direction: Literal["uphill", "downhill", "horizontal"]
    points: tuple[StationaryPoint, ...]
    here: StationaryPoint | None
    beaten_by: tuple[Fraction, Fraction] | None  # (x, f(x)) lower than a local min / higher
    tangent_ends: tuple[tuple[float, float], tuple[float, float]]


def zero_slope_view(x: float) -> ZeroSlopeView:
    """The point at x on f(x) = 5x^3 - 3x^5 and what its slope says."""
    point = Fraction(repr(float(x)))
    points = curve_stationary_points()
    here = stationary_point_at(float(point), points)
    value, slope = exact_value(point), exact_curve_slope(point)
    direction = "horizontal" if slope == 0 else ("uphill" if slope > 0 else "downhill")
    beaten_by = None
    if here is not None and here.kind in ("local minimum", "local maximum"):
        ends = [Fraction(e.p, e.q) for e in EXACT_DOMAIN]
        pick = min if here.kind == "local minimum" else max
        end = pick(ends, key=exact_value)
        beaten_by = (end, exact_value(end))
    half = TANGENT_HALF_LENGTH  # and never past the window's ends, so the axes stay put
    xs = (max(DOMAIN[0], float(point) - half), min(DOMAIN[1], float(point) + half))
    tangent = tuple((t, float(value) + float(slope) * (t - float(point))) for t in xs)
    return ZeroSlopeView(
        x=point,
        value=value,
        slope=slope,
        direction=direction,
        points=points,
        here=here,
        beaten_by=beaten_by,
        tangent_ends=tangent,  # type: ignore[arg-type]
    )


POINT_STEP = Fraction(1, 20)  # the point's positions: the window in steps of 0.05


def point_positions() -> tuple[float, ...]:
    """Every position the point can take: -1.4, -1.35, ..., 1.4 (the window in steps of
    0.05, each the shortest decimal of its exact value)."""
    low, high = (Fraction(e.p, e.q) for e in EXACT_DOMAIN)
    count = int((high - low) / POINT_STEP) + 1
    return tuple(float(low + k * POINT_STEP) for k in range(count))


def zero_slope_grid(xs: tuple[float, ...] | None = None) -> tuple[ZeroSlopeView, ...]:
    """The section at every position of the point (default: `point_positions()`), in one
    call: `zero_slope_view(x)` for each x, in order."""
    return tuple(zero_slope_view(x) for x in (point_positions() if xs is None else xs))
