"""The calculator's question at one point: does f'(x0) exist, and if so, what is it?

f'(x0) exists only where the left and right difference quotients

    (f(x0) - f(x0 - h)) / h   and   (f(x0 + h) - f(x0)) / h

approach one common, finite number as h -> 0. The formula for f' that the rules produce can
have a value where f'(x0) does not exist: the rules give |x|' = sign(x), and sign(0) = 0,
but |x| has a corner at 0 (left quotients -1, right quotients +1). So the verdict is never
read off the formula: it is `core.differentiability.describe_point`, which watches both
quotients for h = 1e-4 ... 1e-7 and states its tolerances there (round-off of 64 ulps of the
largest |f| seen over the step; a side settles when its last change is at round-off level or
at most 0.8 of its first; the two sides agree when their gap is at round-off level or has
shrunk by 30 %). Only where that verdict is "differentiable" is f'(x0) the formula's value.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy

from core.autodiff import ThreeWays, three_ways
from core.derivatives import TangentPicture, tangent_picture
from core.differentiability import PointKind, describe_point, one_sided_slopes
from core.expressions import numeric_function
from core.limits import MAX_LINE_POINTS

# The steps of the one-sided table shown where f'(x0) does not exist.
ONE_SIDED_STEPS: tuple[float, ...] = (1e-2, 1e-4, 1e-6)


@dataclass(frozen=True)
class SlopeAtPoint:
    """Everything the calculator shows at x0.

    `kind` is the verdict; `exists` is True only for a differentiable point. There `slope` is
    f'(x0) (the formula's value, `from_formula` True; or, where the formula has no value, the
    central quotient of the verdict, `from_formula` False) and `ways` compares it with a
    central difference and dual numbers. Elsewhere `slope` is nan, `ways` is None, and
    `left_limit` / `right_limit` say where each side's quotients go (a number, +-inf, or nan
    when they do not settle or f is undefined), with `one_sided` listing them for a few h.
    """

    x0: float
    kind: PointKind
    f_x0: float
    slope: float
    from_formula: bool
    left_limit: float
    right_limit: float
    picture: TangentPicture
    ways: ThreeWays | None
    one_sided: pd.DataFrame

    @property
    def exists(self) -> bool:
        return self.kind is PointKind.DIFFERENTIABLE


def slope_at_point(
    expr: sympy.Expr,
    derivative: sympy.Expr,
    x0: float,
    x_range: tuple[float, float] = (-5.0, 5.0),
) -> SlopeAtPoint:
    """Decide whether f'(x0) exists (see the module docstring) and gather the picture, the
    value and its checks, or the one-sided quotients where it does not exist."""
    f = numeric_function(expr)
    report = describe_point(f, x0)
    picture = tangent_picture(expr, derivative, x0, x_range)
    table = one_sided_slopes(f, x0, ONE_SIDED_STEPS)[["dx", "left_slope", "right_slope"]]
    if report.kind is not PointKind.DIFFERENTIABLE:
        return SlopeAtPoint(
            float(x0),
            report.kind,
            report.f_x0,
            math.nan,
            False,
            report.left_limit,
            report.right_limit,
            picture,
            None,
            table,
        )
    ways = three_ways(expr, derivative, x0)
    from_formula = math.isfinite(ways.exact)
    slope = ways.exact if from_formula else report.derivative
    return SlopeAtPoint(
        float(x0),
        report.kind,
        report.f_x0,
        slope,
        from_formula,
        report.left_limit,
        report.right_limit,
        picture,
        ways,
        table,
    )


def formula_needs_a_caveat(derivative: sympy.Expr) -> bool:
    """True when f' contains sign(u): |u|' = sign(u) u' holds only where u != 0 (at u = 0,
    |u| may have a corner, and sign(0) = 0 is not a slope)."""
    return derivative.has(sympy.sign)


# The calculator's point x0: -5 to 5 in steps of 0.1 (the old slider's 101 values), each the
# float nearest its decimal (round, so that -0.3 is -0.3 and not -0.30000000000000004).
X0_STEPS: tuple[float, ...] = tuple(round(k / 10, 10) + 0.0 for k in range(-50, 51))


class GridTooSlow(Exception):
    """slope_grid ran past its time limit (checked between positions)."""


@dataclass(frozen=True)
class SlopeGrid:
    """The calculator at every x0 of a grid, for one function: what slope_at_point gives at
    each x0 (`points`), drawn over one set of curves.

    `curves` is long-format (x, y, curve) like TangentPicture.frame: f and f' sampled once,
    kept wherever any point's window can show them, with a row of y = nan (a lifted pen)
    between two samples that jump from above `y_domain` to below it, or back, and between two
    samples of f that jump by over a quarter of `y_domain` against f' at both (a pole: tan at
    pi/2, x/(x^2 - 2) at sqrt 2; a line joining them would draw a false vertical stroke).
    `y_domain` is the window of most points: the 2nd to 98th percentile of the curves'
    defined values, padded by 10 %; a point whose f(x0) lies outside those percentiles has its
    own `picture.y_domain`, the percentiles stretched to f(x0), then padded (tangent_picture's
    rule, with f(x0) left out of the percentiles so that the others share one window).
    """

    points: tuple[SlopeAtPoint, ...]
    curves: pd.DataFrame
    y_domain: tuple[float, float]

    @property
    def x0s(self) -> tuple[float, ...]:
        return tuple(p.x0 for p in self.points)


def _window(low: float, high: float, f_x0: float) -> tuple[float, float]:
    """tangent_picture's rule: reach f(x0), widen a flat range to 2, pad by 10 %."""
    if math.isfinite(f_x0):
        low, high = min(low, f_x0), max(high, f_x0)
    if high - low < 1e-9:
        low, high = low - 1.0, high + 1.0
    pad = 0.1 * (high - low)
    return low - pad, high + pad


