"""Section 3, zero slope: move a point along 5x^3 - 3x^5 and read what a flat tangent means.

The point x is the range input of a touch unit (`dashboard.touch`): one call,
`core.zero_slope.zero_slope_grid()`, gives the point, its exact slope, which way the tangent
goes, the stationary point under it (local or global on the window, decided exactly) and, for
a local extremum, the window's point that beats it, at every position (the window in steps of
0.05); the picture, the working and the verdict follow the hand in the browser.

URL key: `point` (-1.4 to 1.4 in steps of 0.05, as the old slider's).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core import motion, zero_slope
from core.stationary import StationaryPoint
from dashboard import charts, controls, layout, numbers, touch

CURVE_NAME = "f(x) = 5x³ − 3x⁵"
LABEL_SHIFT = 0.4  # in x units: how far left of its point a label near the right edge starts
KEY = "zero_slope_touch"
POINT = touch.Control(
    label="Move the point along the curve, x",
    param="point",
    values=zero_slope.point_positions(),
    default=0.5,
    hint="Or drag the point along the curve.",
)


def draw() -> None:
    """The section: the live point, the caveat, the notes' quiz."""
    layout.section(
        "Zero slope",
        "Where the tangent is horizontal the slope is 0. That happens at a maximum, at a "
        "minimum, and at points that are neither.",
    )
    _unit()
    st.caption(  # static, so outside the unit: a move of the point does not redraw it
        "Zero slope narrows the search but proves nothing alone: check the slope's sign on "
        "each side, and the rest of the window, before calling a point the highest or lowest."
    )
    _questions()


def _kind_sentence(view: zero_slope.ZeroSlopeView, point: StationaryPoint) -> str:
    """What the stationary point is, from the signs either side and the window's values (plain
    text: the unit's notes show no markdown)."""
    if point.kind == "no extremum":
        sign = "+" if point.sign_left > 0 else "−"
        trend = "climbing" if point.sign_left > 0 else "falling"
        return (
            "neither a maximum nor a minimum: a flat inflection, like x³ at 0. The slope is "
            f"0 but it is {sign} on both sides, so the curve keeps {trend}."
        )
    turn = "+ to −" if point.is_maximum else "− to +"
    goes, word = ("down", "highest") if point.is_maximum else ("up", "lowest")
    if point.kind.startswith("global"):
        name = "maximum" if point.is_maximum else "minimum"
        return (
            f"a {name}: the slope goes from {turn}, and no point of the plotted window is "
            f"{'higher' if point.is_maximum else 'lower'}."
        )
    where = ""
    if view.beaten_by is not None:
        bx, by = view.beaten_by
        where = (
            f" f({numbers.text(bx)}) = {numbers.text(by, 6)} is "
            f"{'higher' if point.is_maximum else 'lower'}."
        )
    return (
        f"a {point.kind}: the slope goes from {turn}, so every small step left or right "
        f"goes {goes}. It is not the {word} point of the plotted window:{where}"
    )


def _accept(text: str) -> float | None:
    """A link's point as the old slider took it: a number from -1.4 to 1.4 in steps of 0.05."""
    try:
        wanted = float(text.strip())
    except (TypeError, ValueError):
        return None
    i = POINT.index_of(wanted) if np.isfinite(wanted) else None
    return None if i is None else POINT.values[i]


def _seed_point() -> None:
    """On the first run, take the link's point, else the default with the old slider's note."""
    low, high = (numbers.text(v) for v in zero_slope.DOMAIN)
    step = numbers.text(float(zero_slope.POINT_STEP))
    controls._seed_from_link(
        POINT.param,
        POINT.label,
        POINT.default,
        _accept,
        f"a number from {low} to {high} in steps of {step}",
    )


@st.cache_resource(show_spinner=False, max_entries=1)  # read only: the same objects each time
def _touch() -> tuple[touch.Picture, list[touch.Row]]:
    """The unit's frame and its row at every position of the point: one core call,
    formatted once."""
    views = zero_slope.zero_slope_grid(POINT.values)
    curve = zero_slope.curve_frame()
    window_x, window_y = zero_slope.DOMAIN, (-3.0, 3.0)
    frame = touch.Picture(
        x=window_x,
        y=window_y,
        x_title="x",
        y_title="f(x)",
        description=f"{CURVE_NAME} with its stationary points, the line y = 0 and the "
        "tangent at the point x.",
        layers=(
            touch.line(
                [(window_x[0], 0.0), (window_x[1], 0.0)],
                charts.COLORS["muted"],
                dash=True,
                width=1.5,
            ),
            touch.line(np.column_stack([curve["x"], curve["y"]]), charts.COLORS["function"]),
        ),
        legend=(
            touch.Key(CURVE_NAME, charts.COLORS["function"]),
            touch.Key("tangent", charts.COLORS["tangent"]),
            touch.Key("y = 0", charts.COLORS["muted"], dash=True),
        ),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(v.x), float(v.value)) for v in views),
                color=charts.COLORS["point"],
            ),
        ),
        height=340,
        x_ticks=touch.nice_ticks(*window_x, 7),
        y_ticks=touch.nice_ticks(*window_y, 6),
        tex=(
            rf"\begin{{aligned}} f(x) &= {zero_slope.CURVE_LATEX}, \\ "
            rf"f'(x) &= {zero_slope.SLOPE_LATEX} \\ "
            r"\Rightarrow\quad f'(@0) &@1 \end{aligned}",
        ),
    )
    return frame, [_row(v) for v in views]


