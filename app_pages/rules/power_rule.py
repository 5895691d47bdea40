"""The power rule x^n -> n x^(n-1): drag n and the curve bends, the secant and the tangent at
the point swing with it, and the working follows the hand; x^2 -> 2x and 1/x -> -1/x^2
derived from the difference quotient as the notes do.

URL keys: `n` exponent (the values the old slider wrote, n=0.333333 for 1/3), `p` point x,
`dx` step.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.rules.picture import formula, formulas, going_further, question_heading, shown
from core.power_pictures import EXPONENT_STEPS, PowerGrid, PowerPicture, power_grid
from core.power_rule import PowerWorking, exponent_latex, power_working
from dashboard import charts, numbers, touch
from dashboard.controls import url_log_slider, url_slider
from dashboard.layout import numbers_table, quiz_choice, quiz_number

C = charts.COLORS

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


def _fraction_text(q: Fraction) -> str:
    """An exponent as the learner reads it: 3, −1, 1/3, −11/6."""
    text = str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    return text.replace("-", numbers.MINUS)


# The positions hold the values the old slider wrote into links ("%g": n=0.333333 is 1/3),
# so every link made before still opens its exponent; the learner reads the fraction.
N = touch.Control(
    label="Exponent n",
    param="n",
    values=tuple(float(f"{float(q):g}") for q in EXPONENT_STEPS),
    default=3.0,
    labels=tuple(_fraction_text(q) for q in EXPONENT_STEPS),
    hint="Or pull the ring on the curve up or down.",
)


def draw() -> None:
    st.markdown("The notes found x² → 2x and 1/x → −1/x² from the difference quotient:")
    left, right = st.columns(2)
    with left:
        formula(*SQUARE_STEPS)
    with right:
        formula(*RECIPROCAL_STEPS)
    st.markdown(
        "One rule holds them all, and x³ → 3x² too: $x^n \\to n\\,x^{n-1}$. Drag n, move the "
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


@st.cache_data(show_spinner=False)
def _grid(x: float, dx: float) -> PowerGrid:
    return power_grid(EXPONENT_STEPS, x, dx)


@st.fragment
def power_picture() -> None:
    """Point and step as sliders (each rebuilds the rows); n in the touch unit."""
    left, right = st.columns(2)
    with left:
        at = url_slider("point x", "p", min_value=0.1, max_value=2.0, default=0.5, step=0.1)
    with right:
        dx = url_log_slider("step dx", "dx", options=[1.0, 0.5, 0.2, 0.1, 0.01, 0.001], default=1.0)
    grid = _grid(round(float(at), 10), float(dx))
    picture = grid.pictures[N.index_of(touch.value(N))]
    touch.touch_unit("power_touch", [N], _frame(grid), [[_row(p) for p in grid.pictures]])
    power = picture.working
    with going_further("Going further: the secants shrinking onto the tangent"):
        table = power.table.copy()
        for column in ("dx", "secant slope", "n x^(n-1)", "error"):
            table[column] = [shown(v, 6) for v in table[column]]
        numbers_table(
            table,
            caption=f"n = {_fraction_text(power.n)}, x fixed, dx shrinking; '≈' marks a value "
            "rounded to 6 digits.",
        )
        if power.cube is not None:
            _cube_maths(power)


def _frame(grid: PowerGrid) -> touch.Picture:
    """What stays while n moves: the window, the legend and the ring that bends the curve."""
    return touch.Picture(
        x=grid.x_range,
        y=grid.y_range,
        x_title="x",
        y_title="y",
        description=_description(grid.pictures[0]),
        legend=(
            touch.Key("f(x)", C["function"]),
            touch.Key("f'(x)", C["derivative"], dash=True),
            touch.Key("secant", C["secant"]),
            touch.Key("tangent", C["tangent"], dash=True),
        ),
        # the ring sits on the curve at x = g > 1 (core.power_pictures.grip_place), where g^n
        # grows with n: pulled up or down, it picks n
        drags=(
            touch.Drag(
                control=0,
                at=tuple(p.grip for p in grid.pictures),
                axis="y",
                color=C["function"],
            ),
        ),
        height=360,
    )


def _points(frame: pd.DataFrame) -> list[list[float]]:
    # two columns read as arrays: frame[["x", "y"]] builds a new frame (an index lookup and a
    # copy), which for the 37 rows' 4 lines was half the time of a new point x or step dx
    return np.column_stack((frame["x"].to_numpy(float), frame["y"].to_numpy(float))).tolist()


def _row(picture: PowerPicture) -> touch.Row:
    """What the unit shows at one n: the curves, both lines, the working, the numbers."""
    power = picture.working
    x, x_next = float(power.x), float(power.x + power.dx)
    outside = {mark for mark, _ in picture.outside}
    at = {"x": (x, float(power.y)), "x + dx": (x_next, float(power.y_next))}
    kept = [mark for mark in at if mark not in outside]
    # at a small dx the two points merge: one label for both
    labels = ["", "x and x + dx"] if len(kept) == 2 and power.dx < 0.2 else kept
    slope_dot = [] if "f'(x)" in outside else [(x, float(power.exact))]
    return touch.row(
        [
            touch.line(_points(picture.derivative), C["derivative"], dash=True, width=2),
            touch.line(_points(picture.function), C["function"]),
            touch.line(_points(picture.secant), C["secant"], width=2),
            touch.line(_points(picture.tangent), C["tangent"], dash=True, width=2),
            touch.points(slope_dot, C["derivative"]),
            touch.points([at[mark] for mark in kept], C["point"], labels=labels),
        ],
        tex=_working_tex(picture),
        metrics=[
            ("secant slope", shown(power.slope, 6)),
            ("power rule n x^(n-1)", shown(power.exact, 6)),
            ("difference", shown(power.error, 3)),
        ],
        notes=_notes(picture),
        legend=[
            power.f_name,
            power.d_name,
            f"secant, slope {shown(power.slope, 6)}",
            f"tangent, slope {shown(power.exact, 6)}",
        ],
        alt=_description(picture),
    )


def _power_tex(base: Fraction, exponent: Fraction) -> str:
    return rf"{numbers.tex(base, 6)}^{{{exponent_latex(exponent)}}}"


def _working_tex(picture: PowerPicture) -> list[str]:
    """The rule for this n, then the secant's quotient at the point and what it tends to:
    n x^(n-1) at x, worked (rows short enough for a phone)."""
    power = picture.working
    n = power.n
    rule = rf"\frac{{d}}{{dx}}\,{power.f_latex} = {power.d_latex}"
    working = (
        rf"\frac{{(x+dx)^n - x^n}}{{dx}} &= "
        rf"\frac{{{_power_tex(power.x + power.dx, n)} - {_power_tex(power.x, n)}}}"
        rf"{{{numbers.tex(power.dx, 6)}}}",
        rf"&{numbers.eq_tex(power.slope, 6)}",
        rf"&\xrightarrow{{dx \to 0}}\; {exponent_latex(n)} \cdot {_power_tex(power.x, n - 1)}",
        rf"&{numbers.eq_tex(power.exact, 6)}",
    )
    return [rule, r"\begin{aligned}" + r" \\ ".join(working) + r"\end{aligned}"]


def _notes(picture: PowerPicture) -> list[str]:
    """The marked points the window cannot hold, with their heights (the working has them)."""
    if not picture.outside:
        return []
    power = picture.working
    x, x_next = numbers.text(power.x, 6), numbers.text(power.x + power.dx, 6)
    values = {
        "x": f"f({x}) {numbers.eq_text(power.y, 6)}",
        "x + dx": f"f({x_next}) {numbers.eq_text(power.y_next, 6)}",
        "f'(x)": f"f′({x}) {numbers.eq_text(power.exact, 6)}",
    }
    listed = ", ".join(f"{values[mark]} ({side})" for mark, side in picture.outside)
    return [f"Outside the picture: {listed}."]


def _description(picture: PowerPicture) -> str:
    """The picture in one sentence, for screen readers: it follows n."""
    power = picture.working
    return (
        f"n = {_fraction_text(power.n)}: {power.f_name}, {power.d_name}. At x = "
        f"{numbers.text(power.x)} the secant to x + dx = {numbers.text(power.x + power.dx, 6)} "
        f"has slope {shown(power.slope, 6)}; the tangent's slope, n x^(n−1), is "
        f"{shown(power.exact, 6)}."
    )


def _cube_maths(power: PowerWorking) -> None:
    """The notes' cube worked out with the current numbers (and their slip corrected)."""
    pieces = power.cube
    formulas(
        (r"(x+dx)^3 &= x^3 + 3x^2\,dx", r"&\quad + 3x\,dx^2 + dx^3"),
        (
            r"&(x+dx)^3 - x^3",
            r"&= 3x^2\,dx + 3x\,dx^2 + dx^3",
            rf"&= {numbers.tex(pieces.linear, 10)} {numbers.signed_tex(pieces.square, 10)} "
            rf"{numbers.signed_tex(pieces.cube, 10)} {numbers.eq_tex(pieces.change, 10)}",
        ),
        (
            r"\frac{(x+dx)^3 - x^3}{dx} &= 3x^2 + 3x\,dx + dx^2",
            rf"&{numbers.eq_tex(pieces.slope, 10)}",
            rf"&\xrightarrow{{dx \to 0}}\; 3x^2 {numbers.eq_tex(pieces.limit, 10)}",
        ),
    )
    st.caption(
        "Common mistake: the notes wrote 2x² dx for the second term. Multiplying "
        "(x + dx)(x² + 2x dx + dx²) gives x² dx + 2x² dx = 3x² dx, so the slope of x³ is 3x², "
        "as the power rule says."
    )
