"""Section 3's live unit: your line on the data, each residual (and its square) and the MSE
worked out, for every slope and intercept the two range inputs reach.

One call, `core.line_fit.hand_fit_grid`, returns the hand fit at every slope with the
intercept held and at every intercept with the slope held (a cross through your line); each
becomes one row of a touch unit (`dashboard.touch`), so the picture and the working follow
the hand in the browser, and the value goes to Python when the learner pauses.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from app_pages.regression.katex_room import ROOM
from core.datasets import Points
from core.line_fit import FitData, HandFit, hand_fit_grid, window_positions
from dashboard import charts, touch
from dashboard.numbers import MINUS, eq_tex, eq_text, signed_tex, tex, text

C = charts.COLORS
KEY = "regression_line"
# Residuals drawn at most: every row of the unit carries one segment (and one square) per
# drawn point, so this bounds its size on the largest data (10,000 rows).
RESIDUALS_DRAWN = 20
HEIGHT = 340
# The picture's static layers: every drawn point, then (on top, the same dots) those whose
# residuals are drawn, which the rows' drops start from.
SHOWN, DRAWN = 0, 1


def controls(data: FitData) -> tuple[touch.Control, touch.Control]:
    """The slope and intercept inputs over the window's slider positions (0 is one of them)."""
    slopes, intercepts = window_positions(data.window)
    at = "at x = 0" if data.pivot_x() == 0 else "in the middle of the points"
    return (
        touch.Control(
            label="Slope",
            param="slope",
            values=slopes,
            default=0.0,
            hint="Or drag the ring at the line's right end up or down.",
        ),
        touch.Control(
            label="Intercept",
            param="intercept",
            values=intercepts,
            default=0.0,
            hint=f"Or drag the ring {at} up or down.",
        ),
    )


def _hold_inside(control: touch.Control) -> None:
    """A value kept from other data (another window) moves to this window's nearest position:
    a line from a bigger window lands on the edge of the new one."""
    value = st.session_state.get(control.param)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if control.index_of(value) is None:
        st.session_state[control.param] = min(control.values, key=lambda v: abs(v - value))


def draw(data: FitData, squares: bool) -> HandFit:
    """The unit: two range inputs, the picture and the working; returns the line Python holds
    (the learner's last pause) for the rest of the section."""
    slope_control, intercept_control = controls(data)
    _hold_inside(slope_control)
    _hold_inside(intercept_control)
    slope, intercept = touch.value(slope_control), touch.value(intercept_control)
    grid = hand_fit_grid(data, slope, intercept)
    fit = grid.by_slope[grid.slopes.index(slope)]
    x_range = data.intercept_x_range()
    drawn = data.spread(RESIDUALS_DRAWN)
    touch.touch_unit(
        KEY,
        [slope_control, intercept_control],
        _frame(data, grid.by_slope, grid.by_intercept, squares),
        [
            [_row(f, data, drawn, x_range, squares) for f in grid.by_slope],
            [_row(f, data, drawn, x_range, squares) for f in grid.by_intercept],
        ],
    )
    return fit


def _points(points: Points) -> touch.Layer:
    return touch.points(list(zip(points.x, points.y, strict=True)), C["point"], size=5)


def _inside(y: float, y_range: tuple[float, float]) -> float:
    """A handle's height kept inside the picture (a steep line leaves it at the edge)."""
    return min(max(y, y_range[0]), y_range[1])


def _frame(
    data: FitData, by_slope: Sequence[HandFit], by_intercept: Sequence[HandFit], squares: bool
) -> touch.Picture:
    """What stays while the line moves: the window, the points, the legend, the two rings."""
    x_range, y_range = data.intercept_x_range(), data.y_domain
    shown = data.shown()
    legend = [
        touch.Key("your line", C["function"]),
        touch.Key("residual: observed − predicted", C["secant"], dash=True),
    ]
    if squares:
        legend.append(touch.Key("squared residual", C["derivative"]))
    return touch.Picture(
        x=x_range,
        y=y_range,
        x_title=shown.x_name,
        y_title=shown.y_name,
        description=f"The {text(data.points.n)} points and your line.",
        layers=(_points(shown), _points(data.spread(RESIDUALS_DRAWN))),
        legend=tuple(legend),
        drags=(
            touch.Drag(
                control=0,
                at=tuple(_handles(f, data)[0] for f in by_slope),
                axis="y",
                color=C["function"],
            ),
            touch.Drag(
                control=1,
                at=tuple(_handles(f, data)[1] for f in by_intercept),
                axis="y",
                color=C["function"],
            ),
        ),
        height=HEIGHT,
        tex=(mse_worked(by_slope[0], rows_per_square([*by_slope, *by_intercept])),),
    )


