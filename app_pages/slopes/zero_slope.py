"""Section 3, zero slope: move a point along 5x^3 - 3x^5 and read what a flat tangent means.

One call, `core.zero_slope.zero_slope_view(x)`, gives the point, its exact slope, which way the
tangent goes, the stationary point under it (local or global on the window, decided exactly)
and, for a local extremum, the window's point that beats it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import motion, zero_slope
from core.stationary import StationaryPoint
from dashboard import charts, layout, numbers
from dashboard.controls import url_slider

CURVE_NAME = "f(x) = 5x³ − 3x⁵"
LABEL_SHIFT = 0.4  # in x units: how far left of its point a label near the right edge starts


@st.cache_data(show_spinner=False)
def _curve() -> pd.DataFrame:
    return zero_slope.curve_frame().assign(curve=CURVE_NAME)


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
    """What the stationary point is, from the signs either side and the window's values."""
    if point.kind == "no extremum":
        sign = "+" if point.sign_left > 0 else "−"
        trend = "climbing" if point.sign_left > 0 else "falling"
        return (
            "**neither** a maximum nor a minimum: a flat inflection, like x³ at 0. The slope is "
            f"0 but it is {sign} on both sides, so the curve keeps {trend}."
        )
    turn = "+ to −" if point.is_maximum else "− to +"
    goes, word = ("down", "highest") if point.is_maximum else ("up", "lowest")
    if point.kind.startswith("global"):
        name = "maximum" if point.is_maximum else "minimum"
        return (
            f"a **{name}**: the slope goes from {turn}, and no point of the plotted window is "
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
        f"a **{point.kind}**: the slope goes from {turn}, so every small step left or right "
        f"goes {goes}. It is not the {word} point of the plotted window:{where}"
    )


@st.cache_resource(show_spinner=False, max_entries=256)  # read only: the same objects each time
def _picture(x: float) -> tuple[zero_slope.ZeroSlopeView, charts.Chart, str]:
    """The point's view, its chart (data as the Arrow bytes sent) and the chart's description:
    made once per position of the point."""
    view = zero_slope.zero_slope_view(x)
    at, slope = numbers.text(view.x), numbers.text(view.slope)
    marks = pd.DataFrame({"x": [p.x for p in view.points], "y": [p.value for p in view.points]})
    # Labels start right of their point; the one near the right edge starts further left, so
    # that on a phone's narrow chart it does not run past the plot.
    labels = pd.DataFrame(
        {
            "x": [p.x - (LABEL_SHIFT if p.x > 0.5 else 0.0) for p in view.points],
            "y": [p.value for p in view.points],
            "label": [
                p.kind.replace("maximum", "max").replace("minimum", "min") for p in view.points
            ],
        }
    )
    kinds = ", ".join(f"{p.kind} at x = {numbers.text(p.x)}" for p in view.points)
    description = f"{CURVE_NAME}: {kinds}. The tangent at x = {at} has slope {slope}."
    (xa, ya), (xb, yb) = view.tangent_ends
    chart = charts.compose(
        charts.function_plot(
            _curve(),
            series="curve",
            x_title="x",
            y_title="f(x)",
            x_domain=zero_slope.DOMAIN,  # fixed: a tangent near an end does not widen it
            y_domain=(-3, 3),
            colors={CURVE_NAME: charts.COLORS["function"]},
        ),
        charts.horizontal_rule(0, label="y = 0", color=charts.COLORS["muted"]),
        charts.line_through(
            float(view.x),
            float(view.value),
            float(view.slope),
            (xa, xb),
            label="tangent",
            color=charts.COLORS["tangent"],
        ),
        charts.points(marks, color=charts.COLORS["muted"], size=60),
        charts.points(labels, label="label", color=charts.COLORS["muted"], size=1),
        charts.points(
            pd.DataFrame({"x": [float(view.x)], "y": [float(view.value)]}),
            color=charts.COLORS["point"],
            size=130,
        ),
        description=description,
        height=340,
    )
    chart.datasets = {
        name: data if isinstance(data, bytes) else charts.arrow_bytes(data)
        for name, data in chart.datasets.items()
    }
    return view, chart, description


@st.fragment
def _unit() -> None:
    """A movable point on a curve with a local minimum, a flat inflection and a local maximum."""
    x = url_slider(
        "Move the point along the curve, x",
        "point",
        min_value=zero_slope.DOMAIN[0],
        max_value=zero_slope.DOMAIN[1],
        default=0.5,
        step=0.05,
        format="%.2f",
    )
    view, chart, description = _picture(round(float(x), 10))
    charts.show_chart(chart, description)
    at, slope = numbers.text(view.x), numbers.text(view.slope)
    layout.latex(
        rf"\begin{{aligned}} f(x) &= {zero_slope.CURVE_LATEX}, \\ "
        rf"f'(x) &= {zero_slope.SLOPE_LATEX} \\ "
        rf"\Rightarrow\quad f'({numbers.tex(view.x)}) &{numbers.eq_tex(view.slope)} \end{{aligned}}"
    )
    if view.here is None:
        layout.verdict(
            f"At x = {at} the tangent goes {view.direction} (slope {slope}). Move the point to "
            "where it turns horizontal.",
            kind="info",
        )
    else:
        layout.verdict(f"Slope 0 at x = {at}: this is {_kind_sentence(view, view.here)}")


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
