"""Zooming in on x0: f on both sides of the point, the two secants, cut to the window.

`zoom_view(f, x0, dx)` is the one call the zoom unit makes: the left and right difference
quotients at this dx (core.differentiability.one_sided_slopes), f drawn on x0 +- 2 with both
secant lines, f seen through the window x0 +- dx moved so that (x0, f(x0)) is the origin (it
straightens into a line only where f'(x0) exists), and the slopes for dx = 1, 0.1, ... down to
this dx.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.differentiability import (
    RealFunction,
    _check_point,
    decade_dxs,
    evaluate,
    one_sided_slopes,
)
from core.errors import LearnerError

SECANTS = ("left secant", "right secant")


def curve_sides(f: RealFunction, x0: float, half_width: float, points: int = 150) -> pd.DataFrame:
    """f on [x0 - w, x0) and (x0, x0 + w], as two separate pieces that meet only at x0.

    Drawing the two sides apart keeps a jump or a pole from being joined by a false vertical
    line. Columns: x, u = x - x0, y, side ("left of x0" / "right of x0"); y is nan where f is
    undefined.
    """
    point = _check_point(x0)
    if not (math.isfinite(half_width) and half_width > 0):
        raise LearnerError("The window around x0 must have a positive width.")
    # Points crowd towards x0 (offsets w * s^2) so that a corner or a pole is drawn sharply.
    s = np.linspace(1.0, 0.0, points, endpoint=False)
    offsets = half_width * s**2
    left_x = point - offsets
    right_x = (point + offsets)[::-1]
    xs = np.concatenate([left_x, right_x])
    return pd.DataFrame(
        {
            "x": xs,
            "u": xs - point,
            "y": evaluate(f, xs),
            "side": ["left of x0"] * points + ["right of x0"] * points,
        }
    )


def display_range(values: Sequence[float] | np.ndarray, pad: float = 0.08) -> tuple[float, float]:
    """A y-range that shows the shape of a curve: all of it, unless a few values run off
    (a pole) and would squash the rest, then the central 90% widened by half its size."""
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return (-1.0, 1.0)
    low, high = float(finite.min()), float(finite.max())
    q_low, q_high = (float(q) for q in np.quantile(finite, [0.05, 0.95]))
    if high - low > 6 * (q_high - q_low) and q_high > q_low:
        spread = q_high - q_low
        low, high = q_low - 0.5 * spread, q_high + 0.5 * spread
    span = high - low
    if span <= 1e-12 * max(1.0, abs(high)):
        return (low - 1.0, high + 1.0)
    return (low - pad * span, high + pad * span)


def clip_segment(
    start: tuple[float, float],
    end: tuple[float, float],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The part of the segment start-end inside the box x_range x y_range (Liang-Barsky),
    or None if it misses the box. A steep secant is cut at the edge, not flattened onto it."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for p, q in (
        (-dx, x1 - x_range[0]),
        (dx, x_range[1] - x1),
        (-dy, y1 - y_range[0]),
        (dy, y_range[1] - y1),
    ):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (x1 + t0 * dx, y1 + t0 * dy), (x1 + t1 * dx, y1 + t1 * dy)


def secant_line_in_window(
    x0: float,
    y0: float,
    slope: float,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The line y = y0 + slope (x - x0) across x_range, cut to the box x_range x y_range;
    None if the slope is not finite or the line misses the box."""
    if not (math.isfinite(y0) and math.isfinite(slope)):
        return None
    start = (x_range[0], y0 + slope * (x_range[0] - x0))
    end = (x_range[1], y0 + slope * (x_range[1] - x0))
    return clip_segment(start, end, x_range, y_range)


def zoom_curve(f: RealFunction, x0: float, dx: float, points: int = 120) -> pd.DataFrame:
    """f seen through the window x0 +- dx, moved so that (x0, f(x0)) sits at the origin.

    Columns: u = x - x0, v = f(x) - f(x0) (just f(x) when f(x0) is undefined), side.
    Where f'(x0) exists, v is close to f'(x0) u: the picture straightens into a line as dx
    shrinks. The first and last rows are the secants' far ends, u = -dx and u = +dx.
    """
    frame = curve_sides(f, x0, dx, points)
    f_x0 = float(evaluate(f, [float(x0)])[0])
    offset = f_x0 if math.isfinite(f_x0) else 0.0
    return pd.DataFrame({"u": frame["u"], "v": frame["y"] - offset, "side": frame["side"]})


