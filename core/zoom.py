"""Zooming in on x0: the two secants at every dx, and f magnified by 1/dx around the point.

`zoom_grid(f, x0, steps)` is the one call the zoom unit makes: for every dx of its slider a
`ZoomView` (the left and right difference quotients, core.differentiability.one_sided_slopes,
the values of f they use, and the slopes for dx = 1, 0.1, ... down to that dx) and a
`ZoomPicture`: f through the window x0 +- 2 dx, moved so that (x0, f(x0)) is the origin and
divided by dx in both directions,

    u = (x - x0) / dx,    v = (f(x) - f(x0)) / dx.

Magnified so, the window is the same size at every dx: the left secant runs from
(-1, -left slope) to the origin and the right secant from there to (1, right slope). Where
f'(x0) exists the picture straightens into the line v = f'(x0) u; at a corner it keeps its two
directions; where a slope runs off to infinity its secant turns vertical. The picture's
v-range is the same at every dx (`shared_window`); what leaves it is cut at its edge.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from core.differentiability import (
    RealFunction,
    _check_dxs,
    _check_point,
    decade_dxs,
    evaluate,
    one_sided_slopes,
)
from core.errors import LearnerError
from core.polyline import simplify_curve

Point = tuple[float, float]
Segment = tuple[Point, Point]

# The magnified curve's samples per side: crowded towards x0 (offsets w s^2), then a tail of
# offsets w 10^-5 ... w 10^-15 that catches a curve turning vertical within a hair of x0
# (x^(1/3) at dx = 1e-6 crosses the window's edge at |u| = 8e-12).
SIDE_SAMPLES = 150
TAIL_DECADES = np.arange(5, 16)
# A dropped sample is at most this fraction of the window's height off the drawn curve.
SIMPLIFY_FRACTION = 1 / 1000
# ... and no side of f carries more than this many points (a bound on the unit's size).
MAX_SIDE_POINTS = 40


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


@dataclass(frozen=True)
class ZoomView:
    """The numbers of the zoom unit at one dx.

    Slopes and values are nan where f is undefined; `missing` names the values that do not
    exist ("x0", "left", "right": f(x0), f(x0 - dx), f(x0 + dx)); `shifted` is False when
    f(x0) does not exist (the picture is then f(x) / dx, not moved).
    """

    x0: float
    dx: float
    left_slope: float
    right_slope: float
    f_left: float
    f_x0: float
    f_right: float
    missing: tuple[str, ...]
    shifted: bool
    # dx, left_slope, right_slope, left_quotient, right_quotient for dx = 1, 0.1, ... to dx
    table: pd.DataFrame
    # the same quotients worked exactly from the values as they read (`read_quotient`)
    left_quotient: Fraction | None = None
    right_quotient: Fraction | None = None

    @property
    def gap(self) -> float:
        """right slope - left slope."""
        return self.right_slope - self.left_slope

    @property
    def gap_noise(self) -> float:
        """The round-off each slope may carry: a few ulps of f divided by dx (64 eps |f| / dx)."""
        values = [abs(v) for v in (self.f_left, self.f_x0, self.f_right) if math.isfinite(v)]
        return 64 * 2.0**-52 * max([1.0, *values]) / self.dx

    @property
    def gap_digits(self) -> int:
        """How many significant digits of `gap` round-off cannot reach (at most 6, at least 1):
        x^2 at 1 with dx = 1e-6 has a gap of 2e-6 known to about 2 digits, not 2.00007e-6."""
        size = abs(self.gap)
        if not math.isfinite(size) or size == 0 or size <= self.gap_noise:
            return 6
        return max(1, min(6, math.floor(math.log10(size / self.gap_noise))))

    @property
    def read_gap(self) -> Fraction | float:
        """right - left as the learner can tell it: 0 exactly where the quotients worked from
        the values as they read are equal (x^3 at 0: dx^2 on both sides, where the doubles'
        difference is 1.7e-18), nan where a slope is undefined, 0.0 (round-off, not a
        value) where it is below the slopes' round-off, else the computed gap."""
        if self.left_quotient is None or self.right_quotient is None:
            return math.nan
        if self.right_quotient == self.left_quotient:
            return Fraction(0)
        if abs(self.gap) <= self.gap_noise:
            return 0.0
        return self.gap


