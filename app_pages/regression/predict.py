"""Section 6, predict: the least-squares line prices a house with k bedrooms.

Where the slider has at most MAX_POSITIONS positions (the notes' table, the two houses, most
uploads) it is a touch unit (`dashboard.touch`): one call, `core.predictions.predictions`,
works out the line's prediction at every position, so the point on the line and its number
follow the hand in the browser. A wider range (years as x, in whole numbers from 0) stays a
Streamlit slider: one row per position would be too large to send."""

from __future__ import annotations

import streamlit as st

from core.least_squares import ExactAnswer
from core.line_fit import FitData
from core.predictions import Prediction, position_count, prediction_positions, predictions
from dashboard import charts, touch
from dashboard.controls import url_slider
from dashboard.layout import section
from dashboard.markup import markdown_text
from dashboard.numbers import eq_text, text

C = charts.COLORS
KEY = "predict_touch"
MAX_POSITIONS = 401


def draw(data: FitData, answer: ExactAnswer) -> None:
    """A slider for x and the line's prediction there."""
    section("6. Predict")
    _unit(data, answer)


def _label(x_name: str, y_name: str) -> str:
    return f"Predict the {y_name}: choose the {x_name}"


def _metric_label(x_name: str, k: float) -> str:
    return f"Least-squares prediction at {x_name} = {text(k)}"


@st.fragment
def _unit(data: FitData, answer: ExactAnswer) -> None:
    bounds = data.prediction_range
    if position_count(bounds) > MAX_POSITIONS:
        _slider(data, answer)
        return
    positions = prediction_positions(bounds)
    whole = bounds.step == 1
    values = tuple(int(v) for v in positions) if whole else positions
    points = data.points
    control = touch.Control(
        label=_label(points.x_name, points.y_name),
        param="k",
        values=values,
        default=int(bounds.start) if whole else bounds.start,
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
        f"{text(prediction.x)}.",
    )


def _slider(data: FitData, answer: ExactAnswer) -> None:
    """The wide ranges: a Streamlit slider and the prediction, as before the touch unit."""
    points, bounds = data.points, data.prediction_range
    whole = bounds.step == 1
    x_name, y_name = markdown_text(points.x_name), markdown_text(points.y_name)
    k = url_slider(
        _label(x_name, y_name),
        "k",
        min_value=int(bounds.low) if whole else bounds.low,
        max_value=int(bounds.high) if whole else bounds.high,
        default=int(bounds.start) if whole else bounds.start,
        step=1 if whole else bounds.step,
    )
    st.metric(_metric_label(x_name, k), eq_text(answer.line.predict(k)).removeprefix("= "))
