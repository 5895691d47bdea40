"""Difference quotients: from the slope of a secant to the slope of the tangent.

The secant through (x0, f(x0)) and (x0 + dx, f(x0 + dx)) has slope (f(x0 + dx) - f(x0)) / dx.
As dx -> 0 it tends to f'(x0), the slope of the tangent. On a computer dx cannot shrink for
ever: f(x0 + dx) and f(x0) agree in more and more leading digits, and their difference keeps
only the round-off. That is the error study at the end of this module.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.limits import MAX_LINE_POINTS
from core.stored_digits import SecantDigits, secant_digits

RealFunction = Callable[[float], float]

# The table of the notes: dx = 1, 0.5, then one thousandth and beyond.
TABLE_STEPS: tuple[float, ...] = (1.0, 0.5, 0.1, 0.01, 0.001)
# The dx slider, from 1 down to 1e-12: 1, 0.5, 0.2, 0.1, then every power of ten.
SLIDER_STEPS: tuple[float, ...] = (1.0, 0.5, 0.2, 0.1) + tuple(10.0**-k for k in range(2, 13))
# Unit round-off of a double: 2^-52.
MACHINE_EPSILON = float(np.finfo(float).eps)
# Where the two errors balance: truncation ~ dx vs round-off ~ eps/dx for the forward
# difference, truncation ~ dx^2 vs round-off ~ eps/dx for the central one.
FORWARD_BEST_DX_ESTIMATE = math.sqrt(MACHINE_EPSILON)  # about 1.5e-8
CENTRAL_BEST_DX_ESTIMATE = MACHINE_EPSILON ** (1 / 3)  # about 6e-6


def _evaluate(f: RealFunction, x: float) -> float:
    try:
        value = float(f(x))
    except (ZeroDivisionError, OverflowError, ValueError) as error:
        raise LearnerError(f"The function is not defined at x = {x:g}.") from error
    if not math.isfinite(value):
        raise LearnerError(f"The function is not defined (or too large) at x = {x:g}.")
    return value


def _check_step(x0: float, dx: float) -> None:
    if not (math.isfinite(x0) and math.isfinite(dx)):
        raise LearnerError("x0 and dx must be ordinary numbers.")
    if dx == 0:
        raise LearnerError("dx = 0 gives 0/0: a secant needs two different points.")
    if x0 + dx == x0 or x0 - dx == x0:
        raise LearnerError(
            f"dx = {dx:g} is too small to change x0 = {x0:g} in floating point: "
            "x0 + dx is stored as x0 itself."
        )


def secant_slope(f: RealFunction, x0: float, dx: float) -> float:
    """Forward difference (f(x0 + dx) - f(x0)) / dx: the slope of the secant from x0 to x0 + dx."""
    _check_step(x0, dx)
    return (_evaluate(f, x0 + dx) - _evaluate(f, x0)) / dx


def central_difference(f: RealFunction, x0: float, dx: float) -> float:
    """Central difference (f(x0 + dx) - f(x0 - dx)) / (2 dx); its error shrinks like dx^2."""
    _check_step(x0, dx)
    return (_evaluate(f, x0 + dx) - _evaluate(f, x0 - dx)) / (2 * dx)


@dataclass(frozen=True)
class Line:
    """The straight line y = y0 + slope * (x - x0) through the point (x0, y0)."""

    x0: float
    y0: float
    slope: float

    @property
    def intercept(self) -> float:
        return self.y0 - self.slope * self.x0

    def at(self, x: float | np.ndarray) -> float | np.ndarray:
        return self.y0 + self.slope * (np.asarray(x, dtype=float) - self.x0)


def tangent_line(f: RealFunction, derivative: RealFunction, x0: float) -> Line:
    """The tangent at x0: y = f(x0) + f'(x0) (x - x0)."""
    return Line(x0=x0, y0=_evaluate(f, x0), slope=_evaluate(derivative, x0))


def secant_line(f: RealFunction, x0: float, dx: float) -> Line:
    """The secant through (x0, f(x0)) and (x0 + dx, f(x0 + dx))."""
    return Line(x0=x0, y0=_evaluate(f, x0), slope=secant_slope(f, x0, dx))


# ---------------------------------------------------------------------------------------------
# The page's examples


