"""The coin game's three pictures: g(p), L(p) and the total log loss -L(p) over p in [0, 1],
each with the best p (green) and the learner's p (purple) marked.

The marks (a dashed rule, a dot and a label per row, the label's side and height chosen row by
row from the data) are Vega-Lite layers written here: `dashboard.charts` has no builder for
labelled marks whose side and offset come from the data. The spec stays the same on every
slider move; only the data change.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.log_loss.formulas import about, g_text, l_text, one_side
from core import coins
from dashboard import charts, numbers


@st.cache_data(max_entries=256, show_spinner=False)
def likelihood_curves(heads: int, tails: int) -> pd.DataFrame:
    # One point per slider step of p (0.01), so the learner's dot always sits on a vertex;
    # with no tosses the curves are flat, and their two ends draw them.
    return coins.likelihood_curves(heads, tails, points=101 if heads + tails else 2)


def _finite_range(values: pd.Series) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)


# The two marked p's: the best p (green) and the learner's p (purple; green when it is the
# best p). Colours, dashes and label sides are fixed in the spec and chosen row by row from
# the data, so a slider move only swaps the data and the browser keeps its Vega view.
MARK_ROLES = {"best p": charts.COLORS["tangent"], "your p": charts.COLORS["point"]}
# A label whose dot lies right of this p is written to the left of its dot, to stay inside.
LABEL_FLIPS_AT = 0.75
# Where a label sits above (negative) or below its dot, in px: normally above; where the two
# labels would overlap, the lower dot's label goes below it, or, when that dot is near the
# chart's floor (the x axis is there), the higher dot's label goes one line higher. Either way
# the two labels are then on opposite sides of a horizontal line between the two dots.
LABEL_ABOVE, LABEL_BELOW, LABEL_HIGHER = -8, 14, -25
# The estimate of where labels fall: the narrowest plot (three columns on a laptop) is about
# 150 px wide and 200 px tall; a 13 px label is about 7.5 px a character and 16 px tall.
PLOT_PX, CHAR_PX, GAP_PX = (150.0, 200.0), 7.5, 8.0
# Tiny likelihoods (7 heads 3 tails peak at 0.00222; 100 and 100 at 6e-61): ticks in
# e-notation rather than dozens of zeros, decided in the browser from the axis's own domain.
# A flat curve (no tosses: g = 1, L = 0 for every p) gives a domain of zero span, where Vega's
# own label would read "1.000000": there the tick is written as a plain number.
TINY_AXIS_LABELS = (
    "peek(domain('y')) > 0 && peek(domain('y')) < 1e-3 ? format(datum.value, '.1e') : "
    "span(domain('y')) == 0 ? format(datum.value, '~g') : datum.label"
)


def _role_color() -> dict:
    return {
        "field": "role",
        "type": "nominal",
        "scale": {"domain": list(MARK_ROLES), "range": list(MARK_ROLES.values())},
        "legend": None,
    }


def _marks(frame: pd.DataFrame, column: str) -> list[charts.Layer]:
    """A dashed rule, a dot and a label for each row of `frame` (p, column, label, role, left):
    the label sits left of its dot where `left` is true, else right of it."""
    x = {"field": "p", "type": "quantitative"}
    y = {"field": column, "type": "quantitative"}
    tooltip = [
        {"field": "label", "type": "nominal", "title": ""},
        {"field": "p", "type": "quantitative", "format": ".4g"},
    ]
    rule = {
        "mark": {"type": "rule", "strokeWidth": 2, "strokeDash": charts.DASH},
        "encoding": {"x": x, "color": _role_color(), "tooltip": tooltip},
    }
    dot = {
        "mark": {"type": "circle", "size": 90, "opacity": 1, "stroke": "white", "strokeWidth": 1},
        "encoding": {"x": x, "y": y, "color": _role_color(), "tooltip": tooltip},
    }
    # Left or right of its dot, row by row: the mark's align and dx are expressions of the row.
    text = {
        "mark": {
            "type": "text",
            "align": {"expr": "datum.left ? 'right' : 'left'"},
            "dx": {"expr": "datum.left ? -8 : 8"},
            "dy": {"expr": "datum.dy"},
            "fontSize": 13,
        },
        "encoding": {
            "x": x,
            "y": y,
            "text": {"field": "label", "type": "nominal"},
            "color": _role_color(),
        },
    }
    return [charts.Layer(rule, frame), charts.Layer(dot, frame), charts.Layer(text, frame)]


def _marked_points(
    work: coins.CoinWorking,
    column: str,
    at_p: float,
    at_best: float | None,
    edges: tuple[float, float],
) -> pd.DataFrame:
    """The rows `_marks` draws: the best p (if there is one and it is not the learner's p) and
    the learner's p. Within half a slider step of the best p one mark says both (two labels
    would overlap): 'best 0.7' on it, 'p = 0.33, best ≈ 0.3333' beside it. An infinite value sits at the edge of the chart, labelled with its value."""
    best = None if work.best is None or at_best is None else float(work.best)
    on_best = best is not None and abs(float(work.p) - best) < 0.005
    rows = []
    if best is not None and not on_best:
        rows.append((best, at_best, f"best {about(work.best)}", "best p"))
    low, high = edges
    shown = at_p if math.isfinite(at_p) else (low if at_p < 0 else high)
    if on_best and work.at_best:
        rows.append((float(work.p), shown, f"best {numbers.text(work.p)}", "best p"))
    elif on_best:  # next to the best p, not on it (0.33 beside 1/3): the one mark says both
        label = f"p = {numbers.text(work.p)}, best {about(work.best)}"
        rows.append((float(work.p), shown, label, "your p"))
    else:
        label = f"p = {numbers.text(work.p)}" + (
            "" if math.isfinite(at_p) else f": → {numbers.text(at_p)}"
        )
        rows.append((float(work.p), shown, label, "your p"))
    frame = pd.DataFrame(rows, columns=["p", column, "label", "role"])
    frame = frame.assign(left=frame["p"] > LABEL_FLIPS_AT, dy=LABEL_ABOVE)
    if len(frame) == 2 and _labels_meet(frame, column, edges):
        lower, higher = frame[column].idxmin(), frame[column].idxmax()
        low, high = edges
        floor = low + 0.15 * (high - low)
        if frame.loc[lower, column] > floor:
            frame.loc[lower, "dy"] = LABEL_BELOW
        else:
            frame.loc[higher, "dy"] = LABEL_HIGHER
    return frame


def _labels_meet(frame: pd.DataFrame, column: str, edges: tuple[float, float]) -> bool:
    """Whether the two labels, both above their dots, would overlap on the narrowest plot:
    their boxes estimated in pixels from p, the value, the side and the label's length."""
    width, height = PLOT_PX
    low, high = edges
    span = high - low or 1.0
    boxes = []
    for p, value, label, left in zip(
        frame["p"], frame[column], frame["label"], frame["left"], strict=True
    ):
        x, y = p * width, (value - low) / span * height
        size = CHAR_PX * len(label)
        start = x - GAP_PX - size if left else x + GAP_PX
        boxes.append((start, start + size, y - LABEL_ABOVE - 8, y - LABEL_ABOVE + 8))
    (a0, a1, b0, b1), (c0, c1, d0, d1) = boxes
    return a0 < c1 + 4 and c0 < a1 + 4 and b0 < d1 + 4 and d0 < b1 + 4


