"""Section 6, predict: the least-squares line prices a house with k bedrooms."""

from __future__ import annotations

import streamlit as st

from core.least_squares import ExactAnswer
from core.line_fit import FitData
from dashboard.controls import url_slider
from dashboard.layout import section
from dashboard.markup import markdown_text
from dashboard.numbers import eq_text, text


def draw(data: FitData, answer: ExactAnswer) -> None:
    """A slider for x and the line's prediction there."""
    section("6. Predict")
    _unit(data, answer)


@st.fragment
def _unit(data: FitData, answer: ExactAnswer) -> None:
    points, bounds = data.points, data.prediction_range
    whole = bounds.step == 1
    x_name, y_name = markdown_text(points.x_name), markdown_text(points.y_name)
    k = url_slider(
        f"Predict the {y_name}: choose the {x_name}",
        "k",
        min_value=int(bounds.low) if whole else bounds.low,
        max_value=int(bounds.high) if whole else bounds.high,
        default=int(bounds.start) if whole else bounds.start,
        step=1 if whole else bounds.step,
    )
    st.metric(
        f"Least-squares prediction at {x_name} = {text(k)}",
        eq_text(answer.line.predict(k)).removeprefix("= "),
    )
