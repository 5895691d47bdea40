"""The coin game's touch unit: the learner's p on the log-likelihood L(p), with the tangent whose
slope is L'(p), and L(p), L'(p) worked, the verdict and g(p), L(p), -L(p) at every p.

One picture, L(p): the working and the verdict are about L and its slope, so the tangent on the
curve is the number the working computes (flat at the best p). g(p) and the log loss -L(p) are
in the numbers beside it. Every row comes from one `core.coins.coin_grid` call (one exact
`CoinWorking` per position of p) and is formatted by `dashboard.numbers` in Python; the browser
only picks the row for the position of the hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import streamlit as st

from app_pages.log_loss import worked_maths
from app_pages.log_loss.formulas import about, g_text, l_text, one_side
from core import coins
from dashboard import charts, numbers, touch
from dashboard.numbers import MINUS

P = touch.Control(
    label="p = P(heads)",
    param="p",
    values=tuple(k / 100 for k in range(101)),  # 0, 0.01, ..., 1: the old slider's steps
    default=0.5,
    hint="Your guess for the chance that one toss lands heads. Or drag the point on the curve.",
)

CURVE_POINTS = 401  # the curve's own samples, evenly spaced in p
# More samples ever closer to the ends, where L plunges towards −∞: the curve then runs out of
# the window's floor instead of stopping short (1 − 10⁻¹⁵ is about as close to 1 as a double gets).
END_GAPS = np.array([10.0**-k for k in (3, 4, 5, 6, 8, 10, 12, 15)])
TANGENT_HALF_WIDTH = 0.12  # in p, either side of the point; shorter where the tangent is steep
STEEP_SHARE = 0.35  # a steep tangent rises at most this share of the window's height each side
PAD = 0.06  # the window's margin above and below the values the points take, as a share
COLORS = {
    "curve": charts.COLORS["function"],
    "tangent": charts.COLORS["derivative"],
    "your p": charts.COLORS["point"],
    "best p": charts.COLORS["tangent"],
}


@dataclass(frozen=True)
class CoinUnit:
    """The coin game for H heads and T tails at every p: the exact workings, the picture's
    frame and one row per position of p."""

    works: tuple[coins.CoinWorking, ...]
    picture: touch.Picture
    rows: tuple[touch.Row, ...]

    def at(self, p: float) -> coins.CoinWorking:
        return self.works[P.index_of(p) or 0]


@st.cache_data(max_entries=64, show_spinner=False)
def coin_unit(heads: int, tails: int) -> CoinUnit:
    """Everything the unit shows for H heads and T tails (cached: a move of p costs nothing)."""
    works = coins.coin_grid(heads, tails, P.values)
    window = _window(works)
    return CoinUnit(works, _picture(works, window), tuple(_row(w, window) for w in works))


def _window(works: tuple[coins.CoinWorking, ...]) -> tuple[float, float]:
    """L's window: every finite value the points take, with a margin (the curve itself plunges
    out of it towards an end where the tosses seen are impossible)."""
    finite = [w.log_g for w in works if math.isfinite(w.log_g)]
    low, high = min(finite), max(finite)
    span = high - low
    return (low - 1.0, high + 1.0) if span == 0 else (low - PAD * span, high + PAD * span)


def _point(work: coins.CoinWorking, window: tuple[float, float]) -> tuple[float, float]:
    """The learner's point: on the curve, or on the window's floor where L(p) → −∞."""
    y = work.log_g if math.isfinite(work.log_g) else window[0]
    return float(work.p), y


def _peak(work: coins.CoinWorking) -> str:
    return "" if work.best is None else f", highest at p {numbers.eq_text(work.best)}"


def _picture(works: tuple[coins.CoinWorking, ...], window: tuple[float, float]) -> touch.Picture:
    """What stays while p moves: the curve, the best p, the legend, the draggable point."""
    first = works[0]
    h, t = first.heads, first.tails
    ps = np.unique(np.concatenate([np.linspace(0.0, 1.0, CURVE_POINTS), END_GAPS, 1 - END_GAPS]))
    curve = np.column_stack([ps, coins.log_likelihood(h, t, ps)])
    layers = [touch.line(curve, COLORS["curve"])]
    best = "no best p"
    if first.best is not None and first.log_g_best is not None:
        at = (float(first.best), first.log_g_best)
        layers += [
            touch.segments([[at[0], window[0], *at]], COLORS["best p"], dash=True, width=1.5),
            touch.points([at], COLORS["best p"], size=5),
        ]
        best = f"best p {numbers.eq_text(first.best)}"
    return touch.Picture(
        x=(-0.02, 1.02),
        y=window,
        x_title="p = P(heads)",
        y_title="L(p) = ln g(p)",
        description=f"The log-likelihood L(p) = ln g(p) = {l_text(h, t)} of g(p) = "
        f"{g_text(h, t)}{_peak(first)}, for p from 0 to 1; drag the point along the curve.",
        layers=tuple(layers),
        legend=(
            touch.Key(f"L(p) = {l_text(h, t)}", COLORS["curve"]),
            touch.Key("tangent", COLORS["tangent"]),
            touch.Key("your p", COLORS["your p"], dash=True),
            touch.Key(best, COLORS["best p"], dash=True),
        ),
        drags=(touch.Drag(control=0, at=tuple(_point(w, window) for w in works)),),
        x_ticks=tuple((k / 5, numbers.text(k / 5)) for k in range(6)),
        height=340,
    )


def _tangent(work: coins.CoinWorking, window: tuple[float, float]) -> list[touch.Layer]:
    """The tangent at the learner's p, a short segment: shorter where it is steep, so that it
    stays near the point instead of running off the window."""
    slope = work.log_g_prime
    if slope is None:
        return []
    width = TANGENT_HALF_WIDTH
    if slope != 0:
        width = min(width, STEEP_SHARE * (window[1] - window[0]) / abs(float(slope)))
    p = float(work.p)
    ends = (max(0.0, p - width), min(1.0, p + width))
    ys = coins.log_likelihood_tangent(work, ends)
    if ys is None:
        return []
    return [touch.line(list(zip(ends, ys, strict=True)), COLORS["tangent"], width=2.5)]


def _legend(work: coins.CoinWorking) -> list[str]:
    """The legend's names at this p (the curve's and the best p's never change)."""
    p = numbers.text(work.p)
    if work.impossible:
        _, end = one_side(work.p)
        return ["", f"no tangent: L({p}) does not exist", f"your p = {p}: L → −∞ as p → {end}"]
    slope = work.log_g_prime if work.log_g_prime is not None else 0
    return [
        "",
        f"tangent, slope L′({p}) {numbers.eq_text(slope)}",
        f"your p = {p}: L {numbers.eq_text(work.log_g)}",
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
    """The picture in one sentence, for screen readers: it follows p."""
    p = numbers.text(work.p)
    curve = f"L(p) = {l_text(work.heads, work.tails)}{_peak(work)}"
    if work.best is None:
        return f"No tosses: L(p) = 0 for every p. Your p = {p}."
    if work.impossible:
        _, end = one_side(work.p)
        return f"{curve}. At your p = {p}: g({p}) = 0, and L(p) → −∞ as p → {end}."
    slope = work.log_g_prime if work.log_g_prime is not None else 0
    return (
        f"{curve}. At your p = {p}: L {numbers.eq_text(work.log_g)}, and the tangent's slope "
        f"L′({p}) {numbers.eq_text(slope)}."
    )


def _row(work: coins.CoinWorking, window: tuple[float, float]) -> touch.Row:
    """What the unit shows at one p: the point, its tangent, the working, the verdict."""
    x, y = _point(work, window)
    return touch.row(
        [
            touch.segments([[x, window[0], x, y]], COLORS["your p"], dash=True, width=1.5),
            *_tangent(work, window),
            touch.points([(x, y)], COLORS["your p"], size=5),
        ],
        tex=[worked_maths.at_p_tex(work)],
        metrics=_metrics(work),
        notes=worked_maths.verdict_notes(work),
        legend=_legend(work),
        alt=_alt(work),
    )


def draw(heads: int, tails: int) -> coins.CoinWorking:
    """The unit for H heads and T tails; returns the working at the p Python holds (after the
    learner's pause), for the sections below that follow p."""
    unit = coin_unit(heads, tails)
    work = unit.at(touch.value(P))
    touch.touch_unit("coin_touch", [P], unit.picture, [list(unit.rows)])
    return work
