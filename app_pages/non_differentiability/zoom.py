"""Section 1, part 2: the zoom. The dx slider with everything it moves, in one fragment.

One call, `core.zoom.zoom_view(f, x0, dx)`, gives the two slopes, both pictures (f with its
two secants, and f through the window x0 ± dx), and the table of slopes for dx = 1, 0.1, ...
Kept small because a move reruns all of it in the browser: the slopes in one line, the two
pictures side by side, the table under them, the worked maths in one formula.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import streamlit as st

from app_pages.non_differentiability.point import Target
from core.errors import LearnerError
from core.zoom import ZoomView, zoom_view
from dashboard import charts, numbers
from dashboard.controls import url_log_slider
from dashboard.layout import friendly_error, latex, numbers_table, show_maths
from dashboard.markup import markdown_text, message_text

DX_OPTIONS: list[float] = [
    1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 1e-4, 1e-5, 1e-6,
]  # fmt: skip
DEFAULT_DX = 0.1
SIG = 6  # slopes and values are shown to 6 significant digits

LEFT = charts.COLORS["left"]
RIGHT = charts.COLORS["tangent"]


def value_text(value: float, sig: int = SIG) -> str:
    """A slope or a value as the learner reads it: '≈' where it is rounded."""
    return numbers.shown(value, sig)


SECANT_COLORS = {"left secant": LEFT, "right secant": RIGHT}
# The two pieces of f (drawn apart so that a jump or a pole is not joined by a false line).
CURVE_NAMES = {"left of x0": "f (left)", "right of x0": "f (right)"}


def _lines_layer(frame: pd.DataFrame, **plot: object) -> charts.Layer:
    """f's two pieces and the secants as one line layer whose legend names f once.

    `charts.function_plot` gives each piece its own legend entry ("f (left)", "f (right)" in
    the same colour); here the pieces stay separate lines (the detail channel, and each
    piece's samples simplified on its own) while the colour and the dash read a `curve`
    column in which both pieces are "f": three entries, f, left secant, right secant (none
    when f is drawn alone).
    """
    colors = {name: SECANT_COLORS.get(name, charts.COLORS["function"]) for name in frame["side"]}
    layer = charts.function_plot(
        frame, series="side", colors=colors, dashed=["right secant"], **plot
    )
    pieces = set(CURVE_NAMES.values())
    data = layer.data.assign(curve=layer.data["side"].map(lambda s: "f" if s in pieces else s))
    names = list(dict.fromkeys(data["curve"].tolist()))
    encoding = layer.spec["encoding"]
    for channel, values in (
        ("color", {**colors, "f": charts.COLORS["function"]}),
        ("strokeDash", _dashes(encoding["strokeDash"]["scale"], names)),
    ):
        scale = {**encoding[channel]["scale"], "domain": names}
        scale["range"] = [values[name] for name in names]
        encoding[channel] = {**encoding[channel], "field": "curve", "scale": scale}
        if len(names) == 1:  # f alone (no secant drawn): one line needs no legend
            encoding[channel]["legend"] = None
    encoding["tooltip"][0] = {**encoding["tooltip"][0], "field": "curve"}
    return charts.Layer(layer.spec, data)


def _dashes(scale: dict, names: list[str]) -> dict[str, list[int]]:
    """The dash pattern function_plot gave each series, by legend name (f: its pieces')."""
    by_series = dict(zip(scale["domain"], scale["range"], strict=True))
    pieces = [by_series[piece] for piece in CURVE_NAMES.values() if piece in by_series]
    return {name: pieces[0] if name == "f" else by_series[name] for name in names}


def slopes_sentence(view: ZoomView) -> str:
    """The three numbers of one dx in one line: the left slope, the right slope, their gap."""
    return (
        f"At dx = {numbers.text(view.dx)}: left slope **{value_text(view.left_slope)}**, "
        f"right slope **{value_text(view.right_slope)}**, right − left "
        f"**{value_text(view.gap, view.gap_digits)}**."
    )


@st.fragment
def draw(target: Target) -> None:
    """The dx slider, the slopes line, the two pictures, the table and the worked maths."""
    dx = url_log_slider(
        "dx: how far each secant reaches from x0 (shrink it to zoom in)",
        "dx",
        options=DX_OPTIONS,
        default=DEFAULT_DX,
    )
    try:
        view = zoom_view(target.function, target.x0, dx, target.half_width)
    except LearnerError as problem:
        friendly_error(message_text(problem))
        return
    st.markdown(slopes_sentence(view))
    wide, zoomed = st.columns(2)
    with wide:
        _wide_chart(target, view)
    with zoomed:
        _zoom_chart(view)
    numbers_table(
        pd.DataFrame(
            {
                "dx": [numbers.text(v) for v in view.table["dx"]],
                "left slope": [value_text(v) for v in view.table["left_slope"]],
                "right slope": [value_text(v) for v in view.table["right_slope"]],
            }
        )
    )
    with show_maths():
        latex(worked_maths(view))


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(side=frame["side"].map(lambda s: CURVE_NAMES.get(s, s)))


def _eq(value: float) -> str:
    """'= 10' or '≈ 0.544021': a value introduced as exact only when it is."""
    shown = value_text(value)
    return shown if shown.startswith("≈") else f"= {shown}"


def missing_values(view: ZoomView) -> str:
    """Which values of f a missing secant lacks: f(x0) itself, or f on one side."""
    left, right = numbers.text(view.x0 - view.dx), numbers.text(view.x0 + view.dx)
    if "x0" in view.missing:
        beside = (
            f"; f({left}) {_eq(view.f_left)} and "
            f"f({right}) {_eq(view.f_right)} exist, but a secant needs both "
            "of its ends"
            if not {"left", "right"} & set(view.missing)
            else ""
        )
        return f"f has no value at x0 = {numbers.text(view.x0)}, so no secant is drawn{beside}."
    sides = [
        f"f({at}) does not exist, so the {name} secant is not drawn"
        for at, name in ((left, "left"), (right, "right"))
        if name in view.missing
    ]
    return "; ".join(sides) + "."


def _wide_chart(target: Target, view: ZoomView) -> None:
    """f around x0 with both secant lines, extended across the window and cut at its edges."""
    layers = [
        _lines_layer(
            _named(view.wide),
            x_title="x",
            y_title="f(x)",
            x_domain=view.x_range,
            y_domain=view.y_range,
        )
    ]
    if not math.isnan(view.f_x0):
        layers.append(charts.points(pd.DataFrame({"x": [view.x0], "y": [view.f_x0]})))
    window = (
        f"{markdown_text(target.text, limit=200)}, drawn for x from "
        f"{numbers.text(view.x_range[0])} to "
        f"{numbers.text(view.x_range[1])}"
    )
    if math.isnan(view.left_slope) or math.isnan(view.right_slope):
        description = f"{window}; {missing_values(view)}"
    else:
        description = (
            f"{window}, with the left secant (slope {value_text(view.left_slope)}) and the "
            f"right secant (slope {value_text(view.right_slope)})."
        )
    charts.show_chart(charts.compose(*layers, description=description, height=300), description)


def _zoom_chart(view: ZoomView) -> None:
    """f inside the window x0 ± dx, shifted so the point sits at the origin, with the secants
    from x0 − dx to x0 and from x0 to x0 + dx."""
    chart = _domains_from_data(
        _lines_layer(
            _named(view.zoomed),
            x_title="x − x0",
            y_title="f(x) − f(x0)" if view.shifted else "f(x)",
        )
    )
    description = f"Zoomed in to the window x0 ± {numbers.text(view.dx)}: " + (
        "where the derivative exists, the graph straightens into one line that is not vertical."
        if view.shifted
        else "f has no value at x0, so there is no point to draw the secants from."
    )
    charts.show_chart(
        charts.compose(
            chart,
            charts.window_corners((-view.dx, view.dx), view.zoom_y_range),
            description=description,
            height=300,
        ),
        description,
    )


def _shown_value(value: float, sig: int = SIG) -> Fraction:
    """The value exactly as the page prints it (sig significant digits)."""
    if numbers.is_exact(value, sig):
        return numbers.exact_value(value)
    return Fraction(numbers.round_sig(value, sig))


def _value_digits(values: tuple[float, float], slope: float, dx: float) -> int:
    """The fewest digits (from SIG up to 17) for f's two values whose difference over dx gives
    the slope's shown digits: (1.000002 − 1)/10⁻⁶, not (1 − 1)/10⁻⁶."""
    target = _shown_value(slope)
    for sig in range(SIG, 18):
        top, bottom = (_shown_value(v, sig) for v in values)
        if Fraction(numbers.round_sig((top - bottom) / numbers.exact_value(dx), SIG)) == target:
            return sig
    return SIG


def _quotient(
    name: str, first: str, second: str, values: tuple[float, float], slope: float, view: ZoomView
) -> str:
    """One quotient, a row per step: '=' where the printed digits are the values exactly and
    where they give the printed slope, '≈' where not."""
    a, h = numbers.tex(view.x0), numbers.tex(view.dx)
    top, bottom = values
    undefined = any(math.isnan(v) for v in (top, bottom, slope))
    sig = SIG if undefined else _value_digits(values, slope, view.dx)
    shown = [numbers.tex(v, sig) for v in values]
    subtrahend = f"({shown[1]})" if bottom < 0 else shown[1]  # 1 - 0.25, 0 - (-0.464159)
    rows = [rf"\text{{{name}}} &= {first}", rf"&= {second.format(a=a, h=h)}"]
    if undefined:
        rows.append(rf"&= \frac{{{shown[0]} - {subtrahend}}}{{{h}}} = \text{{undefined}}")
        return r" \\ ".join(rows)
    exact_values = all(numbers.is_exact(v, sig) for v in values)
    from_digits = (_shown_value(top, sig) - _shown_value(bottom, sig)) / numbers.exact_value(
        view.dx
    )
    # '=' only where the digits give the slope itself, not just its rounded digits
    gives = numbers.is_exact(slope, SIG) and from_digits == _shown_value(slope)
    first_rel = "=" if exact_values else r"\approx"
    second_rel = "=" if gives else r"\approx"
    rows.append(
        rf"&{first_rel} \frac{{{shown[0]} - {subtrahend}}}{{{h}}}"
        rf" {second_rel} {numbers.tex(slope, SIG)}"
    )
    return r" \\ ".join(rows)


def worked_maths(view: ZoomView) -> str:
    """Both quotients with the numbers filled in, as one formula (one typesetting per move),
    a row per step so that it fits a phone's width."""
    left = _quotient(
        "left slope",
        r"\frac{f(x_0) - f(x_0 - dx)}{dx}",
        r"\frac{{f({a}) - f({a} - {h})}}{{{h}}}",
        (view.f_x0, view.f_left),
        view.left_slope,
        view,
    )
    right = _quotient(
        "right slope",
        r"\frac{f(x_0 + dx) - f(x_0)}{dx}",
        r"\frac{{f({a} + {h}) - f({a})}}{{{h}}}",
        (view.f_right, view.f_x0),
        view.right_slope,
        view,
    )
    return rf"\begin{{aligned}}{left} \\[6pt]{right}\end{{aligned}}"


def _domains_from_data(layer: charts.Layer) -> charts.Layer:
    """The layer with x and y scales that span exactly its chart's data: no rounding out to
    'nice' numbers, no zero forced in. About five x ticks on the symmetric window x0 ± dx
    always include 0, the point itself, however narrow the chart."""
    for axis in ("x", "y"):
        layer.spec["encoding"][axis]["scale"] = {"zero": False, "nice": False}
    layer.spec["encoding"]["x"]["axis"] = {"tickCount": 5}
    return layer
