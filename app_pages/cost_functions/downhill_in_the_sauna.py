"""Going further, at the end of section 4: walking downhill in the sauna, where the start
decides which cold spot the walk finds. One call: `core.sauna.sauna_walk(start, lr)`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.cost_functions.descent_picture import path_layers, y_span
from app_pages.cost_functions.values import shown
from app_pages.cost_functions.walking_downhill import steps_words
from app_pages.cost_functions.zero_slope_and_the_sauna import point_name, sauna_curve, sauna_layers
from core import sauna
from core.gradient_descent import MAX_STEPS, OUTCOME_WORDS
from dashboard import charts
from dashboard.controls import url_log_slider, url_slider
from dashboard.layout import numbers_table, verdict
from dashboard.numbers import eq_text, text

SAUNA_RATES = (0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.3)
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


def _verdict(walk: sauna.SaunaWalk) -> None:
    landed, path = walk.landed, walk.path
    if walk.unstable is not None:
        x, lr = text(walk.unstable.x), text(path.learning_rate)
        curvature = walk.curvature
        verdict(
            f"After {steps_words(path.steps_taken)} the walk has **not settled**, and it never "
            f"will near x = {x} m: there T″({x}) {eq_text(curvature)}, so each step multiplies "
            f"a small distance from {x} by 1 − {lr}·{text(curvature)} {eq_text(walk.factor)}. "
            "The jumps grow instead of shrinking; settling there needs a learning rate below "
            f"2/{text(curvature)} {eq_text(2 / curvature)}.",
            "warning",
        )
    elif walk.shelf_trap:
        verdict(
            f"After {steps_words(path.steps_taken)} the walk is at x {eq_text(path.final_x)} m, "
            f"creeping towards the **flat shelf** at x = {text(_shelf().x)} m. The slope "
            "flattens to 0 there, so each step is shorter than the distance left: the walk "
            "never passes the shelf, although the shelf is no minimum, and more steps do not help. "
            "Start to the right of it.",
            "warning",
        )
    elif landed is None:
        verdict(
            f"After {steps_words(path.steps_taken)} the walk is {path.words}"
            + (f" It is {CREEPING}." if walk.creeping_on_shelf else ""),
            "warning",
        )
    elif landed.kind == "global minimum":
        verdict(
            f"The walk found the **coldest spot** at x = {text(landed.x)} m "
            f"(T {eq_text(landed.value)} °C)."
        )
    elif landed.kind == "local minimum":
        verdict(
            f"The walk settled in the **local minimum** at x = {text(landed.x)} m "
            f"(T {eq_text(landed.value)} °C): every small step from there is warmer, yet the "
            "coldest spot is elsewhere. Start on the other side of the warm bench.",
            "info",
        )
    else:
        place = {"local maximum": "warm bench (a local maximum)"}.get(landed.kind, "flat shelf")
        verdict(
            f"The walk stopped at x = {text(landed.x)} m, on the **{place}**: the slope is zero "
            "there, so gradient descent does not move, although it is no minimum.",
            "warning",
        )


@st.fragment
def _descent() -> None:
    cols = st.columns(2)
    with cols[0]:
        start = url_slider(
            "Start at x₀ (m)",
            "sauna_start",
            min_value=sauna.ROOM[0],
            max_value=sauna.ROOM[1],
            default=3.0,
            step=0.1,
        )
    with cols[1]:
        lr = url_log_slider(
            "Learning rate in the sauna", "sauna_lr", options=SAUNA_RATES, default=0.01
        )
    walk = sauna.sauna_walk(start, lr)
    path = walk.path
    description = (
        f"Walking downhill in the sauna from x₀ = {text(start)} m with learning rate "
        f"{text(lr)}: {steps_words(path.steps_taken)}, to x {eq_text(path.final_x)} m."
    )
    walked = path_layers(
        path,
        sauna.ROOM,
        y_span(sauna_curve()["y"]),
        charts.COLORS["secant"],
        numbered=0,
        number_the_end=False,
    )
    layers = [*sauna_layers(), *walked]
    charts.show_chart(charts.compose(*layers, description=description), description)
    _verdict(walk)
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
