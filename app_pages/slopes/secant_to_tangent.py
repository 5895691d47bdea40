"""Section 2, secant to tangent: f, then the point x0 and the step dx, the two inputs of one
touch unit (a cross grid); the secant swings onto the tangent.

`core.secant_pictures.secant_picture(fn, x0, dx)` holds all the unit draws at one position:
the window and lines, the working's digits, the notes' table 3 -> 2.5 -> 2.1 -> 2.01 -> 2.001
-> 2. The unit's rows are those pictures at every dx with x0 held (`secant_grid`) and at every
x0 with dx held (`secant_across`), each x0 row in its own window; the curve is one fixed line
over every window (`curve_across`). The function stays a Streamlit choice that rebuilds the
unit. The unit is a fragment; it also writes the notation and the "Going further" round-off
study into containers made outside it, so that the section's question sits right after the
picture.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.slopes import notation, round_off
from core import secants
from core.secant_pictures import (
    X0_STEPS,
    SecantPicture,
    curve_across,
    secant_across,
    secant_grid,
)
from core.stored_digits import SecantDigits
from dashboard import charts, controls, layout, numbers, touch
from dashboard.controls import url_choice

SLOPE_DIGITS = 10  # the page shows slopes to 10 significant digits


def draw() -> None:
    """The section: its live unit, its question, and its closed 'Going further'."""
    layout.section(
        "Secant to tangent",
        "The same idea on a function: the secant from x0 to x0 + dx has slope "
        "(f(x0 + dx) − f(x0)) / dx. Shrink dx and the secant swings onto the tangent; its "
        "slope tends to the derivative f′(x0).",
    )
    unit = st.container()
    notation_places = notation.frame()
    layout.quiz_choice(
        "secant_square",
        "f(x) = x². What is the slope of the secant from (1, 1) to (2, 4)?",
        ["3", "24", "2", "4"],
        answer=0,
        explanation="((1 + 1)² − 1²) / 1 = (4 − 1) / 1 = 3. The tangent at 1 has slope 2.",
        hints={
            1: "A slip in the notes: they write (2 + 3)²; the second point is x + dx = 1 + 1.",
            2: "2 is the tangent's slope f′(1), the limit as dx → 0, not this secant's.",
        },
    )
    with st.expander("Going further: when a smaller dx gets worse"):
        further = st.container()
        round_off.question()
    _unit(unit, notation_places, further)


DX = touch.Control(
    label="Step dx (drag right to shrink it)",
    param="dx",
    values=secants.SLIDER_STEPS,
    default=1.0,
    hint="Or drag the point x0 + dx on the picture.",
)


X0 = touch.Control(label="Point x0", param="x0", values=X0_STEPS, default=1.0)


def _on_grid(text: str) -> float | None:
    """A link's x0 as the old slider took it: a number from -3 to 3 in steps of 0.1."""
    try:
        wanted = float(text.strip())
    except (TypeError, ValueError):
        return None
    i = X0.index_of(wanted) if math.isfinite(wanted) else None
    return None if i is None else X0.values[i]


def _seed_x0() -> None:
    """On the first run, take the link's x0, else the default with the old slider's note."""
    low, high = (numbers.text(v) for v in (X0.values[0], X0.values[-1]))
    step = numbers.text(round(X0.values[1] - X0.values[0], 10))
    controls._seed_from_link(
        X0.param,
        X0.label,
        X0.default,
        _on_grid,
        f"a number from {low} to {high} in steps of {step}",
    )


@st.cache_resource(show_spinner=False, max_entries=64)  # read only: the same objects each time
def _grid(fn: str, x0: float) -> tuple[tuple[SecantPicture, ...], touch.Picture, list[touch.Row]]:
    """The section at every dx step, the unit's frame (the same at every position) and its
    row for each step: worked out once per f and x0 (about 50 ms of Python), so that a pause
    at a place already seen costs no more than the floor's rerun."""
    pictures = secant_grid(fn, x0, DX.values)
    return pictures, _frame(pictures[0], pictures, _curve(fn)), [_row(p) for p in pictures]


@st.cache_resource(show_spinner=False, max_entries=64)  # read only: the same objects each time
def _across(fn: str, dx: float) -> list[touch.Row]:
    """The unit's row at every x0 with dx held, each in its own window with the point
    x0 + dx where it sits: worked out once per f and dx."""
    return [_row(p, moved=True) for p in secant_across(fn, dx, X0.values)]