def read_quotient(top: float, bottom: float, dx: float) -> Fraction | None:
    """(top - bottom) / dx worked exactly, each number read as the decimal it prints as (a
    double's shortest repr, dx = 0.00008 not the double near it): the quotient a learner
    works by hand from the values shown. (1 - 0)/0.00008 is 12500, where the division of
    doubles gives 12500.000000000002. None where a value does not exist."""
    if not (math.isfinite(top) and math.isfinite(bottom)):
        return None
    return (Fraction(repr(float(top))) - Fraction(repr(float(bottom)))) / Fraction(repr(dx))


@dataclass(frozen=True)
class ZoomPicture:
    """The picture at one dx, in units of dx about the point: u = (x - x0) / dx and
    v = (f(x) - f(x0)) / dx (v = f(x) / dx when f(x0) does not exist), cut to the window.

    Each side of f is an (n, 2) array of (u, v) rows, a nan row where the curve leaves the
    window and comes back (a break, not a line along the edge). A secant is None where it is
    not drawn (a value it needs does not exist) or misses the window. `points` holds the ends
    of the secants that lie in the window: "x0 - dx", "x0", "x0 + dx". `x_window` is the
    window in x, x0 -+ half_width dx, worked in decimals (1 - 2e-6 is 0.999998). `off` names
    the sides ("left", "right") where f has values but none in the window, and where they
    lie: "above", "below" or "outside" (both).
    """

    x_window: tuple[float, float]
    left_curve: np.ndarray
    right_curve: np.ndarray
    left_secant: Segment | None
    right_secant: Segment | None
    points: dict[str, Point]
    off: dict[str, str]


@dataclass(frozen=True)
class ZoomGrid:
    """The zoom unit at every dx of its slider, in the slider's order, and the window its
    picture keeps at every dx: u from -half_width to half_width, v over `v_range`."""

    views: tuple[ZoomView, ...]
    pictures: tuple[ZoomPicture, ...]
    u_range: tuple[float, float]
    v_range: tuple[float, float]


def shared_window(widest: np.ndarray, narrowest: np.ndarray) -> tuple[float, float]:
    """The v-range the picture keeps at every dx: the shape of f at the widest dx, joined by
    the shape at the narrowest dx where that fits in twice its height (x^2 at 1 straightening
    onto v = 2u); a curve that runs off (a cusp, a jump) is let leave the picture, which is
    what it does. The point (v = 0) inside, at least 2 (dx) tall, padded by a tenth."""
    low, high = display_range(widest, pad=0.0)
    if np.isfinite(narrowest).any():
        n_low, n_high = display_range(narrowest, pad=0.0)
        if max(high, n_high) - min(low, n_low) <= 2 * (high - low):
            low, high = min(low, n_low), max(high, n_high)
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 2:
        middle = (low + high) / 2
        low, high = middle - 1, middle + 1
    pad = 0.1 * (high - low)
    return (low - pad, high + pad)


def _offsets(half_width: float) -> np.ndarray:
    """Distances from x0 in units of dx, largest first (see SIDE_SAMPLES)."""
    s = np.linspace(1.0, 0.0, SIDE_SAMPLES, endpoint=False)
    return half_width * np.concatenate([s**2, 10.0**-TAIL_DECADES])


