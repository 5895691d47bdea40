"""The secant-to-tangent picture: f, the secant from x0 to x0 + dx and the tangent at x0.

`secant_picture(fn, x0, dx)` is the one call the page's secant section makes: it returns a
`SecantPicture` holding the secant and the tangent (`core.secants.SecantView`), the window and
the long frame to draw, the two marked points and the notes' table of shrinking secants
(dx = 1, 0.5, 0.1, 0.01, 0.001: slopes 3, 2.5, 2.1, 2.01, 2.001 for x^2 at 1, limit 2).

Lines near a pole end exactly at the window's edge: a chart that pins values beyond its window
to the edge would otherwise bend them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import numpy as np
import pandas as pd

from core.limits import MAX_LINE_POINTS
from core.secants import (
    FORWARD_BEST_DX_ESTIMATE,
    TABLE_STEPS,
    Example,
    Line,
    SecantView,
    example,
    secant_slope,
    secant_view_where_defined,
)
from core.stored_digits import typed

SERIES = ("secant", "tangent")  # fixed series names: the legend reads the live slopes


@dataclass(frozen=True)
class SecantRow:
    """One row of the notes' table: the secant with step dx, exactly where f allows it."""

    dx: Fraction
    x1: Fraction
    y1: Fraction | float  # exact for x^2, x^3 and 1/x; a computed double for sin and e^x
    slope: Fraction | float


@dataclass(frozen=True)
class SecantPicture:
    """Everything the secant-to-tangent section shows for f, x0 and dx."""

    example: Example
    view: SecantView
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    frame: pd.DataFrame  # x, y, curve: f (named curve_name), the secant and the tangent
    curve_name: str
    marks: pd.DataFrame  # x, y, label: the points at x0 and x0 + dx that exist
    rows: tuple[SecantRow, ...]  # dx = 1, 0.5, 0.1, 0.01, 0.001 where the secant exists
    limit: Fraction | float | None  # f'(x0): exact where f is rational, None where undefined
    # dx < sqrt(eps) and the computed slope is further from the exact secant slope (round-off)
    # than that is from f'(x0) (the curve): round-off decides the slope's last digits. Never
    # at x0 = 0 for x^2 or x^3: f(x0) = 0, nothing cancels.
    below_round_off: bool
    # (f(x0 + dx) - f(x0)) / dx in exact arithmetic for the typed x0 and dx, where f is
    # rational (x^2, x^3, 1/x) and the secant exists; None otherwise.
    exact_secant_slope: Fraction | None = None