def _row(
    fit: HandFit, data: FitData, drawn: Points, x_range: tuple[float, float], squares: bool
) -> touch.Row:
    """What the unit shows for one line: it, its residuals (and squares), the MSE worked.

    The residuals drop from the drawn points, the picture's static layer DRAWN (only their
    far ends, on the line, travel in each row)."""
    layers = [
        touch.line(list(zip(x_range, fit.predict(x_range), strict=True)), C["function"]),
        touch.drops(DRAWN, fit.predict(drawn.x), C["secant"], dash=True),
    ]
    if squares:
        across, to = fit.squares_on(drawn, x_range, data.y_domain)
        layers.insert(0, touch.drop_boxes(DRAWN, to, across, C["derivative"], opacity=0.25))
    return touch.row(
        layers,
        tex=[touch.filled(0, mse_values(fit))],
        metrics=[("Mean squared error of your line", eq_text(fit.mse).removeprefix("= "))],
        notes=["This is the smallest MSE possible: you found the least-squares line."]
        if fit.at_best
        else [],
        alt=_alt(fit, drawn),
        handles=_handles(fit, data),
    )


def _handles(fit: HandFit, data: FitData) -> list[tuple[float, float]]:
    """Where the two rings sit on this line: the slope's at its right end, the intercept's at
    x = 0 (or the middle of the points), each kept inside the picture."""
    x_range, y_range = data.intercept_x_range(), data.y_domain
    return [(x, _inside(float(fit.predict(x)), y_range)) for x in (x_range[1], data.pivot_x())]


def line_text(fit: HandFit, x_name: str, y_name: str) -> str:
    """The line in words: price = 100 × bedrooms − 50."""
    b = fit.intercept
    rest = "" if b == 0 else f" {MINUS if b < 0 else '+'} {text(abs(b))}"
    return f"{y_name} = {text(fit.slope)} × {x_name}{rest}"


def _alt(fit: HandFit, drawn: Points) -> str:
    return f"Your line {line_text(fit, drawn.x_name, drawn.y_name)} has MSE {eq_text(fit.mse)}."


# About how many digits of y, slope, x and intercept one row of the working holds in a
# phone's column (358 px): the houses' 250,000 − (−50,000 · 2 − 200,000) fits, a year's
# 20,000 − (−230 · 1990 − 1.35 × 10⁶) does not.
ROW_DIGITS = 22


def _digits(value: object) -> int:
    """About how wide a number is typeset, in digits ('× 10ⁿ' counts as five)."""
    shown = text(value)
    return len(shown) + 3 * shown.count("×")


def rows_per_square(fits: Sequence[HandFit]) -> int:
    """How many rows each worked square takes so that the widest line of the grid fits a
    phone: one; y on a row of its own; or the intercept on a third."""
    x = max(_digits(x) for x, _ in fits[0].first_terms)
    y = max(_digits(y) for _, y in fits[0].first_terms)
    slope = max(_digits(f.slope) for f in fits)
    intercept = max(_digits(f.intercept) for f in fits)
    if y + slope + x + intercept <= ROW_DIGITS:
        return 1
    return 2 if slope + x + intercept <= ROW_DIGITS else 3


def mse_worked(fit: HandFit, rows_each: int = 1) -> str:
    """The working as a LaTeX template (`touch.filled`): the first squared residuals with the
    data's numbers and @0 for the slope, @1 for the signed intercept (on `rows_each` rows),
    then the MSE as their mean, @2 for its value (`mse_values`). Every line on the same data
    shares it."""
    breaks = [" ", " "]
    if rows_each >= 2:
        breaks[0] = r" \\ &\qquad "
    if rows_each >= 3:
        breaks[1] = r" \\ &\qquad\quad "
    terms = [
        rf"({tex(y)}{breaks[0]}- (@0\cdot {tex(x)}{breaks[1]}@1))^2" for x, y in fit.first_terms
    ]
    rows = [rf"r_{i}^2 &= {term}" for i, term in enumerate(terms, start=1)]
    squares = " + ".join(f"r_{i}^2" for i in range(1, min(fit.n, 3) + 1))
    if fit.n > 3:
        squares = rf"r_1^2 + \dots + r_{{{tex(fit.n)}}}^2"
    # a row for each worked square (or two or three), then their mean
    return (
        r"\begin{aligned} "
        + r" \\ ".join(rows)
        + (r" \\ &\;\vdots \\ " if fit.n > 2 else r" \\ ")
        + rf"{ROOM}\mathrm{{MSE}} &= \frac{{1}}{{{tex(fit.n)}}}\left({squares}\right) \\ "
        + r"&@2\end{aligned}"
    )


def mse_values(fit: HandFit) -> tuple[str, str, str]:
    """What fills `mse_worked` for this line: its slope, its signed intercept, = or ≈ its MSE."""
    return tex(fit.slope), signed_tex(fit.intercept), eq_tex(fit.mse)
