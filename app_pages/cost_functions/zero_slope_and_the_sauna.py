"""Section 1, the notes' sauna: where the slope is zero, and what kind of point that is.

One live unit, where you stand: `core.sauna.sauna_spot(x)` returns the temperature and the
slope there (exact) and which way is colder, decided on the exact slope.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.cost_functions.values import shown
from core import sauna
from core.stationary import StationaryPoint
from dashboard import charts
from dashboard.controls import url_slider
from dashboard.layout import check_yourself, numbers_table, quiz_choice, section, verdict
from dashboard.numbers import text

GRID_POINTS = 301
ZERO_SLOPE_SAYS = {
    "global minimum": "and this is the **coldest spot** in the room: the global minimum.",
    "local minimum": "and this is a **local minimum**: colder than its neighbourhood, but not "
    "the coldest spot in the room.",
    "local maximum": "but this is a **local maximum**: the warm bench, warmer than both sides.",
    "no extremum": "but this is **no minimum**: a flat shelf. It is warmer to the left and "
    "colder to the right, so the walk should go on.",
}
# Short labels on the chart, so that they do not meet on a phone; the table names them in full.
MARK_NAMES = {
    "global minimum": "coldest",
    "local minimum": "local min",
    "local maximum": "local max",
    "global maximum": "warmest",
    "no extremum": "shelf",
}
SIGN_WORDS = {-1: "falling ↘", 0: "flat", 1: "rising ↗"}


def point_name(point: StationaryPoint) -> str:
    """The sauna's words for a kind of stationary point (its flat point is a shelf)."""
    return "flat shelf, no extremum" if point.kind == "no extremum" else point.kind


@st.cache_data
def sauna_curve() -> pd.DataFrame:
    xs = sauna.sauna_grid(GRID_POINTS)
    return pd.DataFrame({"x": xs, "y": sauna.temperature(xs)})


@st.cache_data
def _stationary_marks() -> pd.DataFrame:
    rows = [
        {"x": p.x, "y": p.value, "kind": point_name(p), "label": MARK_NAMES[p.kind]}
        for p in sauna.sauna_stationary_points()
    ]
    return pd.DataFrame(rows)


def sauna_layers() -> list[charts.Layer]:
    """The temperature curve with its stationary points marked (they never move)."""
    curve = charts.function_plot(
        sauna_curve(), x_title="position in the sauna x (m)", y_title="temperature T (°C)"
    )
    marks = charts.points(
        _stationary_marks(), label="label", color=charts.COLORS["muted"], size=70, tooltip=["kind"]
    )
    return [curve, marks]


def stationary_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "x (m)": text(p.x),
                "temperature (°C)": shown(p.value),
                "just left": SIGN_WORDS[p.sign_left],
                "just right": SIGN_WORDS[p.sign_right],
                "what it is": point_name(p),
            }
            for p in sauna.sauna_stationary_points()
        ]
    )


@st.fragment
def _walk() -> None:
    """Where you stand: the slope's sign says which way is colder."""
    x = url_slider(
        "Where you stand, x (m)",
        "spot",
        min_value=sauna.ROOM[0],
        max_value=sauna.ROOM[1],
        default=2.5,
        step=0.05,
    )
    spot = sauna.sauna_spot(x)
    cols = st.columns(3)
    cols[0].metric("temperature here", shown(spot.temperature, " °C"))
    cols[1].metric("slope T′(x) here", shown(spot.slope, " °C per m"))
    cols[2].metric(
        "colder is",
        "neither way: flat" if spot.colder == "neither" else f"to the {spot.colder}",
    )
    left, right = max(x - 0.6, sauna.ROOM[0]), min(x + 0.6, sauna.ROOM[1])
    here, slope = float(spot.temperature), float(spot.slope)
    layers = sauna_layers()
    layers.append(
        charts.line_through(
            x, here, slope, (left, right), label="tangent", color=charts.COLORS["tangent"]
        )
    )
    layers.append(charts.points(pd.DataFrame({"x": [x], "y": [here], "who": ["you"]}), label="who"))
    description = (
        f"Temperature, and the tangent where you stand, x = {text(spot.x)} m. "
        "Grey dots: zero slope."
    )
    charts.show_chart(charts.compose(*layers, description=description), description)
    if spot.point is not None:
        verdict(
            f"The slope is zero here, {ZERO_SLOPE_SAYS[spot.point.kind]}",
            "success" if spot.point.is_minimum else "warning",
        )
    else:
        sign = "negative" if spot.slope < 0 else "positive"
        verdict(f"The slope is {sign}: it is colder to the **{spot.colder}**.", "info")


def draw() -> None:
    """The section: the walk, the zero-slope points and the sign test, then its question."""
    section(
        "1. The sauna: where is it coldest?",
        "In the notes' sauna, every small step from the coldest spot gets warmer: the slope "
        "there is zero.",
    )
    _walk()
    st.markdown("Each zero slope, tested:")
    numbers_table(stationary_table())
    shelf = next(p for p in sauna.sauna_stationary_points() if p.kind == "no extremum")
    with check_yourself():
        quiz_choice(
            "cost_flat",
            f"In the sauna the slope is zero at x = {text(shelf.x)} m. Is that a cold spot?",
            [
                "Yes: zero slope always means a minimum.",
                "No: it is colder just to the right, so it is no minimum.",
                "It is the warmest place in the room.",
            ],
            answer=1,
            explanation="The slope is negative on both sides of that point, so it keeps "
            "getting colder to the right. A zero slope only narrows the search; check the sign "
            "on each side.",
        )
