"""Going further, at the end of section 4: walking downhill in the sauna, where the start
decides which cold spot the walk finds. One call: `core.sauna.sauna_walk_grid(start, lr, ...)`,
every walk of a touch unit whose two inputs (start, learning rate) form a cross grid: the
path and what it did follow the hand in the browser; the table of landings (it depends on the
rate only) follows after the pause."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.cost_functions import walk_picture
from app_pages.cost_functions.values import shown
from app_pages.cost_functions.walk_picture import steps_words
from app_pages.cost_functions.zero_slope_and_the_sauna import (
    point_name,
    sauna_curve,
    stationary_marks,
)
from core import sauna
from core.gradient_descent import MAX_STEPS, OUTCOME_WORDS
from dashboard import charts, touch
from dashboard.layout import numbers_table
from dashboard.numbers import eq_text, text

SAUNA_RATES = (0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.3)
# the old slider's positions: the room in steps of 0.1 m
STARTS = tuple(round(sauna.ROOM[0] + k / 10, 10) for k in range(round(10 * sauna.ROOM[1]) + 1))
KEY = "sauna_touch"
SAUNA_STARTS = (0.5, 3.0, 5.5, 6.5, 8.8)
EXPANDER_KEY = "sauna_walk"  # ?sauna_walk=true opens it
CREEPING = "creeping over the flat shelf, where the slope almost vanishes"


def _doing(walk: sauna.SaunaWalk) -> str:
    """What a walk that did not settle on a point is doing, in a few words."""
    if walk.shelf_trap:
        return f"creeping towards the flat shelf at x = {text(_shelf().x)}, never past it"
    if walk.unstable is not None:
        return f"cannot settle at x = {text(walk.unstable.x)} (step factor {text(walk.factor)})"
    if walk.creeping_on_shelf:
        return CREEPING
    return OUTCOME_WORDS[walk.path.outcome].split(":")[0]


def _shelf():
    return next(p for p in sauna.sauna_stationary_points() if p.kind == "no extremum")


@st.cache_data
def _landings(lr: float) -> pd.DataFrame:
    rows = []
    for start in SAUNA_STARTS:
        walk = sauna.sauna_walk(start, lr)
        rows.append(
            {
                "start x₀ (m)": text(start),
                "ends at x (m)": shown(walk.path.final_x),
                "temperature (°C)": shown(walk.path.costs[-1]),
                "what it found": point_name(walk.landed) if walk.landed else _doing(walk),
            }
        )
    return pd.DataFrame(rows)


def verdict_words(walk: sauna.SaunaWalk) -> str:
    """What the walk did, in words (the markdown of the old verdict, bold in **)."""
    landed, path = walk.landed, walk.path
    if walk.unstable is not None:
        x, lr = text(walk.unstable.x), text(path.learning_rate)
        curvature = walk.curvature
        return (
            f"After {steps_words(path.steps_taken)} the walk has **not settled**, and it never "
            f"will near x = {x} m: there T″({x}) {eq_text(curvature)}, so each step multiplies "
            f"a small distance from {x} by 1 − {lr}·{text(curvature)} {eq_text(walk.factor)}. "
            "The jumps grow instead of shrinking; settling there needs a learning rate below "
            f"2/{text(curvature)} {eq_text(2 / curvature)}."
        )
    elif walk.shelf_trap:
        return (
            f"After {steps_words(path.steps_taken)} the walk is at x {eq_text(path.final_x)} m, "
            f"creeping towards the **flat shelf** at x = {text(_shelf().x)} m. The slope "
            "flattens to 0 there, so each step is shorter than the distance left: the walk "
            "never passes the shelf, although the shelf is no minimum, and more steps do not help. "
            "Start to the right of it."
        )
    elif landed is None:
        return f"After {steps_words(path.steps_taken)} the walk is {path.words}" + (
            f" It is {CREEPING}." if walk.creeping_on_shelf else ""
        )
    elif landed.kind == "global minimum":
        return (
            f"The walk found the **coldest spot** at x = {text(landed.x)} m "
            f"(T {eq_text(landed.value)} °C)."
        )
    elif landed.kind == "local minimum":
        return (
            f"The walk settled in the **local minimum** at x = {text(landed.x)} m "
            f"(T {eq_text(landed.value)} °C): every small step from there is warmer, yet the "
            "coldest spot is elsewhere. Start on the other side of the warm bench."
        )
    else:
        place = {"local maximum": "warm bench (a local maximum)"}.get(landed.kind, "flat shelf")
        return (
            f"The walk stopped at x = {text(landed.x)} m, on the **{place}**: the slope is zero "
            "there, so gradient descent does not move, although it is no minimum."
        )


def _description(walk: sauna.SaunaWalk) -> str:
    path = walk.path
    return (
        f"Walking downhill in the sauna from x₀ = {text(walk.start)} m with learning rate "
        f"{text(path.learning_rate)}: {steps_words(path.steps_taken)}, to x "
        f"{eq_text(path.final_x)} m."
    )


def controls() -> tuple[touch.Control, touch.Control]:
    """Start and learning rate: the old sliders' values, in ?sauna_start= and ?sauna_lr=."""
    return (
        touch.Control(label="Start at x₀ (m)", param="sauna_start", values=STARTS, default=3.0),
        touch.Control(
            label="Learning rate in the sauna", param="sauna_lr", values=SAUNA_RATES, default=0.01
        ),
    )


