"""The power rule x^n -> n x^(n-1): drag n and the curve bends, the secant and the tangent at
the point swing with it, and the working follows the hand; x^2 -> 2x and 1/x -> -1/x^2
derived from the difference quotient as the notes do.

n, the point x and the step dx are the three range inputs of one touch unit (a cross grid:
the rows along each input with the other two where Python holds them), so moving any of them
redraws the curve, the secant, the tangent, the working and the numbers in the browser.

URL keys: `n` exponent (the values the old slider wrote, n=0.333333 for 1/3), `p` point x,
`dx` step (the values the old sliders wrote).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.rules.picture import formula, formulas, going_further, question_heading, shown
from core.power_pictures import (
    EXPONENT_STEPS,
    PowerCross,
    PowerPicture,
    PowerView,
    power_cross,
    power_view,
)
from core.power_rule import PowerWorking, exponent_latex, power_working
from dashboard import charts, numbers, touch
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
# The point and the step over the old sliders' values (0.1 to 2 in steps of 0.1; dx from 1
# down to 0.001): the links they wrote (p=0.6, dx=0.01) open the same position.
X = touch.Control(
    label="point x",
    param="p",
    values=tuple(round(0.1 * k, 10) for k in range(1, 21)),
    default=0.5,
    hint="Or drag the ring on the point x.",
)
DX = touch.Control(
    label="step dx",
    param="dx",
    values=(1.0, 0.5, 0.2, 0.1, 0.01, 0.001),
    default=1.0,
    hint="Or drag the ring on x + dx towards x.",
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


@st.cache_resource(show_spinner=False, max_entries=16)
def _unit(n: float, x: float, dx: float) -> tuple[PowerCross, touch.Picture, list[list[touch.Row]]]:
    """The cross through (n, x, dx), its frame and its rows: read only (a pause back to a
    place seen reruns no mathematics)."""
    cross = power_cross(EXPONENT_STEPS, X.values, DX.values, n, x, dx)
    frame = _frame(cross)
    rows = [
        [_row(v, _handles(v), frame) for v in views]
        for views in (cross.by_n, cross.by_x, cross.by_dx)
    ]
    return cross, frame, rows


@st.fragment
def power_picture() -> None:
    """n, the point x and the step dx: three inputs of one touch unit, a cross of rows."""
    n, x, dx = touch.value(N), touch.value(X), touch.value(DX)
    cross, frame, rows = _unit(n, x, dx)
    touch.touch_unit("power_touch", [N, X, DX], frame, rows)
    power = cross.grid.pictures[N.index_of(n)].working
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


def _window(view: PowerView) -> tuple[tuple[float, float], tuple[float, float]]:
    """core's window as the unit draws it (6 significant digits, touch.Window's): the same
    for a row of n, which the picture's window serves, as for a row of x or dx."""
    x, y = view.x_range, view.y_range
    return (_six(x[0]), _six(x[1])), (_six(y[0]), _six(y[1]))


def _six(value: float) -> float:
    return float(f"{value:.{touch.COORDINATE_DIGITS}g}")


def _inside(y: float, y_range: tuple[float, float]) -> float:
    """A ring's height kept inside the picture (x^(-2) at 0.1 is far above it)."""
    return min(max(y, y_range[0]), y_range[1])


def _handles(view: PowerView) -> list[tuple[float, float]]:
    """Where the three rings sit in this picture: n's on the curve right of 1, x's on the
    point x, dx's on the point x + dx (each kept inside the window)."""
    power = view.picture.working
    x, x_next = float(power.x), float(power.x + power.dx)
    return [
        view.picture.grip,
        (x, _inside(float(power.y), view.y_range)),
        (x_next, _inside(float(power.y_next), view.y_range)),
    ]


@st.cache_resource(show_spinner=False)
def _first_window() -> tuple[tuple[float, float], tuple[float, float]]:
    """The window at the default point and step, which every exponent shares there."""
    return _window(power_view(EXPONENT_STEPS, N.default, X.default, DX.default))


