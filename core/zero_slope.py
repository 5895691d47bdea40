"""Zero slope: where the tangent is horizontal, f has a maximum, a minimum, or neither.

The page's curve is f(x) = 5x^3 - 3x^5, with f'(x) = 15x^2 (1 - x^2). Its slope is zero at
x = -1 (a minimum), x = 1 (a maximum) and x = 0, where f' touches zero without changing sign:
a flat inflection, like x^3 at 0. So zero slope alone does not prove a maximum or a minimum.

Stationary points are classified by the first-derivative test: the sign of f' just left and
just right of the point (- then + is a minimum, + then - a maximum, no change is neither).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import sympy as sp

from core.errors import LearnerError
from core.limits import MAX_LINE_POINTS

Kind = Literal["minimum", "maximum", "flat inflection"]

X = sp.Symbol("x", real=True)
# Built from SymPy objects, never parsed from text.
CURVE: sp.Expr = 5 * X**3 - 3 * X**5
CURVE_LATEX = "5x^3 - 3x^5"
SLOPE_LATEX = "15x^2 - 15x^4"
DOMAIN: tuple[float, float] = (-1.4, 1.4)


@dataclass(frozen=True)
class StationaryPoint:
    """A point where f'(x) = 0, and what kind of point it is."""

    x: float
    y: float
    kind: Kind


def stationary_points(expr: sp.Expr, var: sp.Symbol = X) -> tuple[StationaryPoint, ...]:
    """Real solutions of f'(x) = 0 in increasing order, each named by the first-derivative test."""
    slope = sp.diff(expr, var)
    roots = sorted({float(r) for r in sp.real_roots(sp.Poly(slope, var))})
    if not roots:
        return ()
    gaps = np.diff(roots)
    half_gap = float(np.min(gaps)) / 2 if len(gaps) else 0.5
    slope_at = sp.lambdify(var, slope, "math")
    value_at = sp.lambdify(var, expr, "math")
    points = []
    for r in roots:
        left, right = slope_at(r - half_gap), slope_at(r + half_gap)
        points.append(StationaryPoint(x=r, y=float(value_at(r)), kind=_kind(left, right)))
    return tuple(points)


def _kind(left_slope: float, right_slope: float) -> Kind:
    if left_slope < 0 < right_slope:
        return "minimum"
    if left_slope > 0 > right_slope:
        return "maximum"
    return "flat inflection"


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
    """The page curve's three stationary points: minimum at -1, flat inflection at 0, max at 1."""
    return stationary_points(CURVE)


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