@st.cache_resource(show_spinner=False, max_entries=8)  # read only: the same layers each time
def _curve(fn: str) -> tuple[touch.Layer, ...]:
    """f over every window x0 can draw, as the picture's fixed layers."""
    return tuple(
        touch.line(piece[["x", "y"]].to_numpy(), charts.COLORS["function"])
        for piece in curve_across(fn, X0.values)
    )


@st.fragment
def _unit(unit, notation_places, further) -> None:
    """Pick f; drag x0 or dx and see the secant, the working and the slopes follow."""
    with unit:
        # The links say fn=x^2 (the option); the radio shows each function as the prose
        # writes it (x², not x^2).
        fn = url_choice(
            "Function f(x)",
            "fn",
            options=list(secants.EXAMPLES),
            default="x^2",
            labels={key: f"f(x) = {ex.label}" for key, ex in secants.EXAMPLES.items()},
        )
        _seed_x0()
        x0, dx = touch.value(X0), touch.value(DX)
        pictures, frame, rows = _grid(fn, x0)
        picture = pictures[DX.index_of(dx)]
        touch.touch_unit("secant_touch", [X0, DX], frame, [_across(fn, dx), rows])
        _table(picture)
    notation.draw(picture, notation_places)
    with further:
        round_off.draw(fn, picture.view.x0, dx)


def _notes(picture: SecantPicture) -> list[str]:
    """Why a line is missing, and what round-off does to a tiny dx."""
    view, label = picture.view, picture.example.label
    x0, x1 = numbers.text(view.x0), numbers.text(view.x1, 15)
    hole = numbers.text(view.hole) if view.hole is not None else ""
    notes = []
    if view.missing == "x0 undefined":
        notes.append(
            f"f(x) = {label} is not defined at x0 = {x0} (you cannot divide by zero), so there "
            f"is no point to draw a tangent at, and no secant from it. Move x0 away from {hole}."
        )
    elif view.missing:
        how = (
            f"ends at x = {hole}, where {label} is not defined"
            if view.missing == "ends on a hole"
            else f"jumps over x = {hole}, where {label} is undefined"
        )
        notes.append(
            f"The secant from x0 = {x0} to x0 + dx = {x1} {how}, so there is no secant here: its "
            f"slope would say nothing about the tangent. Make dx smaller or move x0 further "
            f"from {hole}."
        )
    if picture.below_round_off:
        notes.append(
            f"dx = {numbers.text(view.dx)} is below √ε ≈ "
            f"{numbers.text(secants.FORWARD_BEST_DX_ESTIMATE, 2)}, where ε = 2⁻⁵² ≈ "
            f"{numbers.text(secants.MACHINE_EPSILON, 2)} is the gap between 1 and the next "
            "number a computer stores: f(x0 + dx) and f(x0) now agree in almost all their "
            "digits, so round-off, not the curve, decides the last digits of the slope (see "
            "'Going further' below)."
        )
    if view.digits is not None and view.digits.step_rounded:
        notes.append(_stored_step_note(view.digits))
    return notes


def _digits_text(value) -> str:
    return numbers.text(value, max(4, len(value.as_tuple().digits)))


def _digits_tex(value) -> str:
    return numbers.tex(value, max(4, len(value.as_tuple().digits)))


def _stored_step_note(digits: SecantDigits) -> str:
    """Why the slope's last digits moved: x0 + dx was rounded before f was evaluated."""
    about = "" if digits.x1_stored_exact else "≈ "
    return (
        f"x0 + dx = {numbers.text(digits.x1, 17)} is not a number a computer can store "
        f"exactly: it rounds it to the nearest double, {about}{_digits_text(digits.x1_stored)}, "
        f"so the step it really takes is ≈ {_digits_text(digits.step_stored)}, and f(x0 + dx) "
        "is rounded too. The slope still divides by dx: its last digits come from this "
        "rounding, not from the curve."
    )


def _secant_text(picture: SecantPicture) -> str:
    """The computed secant slope; without '≈' only where its shown digits are the exact
    secant slope for the typed x0 and dx (2.001 for x² at 1 with dx = 0.001)."""
    value, exact = picture.view.secant_slope, picture.exact_secant_slope
    if value is None:
        return "none"
    shown = numbers.text(value, SLOPE_DIGITS)
    exactly = exact is not None and numbers.is_exact(exact, SLOPE_DIGITS)
    if exactly and numbers.text(exact, SLOPE_DIGITS) == shown:
        return shown
    return f"≈ {shown}"


