"""ln x through the inverse-function rule: mirror a graph in y = x and rises become runs, so
g'(y) = 1 / f'(x), where y = f(x) and f'(x) != 0; with f = e^x, g = ln: (ln y)' = 1/y.

URL keys: `pair` (square, exp), `y` point y. The log-loss page links here with ?rule=ln.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.rules.picture import chart, formula, metrics, question_heading, shown
from core.special_derivatives import INVERSE_PAIRS, inverse_working
from dashboard import charts, numbers
from dashboard.controls import url_choice, url_slider
from dashboard.layout import quiz_number, verdict

C = charts.COLORS


def draw() -> None:
    st.markdown(
        "Mirror a graph in the line y = x and you get the inverse function: rises become runs, "
        "so slopes turn upside down, **g′(y) = 1 / f′(x)**, where y = f(x) and f′(x) ≠ 0. "
        "With f = eˣ and g = ln: (ln y)′ = 1/y."
    )
    inverse_picture()
    question_heading()
    quiz_number(
        "ln_slope",
        "What is the slope of ln y at y = 4?",
        0.25,
        tolerance=1e-3,
        explanation="(ln y)′ = 1/y, so at y = 4 it is 1/4 = 0.25: there eˣ = 4 has slope 4.",
    )


@st.fragment
def inverse_picture() -> None:
    left, right = st.columns(2)
    with left:
        pair_name = url_choice(
            "function and its inverse",
            "pair",
            options=list(INVERSE_PAIRS),
            default="square",
            labels={"square": "x² and √y", "exp": "eˣ and ln y"},
            widget="segmented",
        )
    with right:
        y = url_slider("point y", "y", min_value=0.2, max_value=4.0, default=2.0, step=0.1)
    work = inverse_working(pair_name, y)
    pair, measured = work.pair, work.measured
    x, y_float = float(work.x), float(work.y)
    f_series, g_series = f"f(x) = {pair.f_name}", f"g(y) = {pair.g_name}"
    chart(
        charts.function_plot(
            work.curves,
            series="series",
            x_title="input",
            y_title="output",
            colors={f_series: C["function"], g_series: C["derivative"], "mirror y = x": C["muted"]},
            dashed=["mirror y = x"],
        ),
        charts.line_through(
            x,
            y_float,
            float(work.f_slope),
            (x - 0.5, x + 0.5),
            label="slope f'(x)",
            color=C["tangent"],
        ),
        charts.line_through(
            y_float,
            x,
            float(work.reciprocal),
            (y_float - 0.5, y_float + 0.5),
            label="slope g'(y)",
            color=C["secant"],
        ),
        charts.points(
            pd.DataFrame({"x": [x, y_float], "y": [y_float, x], "label": ["(x, y)", "(y, x)"]}),
            label="label",
        ),
        description=(
            f"{' '.join(filter(None, [pair.f_name, pair.domain]))} and its inverse "
            f"{pair.g_name}, mirrored in y = x. At y = "
            f"{numbers.text(work.y)}: x {numbers.eq_text(work.x)}, f'(x) "
            f"{numbers.eq_text(work.f_slope)}, g'(y) {numbers.eq_text(work.reciprocal)}."
        ),
        height=380,
    )
    metrics(
        ("x = g(y)", shown(work.x)),
        ("f'(x)", shown(work.f_slope)),
        ("1 / f'(x)", shown(work.reciprocal)),
        ("g'(y) measured (central difference)", shown(measured.g_quotient)),
    )
    middle = (
        r"\frac{1}{2x} = \frac{1}{2\sqrt{y}}"
        if pair_name == "square"
        else r"\frac{1}{e^{x}} = \frac{1}{y}"
    )
    formula(
        rf"g'(y) &= \frac{{1}}{{f'(x)}} = {middle}",
        rf"&= \frac{{1}}{{{_f_slope_tex(pair_name, work.y)}}} {numbers.eq_tex(work.reciprocal)}",
    )
    st.caption(
        "The inverse-function rule: g′(y) = 1 / f′(x), where y = f(x) and f′(x) ≠ 0. Measured: "
        f"(g(y + dy) − g(y − dy)) / 2dy with dy = {numbers.text(measured.dy)}."
    )
    with st.container():
        if pair_name == "exp":
            verdict(
                f"So (ln y)′ = 1/y: at y = {numbers.text(work.y)} the slope of ln "
                f"{numbers.eq_text(work.reciprocal)}.",
                "info",
            )


def _f_slope_tex(pair_name: str, y: object) -> str:
    """f'(x) written exactly: e^x = y for the exponential, 2x = 2 sqrt(y) for the square."""
    if pair_name == "exp":
        return numbers.tex(y)
    return rf"2\sqrt{{{numbers.tex(y)}}}"