def _y_window() -> tuple[float, float]:
    y = sauna_curve()["y"]
    low, high = float(y.min()), float(y.max())
    room = 0.08 * (high - low)
    return (round(low - room, 1), round(high + room, 1))


def _frame() -> touch.Picture:
    """What stays: the room's temperature and its stationary points, named."""
    curve = sauna_curve()
    y = _y_window()
    return touch.Picture(
        x=sauna.ROOM,
        y=y,
        x_title="position in the sauna x (m)",
        y_title="temperature T (°C)",
        description=(
            "The temperature across the sauna, its stationary points named (coldest, local "
            "min, local max, shelf), and the walk downhill on it."
        ),
        layers=(touch.line(np.column_stack([curve["x"], curve["y"]]), charts.COLORS["function"]),),
        legend=(
            touch.Key("temperature T(x)", charts.COLORS["function"]),
            touch.Key("the walk: x₀, x₁, x₂, …", walk_picture.COLOR),
        ),
        y_ticks=touch.nice_ticks(*y, count=6),
        height=300,
    )


def _row(walk: sauna.SaunaWalk, y: tuple[float, float]) -> touch.Row:
    """What the unit shows for one walk: its path (the start numbered) and what it did."""
    trace = walk_picture.Trace(walk.path.xs, walk.path.costs, sauna.ROOM, y)
    start = walk_picture.inside(trace)[0]
    description = _description(walk)
    words = verdict_words(walk).replace("**", "")
    return touch.row(
        [
            stationary_marks(),
            *walk_picture.path_layers(trace, [start] if start else [], ["0"] * bool(start)),
        ],
        notes=[f"{description} {words}"],
        alt=description,
    )


@st.cache_data(max_entries=20)
def sauna_unit(start: float, lr: float) -> tuple[touch.Picture, list[list[touch.Row]]]:
    """The picture and every row of the cross through (start, lr): one core call."""
    grid = sauna.sauna_walk_grid(start, lr, starts=STARTS, rates=SAUNA_RATES)
    y = _y_window()
    return _frame(), [[_row(w, y) for w in grid.by_start], [_row(w, y) for w in grid.by_rate]]


@st.fragment
def _descent() -> None:
    units = controls()
    start, lr = (touch.value(c) for c in units)
    picture, rows = sauna_unit(start, lr)
    touch.touch_unit(KEY, list(units), picture, rows)
    numbers_table(
        _landings(lr),
        caption=f"The same walk (learning rate {text(lr)}, up to {MAX_STEPS} steps) from five "
        "starting points: different starts end in different places.",
    )


@st.fragment
def draw() -> None:
    """A closed expander: on a curve with more than one valley, the start decides the end.

    Its content is built only while it is open (?sauna_walk=true): closed, its nine elements
    would be redrawn hidden on every slider move elsewhere on the page. Opening it reruns
    only this fragment."""
    further = st.expander(
        "Going further: walking downhill in the sauna",
        expanded=False,
        key=EXPANDER_KEY,
        bind="query-params",
    )
    with further:
        if further.open:
            st.markdown(
                "On a curve with more than one valley, where you start decides where you end."
            )
            _descent()