@dataclass(frozen=True)
class Example:
    """A function the learner can pick, with its derivative and where it is undefined."""

    key: str  # as in the URL: fn=x^2
    label: str  # for a menu
    latex: str  # f(x) in LaTeX
    derivative_latex: str  # f'(x) in LaTeX
    f: RealFunction
    derivative: RealFunction
    undefined_at: tuple[float, ...] = ()
    # The central difference has no truncation error: f is a polynomial of degree <= 2, and
    # (f(x + dx) - f(x - dx)) / (2 dx) = f'(x) exactly in exact arithmetic.
    central_exact: bool = False

    def defined_between(self, a: float, b: float) -> bool:
        """True when f is defined on the whole closed interval between a and b.

        A slider can deliver 4e-16 for 0, so points within 1e-9 of a hole count as the hole.
        """
        low, high = min(a, b) - 1e-9, max(a, b) + 1e-9
        return not any(low <= p <= high for p in self.undefined_at)


def _reciprocal(x: float) -> float:
    return 1 / x


EXAMPLES: dict[str, Example] = {
    e.key: e
    for e in (
        Example("x^2", "x²", "x^2", "2x", lambda x: x**2, lambda x: 2 * x, central_exact=True),
        Example("x^3", "x³", "x^3", "3x^2", lambda x: x**3, lambda x: 3 * x**2),
        Example(
            "1/x",
            "1/x",
            r"\frac{1}{x}",
            r"-\frac{1}{x^2}",
            _reciprocal,
            lambda x: -1 / x**2,
            undefined_at=(0.0,),
        ),
        Example("sin", "sin x", r"\sin x", r"\cos x", math.sin, math.cos),
        Example("exp", "eˣ", "e^{x}", "e^{x}", math.exp, math.exp),
    )
}


def example(key: str) -> Example:
    """The example named `key` (one of x^2, x^3, 1/x, sin, exp)."""
    try:
        return EXAMPLES[key]
    except KeyError:
        names = ", ".join(EXAMPLES)
        raise LearnerError(f"'{key}' is not one of the functions here: {names}.") from None


@dataclass(frozen=True)
class SecantView:
    """Everything the secant-to-tangent picture shows for one choice of f, x0 and dx.

    Where f is undefined a value is None and `why_missing` says why, in words for a learner:
    no f(x0) and no tangent when f is undefined at x0; no secant when the interval from x0 to
    x0 + dx touches or crosses a point where f is undefined (its slope would say nothing about
    the tangent).
    """

    x0: float
    dx: float
    y0: float | None
    x1: float
    y1: float | None
    secant_slope: float | None
    tangent_slope: float | None
    why_missing: str = ""
    digits: SecantDigits | None = None  # the working's numbers as the computer has them

    @property
    def error(self) -> float | None:
        """|secant slope - f'(x0)|, or None when either is missing."""
        if self.secant_slope is None or self.tangent_slope is None:
            return None
        return abs(self.secant_slope - self.tangent_slope)


def _hole_between(ex: Example, a: float, b: float) -> float | None:
    """A point where f is undefined on the closed interval between a and b, if any."""
    low, high = min(a, b) - 1e-9, max(a, b) + 1e-9
    return next((p for p in ex.undefined_at if low <= p <= high), None)


def _text(value: float) -> str:
    return f"{value + 0.0:g}"  # + 0.0 turns -0 into 0


