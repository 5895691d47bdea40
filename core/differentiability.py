"""Where the derivative does not exist: corners, cusps, jumps, vertical tangents, holes.

The derivative f'(x0) is the limit of a difference quotient as dx -> 0. It exists only if the

    left quotient   (f(x0) - f(x0 - dx)) / dx   and the
    right quotient  (f(x0 + dx) - f(x0)) / dx

approach one common, finite number. This module computes both quotients for shrinking dx and
reads the kind of point off how they behave, the way a learner zooms in:

- differentiable: both settle on the same number (x^2 at 1: 2 - dx and 2 + dx -> 2);
- corner: both settle, on different numbers (|x| at 0: -1 and 1), or one settles while the
  other runs off to infinity;
- cusp: they run off to infinity with opposite signs (x^(2/3) at 0: -dx^(-1/3) and dx^(-1/3));
- vertical tangent: they run off to infinity with the same sign (x^(1/3) at 0: both dx^(-2/3));
- jump: f is not continuous at x0, so one of them blows up like (size of the jump)/dx;
- oscillating: a quotient neither settles nor runs off, it keeps swinging (x sin(1/x) at 0:
  sin(1/dx), anywhere in [-1, 1] however small dx is), so there is no limit to take;
- undefined: f has no value at x0 or on one side of it (1/x at 0), so there is nothing to zoom
  into.

The decision uses the quotients at dx = 1e-4 ... 1e-7 only: small enough to show the limit,
large enough that floating-point round-off (about 1e-16 * |f| / dx) does not drown it.
Behaviour that shows only below dx = 1e-7 is beyond what it can see: x^1.01 at 0 looks like a
corner and x^(1/20) at 0 like a jump, as they would on any screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

import numpy as np
import pandas as pd

from core.errors import LearnerError

RealFunction = Callable[[np.ndarray], np.ndarray]
"""A real function of one variable: numpy-vectorised, or a plain function of one float."""


class PointKind(StrEnum):
    """What happens to the derivative of f at a point x0."""

    DIFFERENTIABLE = "differentiable"
    CORNER = "corner"
    CUSP = "cusp"
    JUMP = "jump"
    VERTICAL_TANGENT = "vertical_tangent"
    OSCILLATING = "oscillating"
    UNDEFINED = "undefined"


# The dx at which classify_point looks, largest first: four decades, 1e-4 to 1e-7.
PROBE_DXS: np.ndarray = 10.0 ** -np.arange(4, 8, dtype=float)

# Beyond this |x0| a step of 1e-7 is lost in the rounding of x0 + dx (spacing of doubles).
MAX_ABS_X0 = 1e6

_EPS = float(np.finfo(float).eps)

# A side runs off when its slope's size grows by at least this factor per decade of dx.
RUN_OFF_RATIO = 10**0.05


def evaluate(f: RealFunction, xs: Sequence[float] | np.ndarray) -> np.ndarray:
    """f at each x as a float array; nan wherever f is undefined.

    Undefined means: f raises, or returns nan, an infinity or a non-real number there.
    A vectorised call is tried first; a function of plain floats is called point by point.
    """
    points = np.asarray(xs, dtype=float)
    with np.errstate(all="ignore"):
        try:
            values = np.asarray(f(points))
            if values.shape != points.shape:
                raise ValueError("not vectorised")
            values = _real_part(values)
        except Exception:  # any failure means: not vectorised; try one float at a time
            values = np.array([_evaluate_one(f, float(x)) for x in points.ravel()], dtype=float)
            values = values.reshape(points.shape)
    values = values.astype(float, copy=True)
    values[~np.isfinite(values)] = np.nan
    return values


def _real_part(values: np.ndarray) -> np.ndarray:
    """Real values as floats; a value with a non-zero imaginary part is undefined (nan)."""
    if np.iscomplexobj(values):
        real = values.real.astype(float)
        real[values.imag != 0] = np.nan
        return real
    return values.astype(float)


def _evaluate_one(f: RealFunction, x: float) -> float:
    """f(x) for one float; nan if f raises or gives something that is not a real number."""
    try:
        value = complex(f(x))
    except Exception:  # a learner's function may fail in any way; that point is undefined
        return math.nan
    return value.real if value.imag == 0 else math.nan


def _check_point(x0: float) -> float:
    try:
        point = float(x0)
    except (TypeError, ValueError) as error:
        raise LearnerError("The point x0 must be a number.") from error
    if not math.isfinite(point):
        raise LearnerError("The point x0 must be a finite number.")
    if abs(point) > MAX_ABS_X0:
        raise LearnerError(
            f"Pick a point x0 between {-MAX_ABS_X0:g} and {MAX_ABS_X0:g}: further out, "
            "a tiny dx is lost in the rounding of x0 + dx."
        )
    return point


def _check_dxs(dxs: Sequence[float] | np.ndarray) -> np.ndarray:
    steps = np.asarray(dxs, dtype=float).ravel()
    if steps.size == 0 or not np.all(np.isfinite(steps)) or not np.all(steps > 0):
        raise LearnerError("Every dx must be a positive number.")
    return steps


def one_sided_slopes(f: RealFunction, x0: float, dxs: Sequence[float] | np.ndarray) -> pd.DataFrame:
    """The left and right difference quotients of f at x0, one row per dx.

    left_slope = (f(x0) - f(x0 - dx)) / dx and right_slope = (f(x0 + dx) - f(x0)) / dx.
    The division uses the step the computer really took, (x0 + dx) - x0, which differs from
    dx by rounding when x0 is not 0. A slope is nan where f is undefined at a point it uses.
    Columns: dx, left_slope, right_slope, f_left, f_x0, f_right.
    """
    point = _check_point(x0)
    steps = _check_dxs(dxs)
    left_x = point - steps
    right_x = point + steps
    values = evaluate(f, np.concatenate([[point], left_x, right_x]))
    f_x0 = values[0]
    f_left = values[1 : 1 + steps.size]
    f_right = values[1 + steps.size :]
    with np.errstate(all="ignore"):
        left_slope = (f_x0 - f_left) / (point - left_x)
        right_slope = (f_right - f_x0) / (right_x - point)
    return pd.DataFrame(
        {
            "dx": steps,
            "left_slope": left_slope,
            "right_slope": right_slope,
            "f_left": f_left,
            "f_x0": np.full(steps.size, f_x0),
            "f_right": f_right,
        }
    )


@dataclass(frozen=True)
class PointReport:
    """The verdict at x0 with what each one-sided quotient does as dx shrinks.

    A limit is a float when the quotients settle on it, +inf or -inf when they run off,
    and nan when they do neither (f undefined there, or the quotients do not settle).
    """

    kind: PointKind
    x0: float
    f_x0: float
    left_limit: float
    right_limit: float
    # f'(x0) decided exactly by SymPy's one-sided limits (a Fraction when rational, a float
    # when irrational), or None when that was not available.
    exact_derivative: Fraction | float | None = None
    # Both quotients shrink towards 0 at every probe dx (x|x|, x^3 at 0): their limit is 0.
    slopes_vanish: bool = False

    @property
    def derivative(self) -> Fraction | float:
        """f'(x0) where it exists: the exact value when decided, 0 when both quotients
        shrink towards 0, else the central quotient (left + right) / 2 at the smallest dx
        (accurate to about dx^2); nan at any other kind of point."""
        if self.kind is not PointKind.DIFFERENTIABLE:
            return math.nan
        if self.exact_derivative is not None:
            return self.exact_derivative
        if self.slopes_vanish:
            return Fraction(0)
        return (self.left_limit + self.right_limit) / 2


def describe_point(f: RealFunction, x0: float) -> PointReport:
    """Classify x0 from the one-sided quotients at dx = 1e-4 ... 1e-7 and the values of f.

    1. f(x0), or f at any x0 +- dx, undefined  -> undefined.
    2. |f(x0 +- dx) - f(x0)| not shrinking with dx on a side (f does not tend to f(x0))
       -> jump.
    3. A side "runs off" when its quotient keeps one sign and its size grows at every step by
       at least RUN_OFF_RATIO (like dx^(-p), p >= 0.05) and by at least 2x over the three
       decades, above round-off.
       Both run off: same sign -> vertical tangent, opposite signs -> cusp.
    4. A side that neither runs off nor settles (its steps do not shrink) -> oscillating.
    5. Only one runs off -> corner.
    6. Both settle: the gap right - left shrinks with dx (or is at round-off level)
       -> differentiable; otherwise -> corner.
    A settled side's limit is reported as its quotient at the smallest dx.
    """
    point = _check_point(x0)
    values = evaluate(f, np.concatenate([[point], point - PROBE_DXS, point + PROBE_DXS]))
    n = PROBE_DXS.size
    return point_report(point, values[0], values[1 : 1 + n], values[1 + n :])


def point_report(point: float, f_x0: float, f_left: np.ndarray, f_right: np.ndarray) -> PointReport:
    """describe_point's verdict from f already evaluated: f(x0), and f at x0 - dx and at
    x0 + dx for each dx of PROBE_DXS (nan where undefined, as `evaluate` gives them). For a
    caller that evaluates f at many points in one call (core.slope_at_point.slope_grid)."""
    left_x = point - PROBE_DXS
    right_x = point + PROBE_DXS
    with np.errstate(all="ignore"):
        left = (f_x0 - f_left) / (point - left_x)
        right = (f_right - f_x0) / (right_x - point)
    f_x0 = float(f_x0)

    def report(kind: PointKind, left_limit: float, right_limit: float) -> PointReport:
        return PointReport(kind, point, f_x0, left_limit, right_limit)

    if not (math.isfinite(f_x0) and np.all(np.isfinite(f_left)) and np.all(np.isfinite(f_right))):
        return report(PointKind.UNDEFINED, math.nan, math.nan)

    # Round-off in a quotient: a few ulps of the largest |f| seen, divided by the step.
    scale = max(1.0, float(np.max(np.abs(np.concatenate([[f_x0], f_left, f_right])))))
    slope_noise = 64 * _EPS * scale / PROBE_DXS[-1]

    left_jumps = _does_not_tend_to(f_left, f_x0, scale)
    right_jumps = _does_not_tend_to(f_right, f_x0, scale)
    if left_jumps or right_jumps:
        return report(PointKind.JUMP, _trend(left, slope_noise), _trend(right, slope_noise))

    left_limit = _trend(left, slope_noise)
    right_limit = _trend(right, slope_noise)
    left_infinite = math.isinf(left_limit)
    right_infinite = math.isinf(right_limit)
    if left_infinite and right_infinite:
        same_sign = (left_limit > 0) == (right_limit > 0)
        kind = PointKind.VERTICAL_TANGENT if same_sign else PointKind.CUSP
        return report(kind, left_limit, right_limit)
    if math.isnan(left_limit) or math.isnan(right_limit):
        return report(PointKind.OSCILLATING, left_limit, right_limit)
    if left_infinite or right_infinite:
        return report(PointKind.CORNER, left_limit, right_limit)
    if _gap_closes(right - left, slope_noise):
        vanish = _vanishes(left, slope_noise) and _vanishes(right, slope_noise)
        return replace(
            report(PointKind.DIFFERENTIABLE, left_limit, right_limit), slopes_vanish=vanish
        )
    return report(PointKind.CORNER, left_limit, right_limit)


def _vanishes(slopes: np.ndarray, noise: float) -> bool:
    """True if the quotients are at round-off level, or shrink towards 0 at every step by at
    least RUN_OFF_RATIO per decade of dx (like dx^p, p >= 0.05) and by at least half overall."""
    sizes = np.abs(slopes)
    if sizes[-1] <= noise and sizes[-1] <= sizes[0]:
        return True
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = sizes[:-1] / sizes[1:]
    return bool(np.all(ratios >= RUN_OFF_RATIO)) and sizes[-1] <= 0.5 * sizes[0]


def with_exact_slopes(
    report: PointReport, left: Fraction | float | None, right: Fraction | float | None
) -> PointReport:
    """The report corrected by exact one-sided limits where both are decided (and f(x0)
    exists): equal -> differentiable with that exact derivative; different -> corner."""
    if left is None or right is None or report.kind is PointKind.UNDEFINED:
        return report
    if left == right:
        return replace(
            report,
            kind=PointKind.DIFFERENTIABLE,
            left_limit=float(left),
            right_limit=float(right),
            exact_derivative=left,
        )
    return replace(report, kind=PointKind.CORNER, left_limit=float(left), right_limit=float(right))


def classify_point(f: RealFunction, x0: float) -> PointKind:
    """The kind of point x0 is for f (see `describe_point` for the rules)."""
    return describe_point(f, x0).kind


def _does_not_tend_to(values: np.ndarray, target: float, scale: float) -> bool:
    """True if |f(x0 +- dx) - f(x0)| stays put as dx shrinks 1000-fold: f jumps there.

    A continuous f gives a distance that shrinks (like dx for smooth f, like dx^a for
    x^a); a jump gives a distance that tends to the size of the jump.
    """
    distance = np.abs(values - target)
    if distance[-1] <= 1e-9 * scale:
        return False
    return bool(distance[-1] >= 0.5 * distance[0])


def _trend(slopes: np.ndarray, noise: float) -> float:
    """Where one side's quotients go: +-inf if they run off, their last value if they settle,
    nan if they do neither."""
    last = float(slopes[-1])
    sizes = np.abs(slopes)
    one_sign = bool(np.all(np.sign(slopes) == np.sign(last))) and last != 0
    # Running off means growing like dx^(-p) at every step (p >= 0.05: at least 12% per
    # decade), not only overall: 2 x0 - dx for x^2 at x0 = 6e-5 grows 5-fold as dx shrinks
    # from 1e-4 to 1e-7, but by 1% in the last decade: it settles on 2 x0.
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = sizes[1:] / sizes[:-1]
    growing = bool(np.all(ratios >= RUN_OFF_RATIO)) and sizes[-1] >= 2 * sizes[0]
    if one_sign and growing and sizes[-1] > noise:
        return math.copysign(math.inf, last)
    steps = np.abs(np.diff(slopes))
    settles = steps[-1] <= noise or steps[-1] <= 0.8 * steps[0]
    return last if settles else math.nan


def _gap_closes(gap: np.ndarray, noise: float) -> bool:
    """True if right - left is at round-off level, or shrinks by at least 30% as dx shrinks
    1000-fold (a smooth point gives a gap like f''(x0) dx, x^1.1 one like dx^0.1; a corner
    a gap that tends to a fixed size)."""
    size = np.abs(gap)
    return bool(size[-1] <= noise or size[-1] <= 0.7 * size[0])


# ----------------------------------------------------------------------------------------
# The slopes for every dx at once.


def slope_study(
    f: RealFunction, x0: float, smallest_dx: float, per_decade: int = 10
) -> pd.DataFrame:
    """The one-sided quotients for dx from 1 down to smallest_dx, per_decade values of dx per
    factor of 10 (evenly spaced on a log scale), in long format for a chart.

    Columns: dx, slope, side ("left slope" / "right slope").
    """
    if not (math.isfinite(smallest_dx) and 0 < smallest_dx <= 1):
        raise LearnerError("dx must be a number between 0 and 1.")
    decades = -math.log10(smallest_dx)
    count = max(2, int(round(decades * per_decade)) + 1)
    dxs = np.logspace(0.0, -decades, count)
    table = one_sided_slopes(f, x0, dxs)
    return pd.concat(
        [
            pd.DataFrame({"dx": dxs, "slope": table["left_slope"], "side": "left slope"}),
            pd.DataFrame({"dx": dxs, "slope": table["right_slope"], "side": "right slope"}),
        ],
        ignore_index=True,
    )


def decade_dxs(smallest_dx: float) -> list[float]:
    """1, 0.1, 0.01, ... down to smallest_dx, ending with smallest_dx itself."""
    if not (math.isfinite(smallest_dx) and smallest_dx > 0):
        raise LearnerError("dx must be a positive number.")
    values: list[float] = []
    power = 0
    while 10.0**-power > smallest_dx * (1 + 1e-9):
        values.append(10.0**-power)
        power += 1
    values.append(float(smallest_dx))
    return values


@dataclass(frozen=True)
class PointStudy:
    """What the zoom shows at every scale at once: the verdict at x0 and the left and right
    slopes for dx from 1 down to `smallest_dx` (long format: dx, slope, side; sorted by side,
    then increasing dx; undefined slopes left out)."""

    report: PointReport
    slopes: pd.DataFrame


def point_study(
    f: RealFunction, x0: float, smallest_dx: float, expression: object | None = None
) -> PointStudy:
    """The verdict at x0 with the one-sided slopes for every dx from 1 to `smallest_dx`;
    with f's SymPy `expression`, corrected by its exact one-sided limits where decided."""
    report = describe_point(f, x0)
    if expression is not None:
        from core.one_sided_limits import exact_slopes

        report = with_exact_slopes(report, *exact_slopes(expression, x0))
    slopes = slope_study(f, x0, smallest_dx).dropna()
    slopes = slopes.sort_values(["side", "dx"], kind="stable", ignore_index=True)
    return PointStudy(report=report, slopes=slopes)