def _cut(u: np.ndarray, v: np.ndarray, v_range: tuple[float, float]) -> np.ndarray:
    """The polyline through (u, v), u increasing, cut to v_range: (n, 2) rows with a nan row
    where it leaves the window (or f is undefined) and comes back; empty if nothing is in."""
    low, high = v_range
    rows: list[Point] = []

    def lift() -> None:
        if rows and not math.isnan(rows[-1][1]):
            rows.append((rows[-1][0], math.nan))

    inside = np.isfinite(v) & (v >= low) & (v <= high)
    for k in range(len(u)):
        if inside[k]:
            if k > 0 and not inside[k - 1] and math.isfinite(v[k - 1]):
                entry = clip_segment(
                    (u[k - 1], v[k - 1]), (u[k], v[k]), (-math.inf, math.inf), v_range
                )
                if entry is not None:
                    rows.append(entry[0])
            rows.append((float(u[k]), float(v[k])))
            continue
        if k > 0 and math.isfinite(v[k]) and math.isfinite(v[k - 1]):
            crossed = clip_segment(
                (u[k - 1], v[k - 1]), (u[k], v[k]), (-math.inf, math.inf), v_range
            )
            if crossed is not None:
                if not inside[k - 1]:  # in and out between two samples: a steep stretch
                    lift()
                    rows.append(crossed[0])
                rows.append(crossed[1])
        lift()
    while rows and math.isnan(rows[-1][1]):
        rows.pop()
    return np.array(rows, dtype=float).reshape(-1, 2)


def _off(v: np.ndarray, v_range: tuple[float, float]) -> str:
    """Where one side of f lies when none of its values is in the window: "above", "below",
    "outside" (some above, some below); "" when some are in, or none exists."""
    finite = v[np.isfinite(v)]
    low, high = v_range
    if finite.size == 0 or ((finite >= low) & (finite <= high)).any():
        return ""
    if (finite > high).all():
        return "above"
    return "below" if (finite < low).all() else "outside"


def _simplified(curve: np.ndarray, tolerance: float, height: float) -> np.ndarray:
    """The rows of the cut curve a reader can see (core.polyline.simplify_curve): within
    `tolerance`, or coarser (the tolerance doubled, up to the window's height) until at most
    MAX_SIDE_POINTS rows are left, or as few as that allows."""
    if len(curve) <= 2:
        return curve
    while True:
        kept = curve[simplify_curve(curve[:, 0], curve[:, 1], tolerance)]
        if len(kept) <= MAX_SIDE_POINTS or tolerance >= height:
            return kept
        tolerance *= 2


def _drawn(
    u: np.ndarray, v: np.ndarray, v_range: tuple[float, float], tolerance: float
) -> np.ndarray:
    """One side of f as drawn: cut to the window and simplified, in at most MAX_SIDE_POINTS
    rows. A curve that swings faster than its samples (x sin(1/x) near 0) leaves and enters
    the window between neighbouring samples; it is drawn from every second, third, ...
    sample, no less faithful than from all of them, rather than sent whole at every dx."""
    height = v_range[1] - v_range[0]
    for stride in range(1, len(u) + 1):
        keep = np.arange(len(u)) % stride == 0
        keep[-1] = True  # both ends: the window's edge and the sample nearest x0
        rows = _simplified(_cut(u[keep], v[keep], v_range), tolerance, height)
        if len(rows) <= MAX_SIDE_POINTS:
            return rows
    return np.empty((0, 2))


def _decade_tables(f: RealFunction, x0: float, steps: np.ndarray) -> list[pd.DataFrame]:
    """For each dx, the slopes for dx = 1, 0.1, ... down to dx (one evaluation of f)."""
    wanted = [decade_dxs(float(dx)) for dx in steps]
    every = sorted({d for dxs in wanted for d in dxs}, reverse=True)
    slopes = one_sided_slopes(f, x0, every)
    at = {d: i for i, d in enumerate(every)}
    left, right = slopes["left_slope"].to_numpy(), slopes["right_slope"].to_numpy()
    f_x0 = float(slopes["f_x0"].iloc[0])
    quotients = [
        (read_quotient(f_x0, row.f_left, row.dx), read_quotient(row.f_right, f_x0, row.dx))
        for row in slopes.itertuples(index=False)
    ]
    tables = []
    for dxs in wanted:
        rows = [at[d] for d in dxs]
        tables.append(
            pd.DataFrame(
                {
                    "dx": dxs,
                    "left_slope": left[rows],
                    "right_slope": right[rows],
                    "left_quotient": [quotients[i][0] for i in rows],
                    "right_quotient": [quotients[i][1] for i in rows],
                }
            )
        )
    return tables