def secant_view_where_defined(ex: Example, x0: float, dx: float) -> SecantView:
    """The secant from x0 to x0 + dx and the tangent at x0, each only where it exists.

    f undefined at x0: no f(x0), no tangent, no secant. The interval [x0, x0 + dx] touching or
    crossing a point where f is undefined: no secant, but the tangent and f(x0 + dx) where
    they exist. `why_missing` says which, and why.
    """
    x1 = x0 + dx
    y1 = _evaluate(ex.f, x1) if ex.defined_between(x1, x1) else None
    if not ex.defined_between(x0, x0):
        return SecantView(
            x0=x0,
            dx=dx,
            y0=None,
            x1=x1,
            y1=y1,
            secant_slope=None,
            tangent_slope=None,
            why_missing=(
                f"f(x) = {ex.label} is not defined at x0 = {_text(x0)} (you cannot divide by "
                "zero), so there is no point to draw a tangent at, and no secant from it. "
                f"Move x0 away from {_text(x0)}."
            ),
        )
    tangent = tangent_line(ex.f, ex.derivative, x0)
    hole = _hole_between(ex, x0, x1)
    slope: float | None = None
    why = ""
    if hole is not None:
        how = (
            f"ends at x = {_text(hole)}, where {ex.label} is not defined"
            if y1 is None
            else f"jumps over x = {_text(hole)}, where {ex.label} is undefined"
        )
        why = (
            f"The secant from x0 = {_text(x0)} to x0 + dx = {_text(x1)} {how}, so there is no "
            "secant here: its slope would say nothing about the tangent. Make dx smaller or "
            f"move x0 further from {_text(hole)}."
        )
    else:
        try:
            slope = secant_slope(ex.f, x0, dx)
        except LearnerError as error:
            why = str(error)
    digits = None
    if slope is not None and y1 is not None:
        digits = secant_digits(x0, dx, tangent.y0, y1, slope)
    return SecantView(
        x0=x0,
        dx=dx,
        y0=tangent.y0,
        x1=x1,
        y1=y1,
        secant_slope=slope,
        tangent_slope=tangent.slope,
        why_missing=why,
        digits=digits,
    )


def secant_view(ex: Example, x0: float, dx: float) -> SecantView:
    """The secant from x0 to x0 + dx and the tangent at x0, refusing points where f is undefined."""
    view = secant_view_where_defined(ex, x0, dx)
    if view.why_missing:
        raise LearnerError(view.why_missing)
    return view


