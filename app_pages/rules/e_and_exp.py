"""e as the limit of (1 + 1/n)^n, and e^x as the function whose slope is its own value.

URL keys: `periods` compoundings per year, `ex` point x.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app_pages.rules.picture import chart, formula, metrics, question_heading, shown
from core.special_derivatives import COMPOUNDING_PERIODS, exp_working
from dashboard import charts, numbers
from dashboard.controls import format_log_value, url_choice, url_slider
from dashboard.layout import quiz_choice

C = charts.COLORS
COMPOUNDING_NAMES = {
    1: "yearly",
    2: "twice a year",
    4: "quarterly",
    12: "monthly",
    52: "weekly",
    365: "daily",
    8760: "hourly",
    525600: "every minute",
    31536000: "every second",
}
PERIOD_OPTIONS = {
    format_log_value(float(n)): f"{numbers.text(n, 10)} ({COMPOUNDING_NAMES[n]})"
    for n in COMPOUNDING_PERIODS
}
E_TEX = r"e = \lim_{n\to\infty}\left(1 + \tfrac{1}{n}\right)^n = 2.718281828\ldots"


def draw() -> None:
    st.markdown(
        "Interest of 100 % a year compounded n times turns 1 into (1 + 1/n)ⁿ, which creeps up "
        "towards e = 2.71828… but never reaches it. The function eˣ has a slope equal to its own "
        "value everywhere."
    )
    exp_picture()
    question_heading()
    quiz_choice(
        "e_limit",
        "At n = 12 the picture shows (1 + 1/12)¹² ≈ 2.613. What is e?",
        ["2.613", "the limit of (1 + 1/n)ⁿ as n grows: 2.71828…", "∞", "1"],
        answer=1,
        explanation="(1 + 1/n)ⁿ grows with n but stays below e = 2.71828…; "
        "2.613 is its value at n = 12 only.",
        hints={0: "That is (1 + 1/n)ⁿ at n = 12, not its limit."},
    )


_working = st.cache_data(exp_working, show_spinner=False)


def exp_picture() -> None:
    """Two pictures side by side, each with its control, its numbers and its formula, and
    each a fragment of its own: moving x redraws only eˣ, picking n only (1 + 1/n)ⁿ."""
    left, right = st.columns(2)
    with left:
        compounding_picture()
    with right:
        slope_picture()


@st.fragment
def compounding_picture() -> None:
    # The link keeps the values the old log slider wrote (periods=365); the learner reads
    # "365 (daily)" instead of e-notation such as 3.1536e+07.
    periods = url_choice(
        "compoundings per year n",
        "periods",
        options=list(PERIOD_OPTIONS),
        default="12",
        labels=PERIOD_OPTIONS,
        widget="select",
    )
    work = _working(int(float(periods)), 0.0)  # the compounding half: x plays no part
    n_text = numbers.text(work.periods, 10)
    chart(
        charts.function_plot(
            work.table,
            x="n",
            y="(1 + 1/n)^n",
            x_title="n (log scale)",
            y_title="(1 + 1/n)^n",
            log_x=True,
        ),
        charts.horizontal_rule(math.e, label="e = 2.71828...", color=C["muted"]),
        charts.points(pd.DataFrame({"x": [float(work.periods)], "y": [float(work.value)]})),
        description=(
            f"(1 + 1/n)^n grows towards e = 2.71828… without reaching it: at n = {n_text}, "
            f"(1 + 1/n)^n {numbers.eq_text(work.value, 10)}."
        ),
        height=280,
    )
    metrics(
        ("(1 + 1/n)^n", shown(work.value, 7)),
        ("e − (1 + 1/n)^n", shown(work.gap, 3)),
    )
    n_tex = numbers.tex(work.periods, 10)
    formula(
        rf"\left(1 + \tfrac{{1}}{{{n_tex}}}\right)^{{{n_tex}}} {numbers.eq_tex(work.value, 10)}",
        E_TEX,
    )


@st.fragment
def slope_picture() -> None:
    at = url_slider("point x", "ex", min_value=-2.0, max_value=2.0, default=1.0, step=0.1)
    work = _working(1, at)  # the slope half: n plays no part
    x, height = float(work.x), float(work.height)
    chart(
        charts.function_plot(work.curve, x_title="x", y_title="eˣ"),
        charts.line_through(
            x, height, work.slope, (x - 1.0, x + 1.0), label="tangent", color=C["tangent"]
        ),
        charts.points(pd.DataFrame({"x": [x], "y": [height]})),
        description=(
            f"At x = {numbers.text(work.x)}, eˣ {numbers.eq_text(work.height, 6)} and its "
            f"slope, measured by a central difference, {numbers.eq_text(work.slope, 6)}: "
            "the same number."
        ),
        height=280,
    )
    metrics(
        ("eˣ", shown(work.height, 6)),
        ("slope of eˣ (central difference)", shown(work.slope, 6)),
    )
    formula(rf"\frac{{d}}{{dx}}e^{{x}} = e^{{x}} {numbers.eq_tex(work.height, 6)}")
