"""The chain rule on the notes' drive up a cold mountain: dT/dt = dT/dh · dh/dt, both
rates taken at the current moment.

URL keys: `hour` time into the drive.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st
import sympy

from app_pages.rules.picture import (
    chart,
    factor_tex,
    formula,
    going_further,
    metrics,
    question_heading,
)
from core.chain_rule import EXP_2X, EXP_2X_DERIVATIVE, mountain_working
from dashboard import charts, numbers
from dashboard.controls import url_slider
from dashboard.layout import quiz_choice, quiz_number

C = charts.COLORS


def draw() -> None:
    st.markdown(
        "The notes' drive up a cold mountain: the temperature depends on the height, the "
        "height on the time. **dT/dt = dT/dh · dh/dt**, both rates taken at the current moment."
    )
    drive_picture()
    # after the picture, outside its fragment: it does not move with the hour
    with going_further("Going further: the notes' example"):
        formula(
            rf"\frac{{d}}{{dx}}{sympy.latex(EXP_2X)} &= e^{{u}}\big|_{{u=2x}} \cdot "
            r"\frac{d(2x)}{dx}",
            rf"&= {sympy.latex(EXP_2X_DERIVATIVE)}",
        )
        st.caption("Common mistake: 2eˣ (the notes' slip). The outer derivative keeps e^(2x).")
    question_heading()
    quiz_choice(
        "exp2x",
        "What is the derivative of $f(x) = e^{2x}$?",
        ["$2e^{x}$", "$e^{2x}$", "$2e^{2x}$", "$2x\\,e^{2x-1}$"],
        answer=2,
        explanation="Chain rule: the outer function $e^u$ has derivative $e^u$, taken at "
        "$u = 2x$, times the inner derivative $(2x)' = 2$: $f'(x) = 2e^{2x}$.",
        hints={
            0: "That is the slip in the notes: the 2 is right, but the outer derivative must "
            "stay $e^{2x}$, not turn into $e^x$.",
            1: "That forgets the inner function's derivative, the factor 2.",
            3: "The power rule is for xⁿ with a fixed exponent; here x sits in the exponent.",
        },
    )
    at_one = mountain_working(1.0)
    lapse, climb, rate = (
        numbers.text(v) for v in (at_one.lapse_rate, at_one.climb_rate, at_one.chain_rate)
    )
    quiz_number(
        "mountain",
        f"On the mountain drive at t = 1 h the temperature changes by {lapse} °C per km and you "
        f"climb {climb} km per hour. What is dT/dt in °C per hour?",
        float(at_one.chain_rate),
        tolerance=0.01,
        unit="°C per hour",
        explanation=f"Chain rule: dT/dt = dT/dh · dh/dt = ({lapse}) · {climb} = {rate} °C per "
        "hour.",
    )


@st.fragment
def drive_picture() -> None:
    hour = url_slider(
        "time into the drive t (hours)", "hour", min_value=0.0, max_value=2.0, default=1.0, step=0.1
    )
    drive = mountain_working(hour)
    # Exact by construction (t is a decimal): ten digits print these values whole.
    text, tex, eq = (partial(f, sig=10) for f in (numbers.text, numbers.tex, numbers.eq_tex))
    t, h, temp = float(drive.hour), float(drive.height), float(drive.temperature)
    left, right = st.columns(2)
    with left:
        chart(
            charts.function_plot(
                drive.road, x="t", y="h", x_title="time t (h)", y_title="height h (km)"
            ),
            charts.line_through(
                t, h, float(drive.climb_rate), (t - 0.4, t + 0.4), label="dh/dt", color=C["tangent"]
            ),
            charts.points(pd.DataFrame({"x": [t], "y": [h]})),
            description=(
                f"Height h(t): at t = {text(drive.hour)} h you are at {text(drive.height)} km, "
                f"climbing {text(drive.climb_rate)} km per hour."
            ),
            height=280,
        )
    with right:
        chart(
            charts.function_plot(
                drive.air,
                x="h",
                y="T",
                x_title="height h (km)",
                y_title="temperature T (°C)",
                colors={"T": C["derivative"]},
            ),
            charts.line_through(
                h,
                temp,
                float(drive.lapse_rate),
                (h - 0.4, h + 0.4),
                label="dT/dh",
                color=C["tangent"],
            ),
            charts.points(pd.DataFrame({"x": [h], "y": [temp]})),
            description=(
                f"Temperature T(h): at {text(drive.height)} km it is {text(drive.temperature)} "
                f"°C, changing {text(drive.lapse_rate)} °C per km."
            ),
            height=280,
        )
    metrics(
        ("dT/dh (°C/km)", text(drive.lapse_rate)),
        ("dh/dt (km/h)", text(drive.climb_rate)),
        ("dT/dt (°C/h)", text(drive.chain_rate)),
    )
    formula(
        r"\frac{dT}{dt} &= \frac{dT}{dh}\cdot\frac{dh}{dt}",
        rf"&= {factor_tex(drive.lapse_rate)} \cdot {factor_tex(drive.climb_rate)} "
        rf"{eq(drive.chain_rate)}\ ^\circ\mathrm{{C}}/\mathrm{{h}}",
    )
    st.caption(
        f"Measured directly over the next {text(drive.dt * 3600)} seconds: "
        f"{numbers.eq_text(drive.quotient, 6)} °C per hour."
    )
