"""sin and cos: the difference quotient of sin settles onto cos, that of cos onto -sin.

URL keys: `wave` (sin, cos), `angle` point x, `h` step.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.rules.picture import chart, formula, going_further, metrics, question_heading, shown
from core.special_derivatives import WAVE_DERIVATIVE_NAMES, wave_working
from dashboard import charts, numbers
from dashboard.controls import url_choice, url_log_slider, url_slider
from dashboard.layout import numbers_table, quiz_choice

C = charts.COLORS


def draw() -> None:
    st.markdown(
        "Shrink dx and watch the difference quotient of sin settle onto cos (and that of cos "
        "onto −sin)."
    )
    wave_picture()
    question_heading()
    quiz_choice(
        "cos",
        "What is the derivative of cos x?",
        ["sin x", "−sin x", "cos x", "−cos x"],
        answer=1,
        explanation="At x = 0 cos is at its top, so its slope is 0 = −sin 0; just after 0 it "
        "falls, so its slope is negative where sin is positive: (cos x)′ = −sin x.",
        hints={0: "Check the sign: just right of 0, cos x is falling."},
    )


@st.fragment
def wave_picture() -> None:
    cols = st.columns(3)
    with cols[0]:
        name = url_choice(
            "function",
            "wave",
            options=["sin", "cos"],
            default="sin",
            labels={"sin": "sin x", "cos": "cos x"},
            widget="segmented",
        )
    with cols[1]:
        at = url_slider("point x", "angle", min_value=-6.0, max_value=6.0, default=1.0, step=0.1)
    with cols[2]:
        step = url_log_slider("step dx", "h", options=[1.0, 0.5, 0.1, 0.01, 0.001], default=0.5)
    wave = wave_working(name, at, step)
    secant = wave.secant
    derivative_name = WAVE_DERIVATIVE_NAMES[name]
    chart(
        charts.function_plot(
            wave.curves,
            series="series",
            x_title="x (radians)",
            y_title="y",
            colors={f"{name} x": C["function"], derivative_name: C["derivative"]},
            dashed=[derivative_name],
        ),
        charts.points(pd.DataFrame({"x": [secant.x, secant.x], "y": [secant.slope, secant.exact]})),
        description=(
            f"{name} x, its difference quotient with dx = {numbers.text(step)} and its derivative "
            f"{derivative_name}. At x = {numbers.text(at)}: quotient "
            f"{numbers.eq_text(secant.slope, 6)}, exact {numbers.eq_text(secant.exact, 6)}."
        ),
    )
    metrics(
        ("difference quotient", shown(secant.slope, 6)),
        (derivative_name, shown(secant.exact, 6)),
        ("difference", shown(secant.error, 3)),
    )
    sign = "" if name == "sin" else "-"
    other = "cos" if name == "sin" else "sin"
    formula(
        rf"\frac{{\{name}(x+dx) - \{name} x}}{{dx}} &{numbers.eq_tex(secant.slope, 6)}",
        rf"&\xrightarrow{{dx \to 0}}\; {sign}\{other} x",
        rf"&{numbers.eq_tex(secant.exact, 6)}",
    )
    with going_further("Going further: the quotients at this point as dx shrinks"):
        table = wave.table.copy()
        for column in table.columns:
            table[column] = [numbers.text(v, 6) for v in table[column]]
        numbers_table(table, caption="Rounded to 6 significant digits.")
