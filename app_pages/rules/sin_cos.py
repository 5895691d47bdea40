"""sin and cos: the difference quotient of sin settles onto cos, that of cos onto -sin.

The point x and the step dx are the two range inputs of one touch unit (a cross grid,
`dashboard.touch`): the dots, the quotient curve, the working and the numbers follow the hand
in the browser; the function stays a Streamlit choice, which rebuilds the unit.

URL keys: `wave` (sin, cos), `angle` point x, `h` step.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

from app_pages.rules.picture import going_further, question_heading, shown
from core.power_rule import Secant
from core.special_derivatives import WAVE_DERIVATIVE_NAMES, WaveGrid, wave_grid, wave_working
from dashboard import charts, numbers, touch
from dashboard.controls import url_choice
from dashboard.layout import numbers_table, quiz_choice

C = charts.COLORS
KEY = "wave_touch"

# The old sliders' positions: x from -6 to 6 in steps of 0.1, dx over five steps.
ANGLE = touch.Control(
    label="point x",
    param="angle",
    values=tuple(round(i / 10, 1) for i in range(-60, 61)),
    default=1.0,
    hint="Or drag the ring on the dashed curve left or right.",
)
STEP = touch.Control(
    label="step dx",
    param="h",
    values=(1.0, 0.5, 0.1, 0.01, 0.001),
    default=0.5,
)
# A fixed window: sin, cos and every quotient curve stay within [-1, 1].
X_RANGE = (-2 * math.pi - 0.3, 2 * math.pi + 0.3)
Y_RANGE = (-1.2, 1.2)


def draw() -> None:
    st.markdown(
        "Shrink dx and watch the difference quotient of sin settle onto cos (and that of cos "
        "onto −sin)."
    )
    wave_picture()
    question_heading()
    quiz_choice(
        "cos",
        "What is the derivative of cos x?",
        ["sin x", "−sin x", "cos x", "−cos x"],
        answer=1,
        explanation="At x = 0 cos is at its top, so its slope is 0 = −sin 0; just after 0 it "
        "falls, so its slope is negative where sin is positive: (cos x)′ = −sin x.",
        hints={0: "Check the sign: just right of 0, cos x is falling."},
    )


@st.cache_resource(show_spinner=False, max_entries=64)  # read only: the same objects each time
def _unit(name: str, at: float, dx: float) -> tuple[touch.Picture, list[list[touch.Row]]]:
    """The unit's frame and its cross of rows, once per function, x and dx."""
    grid = wave_grid(name, ANGLE.values, STEP.values, at, dx)
    held = STEP.index_of(dx)
    return _frame(grid), [
        [_row(grid, s, grid.quotients[held]) for s in grid.by_angle],
        [_row(grid, s, q) for s, q in zip(grid.by_step, grid.quotients, strict=True)],
    ]


@st.fragment
def wave_picture() -> None:
    name = url_choice(
        "function",
        "wave",
        options=["sin", "cos"],
        default="sin",
        labels={"sin": "sin x", "cos": "cos x"},
        widget="segmented",
    )
    at, step = touch.value(ANGLE), touch.value(STEP)
    frame, rows = _unit(name, at, step)
    touch.touch_unit(KEY, [ANGLE, STEP], frame, rows)
    with going_further("Going further: the quotients at this point as dx shrinks"):
        table = wave_working(name, at, step).table.copy()
        for column in table.columns:
            table[column] = [numbers.text(v, 6) for v in table[column]]
        numbers_table(table, caption="Rounded to 6 significant digits.")


def _names(name: str) -> tuple[str, str, str]:
    """The legend's names: the function, its derivative, the quotient curve."""
    return f"{name} x", WAVE_DERIVATIVE_NAMES[name], f"({name}(x + dx) − {name} x) / dx"


def _curve(xs: np.ndarray, ys: np.ndarray) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]


def _frame(grid: WaveGrid) -> touch.Picture:
    """What stays while x and dx move: the window, f and f', the legend, the ring on f'."""
    function, derivative, quotient = _names(grid.name)
    curves = grid.curves
    drawn = [curves[curves["series"] == series] for series in (function, derivative)]
    sign = "" if grid.name == "sin" else "-"
    other = "cos" if grid.name == "sin" else "sin"
    return touch.Picture(
        x=X_RANGE,
        y=Y_RANGE,
        x_title="x (radians)",
        y_title="y",
        description=_description(grid.name, grid.by_angle[0]),
        layers=(
            touch.line(_curve(drawn[0]["x"], drawn[0]["y"]), C["function"]),
            touch.line(_curve(drawn[1]["x"], drawn[1]["y"]), C["derivative"], dash=True),
        ),
        legend=(
            touch.Key(function, C["function"]),
            touch.Key(derivative, C["derivative"], dash=True),
            touch.Key(quotient, C["tangent"]),
        ),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((s.x, s.exact) for s in grid.by_angle),
                axis="x",
                color=C["derivative"],
            ),
        ),
        height=320,
        x_ticks=touch.nice_ticks(*X_RANGE, 14),
        tex=(
            r"\begin{aligned}"
            + r" \\ ".join(
                (
                    rf"\frac{{\{grid.name}(x+dx) - \{grid.name} x}}{{dx}} &@0",
                    rf"&\xrightarrow{{dx \to 0}}\; {sign}\{other} x",
                    "&@1",
                )
            )
            + r"\end{aligned}",
        ),
    )


def _row(grid: WaveGrid, secant: Secant, quotient: np.ndarray) -> touch.Row:
    """What the unit shows at one x and dx: the quotient curve, the two dots at x (the
    quotient and the exact slope), the working and the numbers."""
    derivative = WAVE_DERIVATIVE_NAMES[grid.name]
    return touch.row(
        [
            # 3 decimals (a tenth of a pixel): every row carries its own curve
            touch.line(_curve(grid.samples, np.round(quotient, 3)), C["tangent"]),
            touch.points([(secant.x, secant.slope), (secant.x, secant.exact)], C["point"]),
        ],
        tex=[touch.filled(0, [numbers.eq_tex(secant.slope, 6), numbers.eq_tex(secant.exact, 6)])],
        metrics=[
            ("difference quotient", shown(secant.slope, 6)),
            (derivative, shown(secant.exact, 6)),
            ("difference", shown(secant.error, 3)),
        ],
        alt=_description(grid.name, secant),
    )


def _description(name: str, secant: Secant) -> str:
    """The picture in one sentence, for screen readers: it follows x and dx."""
    return (
        f"{name} x, its difference quotient with dx = {numbers.text(secant.dx)} and its "
        f"derivative {WAVE_DERIVATIVE_NAMES[name]}. At x = {numbers.text(secant.x)}: quotient "
        f"{numbers.eq_text(secant.slope, 6)}, exact {numbers.eq_text(secant.exact, 6)}."
    )
