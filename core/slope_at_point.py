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
from dataclasses import dataclass

import pandas as pd
import sympy

from core.autodiff import ThreeWays, three_ways
from core.derivatives import TangentPicture, tangent_picture
from core.differentiability import PointKind, describe_point, one_sided_slopes
from core.expressions import numeric_function

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