def slope_grid(
    expr: sympy.Expr,
    derivative: sympy.Expr,
    x0s: tuple[float, ...] = X0_STEPS,
    x_range: tuple[float, float] = (-5.0, 5.0),
    samples: int = 301,
    time_limit: float | None = None,
) -> SlopeGrid:
    """slope_at_point at every x0 of `x0s`, f and f' compiled once and sampled once (the
    verdict, the value, its checks and the one-sided table of each point are slope_at_point's
    own; only the window differs, see SlopeGrid). Raises what slope_at_point raises where f
    or f' cannot be evaluated numerically. Bounded: f and f' are compiled once (a walk of
    their trees), then every point costs a few dozen numpy evaluations of them (describe_point,
    the one-sided table, three_ways), about 2-5 ms. With `time_limit` (seconds), raises
    GridTooSlow when a position would start past it: the cost stays within the limit plus
    one position."""
    from core.derivatives import _break_at_sign_changes

    start = time.monotonic()
    f = numeric_function(expr)
    f_prime = numeric_function(derivative)
    xs = np.linspace(x_range[0], x_range[1], min(samples, MAX_LINE_POINTS))
    ys = np.asarray(f(xs), dtype=float)
    raw_slopes = np.asarray(f_prime(xs), dtype=float)
    slopes = _break_at_sign_changes(derivative, xs, raw_slopes)
    values = np.concatenate([ys, slopes])
    values = values[np.isfinite(values)]
    if values.size == 0:
        low, high = -1.0, 1.0
    else:
        low, high = (float(v) for v in np.percentile(values, [2, 98]))
    base = _window(low, high, math.nan)

    at = [(float(x0), float(f(x0)), float(f_prime(x0))) for x0 in x0s]
    windows = [_window(low, high, f_x0) for _, f_x0, _ in at]
    # The curves, kept as far out as the widest window shows them (and as far again beyond,
    # as tangent_picture keeps them beyond its own window), the pen lifted at a pole.
    widest = (min(w[0] for w in windows), max(w[1] for w in windows))
    span = widest[1] - widest[0]
    frames = []
    for name, sampled in (("f(x)", ys), ("f'(x)", slopes)):
        kept = np.where(
            (sampled > widest[0] - span) & (sampled < widest[1] + span), sampled, np.nan
        )
        above, below = kept > base[1], kept < base[0]
        across = (above[:-1] & below[1:]) | (below[:-1] & above[1:])
        if name == "f(x)":
            # f jumps by over a quarter of the window against its slope at both samples (tan
            # at pi/2: from 240 to -34 where f' > 0): no continuous f does that in one step
            with np.errstate(all="ignore"):
                jump = np.diff(kept)
                rising = np.sign(raw_slopes[:-1]) == np.sign(raw_slopes[1:])
                against = rising & (np.sign(jump) == -np.sign(raw_slopes[:-1]))
                across |= against & (np.abs(jump) > (base[1] - base[0]) / 4)
        cut = np.flatnonzero(across)
        frames.append(
            pd.DataFrame(
                {
                    "x": np.insert(xs, cut + 1, (xs[cut] + xs[cut + 1]) / 2),
                    "y": np.insert(kept, cut + 1, np.nan),
                    "curve": name,
                }
            )
        )
    curves = pd.concat(frames, ignore_index=True)

    points = []
    for (x0, f_x0, slope_x0), window in zip(at, windows, strict=True):
        if time_limit is not None and time.monotonic() - start > time_limit:
            raise GridTooSlow(f"{len(points)} of {len(at)} positions in {time_limit:g} s")
        report = describe_point(f, x0)
        table = one_sided_slopes(f, x0, ONE_SIDED_STEPS)[["dx", "left_slope", "right_slope"]]
        ways, slope, from_formula = None, math.nan, False
        if report.kind is PointKind.DIFFERENTIABLE:
            ways = three_ways(expr, derivative, x0)
            from_formula = math.isfinite(ways.exact)
            slope = ways.exact if from_formula else report.derivative
        points.append(
            SlopeAtPoint(
                x0,
                report.kind,
                report.f_x0,
                slope,
                from_formula,
                report.left_limit,
                report.right_limit,
                TangentPicture(curves, window, x0, f_x0, slope_x0),
                ways,
                table,
            )
        )
    return SlopeGrid(tuple(points), curves, base)
