"""The coin game's touch unit: H heads, T tails and the learner's p, three range inputs; the point
on the log-likelihood L(p) with the tangent whose slope is L'(p), L(p) and L'(p) worked, the
verdict, and g(p), L(p), -L(p) at every position of each input.

One picture, L(p): the working and the verdict are about L and its slope, so the tangent on the
curve is the number the working computes (flat at the best p). g(p) and the log loss -L(p) are
in the numbers beside it. The rows form a cross (`dashboard.touch`): every H with T and p held,
every T with H and p held, every p with H and T held, from one `core.coins.coin_cross` call (one
exact `CoinWorking` per row), formatted by `dashboard.numbers` in Python; the browser only picks
the row for the position of the hand. A move of H or T changes the curve and its scale: each
row carries its curve (simplified to what a reader can see) and its window.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import streamlit as st

from app_pages.log_loss import worked_maths
from app_pages.log_loss.formulas import about, g_text, l_text, one_side
from core import coins
from dashboard import charts, numbers, touch
from dashboard.numbers import MINUS

COUNTS = tuple(range(101))  # 0, 1, ..., 100: the old sliders' steps
HEADS = touch.Control(
    label="Heads H",
    param="heads",
    values=COUNTS,
    default=coins.COURSE_HEADS,
)
TAILS = touch.Control(
    label="Tails T",
    param="tails",
    values=COUNTS,
    default=coins.COURSE_TAILS,
)
P = touch.Control(
    label="p = P(heads)",
    param="p",
    values=tuple(k / 100 for k in range(101)),  # 0, 0.01, ..., 1: the old slider's steps
    default=0.5,
    hint="Your guess for the chance that one toss lands heads. Or drag the point on the curve.",
)
CONTROLS = (HEADS, TAILS, P)
KEY = "coin_touch"

CURVE_POINTS = 401  # the curve's samples before simplifying, evenly spaced in p
# More samples ever closer to the ends, where L plunges towards −∞: the curve then runs out of
# the window's floor instead of stopping short (1 − 10⁻¹⁵ is about as close to 1 as a double gets).
END_GAPS = np.array([10.0**-k for k in (3, 4, 5, 6, 8, 10, 12, 15)])
SAMPLES = np.unique(np.concatenate([np.linspace(0.0, 1.0, CURVE_POINTS), END_GAPS, 1 - END_GAPS]))
# Every row carries its curve: a sample is dropped where the straight segment past it stays
# within half a pixel of it, on a picture this many pixels wide and high (a laptop's; on a phone
# the picture is narrower, and the same drop is smaller still).
PIXELS = (720.0, 290.0)
CURVE_TOLERANCE = 0.5
TANGENT_HALF_WIDTH = 0.12  # in p, either side of the point; shorter where the tangent is steep
STEEP_SHARE = 0.35  # a steep tangent rises at most this share of the window's height each side
PAD = 0.06  # the window's margin above and below the values the points take, as a share
X_RANGE = (-0.02, 1.02)
X_TICKS = tuple((k / 5, numbers.text(k / 5)) for k in range(6))
COLORS = {
    "curve": charts.COLORS["function"],
    "tangent": charts.COLORS["derivative"],
    "your p": charts.COLORS["point"],
    "best p": charts.COLORS["tangent"],
}

Window = tuple[float, float]


@dataclass(frozen=True)
class CoinUnit:
    """The coin game around (H, T, p): the exact workings of the cross, the picture's frame and
    its rows, one list per input (H, T, p)."""

    cross: coins.CoinCross
    picture: touch.Picture
    rows: tuple[tuple[touch.Row, ...], ...]

    def at(self, p: float) -> coins.CoinWorking:
        return self.cross.by_p[P.index_of(p) or 0]


@st.cache_data(max_entries=64, show_spinner=False)
def coin_unit(heads: int, tails: int, p: float) -> CoinUnit:
    """Everything the unit shows around H heads, T tails and p (cached: a revisit is free)."""
    cross = coins.coin_cross(heads, tails, p, HEADS.values, TAILS.values, P.values)
    rows = tuple(tuple(_row(w) for w in line) for line in (cross.by_heads, cross.by_tails))
    # p keeps H and T, so its rows are drawn in the picture's window: none of them carries one
    by_p = tuple({k: v for k, v in _row(w).items() if k != "window"} for w in cross.by_p)
    return CoinUnit(cross, _picture(cross.by_p), (*rows, by_p))


@functools.lru_cache(maxsize=512)
def window(heads: int, tails: int) -> Window:
    """L's window for H and T: every finite value L takes at the positions of p, with a margin
    (the curve itself plunges out of it towards an end where the tosses seen are impossible)."""
    values = np.asarray(coins.log_likelihood(heads, tails, np.array(P.values)))
    finite = values[np.isfinite(values)]
    low, high = float(finite.min()), float(finite.max())
    span = high - low
    return (low - 1.0, high + 1.0) if span == 0 else (low - PAD * span, high + PAD * span)


def _window_of(heads: int, tails: int) -> touch.Window:
    """The row's window: H and T change L's scale."""
    return touch.Window(x=X_RANGE, y=window(heads, tails), x_ticks=X_TICKS)


def _point(work: coins.CoinWorking) -> tuple[float, float]:
    """The learner's point: on the curve, or on the window's floor where L(p) → −∞."""
    floor = window(work.heads, work.tails)[0]
    return float(work.p), work.log_g if math.isfinite(work.log_g) else floor


def _peak(work: coins.CoinWorking) -> str:
    return "" if work.best is None else f", highest at p {numbers.eq_text(work.best)}"


def _best_name(work: coins.CoinWorking) -> str:
    return "no best p" if work.best is None else f"best p {numbers.eq_text(work.best)}"


def _seen(xs: np.ndarray, ys: np.ndarray, x_pixel: float, y_pixel: float) -> np.ndarray:
    """Which samples a reader can tell apart (Ramer-Douglas-Peucker in pixels): from the two
    ends, keep the sample farthest from the segment joining two kept ones while it is more than
    CURVE_TOLERANCE pixels away, measured across the segment (not vertically: where L plunges
    towards an end, a vertical gap of many pixels is a hair's breadth across the line)."""
    px, py = xs / x_pixel, np.clip(ys / y_pixel, -1e9, 1e9)
    kept = np.zeros(len(xs), dtype=bool)
    kept[[0, -1]] = True
    stack = [(0, len(xs) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        dx, dy = px[last] - px[first], py[last] - py[first]
        inner = slice(first + 1, last)
        across = np.abs(dx * (py[inner] - py[first]) - dy * (px[inner] - px[first]))
        across /= max(math.hypot(dx, dy), 1e-12)
        far = int(np.argmax(across))
        if across[far] > CURVE_TOLERANCE:
            middle = first + 1 + far
            kept[middle] = True
            stack += [(first, middle), (middle, last)]
    return kept


@functools.lru_cache(maxsize=512)
def curve(heads: int, tails: int) -> tuple[touch.Layer, ...]:
    """L(p) for H and T, and the best p marked on it: only the samples a reader can tell apart
    (the rest lie within half a pixel of the line through their neighbours), and below the
    window's floor only the first sample past it, so the line still runs out of the picture."""
    low, high = window(heads, tails)
    best = coins.best_p_fraction(heads, tails)
    # the best p is a sample, always kept: the curve's top is where its mark is
    xs = SAMPLES if best is None else np.union1d(SAMPLES, [float(best)])
    ys = np.asarray(coins.log_likelihood(heads, tails, xs))
    inside = np.flatnonzero(ys >= low)
    start, stop = max(int(inside[0]) - 1, 0), min(int(inside[-1]) + 2, len(ys))
    xs, ys = xs[start:stop], ys[start:stop]
    kept = _seen(xs, ys, (X_RANGE[1] - X_RANGE[0]) / PIXELS[0], (high - low) / PIXELS[1])
    if best is not None:
        kept[xs == float(best)] = True
    points = np.column_stack([xs[kept], ys[kept]])
    layers = [touch.line(points, COLORS["curve"])]
    if best is not None:
        at = (float(best), float(coins.log_likelihood(heads, tails, float(best))))
        layers += [
            touch.segments([[at[0], low, *at]], COLORS["best p"], dash=True, width=1.5),
            touch.points([at], COLORS["best p"], size=5),
        ]
    return tuple(layers)


def _picture(works: tuple[coins.CoinWorking, ...]) -> touch.Picture:
    """The frame at Python's H and T (a row for other counts brings its own window), the
    legend and the draggable point."""
    first = works[0]
    h, t = first.heads, first.tails
    return touch.Picture(
        x=X_RANGE,
        y=window(h, t),
        x_title="p = P(heads)",
        y_title="L(p) = ln g(p)",
        description=f"The log-likelihood L(p) = ln g(p) = {l_text(h, t)} of g(p) = "
        f"{g_text(h, t)}{_peak(first)}, for p from 0 to 1; drag the point along the curve.",
        legend=(
            touch.Key(f"L(p) = {l_text(h, t)}", COLORS["curve"]),
            touch.Key("tangent", COLORS["tangent"]),
            touch.Key("your p", COLORS["your p"], dash=True),
            touch.Key(_best_name(first), COLORS["best p"], dash=True),
        ),
        drags=(touch.Drag(control=2, at=tuple(_point(w) for w in works)),),
        x_ticks=X_TICKS,
        height=340,
    )


def _tangent(work: coins.CoinWorking) -> list[touch.Layer]:
    """The tangent at the learner's p, a short segment: shorter where it is steep, so that it
    stays near the point instead of running off the window."""
    slope = work.log_g_prime
    if slope is None:
        return []
    low, high = window(work.heads, work.tails)
    width = TANGENT_HALF_WIDTH
    if slope != 0:
        width = min(width, STEEP_SHARE * (high - low) / abs(float(slope)))
    p = float(work.p)
    ends = (max(0.0, p - width), min(1.0, p + width))
    ys = coins.log_likelihood_tangent(work, ends)
    if ys is None:
        return []
    return [touch.line(list(zip(ends, ys, strict=True)), COLORS["tangent"], width=2.5)]


def _legend(work: coins.CoinWorking) -> list[str]:
    """The legend's names for this row: L with its counts, the tangent, your p, the best p."""
    p = numbers.text(work.p)
    curve_name = f"L(p) = {l_text(work.heads, work.tails)}"
    if work.impossible:
        _, end = one_side(work.p)
        return [
            curve_name,
            f"no tangent: L({p}) does not exist",
            f"your p = {p}: L → −∞ as p → {end}",
            _best_name(work),
        ]
    slope = work.log_g_prime if work.log_g_prime is not None else 0
    return [
        curve_name,
        f"tangent, slope L′({p}) {numbers.eq_text(slope)}",
        f"your p = {p}: L {numbers.eq_text(work.log_g)}",
        _best_name(work),
    ]


def _metrics(work: coins.CoinWorking) -> list[tuple[str, str]]:
    """The four numbers at the learner's p (the old metrics, with their labels)."""
    p = numbers.text(work.p)
    limit = " (limit)" if work.impossible else ""
    return [
        (f"g({p}) = P(this order)", about(work.g)),
        (f"L({p}) = ln g({p})", about(work.log_g) + limit),
        (f"total log loss {MINUS}L({p})", about(work.loss) + limit),
        ("best p = H/(H+T)", "none" if work.best is None else about(work.best)),
    ]


def _alt(work: coins.CoinWorking) -> str:
    """The picture in one sentence, for screen readers: it follows H, T and p."""
    p = numbers.text(work.p)
    curve_text = f"L(p) = {l_text(work.heads, work.tails)}{_peak(work)}"
    if work.best is None:
        return f"No tosses: L(p) = 0 for every p. Your p = {p}."
    if work.impossible:
        _, end = one_side(work.p)
        return f"{curve_text}. At your p = {p}: g({p}) = 0, and L(p) → −∞ as p → {end}."
    slope = work.log_g_prime if work.log_g_prime is not None else 0
    return (
        f"{curve_text}. At your p = {p}: L {numbers.eq_text(work.log_g)}, and the tangent's "
        f"slope L′({p}) {numbers.eq_text(slope)}."
    )


# Rows already built, by (H, T, p): a row is the same whichever input reached it, and a pause
# keeps most of the cross (the line of the input that moved, the other lines' crossing).
_ROWS: dict[tuple[int, int, Fraction], touch.Row] = {}
ROWS_KEPT = 20_000


def _row(work: coins.CoinWorking) -> touch.Row:
    """What the unit shows at one (H, T, p), built once."""
    key = (work.heads, work.tails, work.p)
    found = _ROWS.get(key)
    if found is None:
        if len(_ROWS) >= ROWS_KEPT:
            _ROWS.clear()
        found = _ROWS[key] = _build_row(work)
    return found


def _build_row(work: coins.CoinWorking) -> touch.Row:
    """The curve and its best p, the point, its tangent, the working, the verdict."""
    x, y = _point(work)
    floor = window(work.heads, work.tails)[0]
    return touch.row(
        [
            *curve(work.heads, work.tails),
            touch.segments([[x, floor, x, y]], COLORS["your p"], dash=True, width=1.5),
            *_tangent(work),
            touch.points([(x, y)], COLORS["your p"], size=5),
        ],
        tex=[worked_maths.at_p_tex(work)],
        metrics=_metrics(work),
        notes=worked_maths.verdict_notes(work),
        legend=_legend(work),
        alt=_alt(work),
        handles=[(x, y)],
        window=_window_of(work.heads, work.tails),
    )


def draw() -> coins.CoinWorking:
    """The unit at the H, T and p Python holds (after the learner's pause); returns the working
    there, for the sections below that follow them."""
    heads, tails, p = (touch.value(c) for c in CONTROLS)
    unit = coin_unit(int(heads), int(tails), p)
    touch.touch_unit(KEY, CONTROLS, unit.picture, [list(r) for r in unit.rows])
    return unit.at(p)
