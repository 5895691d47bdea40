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
        Example("x^2", "x²", "x^2", "2x", lambda x: x**2, lambda x: 2 * x),
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
    """Everything the secant-to-tangent picture shows for one choice of f, x0 and dx."""

    x0: float
    dx: float
    y0: float
    x1: float
    y1: float
    secant_slope: float
    tangent_slope: float

    @property
    def error(self) -> float:
        """|secant slope - f'(x0)|."""
        return abs(self.secant_slope - self.tangent_slope)


def secant_view(ex: Example, x0: float, dx: float) -> SecantView:
    """The secant from x0 to x0 + dx and the tangent at x0, refusing points where f is undefined."""
    if not ex.defined_between(x0, x0):
        raise LearnerError(
            f"f(x) = {ex.label} is not defined at x0 = {x0:g} (you cannot divide by zero), "
            "so there is no point to draw a tangent at. Move x0 away from 0."
        )
    if not ex.defined_between(x0, x0 + dx):
        raise LearnerError(
            f"The secant from x0 = {x0:g} to x0 + dx = {x0 + dx:g} jumps over x = 0, where "
            f"{ex.label} is undefined, so its slope says nothing about the tangent. "
            "Make dx smaller or move x0 further from 0."
        )
    slope = secant_slope(ex.f, x0, dx)
    tangent = tangent_line(ex.f, ex.derivative, x0)
    return SecantView(
        x0=x0,
        dx=dx,
        y0=tangent.y0,
        x1=x0 + dx,
        y1=_evaluate(ex.f, x0 + dx),
        secant_slope=slope,
        tangent_slope=tangent.slope,
    )


def secant_tangent_frame(
    ex: Example, view: SecantView, x_range: tuple[float, float], names: tuple[str, str, str]
) -> pd.DataFrame:
    """Long format for one chart: the curve, the secant and the tangent over x_range.

    `names` label the three series (curve, secant, tangent); columns x, y, curve.
    """
    curve = curve_frame(ex, x_range)
    xs = curve["x"].to_numpy()
    secant = Line(view.x0, view.y0, view.secant_slope)
    tangent = Line(view.x0, view.y0, view.tangent_slope)
    parts = [
        curve.assign(curve=names[0]),
        pd.DataFrame({"x": xs[[0, -1]], "y": secant.at(xs[[0, -1]]), "curve": names[1]}),
        pd.DataFrame({"x": xs[[0, -1]], "y": tangent.at(xs[[0, -1]]), "curve": names[2]}),
    ]
    return pd.concat(parts, ignore_index=True)


def secant_table(ex: Example, x0: float, steps: Sequence[float] = TABLE_STEPS) -> pd.DataFrame:
    """Secant slopes for shrinking dx, with f(x0 + dx) and the distance to f'(x0).

    Steps whose secant would cross a point where f is undefined are left out.
    """
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
    return pd.DataFrame(rows, columns=["dx", "x0 + dx", "f(x0 + dx)", "secant slope", "error"])


def secant_family(
    ex: Example, x0: float, steps: Sequence[float], x_range: tuple[float, float]
) -> pd.DataFrame:
    """The secant from x0 to x0 + dx for every dx in `steps`, precomputed for a picture that
    changes dx in the browser with no round trip to the server.

    One row per line end: columns step (0, 1, ... in the order of `steps`), dx, slope,
    x, y (the secant's ends at the edges of x_range), x1, y1 (the moving point x0 + dx).
    Steps whose secant would cross a point where f is undefined are left out.
    """
    y0 = _evaluate(ex.f, x0)
    rows = []
    for index, dx in enumerate(steps):
        if not ex.defined_between(x0, x0 + dx):
            continue
        slope = secant_slope(ex.f, x0, dx)
        x1, y1 = x0 + dx, _evaluate(ex.f, x0 + dx)
        for x in x_range:
            rows.append(
                {
                    "step": index,
                    "dx": dx,
                    "slope": slope,
                    "x": x,
                    "y": y0 + slope * (x - x0),
                    "x1": x1,
                    "y1": y1,
                }
            )
    return pd.DataFrame(rows, columns=["step", "dx", "slope", "x", "y", "x1", "y1"])


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
    """A y range that shows the curve near x0 without letting a pole flatten everything."""
    ys = curve_frame(ex, x_range)["y"].to_numpy()
    ys = ys[np.isfinite(ys)]
    low, high = float(np.min(ys)), float(np.max(ys))
    if ex.undefined_at:
        y0 = ex.f(x0)
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
    """Errors of the forward and central differences of ex.f at x0, against the exact f'(x0)."""
    dxs = np.asarray(error_study_steps() if steps is None else steps, dtype=float)
    exact = _evaluate(ex.derivative, x0)
    forward = np.full(dxs.shape, np.nan)
    central = np.full(dxs.shape, np.nan)
    for i, dx in enumerate(dxs):
        if ex.defined_between(x0, x0 + dx):
            forward[i] = _error_or_nan(secant_slope, ex.f, x0, dx, exact)
        if ex.defined_between(x0 - dx, x0 + dx):
            central[i] = _error_or_nan(central_difference, ex.f, x0, dx, exact)
    return ErrorStudy(dx=dxs, forward_error=forward, central_error=central)


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
