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
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.stored_digits import SecantDigits, secant_digits

RealFunction = Callable[[float], float]
ExactFunction = Callable[[Fraction], Fraction]

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


def value_at(f: RealFunction, x: float) -> float:
    """f(x) as a finite float, or a LearnerError where f is undefined or overflows."""
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
    return (value_at(f, x0 + dx) - value_at(f, x0)) / dx


def central_difference(f: RealFunction, x0: float, dx: float) -> float:
    """Central difference (f(x0 + dx) - f(x0 - dx)) / (2 dx); its error shrinks like dx^2."""
    _check_step(x0, dx)
    return (value_at(f, x0 + dx) - value_at(f, x0 - dx)) / (2 * dx)


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
    return Line(x0=x0, y0=value_at(f, x0), slope=value_at(derivative, x0))


def secant_line(f: RealFunction, x0: float, dx: float) -> Line:
    """The secant through (x0, f(x0)) and (x0 + dx, f(x0 + dx))."""
    return Line(x0=x0, y0=value_at(f, x0), slope=secant_slope(f, x0, dx))


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
    # f and f' in exact arithmetic, where f is rational (x^2, x^3, 1/x): the notes' table and
    # the limit are then exact numbers, not doubles.
    f_exact: ExactFunction | None = None
    derivative_exact: ExactFunction | None = None

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
        Example(
            "x^2",
            "x²",
            "x^2",
            "2x",
            lambda x: x**2,
            lambda x: 2 * x,
            central_exact=True,
            f_exact=lambda q: q**2,
            derivative_exact=lambda q: 2 * q,
        ),
        Example(
            "x^3",
            "x³",
            "x^3",
            "3x^2",
            lambda x: x**3,
            lambda x: 3 * x**2,
            f_exact=lambda q: q**3,
            derivative_exact=lambda q: 3 * q**2,
        ),
        Example(
            "1/x",
            "1/x",
            r"\frac{1}{x}",
            r"-\frac{1}{x^2}",
            _reciprocal,
            lambda x: -1 / x**2,
            undefined_at=(0.0,),
            f_exact=lambda q: 1 / q,
            derivative_exact=lambda q: -1 / q**2,
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


Missing = Literal["", "x0 undefined", "ends on a hole", "crosses a hole"]


@dataclass(frozen=True)
class SecantView:
    """Everything the secant-to-tangent picture shows for one choice of f, x0 and dx.

    Where f is undefined a value is None and `missing` says why: "x0 undefined" (no f(x0), no
    tangent, no secant), "ends on a hole" or "crosses a hole" (the interval from x0 to x0 + dx
    touches or jumps over `hole`, where f is undefined: a slope across it would say nothing
    about the tangent), or "" when everything exists.
    """

    x0: float
    dx: float
    y0: float | None
    x1: float
    y1: float | None
    secant_slope: float | None
    tangent_slope: float | None
    missing: Missing = ""
    hole: float | None = None  # the point where f is undefined that the secant meets
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


def secant_view_where_defined(ex: Example, x0: float, dx: float) -> SecantView:
    """The secant from x0 to x0 + dx and the tangent at x0, each only where it exists.

    f undefined at x0: no f(x0), no tangent, no secant. The interval [x0, x0 + dx] touching or
    crossing a point where f is undefined: no secant, but the tangent and f(x0 + dx) where
    they exist. `missing` says which.
    """
    x1 = x0 + dx
    y1 = value_at(ex.f, x1) if ex.defined_between(x1, x1) else None
    if not ex.defined_between(x0, x0):
        return SecantView(
            x0=x0,
            dx=dx,
            y0=None,
            x1=x1,
            y1=y1,
            secant_slope=None,
            tangent_slope=None,
            missing="x0 undefined",
            hole=next(p for p in ex.undefined_at if abs(p - x0) <= 1e-9),
        )
    tangent = tangent_line(ex.f, ex.derivative, x0)
    hole = _hole_between(ex, x0, x1)
    if hole is not None:
        return SecantView(
            x0=x0,
            dx=dx,
            y0=tangent.y0,
            x1=x1,
            y1=y1,
            secant_slope=None,
            tangent_slope=tangent.slope,
            missing="ends on a hole" if y1 is None else "crosses a hole",
            hole=hole,
        )
    slope = secant_slope(ex.f, x0, dx)
    assert y1 is not None  # defined on the whole interval, so at its end
    return SecantView(
        x0=x0,
        dx=dx,
        y0=tangent.y0,
        x1=x1,
        y1=y1,
        secant_slope=slope,
        tangent_slope=tangent.slope,
        digits=secant_digits(x0, dx, tangent.y0, y1, slope),
    )


def secant_view(ex: Example, x0: float, dx: float) -> SecantView:
    """The secant from x0 to x0 + dx and the tangent at x0, refusing points where f is undefined."""
    view = secant_view_where_defined(ex, x0, dx)
    if view.missing:
        raise LearnerError(
            {
                "x0 undefined": "f is not defined at x0, so there is no tangent and no secant.",
                "ends on a hole": "The secant ends at a point where f is not defined.",
                "crosses a hole": "The secant jumps over a point where f is not defined.",
            }[view.missing]
        )
    return view


def secant_table(ex: Example, x0: float, steps: Sequence[float] = TABLE_STEPS) -> pd.DataFrame:
    """Secant slopes for shrinking dx, with f(x0 + dx) and the distance to f'(x0).

    Steps whose secant would cross a point where f is undefined are left out, and so is every
    step when f is undefined at x0.
    """
    columns = ["dx", "x0 + dx", "f(x0 + dx)", "secant slope", "error"]
    if not ex.defined_between(x0, x0):
        return pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
    exact = value_at(ex.derivative, x0)
    rows = []
    for dx in steps:
        if not ex.defined_between(x0, x0 + dx):
            continue
        slope = secant_slope(ex.f, x0, dx)
        rows.append(
            {
                "dx": dx,
                "x0 + dx": x0 + dx,
                "f(x0 + dx)": value_at(ex.f, x0 + dx),
                "secant slope": slope,
                "error": abs(slope - exact),
            }
        )
    return pd.DataFrame(rows, columns=columns)
