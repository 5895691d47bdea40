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

from core.autodiff import CENTRAL_H, ThreeWays, compile_dual, dual_slope, three_ways
from core.derivatives import TangentPicture, tangent_picture
from core.differentiability import (
    PROBE_DXS,
    PointKind,
    _check_point,
    describe_point,
    evaluate,
    one_sided_slopes,
    point_report,
)
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


def _has_fractional_power(expr: sympy.Expr) -> bool:
    """True if expr has a power whose exponent is not an integer (a root, x^x, x^1.5)."""
    return any(not p.exp.is_Integer for p in expr.atoms(sympy.Pow))


def _three_ways(
    x0: float, f_x0: float, exact: float, f_plus: float, f_minus: float, dual
) -> ThreeWays:
    """three_ways at x0 from f and f' already evaluated (f at x0 and x0 +- CENTRAL_H) and f
    compiled for dual numbers: the same arithmetic, in float64."""
    exact = exact if math.isfinite(f_x0) else math.nan
    numerical = float((f_plus - f_minus) / (2 * CENTRAL_H))
    slope = dual_slope(dual, x0)
    return ThreeWays(
        x0=x0,
        exact=exact,
        central_difference=numerical,
        dual=slope,
        h=CENTRAL_H,
        central_error=abs(numerical - exact),
        dual_error=abs(slope - exact),
    )


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
    or f' cannot be evaluated numerically. Bounded: f, f' and f's dual-number walk are
    compiled once (walks of their trees); f is evaluated at every probe of every position in
    one numpy call (describe_point's x0 -+ dx and the one-sided table's x0 -+ dx), and each
    position's verdict (core.differentiability.point_report, describe_point's own), table and
    three ways are read off those values. The dual number is worked out at each differentiable
    position from the compiled walk, and so are f(x0), f'(x0) and f(x0 +- h), one float at a
    time as slope_at_point does, where f or f' has a power with a non-integer exponent (see
    below). Measured 7-21 ms for 101 positions (the six examples, the stall test's heaviest
    inputs, a 190-character sum of |x - k|) on a loaded 2-core machine, against 0.11-0.8 s
    with slope_at_point's
    calls. With `time_limit` (seconds), raises GridTooSlow when a position would start past
    it: the cost stays within the limit plus one position."""
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

    # f at every point that any position looks at, in one call: x0, x0 -+ each probe dx of
    # describe_point, and x0 -+ each step of the one-sided table.
    points_x = np.asarray(x0s, dtype=float)
    m = PROBE_DXS.size
    k = len(ONE_SIDED_STEPS)
    steps = np.asarray(ONE_SIDED_STEPS, dtype=float)
    probes = np.concatenate(
        [
            points_x[:, None],
            points_x[:, None] - PROBE_DXS,
            points_x[:, None] + PROBE_DXS,
            points_x[:, None] - steps,
            points_x[:, None] + steps,
        ],
        axis=1,
    )
    probed = evaluate(f, probes)
    # f(x0), f'(x0) and f(x0 +- h) as slope_at_point gets them: f of one float. numpy gives
    # the same from an array, to the last bit, where every power has an integer exponent;
    # other powers are not always an array's (u^0.5 is sqrt(u) for one float and pow(u, 0.5)
    # within an array; u^(1/3) of a numpy float uses C's pow): one float at a time there
    one_at_a_time = _has_fractional_power(expr) or _has_fractional_power(derivative)
    if one_at_a_time:
        raw_f = np.array([float(f(x)) for x in x0s])
        raw_slope = np.array([float(f_prime(x)) for x in x0s])
    else:
        raw_f = np.asarray(f(points_x), dtype=float)
        raw_slope = np.asarray(f_prime(points_x), dtype=float)
        central = np.asarray(f(np.concatenate([points_x + CENTRAL_H, points_x - CENTRAL_H])))
    at = [
        (float(x), float(y), float(s)) for x, y, s in zip(points_x, raw_f, raw_slope, strict=True)
    ]
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

    dual = compile_dual(expr)
    # one_sided_slopes' columns and rows, built once (an Index is immutable, so the tables
    # share them): a table then costs a few microseconds, not pandas' inference each time
    rows = pd.RangeIndex(k)
    columns = pd.Index(["dx", "left_slope", "right_slope"])
    points = []
    for i, ((x0, f_x0, slope_x0), window) in enumerate(zip(at, windows, strict=True)):
        if time_limit is not None and time.monotonic() - start > time_limit:
            raise GridTooSlow(f"{len(points)} of {len(at)} positions in {time_limit:g} s")
        row = probed[i]
        report = point_report(_check_point(x0), row[0], row[1 : 1 + m], row[1 + m : 1 + 2 * m])
        f_left = row[1 + 2 * m : 1 + 2 * m + k]
        f_right = row[1 + 2 * m + k : 1 + 2 * m + 2 * k]
        with np.errstate(all="ignore"):
            table = pd.DataFrame(
                np.column_stack(
                    [
                        steps,
                        (row[0] - f_left) / (x0 - (x0 - steps)),
                        (f_right - row[0]) / ((x0 + steps) - x0),
                    ]
                ),
                index=rows,
                columns=columns,
                copy=False,
            )
        ways, slope, from_formula = None, math.nan, False
        if report.kind is PointKind.DIFFERENTIABLE:
            if one_at_a_time:
                f_plus, f_minus = f(x0 + CENTRAL_H), f(x0 - CENTRAL_H)
            else:
                f_plus, f_minus = central[i], central[i + len(at)]
            ways = _three_ways(x0, f_x0, slope_x0, f_plus, f_minus, dual)
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
