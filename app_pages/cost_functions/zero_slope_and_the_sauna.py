"""Section 1, the notes' sauna: where the slope is zero, and what kind of point that is.

One live unit, where you stand: `core.sauna.sauna_spots(...)` returns the temperature and the
slope (exact) and which way is colder, decided on the exact slope, at every place the range
input reaches; a touch unit picks the row in the browser as the learner moves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.cost_functions.values import shown
from core import sauna
from core.stationary import StationaryPoint
from dashboard import charts, touch
from dashboard.layout import check_yourself, numbers_table, quiz_choice, section
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


SPOT_KEY = "spot_touch"
# the old slider's positions: the room in steps of 0.05 m
SPOTS = tuple(round(sauna.ROOM[0] + k / 20, 10) for k in range(round(20 * sauna.ROOM[1]) + 1))


def spot_control() -> touch.Control:
    return touch.Control(
        label="Where you stand, x (m)",
        param="spot",
        values=SPOTS,
        default=2.5,
        hint="Or drag the point along the curve in the picture.",
    )


def _y_window() -> tuple[float, float]:
    y = sauna_curve()["y"]
    low, high = float(y.min()), float(y.max())
    room = 0.08 * (high - low)
    return (round(low - room, 1), round(high + room, 1))


def stationary_marks() -> touch.Layer:
    """The zero-slope points, named. In every row: the kit redraws the labels of points with
    each row, and a static layer's labels would be drawn only with the window."""
    marks = sauna.sauna_stationary_points()
    return touch.points(
        [(p.x, p.value) for p in marks],
        charts.COLORS["muted"],
        labels=[MARK_NAMES[p.kind] for p in marks],
        size=5,
    )


def spot_words(spot: sauna.SaunaSpot) -> str:
    """What the slope says where you stand (the verdict's words, once bold)."""
    if spot.point is not None:
        return f"The slope is zero here, {ZERO_SLOPE_SAYS[spot.point.kind]}".replace("**", "")
    sign = "negative" if spot.slope < 0 else "positive"
    return f"The slope is {sign}: it is colder to the {spot.colder}."


def colder_words(spot: sauna.SaunaSpot) -> str:
    return "neither way: flat" if spot.colder == "neither" else f"to the {spot.colder}"


def _spot_row(spot: sauna.SaunaSpot) -> touch.Row:
    x, here, slope = float(spot.x), float(spot.temperature), float(spot.slope)
    left, right = max(x - 0.6, sauna.ROOM[0]), min(x + 0.6, sauna.ROOM[1])
    tangent = [(left, here + slope * (left - x)), (right, here + slope * (right - x))]
    description = (
        f"Temperature, and the tangent where you stand, x = {text(spot.x)} m. "
        "Grey dots: zero slope."
    )
    return touch.row(
        [
            stationary_marks(),
            touch.line(tangent, charts.COLORS["tangent"]),
            touch.points([(x, here)], charts.COLORS["point"], labels=["you"]),
        ],
        metrics=[
            ("temperature here", shown(spot.temperature, " °C")),
            ("slope T′(x) here", shown(spot.slope, " °C per m")),
            ("colder is", colder_words(spot)),
        ],
        notes=[spot_words(spot)],
        alt=f"{description} {spot_words(spot)}",
    )


@st.cache_data
def spot_unit() -> tuple[touch.Control, touch.Picture, list[touch.Row]]:
    """The range input, the picture and every row: one core call, formatted once."""
    spots = sauna.sauna_spots(SPOTS)
    curve = sauna_curve()
    y = _y_window()
    picture = touch.Picture(
        x=sauna.ROOM,
        y=y,
        x_title="position in the sauna x (m)",
        y_title="temperature T (°C)",
        description="Temperature across the sauna, and the tangent where you stand. "
        "Grey dots: zero slope.",
        layers=(touch.line(np.column_stack([curve["x"], curve["y"]]), charts.COLORS["function"]),),
        legend=(
            touch.Key("temperature T(x)", charts.COLORS["function"]),
            touch.Key("tangent where you stand", charts.COLORS["tangent"]),
        ),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(s.x), float(s.temperature)) for s in spots),
                color=charts.COLORS["point"],
            ),
        ),
        y_ticks=touch.nice_ticks(*y, count=6),
        height=300,
    )
    return spot_control(), picture, [_spot_row(s) for s in spots]


@st.fragment
def _walk() -> None:
    """Where you stand: the slope's sign says which way is colder (a touch unit)."""
    control, picture, rows = spot_unit()
    touch.touch_unit(SPOT_KEY, [control], picture, [rows])


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
