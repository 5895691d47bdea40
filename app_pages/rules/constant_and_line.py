"""Constant and line: f(x) = a x + b rises by a for every step of 1, wherever you are,
whatever b is; a = 0 is a constant, whose slope is 0.

The slope a and the intercept b are one touch unit (`dashboard.touch`) with two inputs, a
cross grid: `core.line_rule.line_grid` works out the line at every slope with b held and at
every intercept with a held, so the line, its run and rise, the working and the numbers
follow the hand in the browser; Python hears the values when the learner pauses.

URL keys: `a` slope, `b` intercept.
"""

from __future__ import annotations

import streamlit as st

from app_pages.rules.picture import question_heading
from core.line_rule import LineGrid, LineWorking, line_grid, line_positions
from dashboard import charts, numbers, touch
from dashboard.layout import quiz_number

C = charts.COLORS
A_RANGE, B_RANGE, X_RANGE = (-3.0, 3.0), (-4.0, 4.0), (-3.0, 3.0)
A_STEP, B_STEP = 0.1, 0.5
KEY = "line_touch"
HEIGHT = 320
# The working, as the old formula() drew it; @0 is the slope (`touch.filled`).
WORKING = (
    r"\begin{aligned}"
    r"\frac{\Delta f}{\Delta x} &= \frac{a(x+\Delta x) + b - (ax + b)}{\Delta x} \\ "
    r"&= \frac{a\,\Delta x}{\Delta x} = a = @0"
    r"\end{aligned}"
)

SLOPES, INTERCEPTS = line_positions(A_RANGE, A_STEP, B_RANGE, B_STEP)
A = touch.Control(
    label="slope a",
    param="a",
    values=SLOPES,
    default=2.0,
    hint="Or drag the ring at the line's right end up or down.",
)
B = touch.Control(
    label="intercept b",
    param="b",
    values=INTERCEPTS,
    default=1.0,
    hint="Or drag the ring at x = 0 up or down.",
)


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


@st.cache_resource(show_spinner=False, max_entries=64)
def _unit(a: float, b: float) -> tuple[touch.Picture, list[list[touch.Row]]]:
    """The unit's picture and rows for the cross through (a, b): worked out once per line."""
    grid = line_grid(a, b, slopes=SLOPES, intercepts=INTERCEPTS, x_range=X_RANGE)
    return _frame(grid), [[_row(w) for w in grid.by_a], [_row(w) for w in grid.by_b]]


@st.fragment
def line_picture() -> None:
    a, b = touch.value(A), touch.value(B)
    picture, rows = _unit(a, b)
    touch.touch_unit(KEY, [A, B], picture, rows)


def _frame(grid: LineGrid) -> touch.Picture:
    """What stays while a and b move: the fixed window (the axes stand still while the line
    turns, so a steeper slope looks steeper), the legend and the two rings."""
    y_window = grid.by_a[0].y_window
    return touch.Picture(
        x=X_RANGE,
        y=y_window,
        x_title="x",
        y_title="y",
        description="The line f(x) = a x + b, the dashed line a x without b, and one step "
        "along the line: its run and its rise.",
        legend=(
            touch.Key("f(x) = a x + b", C["function"]),
            touch.Key("a x (b = 0)", C["muted"], dash=True),
            touch.Key("run", C["secant"]),
            touch.Key("rise", C["tangent"]),
        ),
        drags=(
            touch.Drag(
                control=0, at=tuple(_handles(w)[0] for w in grid.by_a), axis="y", color=C["point"]
            ),
            touch.Drag(
                control=1, at=tuple(_handles(w)[1] for w in grid.by_b), axis="y", color=C["point"]
            ),
        ),
        height=HEIGHT,
        x_ticks=touch.nice_ticks(*X_RANGE, count=6),
        y_ticks=touch.nice_ticks(*y_window, count=6),
        tex=(WORKING,),
    )


def _handles(line: LineWorking) -> list[tuple[float, float]]:
    """Where the two rings sit on this line: the slope's at its right end (turning about
    x = 0), the intercept's at x = 0, on b. The window holds both for every a and b."""
    right = X_RANGE[1]
    return [(right, float(line.at(right))), (0.0, float(line.b))]


def _equation(line: LineWorking) -> str:
    """The line as the learner reads it: 2x + 1, −3x − 4, 0.1x + 0."""
    b_term = f"{numbers.MINUS if line.b < 0 else '+'} {numbers.text(abs(line.b))}"
    return f"{numbers.text(line.a)}x {b_term}"


def _row(line: LineWorking) -> touch.Row:
    """What the unit shows for one line: it and its parallel a x, one step (run, then rise),
    the working, the three numbers, the note for a constant and the text alternative."""
    x1, y1 = float(line.start), float(line.y_start)
    x2 = float(line.start + line.run)
    ends = [(x, float(line.at(x))) for x in X_RANGE]
    parallel = [(x, float(line.parallel_at(x))) for x in X_RANGE]
    return touch.row(
        [
            touch.line(parallel, C["muted"], dash=True),
            touch.line(ends, C["function"]),
            touch.line([(x1, y1), (x2, y1)], C["secant"]),
            touch.line([(x2, y1), (x2, float(line.y_start + line.rise))], C["tangent"]),
        ],
        tex=[touch.filled(0, [numbers.tex(line.slope)])],
        metrics=[
            ("rise / run", numbers.text(line.slope)),
            ("f'(x) = a", numbers.text(line.a)),
            ("b (no effect on slope)", numbers.text(line.b)),
        ],
        notes=(
            [f"With a = 0, f(x) = {numbers.text(line.b)} is a constant: its derivative is 0."]
            if line.a == 0
            else []
        ),
        legend=[
            f"f(x) = {_equation(line)}",
            f"{numbers.text(line.a)}x (b = 0)",
            f"run {numbers.text(line.run)}",
            f"rise {numbers.text(line.rise)}",
        ],
        alt=(
            f"The line f(x) = {_equation(line)}: a run of {numbers.text(line.run)} gives a "
            f"rise of {numbers.text(line.rise)}, so the slope is {numbers.text(line.slope)}, "
            f"the same as the dashed line {numbers.text(line.a)}x without b."
        ),
        handles=_handles(line),
    )
