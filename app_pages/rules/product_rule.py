"""The product rule on the notes' growing house: dF = dg h + g dh + dg dh, and the corner
dg dh / dt vanishes as dt -> 0, so (g h)' = g' h + g h'.

Day t and the time step dt are the two range inputs of one touch unit (a cross grid,
`core.product_rule.house_grid`): the floor plan, its strips, the worked product rule and the
numbers follow the hand in the browser; Python hears the pair when the learner pauses.

URL keys: `t` day, `dt` time step (days).
"""

from __future__ import annotations

from functools import partial

import streamlit as st
import sympy

from app_pages.rules.picture import formula, going_further, question_heading, shown
from core.product_rule import (
    HOUSE_DAY_STEPS,
    HOUSE_TIME_STEPS,
    X_EXP_X,
    X_EXP_X_DERIVATIVE,
    HouseGrid,
    HouseGrowth,
    house_grid,
    house_strips,
    house_working,
    x,
)
from core.typed_answers import DerivativeQuestion, Slip, judge_derivative
from dashboard import charts, numbers, touch
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


DAY = touch.Control(
    label="day t",
    param="t",
    values=HOUSE_DAY_STEPS,
    default=2.0,
    hint="Or drag the ring at the house's corner left or right.",
)
STEP = touch.Control(
    label="time step dt (days)",
    param="dt",
    values=HOUSE_TIME_STEPS,
    default=1.0,
)
KEY = "product_touch"
# The worked product rule as two templates (`touch.filled`): only the numbers travel per row.
WORKING = (
    r"\begin{aligned}\Delta F &= \Delta g\,h + g\,\Delta h + \Delta g\,\Delta h \\ "
    r"&= @0 + @1 \\ &\quad + @2 @3\end{aligned}",
    r"\begin{aligned}\frac{\Delta F}{\Delta t} &@0 \\ "
    r"&\xrightarrow{\Delta t \to 0}\; g'h + g\,h' \\ "
    r"&= @1 \cdot @2 + @3 \cdot @4 @5\end{aligned}",
)
# Exact by construction (t and dt are decimals): ten digits print them whole.
text, tex, eq = (partial(f, sig=10) for f in (numbers.text, numbers.tex, numbers.eq_tex))


@st.fragment
def house_picture() -> None:
    """The house as a touch unit (t and dt), then what follows Python's pair after a pause."""
    day, dt = touch.value(DAY), touch.value(STEP)
    grid = house_grid(day, dt)
    touch.touch_unit(
        KEY,
        [DAY, STEP],
        _frame(grid),
        [[_row(h) for h in grid.by_day], [_row(h) for h in grid.by_step]],
    )
    work = house_working(day, dt)
    with going_further("Going further: the strips in numbers, and the notes' example"):
        table = work.table.copy()
        for column in table.columns[1:]:
            table[column] = [shown(v, 6) for v in table[column]]
        numbers_table(table, caption="g(t) = 4 + t and h(t) = 2 + t²/8 metres.")
        formula(
            rf"\frac{{d}}{{dx}}\left({sympy.latex(X_EXP_X)}\right) &= 1\cdot e^{{x}} + x\cdot e^{{x}}",
            rf"&= {sympy.latex(X_EXP_X_DERIVATIVE)}",
        )


def _frame(grid: HouseGrid) -> touch.Picture:
    """What stays while t and dt move: the largest plan, the legend, the ring at the corner."""
    return touch.Picture(
        x=(0.0, float(grid.plan[0])),
        y=(0.0, float(grid.plan[1])),
        x_title="length (m)",
        y_title="width (m)",
        description="Floor plan of the house and the strips it gains in dt.",
        legend=tuple(touch.Key(piece, color) for piece, color in PIECE_COLORS.items()),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(h.length), float(h.width)) for h in grid.by_day),
                axis="x",
                color=C["point"],
            ),
        ),
        height=360,
        tex=WORKING,
    )


def _row(house: HouseGrowth) -> touch.Row:
    """What the unit shows at one (t, dt): the plan and its strips, the working, the numbers."""
    return touch.row(
        [
            touch.rects([[r.x, r.y, r.x2 - r.x, r.y2 - r.y]], PIECE_COLORS[r.piece], opacity=0.6)
            for r in house_strips(house).itertuples()
        ],
        tex=[
            touch.filled(
                0,
                (
                    tex(house.strip_length),
                    tex(house.strip_width),
                    tex(house.strip_corner),
                    eq(house.area_change),
                ),
            ),
            touch.filled(
                1,
                (
                    eq(house.quotient),
                    tex(house.length_rate),
                    tex(house.width),
                    tex(house.length),
                    tex(house.width_rate),
                    eq(house.product_rule_rate),
                ),
            ),
        ],
        metrics=[
            ("dF / dt (m²/day)", shown(house.quotient, 6)),
            ("g'h + gh' (m²/day)", shown(house.product_rule_rate, 6)),
            ("corner dg·dh / dt (m²/day)", shown(house.corner_quotient, 6)),
        ],
        alt=_description(house),
    )


def _description(house: HouseGrowth) -> str:
    """The plan in one sentence, for screen readers: it follows t and dt."""
    return (
        f"Floor plan on day {text(house.t)}: length g = {text(house.length)} m, width h = "
        f"{text(house.width)} m. In dt = {text(house.dt)} {'day' if house.dt == 1 else 'days'} "
        "it gains strips of "
        f"{text(house.strip_length)}, {text(house.strip_width)} and "
        f"{text(house.strip_corner)} m²."
    )