def _curve_chart(
    curves: pd.DataFrame,
    column: str,
    title: str,
    at_p: float,
    at_best: float | None,
    work: coins.CoinWorking,
    description: str,
) -> None:
    """One curve over p in [0, 1], the learner's p and the best p marked. An infinite value
    is drawn at the edge of the chart with a label, so the axis never breaks."""
    curve = charts.function_plot(curves[["p", column]], x="p", y=column, x_title="p", y_title=title)
    curve.spec["encoding"]["y"]["axis"] = {"labelExpr": TINY_AXIS_LABELS}
    at_p, at_best = float(at_p), None if at_best is None else float(at_best)
    marked = _marked_points(work, column, at_p, at_best, _finite_range(curves[column]))
    chart = charts.compose(curve, *_marks(marked, column), description=description, height=260)
    charts.show_chart(chart, description)


def value_words(name: str, value: float, work: coins.CoinWorking) -> str:
    """'L = −6.93', or at an end where the tosses are impossible, 'L → −∞ as p → 1⁻'."""
    if work.impossible:
        return f"{name} → {numbers.text(value)} as p → {one_side(work.p)[1]}"
    return f"{name} {numbers.eq_text(value)}"


def likelihood_charts(work: coins.CoinWorking) -> None:
    """g, L and -L side by side."""
    curves = likelihood_curves(work.heads, work.tails)
    h, t, p = work.heads, work.tails, numbers.text(work.p)
    peak = "" if work.best is None else f", highest at p {numbers.eq_text(work.best)}"
    same, low = ("", "") if work.best is None else (", highest at the same p", ", lowest there")
    g_col, l_col, loss_col = st.columns(3)
    with g_col:
        _curve_chart(
            curves,
            "g",
            "g(p)",
            work.g,
            work.g_best,
            work,
            f"The likelihood g(p) = {g_text(h, t)}{peak}. At your p = {p}: "
            f"g {numbers.eq_text(work.g)}.",
        )
    with l_col:
        _curve_chart(
            curves,
            "L",
            "L(p) = ln g(p)",
            work.log_g,
            work.log_g_best,
            work,
            f"L(p) = {l_text(h, t)}{same}. At your p: {value_words('L', work.log_g, work)}.",
        )
    with loss_col:
        _curve_chart(
            curves,
            "log_loss",
            "total log loss −L(p)",
            work.loss,
            work.loss_best,
            work,
            f"The total log loss −L(p){low}. At your p: {value_words('−L', work.loss, work)}.",
        )
