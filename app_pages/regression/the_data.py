"""Section 2, the data: the notes' table (its 10-bedroom price as written or fixed), the two
houses, or the learner's own points; the rest of the page fits what is chosen here."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.regression.your_own_data import own_points
from core.datasets import TWO_HOUSES, Points, csv_text, fitted_table, notes_table
from core.line_fit import FitData, fit_data
from dashboard.controls import url_choice
from dashboard.layout import numbers_table, section
from dashboard.numbers import text

SOURCES = ["notes", "houses", "own"]
SOURCE_NAMES = {"notes": "the notes' table", "houses": "the two houses", "own": "your own"}


@st.cache_data(max_entries=64, show_spinner=False)
def _fit_data(points: Points, notes: bool) -> FitData:
    return fit_data(points, notes=notes)


def draw() -> tuple[FitData, str, str]:
    """Choose the points; returns them fitted, with the source and the outlier switch."""
    section(
        "2. The data",
        "Fit the notes' table, the two houses, or your own points.",
    )
    source = url_choice(
        "Data to fit", "data", options=SOURCES, default="notes", labels=SOURCE_NAMES
    )
    outlier = "as-written"
    if source == "notes":
        outlier = url_choice(
            "The 10-bedroom price",
            "outlier",
            options=["as-written", "fixed"],
            default="as-written",
            labels={"as-written": "10,000, as written", "fixed": "1000, as probably meant"},
            help="The notes price a 10-bedroom house at 10,000: the pattern 100 per bedroom "
            "says 1000 was probably meant.",
        )
        points = notes_table(outlier)
        _notes_table(points, outlier)
    elif source == "houses":
        points = TWO_HOUSES
        numbers_table(points.frame().map(text))
    else:
        points = own_points()
    data = _fit_data(points, source == "notes")
    line = data.line
    st.download_button(
        "Download the data and the least-squares line (CSV)",
        data=csv_text(fitted_table(points, float(line.slope), float(line.intercept))),
        file_name="regression-data-and-line.csv",
        mime="text/csv",
        on_click="ignore",
        icon="⬇️",
    )
    return data, source, outlier


def _notes_table(points: Points, outlier: str) -> None:
    row = {"bedrooms": ["price"]}
    for x, y in zip(points.x, points.y, strict=True):
        row[text(x)] = [text(y)]
    numbers_table(pd.DataFrame(row))
    if outlier == "as-written":
        st.markdown("**10,000** breaks the pattern of 100 per bedroom; 1000 was probably meant.")