@dataclass(frozen=True)
class _Around:
    """What the section draws around x0 whatever dx is: the window, the curve cut at it (a
    frame with its series name), the notes' table."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    curve_name: str
    curve: pd.DataFrame
    rows: tuple[SecantRow, ...]


def _around(ex: Example, x0: float) -> _Around:
    x_range = secant_window(ex, x0)
    y_range = y_window(ex, x0, x_range)
    curve_name = f"f(x) = {ex.label}"
    curve = cut_at_window(function_frame(ex, x_range), y_range).assign(curve=curve_name)
    return _Around(x_range, y_range, curve_name, curve, secant_rows(ex, x0))


def secant_picture(fn: str, x0: float, dx: float) -> SecantPicture:
    """The secant-to-tangent section for the example `fn` at x0 with step dx."""
    ex = example(fn)
    return _secant_picture(ex, x0, dx, _around(ex, x0))


def _secant_picture(ex: Example, x0: float, dx: float, around: _Around) -> SecantPicture:
    view = secant_view_where_defined(ex, x0, dx)
    x_range, y_range, curve_name = around.x_range, around.y_range, around.curve_name
    frame = secant_tangent_frame(
        ex, view, x_range, (curve_name, *SERIES), y_range, curve=around.curve
    )
    # at small dx the two points merge: one label for both
    labels = ["x0", "x0 + dx"] if abs(dx) >= 0.2 else ["", "x0 and x0 + dx"]
    if view.y0 is None:  # no point at x0: the one at x0 + dx carries its own label
        labels = ["", "x0 + dx"]
    # floats from the start: a frame of objects cast with astype was a third of the time
    ys = np.array([np.nan if y is None else float(y) for y in (view.y0, view.y1)])
    there = ~np.isnan(ys)
    marks = pd.DataFrame(
        {
            "x": np.array([float(view.x0), float(view.x1)])[there],
            "y": ys[there],
            "label": pd.array(
                [label for label, shown in zip(labels, there, strict=True) if shown], dtype="str"
            ),
        }
    )
    limit = None
    if view.tangent_slope is not None:
        limit = ex.derivative_exact(typed(x0)) if ex.derivative_exact else view.tangent_slope
    exact_secant = None
    if ex.f_exact is not None and view.secant_slope is not None:
        start, step = typed(x0), typed(dx)
        exact_secant = (ex.f_exact(start + step) - ex.f_exact(start)) / step
    return SecantPicture(
        example=ex,
        view=view,
        x_range=x_range,
        y_range=y_range,
        frame=frame,
        curve_name=curve_name,
        marks=marks,
        rows=around.rows,
        limit=limit,
        below_round_off=dx < FORWARD_BEST_DX_ESTIMATE and round_off_wins(ex, view, x0, dx),
        exact_secant_slope=exact_secant,
    )


_HIGH_PRECISION = {"sin": (mpmath.sin, mpmath.cos), "exp": (mpmath.exp, mpmath.exp)}


def round_off_wins(ex: Example, view: SecantView, x0: float, dx: float) -> bool:
    """True if the computed secant slope is further from the exact secant slope for the typed
    x0 and dx (the round-off) than the exact secant slope is from f'(x0) (the curve's
    truncation). Exact in Fractions for x^2, x^3, 1/x; 60 digits (mpmath) for sin and e^x."""
    if view.secant_slope is None:
        return False
    start, step = typed(x0), typed(dx)
    if ex.f_exact is not None and ex.derivative_exact is not None:
        secant = (ex.f_exact(start + step) - ex.f_exact(start)) / step
        truncation = abs(secant - ex.derivative_exact(start))
        return abs(Fraction(view.secant_slope) - secant) > truncation
    f, derivative = _HIGH_PRECISION[ex.key]
    with mpmath.workdps(60):
        a = mpmath.mpf(start.numerator) / start.denominator
        h = mpmath.mpf(step.numerator) / step.denominator
        secant = (f(a + h) - f(a)) / h
        return bool(abs(mpmath.mpf(view.secant_slope) - secant) > abs(secant - derivative(a)))


def secant_rows(
    ex: Example, x0: float, steps: Sequence[float] = TABLE_STEPS
) -> tuple[SecantRow, ...]:
    """The notes' shrinking secants from x0: exact (Fraction) where f is rational, computed
    doubles otherwise; steps whose secant meets a point where f is undefined are left out."""
    if not ex.defined_between(x0, x0):
        return ()
    start = typed(x0)
    rows = []
    for dx in steps:
        if not ex.defined_between(x0, x0 + dx):
            continue
        step = typed(dx)
        if ex.f_exact is not None:
            y1 = ex.f_exact(start + step)
            slope: Fraction | float = (y1 - ex.f_exact(start)) / step
        else:
            y1, slope = ex.f(x0 + dx), secant_slope(ex.f, x0, dx)
        rows.append(SecantRow(dx=step, x1=start + step, y1=y1, slope=slope))
    return tuple(rows)


def secant_tangent_frame(
    ex: Example,
    view: SecantView,
    x_range: tuple[float, float],
    names: tuple[str, str, str],
    y_range: tuple[float, float] | None = None,
    *,
    curve: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Long format for one chart: the curve, the secant and the tangent over x_range.

    `names` label the three series (curve, secant, tangent); columns x, y, curve. With a
    `y_range` each line runs exactly to where it leaves the window x_range × y_range, and the
    curve is cut at the window's top and bottom (`cut_at_window`), so that a chart which pins
    values beyond its window to the edge still draws every line where it really is.
    A line that does not exist here (view.secant_slope or view.tangent_slope is None) keeps
    its two rows with y NaN: the series stays in the frame, and nothing is drawn for it.
    `curve` is the curve already sampled (and cut) with its series name, when the caller
    draws it at several steps.
    """
    if curve is None:
        curve = function_frame(ex, x_range)
        if y_range is not None:
            curve = cut_at_window(curve, y_range)
        curve = curve.assign(curve=names[0])

    def line(slope: float | None, name: str) -> pd.DataFrame:
        if slope is None or view.y0 is None:
            xs, ys = np.asarray(x_range, dtype=float), np.full(2, np.nan)
        else:
            xs, ys = line_in_window(Line(view.x0, view.y0, slope), x_range, y_range)
        return pd.DataFrame({"x": xs, "y": ys, "curve": name})

    parts = [
        curve,
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


def secant_window(ex: Example, x0: float, half_width: float = 1.5) -> tuple[float, float]:
    """The x range drawn around x0: wide enough for the secant with dx = 1."""
    return (x0 - half_width + 0.25, x0 + half_width + 0.25)


def function_frame(
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
    ys = function_frame(ex, x_range)["y"].to_numpy()
    ys = ys[np.isfinite(ys)]
    low, high = float(np.min(ys)), float(np.max(ys))
    if ex.undefined_at:
        # Centred on f(x0); where f(x0) does not exist, on 0, with both branches in view.
        y0 = ex.f(x0) if ex.defined_between(x0, x0) else 0.0
        reach = max(4.0, 3 * abs(y0))
        low, high = max(low, y0 - reach), min(high, y0 + reach)
    pad = 0.08 * (high - low or 1.0)
    return (low - pad, high + pad)


def secant_grid(fn: str, x0: float, steps: tuple[float, ...]) -> tuple[SecantPicture, ...]:
    """The section at every step of the dx slider, in the slider's order: the rows a touch
    unit picks from as the learner drags dx (`secant_picture` at each step; the window, the
    curve and the table, which depend on x0 only, are worked out once)."""
    ex = example(fn)
    around = _around(ex, x0)
    return tuple(_secant_picture(ex, x0, dx, around) for dx in steps)


# The point x0's positions: -3 to 3 in steps of 0.1 (k / 10 is the shortest decimal, 0.3).
X0_STEPS: tuple[float, ...] = tuple(k / 10 for k in range(-30, 31))


def secant_across(fn: str, dx: float, x0_steps: Sequence[float]) -> tuple[SecantPicture, ...]:
    """The section at every position of the point x0, dx held, in the input's order: the
    rows a touch unit picks from as the learner moves x0 (`secant_picture` at each x0: each
    has its own window, curve and table, which follow x0)."""
    ex = example(fn)
    return tuple(_secant_picture(ex, x0, dx, _around(ex, x0)) for x0 in x0_steps)


# The fixed curve under the point x0's windows: points per window's width. Every move of x0
# draws it again in the new window (touch.Window); at 400 a window (1,200 in all) an x0 move
# took 20-28 ms to lay out at load 22-24, at 200 (600 in all) 11 ms. 200 over a window is a
# segment every 4 px on a laptop's 800 px picture.
CURVE_POINTS_PER_WINDOW = 200


def curve_across(fn: str, x0_steps: Sequence[float]) -> tuple[pd.DataFrame, ...]:
    """f over every window the points x0 draw (columns x and y, NaN near where f is
    undefined), CURVE_POINTS_PER_WINDOW points per window's width, in pieces of at most that
    many points that share their ends: one fixed curve that each window shows its part of
    (the window's edges cut it, not a y range)."""
    ex = example(fn)
    windows = [secant_window(ex, x0) for x0 in x0_steps]
    low, high = min(w[0] for w in windows), max(w[1] for w in windows)
    width = windows[0][1] - windows[0][0]
    pieces = max(1, math.ceil((high - low) / width - 1e-9))
    step = CURVE_POINTS_PER_WINDOW - 1
    whole = function_frame(ex, (low, high), pieces * step + 1)
    return tuple(
        whole.iloc[k * step : (k + 1) * step + 1].reset_index(drop=True) for k in range(pieces)
    )