def _slope_text(value: Fraction | float | None) -> str:
    """A slope as the learner reads it: exact, or rounded and marked '≈'; 'none'."""
    return "none" if value is None else _cell(value)


def _description(picture: SecantPicture) -> str:
    """The picture in one sentence, for screen readers: it follows dx."""
    view, ex = picture.view, picture.example
    x1 = numbers.text(view.digits.x1 if view.digits else view.x1, 17)
    secant = (
        f"the secant to x0 + dx = {x1} has slope {_secant_text(picture)}"
        if view.secant_slope is not None
        else f"there is no secant to x0 + dx = {x1}"
    )
    tangent = (
        f"the tangent has slope {_slope_text(picture.limit)}"
        if picture.limit is not None
        else "there is no tangent"
    )
    return f"f(x) = {ex.label} near x0 = {numbers.text(view.x0)}: {secant}; {tangent}."


def _frame(
    picture: SecantPicture, pictures: tuple[SecantPicture, ...], curve: tuple[touch.Layer, ...]
) -> touch.Picture:
    """What stays while x0 and dx move: the curve (over every window x0 can draw), the
    legend, the draggable point; the window is x0's (each x0 row carries its own)."""
    return touch.Picture(
        x=picture.x_range,
        y=picture.y_range,
        x_title="x",
        y_title="y",
        # the same at every dx (each row carries its own sentence), so that a pause's answer
        # leaves the unit's data unchanged
        description=f"f(x) = {picture.example.label} near x0 = {numbers.text(picture.view.x0)}, "
        "with the secant from x0 to x0 + dx and the tangent at x0.",
        layers=curve,
        legend=(
            touch.Key(picture.curve_name, charts.COLORS["function"]),
            touch.Key("secant", charts.COLORS["secant"]),
            touch.Key("tangent", charts.COLORS["tangent"], dash=True),
        ),
        # the second point, x0 + dx, follows the pointer along x
        drags=(
            touch.Drag(
                control=1,
                at=tuple(_second_point(p) for p in pictures),
                color=charts.COLORS["point"],
            ),
        ),
        height=380,
    )


def _second_point(picture: SecantPicture) -> tuple[float, float]:
    """Where the point x0 + dx (the drag's handle) sits: on the curve, or at the window's
    bottom where f is undefined."""
    view = picture.view
    return (view.x1, view.y1 if view.y1 is not None else picture.y_range[0])


def _row(picture: SecantPicture, *, moved: bool = False) -> touch.Row:
    """What the unit shows at one x0 and dx: the secant and tangent, the working, both slopes.
    A row of the moving x0 (`moved`) carries its own window and where the point x0 + dx
    sits in it."""
    frame, view = picture.frame, picture.view
    # plain arrays: a pandas filter per line was most of the time of 15 rows
    xy = np.column_stack((frame["x"].to_numpy(dtype=float), frame["y"].to_numpy(dtype=float)))

    def series(name: str):
        return xy[(frame["curve"] == name).to_numpy(dtype=bool)]

    marks = picture.marks
    return touch.row(
        [
            touch.line(series("secant"), charts.COLORS["secant"]),
            touch.line(series("tangent"), charts.COLORS["tangent"], dash=True),
            touch.points(
                marks[["x", "y"]].to_numpy(), charts.COLORS["point"], labels=list(marks["label"])
            ),
        ],
        tex=[_working_tex(picture)],
        metrics=[
            ("Secant slope", _secant_text(picture)),
            ("Tangent slope f'(x0)", _slope_text(picture.limit)),
        ],
        notes=_notes(picture),
        legend=[
            picture.curve_name,
            "secant: none here"
            if view.secant_slope is None
            else f"secant, slope {_secant_text(picture)}",
            "tangent: none here"
            if picture.limit is None
            else f"tangent, slope f'(x0) {numbers.eq_text(picture.limit, SLOPE_DIGITS)}",
        ],
        alt=_description(picture),
        window=touch.Window(x=picture.x_range, y=picture.y_range) if moved else None,
        handles=[_second_point(picture)] if moved else (),
    )


