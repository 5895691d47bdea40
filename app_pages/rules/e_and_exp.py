"""e as the limit of (1 + 1/n)^n, and e^x as the function whose slope is its own value.

The point x is the range input of a touch unit (`dashboard.touch`): eˣ's tangent, its two
numbers and its formula follow the hand in the browser. n stays a Streamlit choice with its
own picture.

URL keys: `periods` compoundings per year, `ex` point x.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app_pages.rules.picture import chart, formula, metrics, question_heading, shown
from core.special_derivatives import (
    COMPOUNDING_PERIODS,
    ExpSlope,
    exp_slopes,
    exp_working,
    exponential_curve,
)
from dashboard import charts, numbers, touch
from dashboard.controls import format_log_value, url_choice
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


EX = touch.Control(
    label="point x",
    param="ex",
    values=tuple(round(i / 10, 1) for i in range(-20, 21)),  # the old slider's 0.1 steps
    default=1.0,
    hint="Or drag the point on the curve left or right.",
)
# A fixed window: e^x on [-2.5, 2.5] reaches e^2.5 = 12.18; every tangent (x - 1 to x + 1)
# starts at height 0 and stays below 12.5 inside it.
X_RANGE = (-2.5, 2.5)
Y_RANGE = (-0.5, 12.5)
SLOPE_TEX = r"\frac{d}{dx}e^{x} = e^{x} @0"


@st.cache_resource(show_spinner=False)  # read only: the same objects each time
def _unit() -> tuple[touch.Picture, list[touch.Row]]:
    """The unit's frame and a row for every point x (n plays no part)."""
    slopes = exp_slopes(EX.values)
    curve = exponential_curve()
    return _frame(curve, slopes), [_row(s) for s in slopes]


@st.fragment
def slope_picture() -> None:
    """e^x and its tangent at x: a touch unit (dashboard.touch) whose input is x; the
    picture, eˣ, its slope and the formula follow the hand in the browser."""
    frame, rows = _unit()
    touch.touch_unit("exp_touch", [EX], frame, [rows])


def _frame(curve: pd.DataFrame, slopes: tuple[ExpSlope, ...]) -> touch.Picture:
    """What stays while x moves: the window, e^x, the legend, the draggable point."""
    return touch.Picture(
        x=X_RANGE,
        y=Y_RANGE,
        x_title="x",
        y_title="eˣ",
        description=_description(slopes[EX.index_of(EX.default)]),
        layers=(
            touch.line(
                list(zip(curve["x"].tolist(), curve["y"].tolist(), strict=True)), C["function"]
            ),
        ),
        legend=(touch.Key("eˣ", C["function"]), touch.Key("tangent", C["tangent"])),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(s.x), float(s.height)) for s in slopes),
                axis="x",
                color=C["point"],
            ),
        ),
        height=280,
        y_ticks=touch.nice_ticks(*Y_RANGE, 7),
        tex=(SLOPE_TEX,),
    )


def _row(work: ExpSlope) -> touch.Row:
    """What the unit shows at one x: the tangent, the point, eˣ and its slope, worked."""
    x, height = float(work.x), float(work.height)
    return touch.row(
        [
            touch.line(
                [(x - 1.0, height - work.slope), (x + 1.0, height + work.slope)],
                C["tangent"],
                width=2,
            ),
            touch.points([(x, height)], C["point"]),
        ],
        tex=[touch.filled(0, [numbers.eq_tex(work.height, 6)])],
        metrics=[
            ("eˣ", shown(work.height, 6)),
            ("slope of eˣ (central difference)", shown(work.slope, 6)),
        ],
        alt=_description(work),
    )


def _description(work: ExpSlope) -> str:
    """The picture in one sentence, for screen readers: it follows x."""
    return (
        f"At x = {numbers.text(work.x)}, eˣ {numbers.eq_text(work.height, 6)} and its "
        f"slope, measured by a central difference, {numbers.eq_text(work.slope, 6)}: "
        "the same number."
    )
