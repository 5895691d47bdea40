"""The chain rule on the notes' drive up a cold mountain: dT/dt = dT/dh · dh/dt, both
rates taken at the current moment.

The time into the drive is the range input of a touch unit (`core.chain_rule.mountain_grid`):
the road with its tangent dh/dt, the worked chain rule, the three rates and the quotient
measured over the next seconds follow the hand in the browser; the temperature's chart below
follows Python's hour after the learner pauses.

URL keys: `hour` time into the drive.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st
import sympy

from app_pages.rules.picture import chart, factor_tex, formula, going_further, question_heading
from core.chain_rule import (
    DRIVE_HOUR_STEPS,
    EXP_2X,
    EXP_2X_DERIVATIVE,
    MountainGrid,
    MountainWorking,
    mountain_grid,
    mountain_working,
)
from dashboard import charts, numbers, touch
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


HOUR = touch.Control(
    label="time into the drive t (hours)",
    param="hour",
    values=DRIVE_HOUR_STEPS,
    default=1.0,
    hint="Or drag the ring along the road.",
)
KEY = "chain_touch"
WORKING = (
    r"\begin{aligned}\frac{dT}{dt} &= \frac{dT}{dh}\cdot\frac{dh}{dt} \\ "
    r"&= @0 \cdot @1 @2\ ^\circ\mathrm{C}/\mathrm{h}\end{aligned}",
)
# Exact by construction (t is a decimal): ten digits print these values whole.
text, eq = (partial(f, sig=10) for f in (numbers.text, numbers.eq_tex))
TANGENT_REACH = 0.4  # hours either side of t


@st.cache_data(show_spinner=False)
def _grid() -> MountainGrid:
    return mountain_grid()


@st.fragment
def drive_picture() -> None:
    """The road as a touch unit (t), then the air's chart at Python's hour."""
    grid = _grid()
    touch.touch_unit(KEY, [HOUR], _frame(grid), [[_row(d) for d in grid.drives]])
    drive = grid.drives[HOUR.index_of(touch.value(HOUR))]
    h, temp = float(drive.height), float(drive.temperature)
    chart(
        charts.function_plot(
            grid.air,
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
            (h - TANGENT_REACH, h + TANGENT_REACH),
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


def _frame(grid: MountainGrid) -> touch.Picture:
    """What stays while t moves: the road h(t), the legend, the ring on the road."""
    road = grid.road
    heights = road["h"].to_numpy(float)
    return touch.Picture(
        x=(float(road["t"].iloc[0]), float(road["t"].iloc[-1])),
        y=(0.0, float(np.ceil(heights.max()))),
        x_title="time t (h)",
        y_title="height h (km)",
        description="Height h(t) along the drive, with the tangent dh/dt at t.",
        layers=(
            touch.line(
                np.column_stack((road["t"].to_numpy(float), heights)).tolist(), C["function"]
            ),
        ),
        legend=(touch.Key("height h(t)", C["function"]), touch.Key("dh/dt", C["tangent"])),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(d.hour), float(d.height)) for d in grid.drives),
                axis="x",
                color=C["point"],
            ),
        ),
        height=300,
        tex=WORKING,
    )


def _row(drive: MountainWorking) -> touch.Row:
    """What the unit shows at one hour: the tangent and the point, the working, the rates."""
    t, h, rate = float(drive.hour), float(drive.height), float(drive.climb_rate)
    ends = (t - TANGENT_REACH, t + TANGENT_REACH)
    return touch.row(
        [
            touch.line([(e, h + rate * (e - t)) for e in ends], C["tangent"], width=2),
            touch.points([(t, h)], C["point"]),
        ],
        tex=[
            touch.filled(
                0,
                (
                    factor_tex(drive.lapse_rate),
                    factor_tex(drive.climb_rate),
                    eq(drive.chain_rate),
                ),
            )
        ],
        metrics=[
            ("dT/dh (°C/km)", text(drive.lapse_rate)),
            ("dh/dt (km/h)", text(drive.climb_rate)),
            ("dT/dt (°C/h)", text(drive.chain_rate)),
        ],
        notes=[
            f"Measured directly over the next {text(drive.dt * 3600)} seconds: "
            f"{numbers.eq_text(drive.quotient, 6)} °C per hour."
        ],
        legend=["height h(t)", f"dh/dt = {text(drive.climb_rate)} km/h"],
        alt=(
            f"Height h(t): at t = {text(drive.hour)} h you are at {text(drive.height)} km, "
            f"climbing {text(drive.climb_rate)} km per hour."
        ),
    )