def _frame(cross: PowerCross) -> touch.Picture:
    """What stays while n, x or dx moves: the legend and the three rings. The same frame
    for every (n, x, dx) (an answer to a pause keeps the SVG, and a drag held through it goes
    on): its window is the defaults'; a row drawn in another brings its own."""
    by_n = cross.by_n
    x_range, y_range = _first_window()
    return touch.Picture(
        x=x_range,
        y=y_range,
        x_title="x",
        y_title="y",
        description="x^n and its derivative n x^(n−1), the secant from x to x + dx and the "
        "tangent at x; the sentence under the picture gives the numbers.",
        legend=(
            touch.Key("f(x)", C["function"]),
            touch.Key("f'(x)", C["derivative"], dash=True),
            touch.Key("secant", C["secant"]),
            touch.Key("tangent", C["tangent"], dash=True),
        ),
        # the ring sits on the curve at x = g > 1 (core.power_pictures.grip_place), where g^n
        # grows with n: pulled up or down, it picks n; the rings on the points x and x + dx
        # slide along the x axis
        drags=(
            touch.Drag(
                control=0, at=tuple(_handles(v)[0] for v in by_n), axis="y", color=C["function"]
            ),
            touch.Drag(
                control=1, at=tuple(_handles(v)[1] for v in cross.by_x), axis="x", color=C["point"]
            ),
            touch.Drag(
                control=2,
                at=tuple(_handles(v)[2] for v in cross.by_dx),
                axis="x",
                color=C["secant"],
            ),
        ),
        height=360,
    )


def _points(frame: pd.DataFrame) -> list[list[float]]:
    # two columns read as arrays: frame[["x", "y"]] builds a new frame (an index lookup and a
    # copy), which for the 37 rows' 4 lines was half the time of a new point x or step dx
    return np.column_stack((frame["x"].to_numpy(float), frame["y"].to_numpy(float))).tolist()


# A curve travels with the samples it needs to be drawn within THIN_PX of core's polyline on
# a picture THIN_WIDTH x THIN_HEIGHT px (wider than the page's column): a cubic needs about
# 20 of its 101 samples, and the unit's 63 rows fit the aim of 150 kB (266 kB with all).
THIN_PX, THIN_WIDTH, THIN_HEIGHT = 0.15, 800.0, 360.0


def _curve(frame: pd.DataFrame, view: PowerView) -> list[list[float] | None]:
    """core's samples of a curve, less those a straight line between their neighbours kept
    draws within THIN_PX (each unbroken run apart; a NaN gap stays a gap)."""
    sx = THIN_WIDTH / (view.x_range[1] - view.x_range[0])
    sy = THIN_HEIGHT / (view.y_range[1] - view.y_range[0])
    kept: list[list[float] | None] = []
    run: list[list[float]] = []
    for point in [*_points(frame), None]:
        if point is not None and np.isfinite(point[1]):
            run.append(point)
            continue
        kept.extend(_thinned(run, sx, sy))
        run = []
        if point is not None:
            kept.append(None)
    return kept


def _thinned(run: list[list[float]], sx: float, sy: float) -> list[list[float]]:
    """From each kept point, the farthest next point whose chord passes within THIN_PX of
    every sample in between (in pixels)."""
    if len(run) < 3:
        return run
    px = [(x * sx, y * sy) for x, y in run]
    keep, anchor, end = [0], 0, 2
    while end < len(px):
        (ax, ay), (bx, by) = px[anchor], px[end]
        length = max(np.hypot(bx - ax, by - ay), 1e-12)
        if all(
            abs((bx - ax) * (ay - py) - (ax - qx) * (by - ay)) <= THIN_PX * length
            for qx, py in px[anchor + 1 : end]
        ):
            end += 1
        else:
            anchor = end - 1
            keep.append(anchor)
            end = anchor + 2
    keep.append(len(px) - 1)
    return [run[k] for k in keep]


def _row(view: PowerView, handles: list[tuple[float, float]], frame: touch.Picture) -> touch.Row:
    """What the unit shows at one (n, x, dx): the curves, both lines, the working, the
    numbers; in its own window where it is not the frame's."""
    picture = view.picture
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
            touch.line(_curve(picture.derivative, view), C["derivative"], dash=True, width=2),
            touch.line(_curve(picture.function, view), C["function"]),
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
        handles=handles,
        window=None if _window(view) == (frame.x, frame.y) else touch.Window(*_window(view)),
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
