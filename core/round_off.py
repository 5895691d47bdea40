"""When a smaller dx gets worse: the error of the forward and central differences against dx.

The forward difference (f(x0 + dx) - f(x0)) / dx has a truncation error that shrinks like dx,
the central difference (f(x0 + dx) - f(x0 - dx)) / (2 dx) one that shrinks like dx^2. On a
computer both also carry a round-off of about eps |f| / dx (eps = 2^-52), which grows as dx
shrinks. They balance near dx = sqrt(eps) (forward) and eps^(1/3) (central); below that a
smaller dx gives a worse slope. `round_off_study(fn, x0)` is the one call the page's
"Going further" makes: the errors for dx from 1 down to 1e-12 and where each is smallest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.secants import (
    CENTRAL_BEST_DX_ESTIMATE,
    FORWARD_BEST_DX_ESTIMATE,
    MACHINE_EPSILON,
    Example,
    RealFunction,
    central_difference,
    example,
    secant_slope,
    value_at,
)

__all__ = [
    "CENTRAL_BEST_DX_ESTIMATE",
    "FORWARD_BEST_DX_ESTIMATE",
    "MACHINE_EPSILON",
    "ErrorStudy",
    "error_study",
    "round_off_study",
]


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
    exact = value_at(ex.derivative, x0)
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


def _error_on_grid(dxs: np.ndarray, errors: np.ndarray, dx: float) -> float:
    return float(errors[list(dxs).index(dx)])


@dataclass(frozen=True)
class RoundOffStudy:
    """The error study of one example at x0, with its best steps and where they sit."""

    example: Example
    x0: float
    study: ErrorStudy
    defined: bool  # f'(x0) exists: there is something to measure the errors against
    best_forward_dx: float | None
    best_central_dx: float | None
    best_forward_error: float | None
    best_central_error: float | None  # None where the smallest central error is exactly 0

    @property
    def central_exact(self) -> bool:
        return self.study.central_exact


def round_off_study(fn: str, x0: float) -> RoundOffStudy:
    """Errors of both differences of the example `fn` at x0 for dx from 1 to 1e-12."""
    ex = example(fn)
    study = error_study(ex, x0)
    if not ex.defined_between(x0, x0):
        return RoundOffStudy(ex, x0, study, False, None, None, None, None)
    best_f, best_c = study.best_forward_dx, study.best_central_dx
    error_f = _error_on_grid(study.dx, study.forward_error, best_f)
    error_c = _error_on_grid(study.dx, study.central_error, best_c)
    return RoundOffStudy(
        example=ex,
        x0=x0,
        study=study,
        defined=True,
        best_forward_dx=best_f,
        best_central_dx=best_c,
        best_forward_error=error_f if error_f > 0 else None,
        best_central_error=error_c if error_c > 0 else None,
    )
