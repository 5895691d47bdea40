"""Section 1, two houses: the notes' two prices fix a line, and the line prices any house."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.regression.katex_room import ROOM
from core.datasets import TWO_HOUSES
from core.line_fit import TwoPointLine, line_through_two
from dashboard import charts
from dashboard.controls import url_slider
from dashboard.layout import latex, quiz_number, section
from dashboard.numbers import tex, text

C = charts.COLORS


def draw() -> None:
    """The slope and intercept through the two houses, a priced house, and a question."""
    section("1. Two houses")
    line = line_through_two(TWO_HOUSES)
    # The introduction and the line's two numbers: one element (each costs every move).
    st.markdown(
        "From the notes: 1 bedroom sells for 150,000, 2 bedrooms for 250,000. Two points fix "
        "a line.\n\n$$\n"
        rf"\begin{{aligned}} {ROOM}\text{{slope}} &= \frac{{250{{,}}000 - 150{{,}}000}}{{2 - 1}} = "
        rf"{tex(line.slope)}, \\ \text{{intercept}} &= 150{{,}}000 - {tex(line.slope)}"
        rf"\cdot 1 = {tex(line.intercept)} \end{{aligned}}"
        "\n$$"
    )
    _priced_house(line)
    quiz_number(
        "regression_houses",
        "What price does the line through the two houses predict for 4 bedrooms?",
        450_000,
        tolerance=0.5,
        explanation="Slope 100,000 per bedroom, intercept 50,000: 100,000 × 4 + 50,000 = 450,000.",
    )


@st.fragment
def _priced_house(line: TwoPointLine) -> None:
    bedrooms = url_slider(
        "Bedrooms of the house to price",
        "bedrooms",
        min_value=0,
        max_value=10,
        default=3,
        step=1,
        help="The line through the two houses predicts a price for any number of bedrooms.",
    )
    price = line.value_at(bedrooms)
    st.metric(f"Predicted price for {bedrooms} bedrooms", text(price))
    latex(
        rf"\text{{price}} = {tex(line.slope)} \cdot {bedrooms} + {tex(line.intercept)}"
        rf" = {tex(price)}"
    )
    _chart(line, bedrooms)


def _chart(line: TwoPointLine, bedrooms: int) -> None:
    ends = pd.DataFrame({"x": [0.0, 10.0], "y": [float(line.intercept), float(line.value_at(10))]})
    houses = pd.DataFrame({"x": TWO_HOUSES.x, "y": TWO_HOUSES.y, "label": ["house 1", "house 2"]})
    price = line.value_at(bedrooms)
    asked = pd.DataFrame(
        {"x": [float(bedrooms)], "y": [float(price)], "label": [f"{bedrooms} bedrooms?"]}
    )
    description = f"The line through the two houses prices {bedrooms} bedrooms at {text(price)}."
    chart = charts.compose(
        charts.function_plot(
            ends,
            x_title="bedrooms",
            y_title="price",
            x_domain=[0, 10],
            colors={"y": C["function"]},
            y_axis_format=",.0f",
        ),
        charts.points(houses, label="label", color=C["point"], size=110),
        charts.points(asked, label="label", color=C["derivative"], size=110),
        description=description,
        height=300,
    )
    charts.show_chart(chart, description)
