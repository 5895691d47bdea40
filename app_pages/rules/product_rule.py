"""The product rule on the notes' growing house: dF = dg h + g dh + dg dh, and the corner
dg dh / dt vanishes as dt -> 0, so (g h)' = g' h + g h'.

URL keys: `t` day, `dt` time step (days).
"""

from __future__ import annotations

from functools import partial

import streamlit as st
import sympy

from app_pages.rules.picture import (
    chart,
    formula,
    formulas,
    going_further,
    metrics,
    question_heading,
    shown,
)
from core.product_rule import MAX_HOUSE_STEP, X_EXP_X, X_EXP_X_DERIVATIVE, house_working, x
from core.typed_answers import DerivativeQuestion, Slip, judge_derivative
from dashboard import charts, numbers
from dashboard.controls import url_log_slider, url_slider
from dashboard.layout import numbers_table, quiz_expression

C = charts.COLORS
# A wrong answer first hears which rule it needs; the two halves of the product rule are the
# slips worth naming (either alone is also what multiplying the two derivatives gives).
PRODUCT_QUESTION = DerivativeQuestion(
    derivative=X_EXP_X_DERIVATIVE,
    rule_hint="Hint: x·eˣ is a product of f = x and g = eˣ, so it needs the product rule, "
    "(f·g)′ = f′·g + f·g′: two terms.",
    slips=(
        Slip(
            sympy.exp(x),
            "eˣ is only one term of the product rule, (x)′·eˣ (it is also (x)′·(eˣ)′, the two "
            "derivatives multiplied); the term x·(eˣ)′ is missing.",
        ),
        Slip(
            X_EXP_X,
            "x·eˣ is only one term of the product rule, x·(eˣ)′; the term (x)′·eˣ is missing.",
        ),
    ),
)
PIECE_COLORS = {
    "house g·h": C["muted"],
    "strip dg·h": C["function"],
    "strip g·dh": C["derivative"],
    "corner dg·dh": C["secant"],
}


def draw() -> None:
    st.markdown(
        "The notes' house under construction: length g(t) and width h(t) grow, the area is "
        "F = g·h. In a short time the area gains three strips; the corner one is so small that, "
        "per unit of time, it disappears: **(g h)′ = g′ h + g h′**."
    )
    house_picture()
    question_heading()
    quiz_expression(
        "product",
        "Type the derivative of f(x) = x·eˣ (write eˣ as e^x or exp(x)).",
        lambda text: judge_derivative(text, PRODUCT_QUESTION),
        explanation="Product rule: (x)′·eˣ + x·(eˣ)′ = eˣ + x·eˣ = eˣ(x + 1), as in the notes.",
    )


@st.fragment
def house_picture() -> None:
    left, right = st.columns(2)
    with left:
        day = url_slider("day t", "t", min_value=0.0, max_value=6.0, default=2.0, step=0.5)
    with right:
        dt = url_log_slider(
            "time step dt (days)",
            "dt",
            options=[MAX_HOUSE_STEP, 1.0, 0.5, 0.2, 0.1, 0.01],
            default=1.0,
        )
    work = house_working(day, dt)
    house = work.house
    # Exact by construction (t and dt are decimals): ten digits print them whole.
    text, tex, eq = (partial(f, sig=10) for f in (numbers.text, numbers.tex, numbers.eq_tex))
    chart(
        charts.rects(
            work.strips,
            color_field="piece",
            colors=PIECE_COLORS,
            opacity=0.6,
            tooltip=["piece", "area"],
            x_title="length (m)",
            y_title="width (m)",
            x_domain=(0, work.plan[0]),
            y_domain=(0, work.plan[1]),
        ),
        description=(
            f"Floor plan on day {text(house.t)}: length g = {text(house.length)} m, width h = "
            f"{text(house.width)} m. In dt = {text(house.dt)} {'day' if house.dt == 1 else 'days'} "
            "it gains strips of "
            f"{text(house.strip_length)}, {text(house.strip_width)} and "
            f"{text(house.strip_corner)} m²."
        ),
        height=360,
    )
    metrics(
        ("dF / dt (m²/day)", shown(house.quotient, 6)),
        ("g'h + gh' (m²/day)", shown(house.product_rule_rate, 6)),
        ("corner dg·dh / dt (m²/day)", shown(house.corner_quotient, 6)),
    )
    formulas(
        (
            r"\Delta F &= \Delta g\,h + g\,\Delta h + \Delta g\,\Delta h",
            rf"&= {tex(house.strip_length)} + {tex(house.strip_width)} + "
            rf"{tex(house.strip_corner)} {eq(house.area_change)}",
        ),
        (
            rf"\frac{{\Delta F}}{{\Delta t}} &{eq(house.quotient)}",
            r"&\xrightarrow{\Delta t \to 0}\; g'h + g\,h'",
            rf"&= {tex(house.length_rate)} \cdot "
            rf"{tex(house.width)} + {tex(house.length)} \cdot {tex(house.width_rate)} "
            rf"{eq(house.product_rule_rate)}",
        ),
    )
    with going_further("Going further: the strips in numbers, and the notes' example"):
        table = work.table.copy()
        for column in table.columns[1:]:
            table[column] = [shown(v, 6) for v in table[column]]
        numbers_table(table, caption="g(t) = 4 + t and h(t) = 2 + t²/8 metres.")
        formula(
            rf"\frac{{d}}{{dx}}\left({sympy.latex(X_EXP_X)}\right) &= 1\cdot e^{{x}} + x\cdot e^{{x}}",
            rf"&= {sympy.latex(X_EXP_X_DERIVATIVE)}",
        )
