"""The power rule x^n -> n x^(n-1): the secant at a point settles on it as dx shrinks, and
x^2 -> 2x and 1/x -> -1/x^2 derived from the difference quotient as the notes do.

URL keys: `n` exponent, `p` point x, `dx` step.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.rules.picture import formula, going_further, metrics, question_heading, shown
from core.errors import LearnerError
from core.power_rule import POWER_EXPONENTS, PowerWorking, exponent_latex, power_working
from dashboard import charts, live_chart, numbers
from dashboard.controls import format_log_value, url_choice, url_log_slider, url_slider
from dashboard.layout import friendly_error, numbers_table, quiz_choice, quiz_number

C = charts.COLORS
# URL value (as the old log slider wrote it) -> what the learner reads: "0.333333" -> "1/3".
EXPONENT_OPTIONS = {
    format_log_value(float(q)): (
        str(q) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    ).replace("-", "−")
    for q in POWER_EXPONENTS
}

# The notes' two derivations, step by step (the limit taken only at the last step).
SQUARE_STEPS = (
    r"\frac{(x+dx)^2 - x^2}{dx} &= \frac{x^2 + 2x\,dx + dx^2 - x^2}{dx}",
    r"&= \frac{(2x + dx)\,dx}{dx} = 2x + dx",
    r"&\xrightarrow{dx \to 0}\; 2x",
)
RECIPROCAL_STEPS = (
    r"\frac{\frac{1}{x+dx} - \frac{1}{x}}{dx} &= \frac{x - (x + dx)}{x(x+dx)\,dx}",
    r"&= \frac{-dx}{x(x+dx)\,dx} = -\frac{1}{x(x+dx)}",
    r"&\xrightarrow{dx \to 0}\; -\frac{1}{x^2}",
)


def draw() -> None:
    st.markdown("The notes found x² → 2x and 1/x → −1/x² from the difference quotient:")
    left, right = st.columns(2)
    with left:
        formula(*SQUARE_STEPS)
    with right:
        formula(*RECIPROCAL_STEPS)
    st.markdown(
        "One rule holds them all, and x³ → 3x² too: $x^n \\to n\\,x^{n-1}$. Pick n, move the "
        "point, shrink dx."
    )
    power_picture()
    question_heading()
    quiz_choice(
        "cube",
        "(x + dx)³ = x³ + □·x²·dx + 3x·dx² + dx³. What number goes in the box?",
        ["2", "3", "1", "6"],
        answer=1,
        explanation="(x + dx)(x² + 2x·dx + dx²) = x³ + 2x²dx + x²dx + … = x³ + 3x²dx + …; "
        "that 3 is why the slope of x³ is 3x².",
        hints={0: "The notes wrote 2x²dx: a slip. Count the x²dx terms again."},
    )
    cube = power_working(3, 0.5, 1.0)
    quiz_number(
        "secant",
        "What is the slope of the secant of f(x) = x³ from x = 0.5 to x = 1.5 (dx = 1)?",
        float(cube.slope),
        tolerance=0.005,
        explanation=f"(1.5³ − 0.5³)/1 = {numbers.text(cube.y_next)} − {numbers.text(cube.y)} = "
        f"{numbers.text(cube.slope)}. As dx shrinks it tends to 3·0.5² = "
        f"{numbers.text(cube.exact)}.",
    )


_working = st.cache_data(power_working, show_spinner=False)


@st.fragment
def power_picture() -> None:
    cols = st.columns(3)
    with cols[0]:
        # The link keeps the values the old slider wrote (n=0.333333); the learner reads 1/3.
        raw_n = url_choice(
            "exponent n",
            "n",
            options=list(EXPONENT_OPTIONS),
            default="3",
            labels=EXPONENT_OPTIONS,
            widget="select",
        )
    with cols[1]:
        at = url_slider("point x", "p", min_value=0.1, max_value=2.0, default=0.5, step=0.1)
    with cols[2]:
        dx = url_log_slider("step dx", "dx", options=[1.0, 0.5, 0.2, 0.1, 0.01, 0.001], default=1.0)
    try:
        power = _working(float(raw_n), at, dx)
    except LearnerError as error:
        friendly_error(str(error))
        return
    _draw(power)
    n_tex = exponent_latex(power.n)
    formula(
        rf"\frac{{(x+dx)^{{{n_tex}}} - x^{{{n_tex}}}}}{{dx}} &= "
        rf"\frac{{{numbers.tex(power.x + power.dx)}^{{{n_tex}}} - "
        rf"{numbers.tex(power.x)}^{{{n_tex}}}}}{{{numbers.tex(power.dx)}}} "
        rf"{numbers.eq_tex(power.slope, 6)}",
        rf"&\xrightarrow{{dx \to 0}}\; \frac{{d}}{{dx}}{power.f_latex} = {power.d_latex} "
        rf"{numbers.eq_tex(power.exact, 6)}",
    )
    with going_further("Going further: the secants shrinking onto the tangent"):
        table = power.table.copy()
        for column in ("dx", "secant slope", "n x^(n-1)", "error"):
            table[column] = [shown(v, 6) for v in table[column]]
        numbers_table(
            table, caption="x fixed, dx shrinking; '≈' marks a value rounded to 6 digits."
        )
        if power.cube is not None:
            _cube_maths(power)


def _draw(power: PowerWorking) -> None:
    x, y, x_next, y_next = (float(v) for v in (power.x, power.y, power.x + power.dx, power.y_next))
    slope, exact = float(power.slope), float(power.exact)
    description = (
        f"{power.f_name} and {power.d_name}. At x = {numbers.text(power.x)} the secant with dx = "
        f"{numbers.text(power.dx)} has slope {shown(power.slope, 6)}; the power rule gives "
        f"{shown(power.exact, 6)}."
    )
    chart = live_chart.compose_live(
        charts.function_plot(
            power.curves,
            series="series",
            x_title="x",
            y_title="y",
            colors={"f(x)": C["function"], "f'(x)": C["derivative"]},
            dashed=["f'(x)"],
        ),
        charts.line_through(x, y, slope, power.window, label="secant", color=C["secant"]),
        charts.line_through(
            x, y, exact, power.window, label="tangent", color=C["tangent"], dashed=True
        ),
        charts.points(
            pd.DataFrame(
                {"x": [x, x_next, x], "y": [y, y_next, exact], "label": ["x", "x + dx", ""]}
            ),
            label="label",
        ),
        legend={"f(x)": power.f_name, "f'(x)": power.d_name},
        description=description,
    )
    charts.show_chart(chart, description)
    metrics(
        ("secant slope", shown(power.slope, 6)),
        ("power rule n x^(n-1)", shown(power.exact, 6)),
        ("difference", shown(power.error, 3)),
    )


def _cube_maths(power: PowerWorking) -> None:
    """The notes' cube worked out with the current numbers (and their slip corrected)."""
    pieces = power.cube
    formula(r"(x+dx)^3 &= x^3 + 3x^2\,dx", r"&\quad + 3x\,dx^2 + dx^3")
    formula(
        r"&(x+dx)^3 - x^3",
        r"&= 3x^2\,dx + 3x\,dx^2 + dx^3",
        rf"&= {numbers.tex(pieces.linear, 10)} {numbers.signed_tex(pieces.square, 10)} "
        rf"{numbers.signed_tex(pieces.cube, 10)} {numbers.eq_tex(pieces.change, 10)}",
    )
    formula(
        r"\frac{(x+dx)^3 - x^3}{dx} &= 3x^2 + 3x\,dx + dx^2",
        rf"&{numbers.eq_tex(pieces.slope, 10)}",
        rf"&\xrightarrow{{dx \to 0}}\; 3x^2 {numbers.eq_tex(pieces.limit, 10)}",
    )
    st.caption(
        "Common mistake: the notes wrote 2x² dx for the second term. Multiplying "
        "(x + dx)(x² + 2x dx + dx²) gives x² dx + 2x² dx = 3x² dx, so the slope of x³ is 3x², "
        "as the power rule says."
    )