def secant_tangent_frame(
    ex: Example,
    view: SecantView,
    x_range: tuple[float, float],
    names: tuple[str, str, str],
    y_range: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """Long format for one chart: the curve, the secant and the tangent over x_range.

    `names` label the three series (curve, secant, tangent); columns x, y, curve. With a
    `y_range` each line runs exactly to where it leaves the window x_range × y_range, and the
    curve is cut at the window's top and bottom (`cut_at_window`), so that a chart which pins
    values beyond its window to the edge still draws every line where it really is.
    A line that does not exist here (view.secant_slope or view.tangent_slope is None) keeps
    its two rows with y NaN: the series stays in the frame, and nothing is drawn for it.
    """
    curve = curve_frame(ex, x_range)
    if y_range is not None:
        curve = cut_at_window(curve, y_range)

    def line(slope: float | None, name: str) -> pd.DataFrame:
        if slope is None or view.y0 is None:
            xs, ys = np.asarray(x_range, dtype=float), np.full(2, np.nan)
        else:
            xs, ys = line_in_window(Line(view.x0, view.y0, slope), x_range, y_range)
        return pd.DataFrame({"x": xs, "y": ys, "curve": name})

    parts = [
        curve.assign(curve=names[0]),
        line(view.secant_slope, names[1]),
        line(view.tangent_slope, names[2]),
    ]
    return pd.concat(parts, ignore_index=True)


def line_in_window(
    line: Line, x_range: Sequence[float], y_range: Sequence[float] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The two ends (xs, ys) of the part of `line` inside x_range × y_range (the whole of
    x_range without a y_range); NaN ys when the line misses the window."""
    low, high = float(x_range[0]), float(x_range[1])
    if y_range is not None:
        bottom, top = float(y_range[0]), float(y_range[1])
        if line.slope != 0:
            # where y = y0 + slope (x - x0) meets the window's bottom and top
            xa = line.x0 + (bottom - line.y0) / line.slope
            xb = line.x0 + (top - line.y0) / line.slope
            low, high = max(low, min(xa, xb)), min(high, max(xa, xb))
        elif not bottom <= line.y0 <= top:
            low = math.inf
    if not low <= high:
        return np.array([float(x_range[0]), float(x_range[1])]), np.full(2, np.nan)
    xs = np.array([low, high])
    return xs, np.asarray(line.at(xs), dtype=float)


def cut_at_window(frame: pd.DataFrame, y_range: Sequence[float]) -> pd.DataFrame:
    """A sampled curve (columns x, y, x sorted) cut at the bottom and top of the window.

    A sample beyond the window next to a sample inside it moves along their segment to the
    edge it crosses, so the line runs exactly to the edge; the other samples beyond the
    window, and every run of undefined samples, become a single NaN row: a gap.
    """
    xs, ys = frame["x"].to_numpy(dtype=float), frame["y"].to_numpy(dtype=float)
    bottom, top = float(y_range[0]), float(y_range[1])
    inside = np.isfinite(ys) & (ys >= bottom) & (ys <= top)
    new_x, new_y = xs.copy(), np.where(inside, ys, np.nan)
    n = len(xs)
    for i in np.flatnonzero(np.isfinite(ys) & ~inside):
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < n and inside[j]]
        if len(neighbours) != 1:  # deep outside (a gap), or a one-sample spike: leave it out
            continue
        j = neighbours[0]
        edge = top if ys[i] > top else bottom
        new_x[i] = xs[j] + (edge - ys[j]) * (xs[i] - xs[j]) / (ys[i] - ys[j])
        new_y[i] = edge
    gap = np.isnan(new_y)
    repeat = gap & np.concatenate(([False], gap[:-1]))  # keep one NaN row per gap
    return pd.DataFrame({"x": new_x[~repeat], "y": new_y[~repeat]})


def secant_table(ex: Example, x0: float, steps: Sequence[float] = TABLE_STEPS) -> pd.DataFrame:
    """Secant slopes for shrinking dx, with f(x0 + dx) and the distance to f'(x0).

    Steps whose secant would cross a point where f is undefined are left out, and so is every
    step when f is undefined at x0.
    """
    columns = ["dx", "x0 + dx", "f(x0 + dx)", "secant slope", "error"]
    if not ex.defined_between(x0, x0):
        return pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
    exact = _evaluate(ex.derivative, x0)
    rows = []
    for dx in steps:
        if not ex.defined_between(x0, x0 + dx):
            continue
        slope = secant_slope(ex.f, x0, dx)
        rows.append(
            {
                "dx": dx,
                "x0 + dx": x0 + dx,
                "f(x0 + dx)": _evaluate(ex.f, x0 + dx),
                "secant slope": slope,
                "error": abs(slope - exact),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def secant_family(
    ex: Example,
    x0: float,
    steps: Sequence[float],
    x_range: tuple[float, float],
    y_range: tuple[float, float] | None = None,
) -> pd.DataFrame:
    """The secant from x0 to x0 + dx for every dx in `steps`, precomputed for a picture that
    changes dx in the browser with no round trip to the server.

    One row per line end: columns step (0, 1, ... in the order of `steps`), dx, slope,
    x, y (the secant's ends at the edges of x_range, or where it leaves the window
    x_range × y_range when a y_range is given), x1, y1 (the moving point x0 + dx).
    Steps whose secant would cross a point where f is undefined are left out, and so is every
    step when f is undefined at x0.
    """
    columns = ["step", "dx", "slope", "x", "y", "x1", "y1"]
    if not ex.defined_between(x0, x0):
        return pd.DataFrame({c: pd.Series(dtype=int if c == "step" else float) for c in columns})
    y0 = _evaluate(ex.f, x0)
    rows = []
    for index, dx in enumerate(steps):
        if not ex.defined_between(x0, x0 + dx):
            continue
        slope = secant_slope(ex.f, x0, dx)
        x1, y1 = x0 + dx, _evaluate(ex.f, x0 + dx)
        xs, ys = line_in_window(Line(x0, y0, slope), x_range, y_range)
        for x, y in zip(xs, ys, strict=True):
            rows.append(
                {"step": index, "dx": dx, "slope": slope, "x": x, "y": y, "x1": x1, "y1": y1}
            )
    return pd.DataFrame(rows, columns=columns)


def plot_window(ex: Example, x0: float, half_width: float = 1.5) -> tuple[float, float]:
    """The x range drawn around x0: wide enough for the secant with dx = 1."""
    return (x0 - half_width + 0.25, x0 + half_width + 0.25)


def curve_frame(
    ex: Example, x_range: tuple[float, float], points: int = MAX_LINE_POINTS
) -> pd.DataFrame:
    """f sampled on x_range, columns x and y; y is NaN near points where f is undefined."""
    xs = np.linspace(x_range[0], x_range[1], points)
    ys = np.array([ex.f(x) if _defined_near(ex, x, xs) else np.nan for x in xs], dtype=float)
    return pd.DataFrame({"x": xs, "y": ys})


def _defined_near(ex: Example, x: float, xs: np.ndarray) -> bool:
    spacing = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
    return all(abs(x - p) > 2 * spacing for p in ex.undefined_at)


def y_window(ex: Example, x0: float, x_range: tuple[float, float]) -> tuple[float, float]:
    """A y range that shows the curve near x0 without letting a pole flatten everything
    (centred on f(x0), or on 0 where f is undefined at x0)."""
    ys = curve_frame(ex, x_range)["y"].to_numpy()
    ys = ys[np.isfinite(ys)]
    low, high = float(np.min(ys)), float(np.max(ys))
    if ex.undefined_at:
        # Centred on f(x0); where f(x0) does not exist, on 0, with both branches in view.
        y0 = ex.f(x0) if ex.defined_between(x0, x0) else 0.0
        reach = max(4.0, 3 * abs(y0))
        low, high = max(low, y0 - reach), min(high, y0 + reach)
    pad = 0.08 * (high - low or 1.0)
    return (low - pad, high + pad)


# ---------------------------------------------------------------------------------------------
# When a smaller dx gets worse


def error_study_steps(per_decade: int = 8) -> np.ndarray:
    """dx from 1 down to 1e-12, evenly spaced on a log scale."""
    return 10.0 ** -np.linspace(0, 12, 12 * per_decade + 1)


@dataclass(frozen=True)
class ErrorStudy:
    """|difference quotient - f'(x0)| for each dx, forward and central.

    An error of exactly 0 (the quotient happened to be exact in floating point) is kept as 0;
    a dx whose interval crosses a point where f is undefined gives NaN.
    """

    dx: np.ndarray
    forward_error: np.ndarray
    central_error: np.ndarray
    central_exact: bool = False  # no truncation error: round-off alone, least at the largest dx

    @property
    def best_forward_dx(self) -> float:
        return _best_step(self.dx, self.forward_error)

    @property
    def best_central_dx(self) -> float:
        return _best_step(self.dx, self.central_error)

    def frame(self, forward: str, central: str) -> pd.DataFrame:
        """Long format for a log-log chart: dx, error, method; zero and NaN errors are dropped
        because a logarithmic axis has no place for them."""
        parts = [
            pd.DataFrame({"dx": self.dx, "error": errors, "method": name})
            for name, errors in ((forward, self.forward_error), (central, self.central_error))
        ]
        long = pd.concat(parts, ignore_index=True)
        return long[np.isfinite(long["error"]) & (long["error"] > 0)].reset_index(drop=True)


def _best_step(dx: np.ndarray, errors: np.ndarray) -> float:
    """The dx with the smallest error; among equal errors the largest dx (the cheapest)."""
    finite = np.isfinite(errors)
    if not finite.any():
        raise LearnerError("No step dx gives a usable difference quotient here.")
    smallest = np.nanmin(errors[finite])
    return float(np.max(dx[finite & (errors == smallest)]))


def error_study(ex: Example, x0: float, steps: Sequence[float] | None = None) -> ErrorStudy:
    """Errors of the forward and central differences of ex.f at x0, against the exact f'(x0);
    all NaN where f (and so f') is undefined at x0."""
    dxs = np.asarray(error_study_steps() if steps is None else steps, dtype=float)
    forward = np.full(dxs.shape, np.nan)
    central = np.full(dxs.shape, np.nan)
    if not ex.defined_between(x0, x0):  # no f'(x0) to measure against: every error is NaN
        return ErrorStudy(
            dx=dxs, forward_error=forward, central_error=central, central_exact=ex.central_exact
        )
    exact = _evaluate(ex.derivative, x0)
    for i, dx in enumerate(dxs):
        if ex.defined_between(x0, x0 + dx):
            forward[i] = _error_or_nan(secant_slope, ex.f, x0, dx, exact)
        if ex.defined_between(x0 - dx, x0 + dx):
            central[i] = _error_or_nan(central_difference, ex.f, x0, dx, exact)
    return ErrorStudy(
        dx=dxs, forward_error=forward, central_error=central, central_exact=ex.central_exact
    )


def _error_or_nan(
    quotient: Callable[[RealFunction, float, float], float],
    f: RealFunction,
    x0: float,
    dx: float,
    exact: float,
) -> float:
    try:
        return abs(quotient(f, x0, dx) - exact)
    except LearnerError:  # e.g. f overflows at x0 + dx: no value to plot there
        return float("nan")