def zoom_grid(
    f: RealFunction, x0: float, steps: Sequence[float], half_width: float = 2.0
) -> ZoomGrid:
    """The zoom unit at x0 for every dx in `steps` (see the module docstring)."""
    point = _check_point(x0)
    dxs = _check_dxs(steps)
    if not (math.isfinite(half_width) and half_width > 0):
        raise LearnerError("The window around x0 must have a positive width.")
    slopes = one_sided_slopes(f, point, dxs)
    f_x0 = float(slopes["f_x0"].iloc[0])
    shifted = math.isfinite(f_x0)
    offset = f_x0 if shifted else 0.0

    # f on both sides of x0 at every dx, in one evaluation: rows are the steps.
    distances = _offsets(half_width)[None, :] * dxs[:, None]
    left_x, right_x = point - distances, point + distances[:, ::-1]
    values = evaluate(f, np.concatenate([left_x, right_x], axis=1))
    # u from the step the computer really took: a step lost in rounding (x = x0) is dropped
    u = (np.concatenate([left_x, right_x], axis=1) - point) / dxs[:, None]
    v = (values - offset) / dxs[:, None]
    v[u == 0] = np.nan
    half = distances.shape[1]
    # the window from the crowded samples only: the tail's values near a pole would stretch it
    main = np.r_[:SIDE_SAMPLES, 2 * half - SIDE_SAMPLES : 2 * half]
    v_range = shared_window(v[0, main], v[-1, main])
    u_range = (-float(half_width), float(half_width))
    tolerance = SIMPLIFY_FRACTION * (v_range[1] - v_range[0])

    tables = _decade_tables(f, point, dxs)
    views, pictures = [], []
    for i, row in enumerate(slopes.itertuples(index=False)):
        values_at = {"x0": f_x0, "left": float(row.f_left), "right": float(row.f_right)}
        view = ZoomView(
            x0=point,
            dx=float(row.dx),
            left_slope=float(row.left_slope),
            right_slope=float(row.right_slope),
            f_left=values_at["left"],
            f_x0=f_x0,
            f_right=values_at["right"],
            missing=tuple(name for name, value in values_at.items() if not math.isfinite(value)),
            shifted=shifted,
            table=tables[i],
            left_quotient=read_quotient(f_x0, values_at["left"], float(row.dx)),
            right_quotient=read_quotient(values_at["right"], f_x0, float(row.dx)),
        )
        views.append(view)
        keep = u[i] != 0
        parts = {"left": slice(0, half), "right": slice(half, None)}
        sides = [
            _drawn(u[i, part][keep[part]], v[i, part][keep[part]], v_range, tolerance)
            for part in parts.values()
        ]
        off = {side: where for side, part in parts.items() if (where := _off(v[i, part], v_range))}
        reach = half_width * Fraction(repr(view.dx))
        x_window = (float(Fraction(repr(point)) - reach), float(Fraction(repr(point)) + reach))
        pictures.append(_picture(view, x_window, sides, off, u_range, v_range))
    return ZoomGrid(tuple(views), tuple(pictures), u_range, v_range)


def _picture(
    view: ZoomView,
    x_window: tuple[float, float],
    sides: list[np.ndarray],
    off: dict[str, str],
    u_range: tuple[float, float],
    v_range: tuple[float, float],
) -> ZoomPicture:
    """The secants and their ends at one dx, in units of dx, cut to the window."""
    ends: dict[str, Point | None] = {"x0": (0.0, 0.0) if view.shifted else None}
    secants: list[Segment | None] = []
    for name, slope, sign in (
        ("x0 - dx", view.left_slope, -1.0),
        ("x0 + dx", view.right_slope, 1.0),
    ):
        end = (sign, sign * slope) if view.shifted and math.isfinite(slope) else None
        ends[name] = end
        secants.append(None if end is None else clip_segment((0.0, 0.0), end, u_range, v_range))
    low, high = v_range
    points = {
        name: end
        for name in ("x0 - dx", "x0", "x0 + dx")
        if (end := ends[name]) is not None and low <= end[1] <= high
    }
    left_secant, right_secant = secants
    if left_secant is not None:
        left_secant = (left_secant[1], left_secant[0])  # from x0 - dx to x0
    return ZoomPicture(x_window, sides[0], sides[1], left_secant, right_secant, points, off)
