"""Section 6, predict: the least-squares line prices a house with k bedrooms.

A touch unit (`dashboard.touch`): one call, `core.predictions.predictions`, works out the
line's prediction at every position, so the point on the line and its number follow the hand
in the browser. Where the range has at most MAX_POSITIONS positions (the notes' table, the two
houses, most uploads) the input offers each; a wider range (years as x, in whole numbers from
0) offers every step × 2, 5, 10, 20, ... (`core.predictions.offered_positions`: round numbers,
the range's ends and its default kept), and the input's hint says which (a link between them
gets the kit's note)."""

from __future__ import annotations

import streamlit as st

from core.least_squares import ExactAnswer
from core.line_fit import FitData
from core.predictions import (
    OfferedPositions,
    Prediction,
    offered_positions,
    position_count,
    predictions,
)
from dashboard import charts, touch
from dashboard.layout import section
from dashboard.numbers import eq_text, text

C = charts.COLORS
KEY = "predict_touch"
MAX_POSITIONS = 401


def draw(data: FitData, answer: ExactAnswer) -> None:
    """An input for x and the line's prediction there."""
    section("6. Predict")
    _unit(data, answer)


def _label(x_name: str, y_name: str) -> str:
    return f"Predict the {y_name}: choose the {x_name}"


def _x(k: float) -> str:
    """A position as the learner reads it, every digit kept (a default such as 1,234,567
    is no 1.235 × 10⁶)."""
    return text(k, sig=15)


def _metric_label(x_name: str, k: float) -> str:
    return f"Least-squares prediction at {x_name} = {_x(k)}"


def _hint(offered: OfferedPositions) -> str:
    """Which positions a wide range offers, in words."""
    also = [_x(v) for v in offered.also]
    more = ""
    if also:
        more = ", and " + (also[0] if len(also) == 1 else ", ".join(also[:-1]) + " and " + also[-1])
    return (
        f"Every {_x(offered.every)} from {_x(offered.first)} to {_x(offered.last)}{more}. "
        "Or drag the ring."
    )


@st.fragment
def _unit(data: FitData, answer: ExactAnswer) -> None:
    bounds = data.prediction_range
    offered = offered_positions(bounds, MAX_POSITIONS)
    positions = offered.positions
    whole = bounds.step == 1
    values = tuple(int(v) for v in positions) if whole else positions
    points = data.points
    control = touch.Control(
        label=_label(points.x_name, points.y_name),
        param="k",
        values=values,
        default=int(bounds.start) if whole else bounds.start,
        labels=tuple(_x(v) for v in values),
        # a range that offers each of its positions needs no words
        hint=_hint(offered) if len(positions) < position_count(bounds) else "",
    )
    found = predictions(answer.line, positions)
    touch.touch_unit(
        KEY, [control], _picture(data, answer, found), [[_row(data, p) for p in found]]
    )


def _picture(data: FitData, answer: ExactAnswer, found: tuple[Prediction, ...]) -> touch.Picture:
    """What stays while x moves: the data, the least-squares line over the slider's range."""
    points = data.shown()
    low, high = found[0], found[-1]
    ys = [float(v) for v in points.y] + [float(low.y), float(high.y)]
    pad = (max(ys) - min(ys)) * 0.06 or 1.0
    return touch.Picture(
        x=(float(low.x), float(high.x)),
        y=(min(ys) - pad, max(ys) + pad),
        x_title=points.x_name,
        y_title=points.y_name,
        description="The data, the least-squares line and the prediction on it.",
        layers=(
            touch.line(
                [(float(low.x), float(low.y)), (float(high.x), float(high.y))], C["tangent"]
            ),
            touch.points(list(zip(points.x, points.y, strict=True)), C["point"], size=4),
        ),
        legend=(
            touch.Key("least-squares line", C["tangent"]),
            touch.Key("the prediction", C["derivative"]),
        ),
        drags=(
            touch.Drag(
                control=0, at=tuple((float(p.x), float(p.y)) for p in found), color=C["derivative"]
            ),
        ),
        height=280,
    )


def _row(data: FitData, prediction: Prediction) -> touch.Row:
    """What the unit shows at one x: the point on the line and the prediction."""
    x_name, y_name = data.points.x_name, data.points.y_name
    value = eq_text(prediction.y).removeprefix("= ")
    return touch.row(
        [touch.points([(float(prediction.x), float(prediction.y))], C["derivative"], size=6)],
        metrics=[(_metric_label(x_name, prediction.x), value)],
        alt=f"The least-squares line predicts {y_name} {eq_text(prediction.y)} at {x_name} = "
        f"{_x(prediction.x)}.",
    )