def _quotient_rows(quotient: str, x0: str, dx: str, digits: SecantDigits) -> str:
    """The quotient, then a row per step with the values as the computer has them: '≈' where
    they are rounded, the stored x0 + dx where its rounding changes the slope's digits."""
    x1 = numbers.tex(digits.x1, 17)
    y0, y1 = _digits_tex(digits.y0), _digits_tex(digits.y1)
    subtrahend = f"({y0})" if digits.y0 < 0 else y0  # 1 - (-2), not 1 - -2
    # long values are subtracted in a column, digit under digit, so that they fit a
    # phone's width (and the digits they share stand one above the other)
    rise = (
        rf"{y1} - {subtrahend}"
        if len(y1) + len(y0) <= 20
        else rf"\begin{{array}}{{r}} {y1} \\ -\ {subtrahend} \end{{array}}"
    )
    rows = [rf"&{quotient}", rf"&\quad {{}}= \frac{{f({x1}) - f({x0})}}{{{dx}}}"]
    if digits.step_rounded:
        stored = _digits_tex(digits.x1_stored) + ("" if digits.x1_stored_exact else r"\ldots")
        rows.append(r"&\quad \text{with } x_0 + dx \text{ stored as}")  # two rows: a phone
        rows.append(rf"&\qquad {stored}")
    values = "=" if digits.values_exact else r"\approx"
    slope = "=" if digits.quotient_exact else r"\approx"
    rows.append(rf"&\quad {{}}{values} \frac{{{rise}}}{{{dx}}}")
    rows.append(rf"&\quad {{}}{slope} {_digits_tex(digits.slope)}")
    return r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


def _working_tex(picture: SecantPicture) -> str:
    """The secant's quotient and f'(x0) in one displayed formula."""
    view, ex = picture.view, picture.example
    x0, dx = numbers.tex(view.x0, 15), numbers.tex(view.dx, 15)
    quotient = r"\frac{f(x_0 + dx) - f(x_0)}{dx}"
    if view.missing == "x0 undefined":
        secant = rf"{quotient}:\quad f({x0})\ \text{{does not exist}}"
    elif view.digits is None:
        hole = numbers.tex(view.hole) if view.hole is not None else r"\text{a point}"
        # three rows: on one line it is about 480 px wide, past a phone's 358
        secant = (
            rf"\begin{{aligned}} &{quotient}: \\ &\quad f \text{{ is undefined at }} {hole}"
            rf" \text{{,}} \\ &\quad \text{{inside }} [{x0}, {numbers.tex(view.x1, 15)}]"
            r" \end{aligned}"
        )
    else:
        secant = _quotient_rows(quotient, x0, dx, view.digits)
    f_prime = rf"f'(x_0) = {ex.derivative_latex.replace('x', '(' + x0 + ')')}"
    if picture.limit is None:
        tangent = rf"{f_prime}:\quad \text{{does not exist}}"
    else:
        tangent = rf"{f_prime} {numbers.eq_tex(picture.limit, SLOPE_DIGITS)}"
        if view.error is not None:
            tangent += (
                rf" \\ \displaystyle \left|\,\text{{secant}} - f'(x_0)\right| "
                rf"{numbers.eq_tex(view.error, 3)}"
            )
    lines = rf"\displaystyle {secant} \\[1em] \displaystyle {tangent}"
    return rf"\begin{{gathered}} {lines} \end{{gathered}}"


def _cell(value: Fraction | float) -> str:
    """A table value: exact, or rounded to 10 digits and marked '≈'."""
    return numbers.shown(value, SLOPE_DIGITS)


def _table(picture: SecantPicture) -> None:
    """The notes' secants, dx = 1 down to 1/1000, and their limit: visible, not folded."""
    rows = picture.rows
    limit = (
        f"{_cell(picture.limit)} (the limit, f′(x0))"
        if picture.limit is not None
        else f"none: f is not defined at x0 = {numbers.text(picture.view.x0)}"
    )
    shown = pd.DataFrame(
        {
            "dx": [numbers.text(r.dx) for r in rows] + ["→ 0"],
            "x0 + dx": [numbers.text(r.x1, 15) for r in rows] + [""],
            "f(x0 + dx)": [_cell(r.y1) for r in rows] + [""],
            "secant slope": [_cell(r.slope) for r in rows] + [limit],
        }
    )
    layout.numbers_table(
        shown,
        caption="As dx shrinks, the secant slopes close in on f′(x0)."
        if picture.limit is not None
        else "No secant starts where f is not defined: no slope to close in on.",
    )