def _marks(view: zero_slope.ZeroSlopeView) -> list[touch.Layer]:
    """The stationary points, and their names beside them. In every row: the kit redraws the
    labels of points with each row. A label starts right of its point; the one near the right
    edge starts further left, so that on a phone's narrow picture it stays inside the plot."""
    points = [(p.x, p.value) for p in view.points]
    return [
        touch.points(points, charts.COLORS["muted"], size=4),
        touch.points(
            [(x - (LABEL_SHIFT if x > 0.5 else 0.0), y) for x, y in points],
            charts.COLORS["muted"],
            labels=[
                p.kind.replace("maximum", "max").replace("minimum", "min") for p in view.points
            ],
            size=0.001,  # the names only (a size of 0 draws the default dot)
        ),
    ]


def verdict(view: zero_slope.ZeroSlopeView) -> str:
    """What the slope says at the point: which way the tangent goes, or what the flat point is."""
    at, slope = numbers.text(view.x), numbers.text(view.slope)
    if view.here is None:
        return (
            f"At x = {at} the tangent goes {view.direction} (slope {slope}). Move the point to "
            "where it turns horizontal."
        )
    return f"Slope 0 at x = {at}: this is {_kind_sentence(view, view.here)}"


def description(view: zero_slope.ZeroSlopeView) -> str:
    """The picture in one sentence, for screen readers: it follows the point."""
    kinds = ", ".join(f"{p.kind} at x = {numbers.text(p.x)}" for p in view.points)
    return (
        f"{CURVE_NAME}: {kinds}. The tangent at x = {numbers.text(view.x)} has slope "
        f"{numbers.text(view.slope)}."
    )


def _row(view: zero_slope.ZeroSlopeView) -> touch.Row:
    """What the unit shows with the point at x: the marks, the tangent and the point, f'(x0)
    worked, the verdict."""
    x, y = float(view.x), float(view.value)
    return touch.row(
        [
            *_marks(view),
            touch.line(view.tangent_ends, charts.COLORS["tangent"]),
            touch.points([(x, y)], charts.COLORS["point"], size=6),
        ],
        tex=[touch.filled(0, [numbers.tex(view.x), numbers.eq_tex(view.slope)])],
        notes=[verdict(view)],
        legend=[CURVE_NAME, f"tangent, slope {numbers.text(view.slope)}", "y = 0"],
        alt=f"{description(view)} {verdict(view)}",
    )


@st.fragment
def _unit() -> None:
    """A movable point on a curve with a local minimum, a flat inflection and a local maximum."""
    _seed_point()
    frame, rows = _touch()
    touch.touch_unit(KEY, [POINT], frame, [rows])


def _questions() -> None:
    """The notes' quiz, and what a horizontal tangent's slope is."""
    speeds = {t: motion.velocity_at(t) for t in (4.0, 6.0, 21.0)}
    layout.quiz_choice(
        "car_zero_velocity",
        "Quiz from the notes: where was the velocity of the car zero?",
        ["at t = 4 s", "at t = 6 s", "at t = 19.5 s (between 19 s and 20 s)", "at t = 21 s"],
        answer=2,
        explanation=(
            "d(19) = d(20) = 265 m, so the slope is (265 − 265)/(20 − 19) = 0 m/s: the distance "
            "graph is flat and its tangent horizontal. Elsewhere it still climbs: "
            + ", ".join(
                f"v({numbers.text(t)} s) {numbers.eq_text(v, 3)} m/s" for t, v in speeds.items()
            )
            + "."
        ),
    )
    layout.quiz_choice(
        "horizontal_tangent",
        "What is the slope of a horizontal tangent?",
        ["0", "1", "It is undefined", "It depends on the function"],
        answer=0,
        explanation="Horizontal means no rise for any run: rise/run = 0/run = 0.",
        hints={2: "Undefined is a vertical tangent (run 0), as for x^(1/3) at 0."},
    )