def _with_secants(
    curve: pd.DataFrame,
    secants: Sequence[tuple[str, tuple[tuple[float, float], tuple[float, float]] | None]],
) -> pd.DataFrame:
    """The curve's rows (x, y, side) plus two rows per drawn secant, in one long frame."""
    rows = [
        pd.DataFrame({"x": [start[0], end[0]], "y": [start[1], end[1]], "side": [name, name]})
        for name, line in secants
        if line is not None
        for start, end in [line]
    ]
    return pd.concat([curve[["x", "y", "side"]], *rows], ignore_index=True)


@dataclass(frozen=True)
class ZoomView:
    """Everything the zoom unit shows at one dx.

    Slopes and values are nan where f is undefined; `missing` names the values that do not
    exist ("x0", "left", "right": f(x0), f(x0 - dx), f(x0 + dx)). `wide` and `zoomed` are long
    frames (x, y, side) with f's two pieces ("left of x0", "right of x0") and the secants that
    can be drawn ("left secant", "right secant"); `zoomed` is in u = x - x0 and
    v = f(x) - f(x0) (just f(x) when f(x0) does not exist: `shifted` is False).
    """

    x0: float
    dx: float
    left_slope: float
    right_slope: float
    f_left: float
    f_x0: float
    f_right: float
    missing: tuple[str, ...]
    wide: pd.DataFrame
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    zoomed: pd.DataFrame
    zoom_y_range: tuple[float, float]
    shifted: bool
    table: pd.DataFrame  # dx, left_slope, right_slope for dx = 1, 0.1, ... down to dx

    @property
    def gap(self) -> float:
        """right slope - left slope."""
        return self.right_slope - self.left_slope

    @property
    def gap_digits(self) -> int:
        """How many significant digits of `gap` round-off cannot reach (at most 6, at least 1):
        each slope carries an error of a few ulps of f divided by dx (64 eps |f| / dx), so
        x^2 at 1 with dx = 1e-6 has a gap of 2e-6 known to about 2 digits, not 2.00007e-6."""
        values = [abs(v) for v in (self.f_left, self.f_x0, self.f_right) if math.isfinite(v)]
        noise = 64 * 2.0**-52 * max([1.0, *values]) / self.dx
        size = abs(self.gap)
        if not math.isfinite(size) or size == 0 or size <= noise:
            return 6
        return max(1, min(6, math.floor(math.log10(size / noise))))


def zoom_view(f: RealFunction, x0: float, dx: float, half_width: float = 2.0) -> ZoomView:
    """The zoom unit at x0 with step dx (see the module docstring)."""
    row = one_sided_slopes(f, x0, [dx]).iloc[0]
    left, right = float(row["left_slope"]), float(row["right_slope"])
    f_x0 = float(row["f_x0"])
    x_range = (x0 - half_width, x0 + half_width)
    curve = curve_sides(f, x0, half_width)
    y_range = display_range(curve["y"])
    curve = curve.loc[curve["y"].between(*y_range)]
    wide = _with_secants(
        curve,
        [
            (name, secant_line_in_window(x0, f_x0, slope, x_range, y_range))
            for name, slope in zip(SECANTS, (left, right), strict=True)
        ],
    )
    shifted = math.isfinite(f_x0)
    zoom = zoom_curve(f, x0, dx)
    zoom_y = display_range(zoom["v"])
    near = zoom.loc[zoom["v"].between(*zoom_y)].rename(columns={"u": "x", "v": "y"})
    zoomed = _with_secants(
        near,
        [
            (name, secant_line_in_window(0.0, 0.0, slope, window, zoom_y) if shifted else None)
            for name, slope, window in zip(
                SECANTS, (left, right), ((-dx, 0.0), (0.0, dx)), strict=True
            )
        ],
    )
    values = {"x0": f_x0, "left": float(row["f_left"]), "right": float(row["f_right"])}
    table = one_sided_slopes(f, x0, decade_dxs(dx))[["dx", "left_slope", "right_slope"]]
    return ZoomView(
        x0=float(x0),
        dx=float(dx),
        left_slope=left,
        right_slope=right,
        f_left=values["left"],
        f_x0=f_x0,
        f_right=values["right"],
        missing=tuple(name for name, value in values.items() if not math.isfinite(value)),
        wide=wide,
        x_range=x_range,
        y_range=y_range,
        zoomed=zoomed,
        zoom_y_range=zoom_y,
        shifted=shifted,
        table=table,
    )
