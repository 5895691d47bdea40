"""Constant and line: f(x) = a x + b rises by a for every step of 1, wherever you are,
whatever b is; a = 0 is a constant, whose slope is 0.

URL keys: `a` slope, `b` intercept.
"""

from __future__ import annotations

import streamlit as st

from app_pages.rules.picture import chart, formula, metrics, question_heading
from core.line_rule import line_working
from dashboard import charts, numbers
from dashboard.controls import url_slider
from dashboard.layout import quiz_number, verdict

C = charts.COLORS
A_RANGE, B_RANGE, X_RANGE = (-3.0, 3.0), (-4.0, 4.0), (-3.0, 3.0)


def draw() -> None:
    st.markdown(
        "A constant never changes: its slope is 0. A line changes by the same amount for every "
        "step to the right: its slope is a, wherever you are, whatever b is."
    )
    line_picture()
    question_heading()
    quiz_number(
        "line",
        "f(x) = 3x − 7. What is f′(x)?",
        3.0,
        tolerance=1e-9,
        explanation="A line's slope is its a: f′(x) = 3 everywhere; the −7 only lifts it.",
    )


@st.fragment
def line_picture() -> None:
    left, right = st.columns(2)
    with left:
        a = url_slider(
            "slope a", "a", min_value=A_RANGE[0], max_value=A_RANGE[1], default=2.0, step=0.1
        )
    with right:
        b = url_slider(
            "intercept b", "b", min_value=B_RANGE[0], max_value=B_RANGE[1], default=1.0, step=0.5
        )
    line = line_working(a, b, a_range=A_RANGE, b_range=B_RANGE, x_range=X_RANGE)
    x1, y1 = float(line.start), float(line.y_start)
    x2 = float(line.start + line.run)
    b_term = f"{'−' if line.b < 0 else '+'} {numbers.text(abs(line.b))}"
    chart(
        charts.function_plot(
            line.curves,
            series="series",
            x_title="x",
            y_title="y",
            # a fixed window for every a and b: the axes stay still while the line turns
            x_domain=X_RANGE,
            y_domain=line.y_window,
            colors={"f(x) = a x + b": C["function"], "a x (b = 0)": C["muted"]},
            dashed=["a x (b = 0)"],
        ),
        charts.segment(x1, y1, x2, y1, label="run", color=C["secant"]),
        charts.segment(x2, y1, x2, y1 + float(line.rise), label="rise", color=C["tangent"]),
        description=(
            f"The line f(x) = {numbers.text(line.a)}x {b_term}: a run of "
            f"{numbers.text(line.run)} gives a rise of {numbers.text(line.rise)}, so the slope "
            f"is {numbers.text(line.slope)}, the same as the dashed line "
            f"{numbers.text(line.a)}x without b."
        ),
    )
    metrics(
        ("rise / run", numbers.text(line.slope)),
        ("f'(x) = a", numbers.text(line.a)),
        ("b (no effect on slope)", numbers.text(line.b)),
    )
    formula(
        r"\frac{\Delta f}{\Delta x} &= \frac{a(x+\Delta x) + b - (ax + b)}{\Delta x}",
        rf"&= \frac{{a\,\Delta x}}{{\Delta x}} = a = {numbers.tex(line.slope)}",
    )
    with st.container():
        if line.a == 0:
            verdict(
                f"With a = 0, f(x) = {numbers.text(line.b)} is a constant: its derivative is 0.",
                "info",
            )
