"""The picture of a walk downhill, shared by the house's walk and the sauna's: the iterates in
order on the cost curve, with step numbers where they do not overlap."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.gradient_descent import DescentPath
from dashboard import charts

# The descent chart's plot area, as small as it gets (a phone), and a step label's size there:
# labels are kept apart for that size, so they are readable on every screen.
PLOT_PX = (300.0, 240.0)
LABEL_PX = (7.0, 13.0)  # width of one digit, height of a line (12 px bold)


def readable_labels(
    xs: np.ndarray,
    ys: np.ndarray,
    candidates: Sequence[int],
    x_span: tuple[float, float],
    y_span: tuple[float, float],
) -> np.ndarray:
    """Which steps carry their number: each candidate, in the order given, unless its label
    would overlap a label already kept (in pixels, on a PLOT_PX plot spanning x_span by
    y_span). The order is the priority: the start and the end first, then the early steps."""
    dx = PLOT_PX[0] / ((x_span[1] - x_span[0]) or 1.0)
    dy = PLOT_PX[1] / ((y_span[1] - y_span[0]) or 1.0)
    kept: list[int] = []
    for k in dict.fromkeys(candidates):
        if not 0 <= k < len(xs) or not (np.isfinite(xs[k]) and np.isfinite(ys[k])):
            continue
        width = LABEL_PX[0] * len(str(k))
        clear = all(
            abs(xs[k] - xs[j]) * dx >= (width + LABEL_PX[0] * len(str(j))) / 2 + 2
            or abs(ys[k] - ys[j]) * dy >= LABEL_PX[1]
            for j in kept
        )
        if clear:
            kept.append(k)
    labelled = np.zeros(len(xs), dtype=bool)
    labelled[kept] = True
    return labelled


def y_span(curve_y: np.ndarray | pd.Series) -> tuple[float, float]:
    """The y axis of a chart of this curve: Vega-Lite's scale takes in zero."""
    values = np.asarray(curve_y, dtype=float)
    return min(0.0, float(values.min())), max(0.0, float(values.max()))


def path_layers(
    path: DescentPath,
    window: tuple[float, float],
    span: tuple[float, float],
    color: str,
    numbered: int = 3,
    number_the_end: bool = True,
) -> list[charts.Layer]:
    """The iterates in order, joined by a line (charts.trail), and the numbers of the start,
    the last step (unless `number_the_end` is False: the sauna's end sits on a labelled point)
    and the first `numbered` steps where they do not overlap (charts.points).
    Points outside the window are left out (the caption says where the walk went).

    Which steps carry a number travels in the data (the labels' own rows), not in a filter
    with the step count in it: the spec stays the same whatever the sliders say, and the
    browser only swaps the data."""
    xs = path.xs
    k = np.arange(len(xs))
    inside = (xs >= window[0]) & (xs <= window[1])
    last = len(xs) - 1
    ends = (0, last) if number_the_end else (0,)
    shown = [i for i in (*ends, *range(1, numbered + 1)) if i <= last and inside[i]]
    labelled = readable_labels(xs, path.costs, shown, window, span)
    frame = pd.DataFrame({"k": k, "x": xs, "y": path.costs, "labelled": labelled})[inside]
    numbers = frame[frame["labelled"]].assign(step=lambda f: f["k"].astype(str))
    return [
        charts.trail(frame, order="k", color=color),
        charts.points(numbers, label="step", color=color, size=40, tooltip=["step", "x", "y"]),
    ]


def x_from_data(layer: charts.Layer) -> charts.Layer:
    """The layer's x axis spans exactly its data: no domain in the spec, no rounding out.

    A window that follows a slider (the house, the start of a walk) then travels in the data,
    which the browser swaps into the drawn chart, instead of in the spec, which would make it
    build a new chart on every move.
    """
    layer.spec["encoding"]["x"]["scale"]["nice"] = False
    return layer
