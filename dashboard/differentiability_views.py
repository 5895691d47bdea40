"""The pieces of the non-differentiability page: choosing a point, the zoom, the verdict.

No mathematics here: every number comes from `core.differentiability` (and, for a typed
function, from the expression engine through its time-limited worker).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from core.differentiability import (
    GALLERY,
    QUIZ_PICTURE,
    RELU_SUBGRADIENT_AT_0,
    PointKind,
    PointReport,
    curve_sides,
    decade_dxs,
    describe_point,
    display_range,
    evaluate,
    one_sided_slopes,
    relu,
    relu_slopes,
    secant_line_in_window,
    slope_study,
    zoom_curve,
)
from core.errors import LearnerError
from core.limits import MAX_EXPRESSION_CHARS
from dashboard import charts
from dashboard.controls import url_log_slider, url_number, url_text
from dashboard.layout import friendly_error, latex, numbers_table, show_maths, verdict

CASES: list[str] = ["corner", "cusp", "jump", "vertical", "undefined", "smooth", "custom"]
CASE_LABELS: dict[str, str] = {
    "corner": "Corner: |x|",
    "cusp": "Cusp: x^(2/3)",
    "jump": "Jump: a step",
    "vertical": "Vertical tangent: x^(1/3)",
    "undefined": "Undefined: 1/x",
    "smooth": "Smooth: x²",
    "custom": "Your own function",
}
CASE_HELP = "Six cases from the notes, each at its point, or your own function and point."
DX_OPTIONS: list[float] = [
    1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 1e-4, 1e-5, 1e-6,
]  # fmt: skip
DEFAULT_DX = 0.1
DEFAULT_CUSTOM_F = "abs(x^2 - 1)"
DEFAULT_CUSTOM_X0 = 1.0
X0_LIMIT = 10.0

LEFT = charts.COLORS["left"]
RIGHT = charts.COLORS["tangent"]


@dataclass(frozen=True)
class Target:
    """The function and the point the learner zooms into."""

    function: Callable
    x0: float
    text: str  # plain text of the formula, for descriptions
    half_width: float = 2.0


def number(value: float) -> str:
    """A slope or value as the page shows it: 6 significant digits, 'undefined' for nan."""
    if value is None or math.isnan(value):
        return "undefined"
    if math.isinf(value):
        return "+∞" if value > 0 else "−∞"
    if abs(value) < 1e-9:
        return "0"
    return f"{value:.6g}".replace("-", "−")


def tex_number(value: float) -> str:
    """A number for a LaTeX formula: 6 significant digits, powers of ten written as such."""
    if math.isnan(value):
        return r"\text{undefined}"
    if math.isinf(value):
        return r"+\infty" if value > 0 else r"-\infty"
    mantissa, _, exponent = f"{value:.6g}".partition("e")
    if not exponent:
        return mantissa
    power = rf"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \times {power}"


def approx(value: float) -> str:
    """A limit read off the slopes, rounded to 4 decimals (the slopes at dx = 1e-7 are that
    close to it for ordinary functions, not closer)."""
    return number(round(value, 4)) if math.isfinite(value) else number(value)


def choose_target(case: str) -> Target | None:
    """The gallery case, or the learner's own function and point (None if it cannot be used)."""
    if case in GALLERY:
        chosen = GALLERY[case]
        latex(rf"{chosen.latex} \quad \text{{at}} \quad x_0 = {tex_number(chosen.x0)}")
        return Target(chosen.function, chosen.x0, chosen.text, chosen.half_width)
    left, right = st.columns([3, 1])
    with left:
        text = url_text(
            "Your function f(x)",
            "f",
            default=DEFAULT_CUSTOM_F,
            max_chars=MAX_EXPRESSION_CHARS,
            help="Use x as the variable; e.g. abs(x), x^(2/3), sqrt(x^2), 1/(x - 1), x*abs(x).",
            placeholder="e.g. abs(x - 2)",
        )
    with right:
        x0 = url_number(
            "at the point x0",
            "x0",
            min_value=-X0_LIMIT,
            max_value=X0_LIMIT,
            default=DEFAULT_CUSTOM_X0,
            step=0.1,
        )
    function, shown, plain = typed_function(text)
    if function is None:
        return None
    latex(rf"f(x) = {shown} \quad \text{{at}} \quad x_0 = {tex_number(x0)}")
    return Target(function, float(x0), f"f(x) = {plain}")


def typed_function(text: str) -> tuple[Callable | None, str, str]:
    """A numeric function, its LaTeX and its canonical text for typed text, or
    (None, "", "") after a friendly error.

    The text goes through the engine's `analyse`, which parses it without eval and does the
    SymPy work in a time-limited worker process (and caches it), so no input stalls the server.
    """
    from core.expression_worker import analyse
    from core.expressions import ExpressionError, numeric_function

    if not text.strip():
        friendly_error("Type a function of x, for example `abs(x - 2)`.")
        return None, "", ""
    analysis = analyse(text)
    if analysis.too_expensive:
        friendly_error(
            f"That function is too big or too slow to work out here ({analysis.error}). "
            "Try a shorter one, such as `abs(x - 2)` or `x^(2/3)`."
        )
        return None, "", ""
    if analysis.error or analysis.expression is None:
        friendly_error(f"That function could not be read: {analysis.error}")
        return None, "", ""
    try:
        function = numeric_function(analysis.expression)
        return function, analysis.function_latex, analysis.text
    except ExpressionError as problem:
        friendly_error(f"That function could not be evaluated: {problem}")
        return None, "", ""


def verdict_sentence(report: PointReport) -> str:
    """The one-line verdict, naming the kind of point and what the slopes do."""
    left, right = approx(report.left_limit), approx(report.right_limit)
    at = f"x0 = {number(report.x0)}"
    kind = report.kind
    if kind is PointKind.DIFFERENTIABLE:
        return (
            f"Verdict: differentiable at {at}. Both slopes approach the same number, "
            f"f'(x0) ≈ {approx(report.derivative)}, and the zoomed graph becomes a straight line."
        )
    if kind is PointKind.CORNER:
        return (
            f"Verdict: corner at {at}. The left slopes go to {left}, the right slopes to "
            f"{right}: two directions, no single tangent."
        )
    if kind is PointKind.OSCILLATING:
        return (
            f"Verdict: no limit at {at}. The slopes keep swinging as dx shrinks and never "
            "settle on one number (nor run off to infinity), so there is no tangent."
        )
    if kind is PointKind.CUSP:
        return (
            f"Verdict: cusp at {at}. The left slopes run off to {left} and the right slopes "
            f"to {right}: the two sides meet in a sharp point."
        )
    if kind is PointKind.VERTICAL_TANGENT:
        return (
            f"Verdict: vertical tangent at {at}. Both slopes run off to {right}: the tangent "
            "is a vertical line, and a vertical line has no (finite) slope."
        )
    if kind is PointKind.JUMP:
        side = "left" if math.isinf(report.left_limit) else "right"
        return (
            f"Verdict: jump at {at}. f is not continuous there, so the {side} slope blows up "
            "like (size of the jump) / dx."
        )
    if math.isnan(report.f_x0):
        return (
            f"Verdict: undefined at {at}. f(x0) does not exist, so the graph has no point "
            "there to zoom into and there is no derivative."
        )
    return (
        f"Verdict: undefined beside {at}. f is not defined on one side of x0 however small "
        "dx is, so there is no two-sided slope and no derivative."
    )


def _with_secants(
    curve: pd.DataFrame,
    secants: list[tuple[str, tuple[tuple[float, float], tuple[float, float]] | None]],
) -> pd.DataFrame:
    """The curve's rows plus two rows per drawn secant, in one long frame (x, y, side):
    one chart layer instead of one per line keeps a rerun quick."""
    rows = [
        pd.DataFrame({"x": [start[0], end[0]], "y": [start[1], end[1]], "side": [name, name]})
        for name, line in secants
        if line is not None
        for start, end in [line]
    ]
    return pd.concat([curve[["x", "y", "side"]], *rows], ignore_index=True)


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


def _curve_chart(target: Target, table: pd.DataFrame, dx: float) -> None:
    """f around x0 with both secant lines, extended across the window and cut at its edges."""
    curve = curve_sides(target.function, target.x0, target.half_width)
    x_range = (target.x0 - target.half_width, target.x0 + target.half_width)
    y_range = display_range(curve["y"])
    curve = curve.loc[curve["y"].between(*y_range)]
    curve = curve.assign(side=curve["side"].map(CURVE_NAMES))
    row = table.iloc[0]
    frame = _with_secants(
        curve,
        [
            (name, secant_line_in_window(target.x0, row["f_x0"], slope, x_range, y_range))
            for name, slope in (
                ("left secant", row["left_slope"]),
                ("right secant", row["right_slope"]),
            )
        ],
    )
    layers = [_lines_layer(frame, x_title="x", y_title="f(x)", x_domain=x_range, y_domain=y_range)]
    if not math.isnan(row["f_x0"]):
        layers.append(charts.points(pd.DataFrame({"x": [target.x0], "y": [row["f_x0"]]})))
    window = f"The graph of {target.text} for x from {number(x_range[0])} to {number(x_range[1])}"
    if math.isnan(row["left_slope"]) or math.isnan(row["right_slope"]):
        description = f"{window}; {_missing_values(target.x0, dx, row)}"
    else:
        description = (
            f"{window}, with the left secant line (slope {number(row['left_slope'])}) and the "
            f"right secant line (slope {number(row['right_slope'])}) through the point at x0 "
            f"for dx = {dx:g}."
        )
    charts.show_chart(charts.compose(*layers, description=description, height=300), description)


def _missing_values(x0: float, dx: float, row: pd.Series) -> str:
    """Which values of f a missing secant lacks: f(x0) itself, or f on one side."""
    left, right = number(x0 - dx), number(x0 + dx)
    if math.isnan(row["f_x0"]):
        beside = (
            f"; f({left}) = {number(row['f_left'])} and f({right}) = {number(row['f_right'])} "
            "exist, but a secant needs both of its ends"
            if not (math.isnan(row["f_left"]) or math.isnan(row["f_right"]))
            else ""
        )
        return f"f has no value at x0 = {number(x0)}, so no secant is drawn{beside}."
    sides = [
        f"f({at}) does not exist, so the {name} secant is not drawn"
        for at, name, value in ((left, "left", row["f_left"]), (right, "right", row["f_right"]))
        if math.isnan(value)
    ]
    return "; ".join(sides) + "."


def _zoom_chart(target: Target, table: pd.DataFrame, dx: float) -> None:
    """f inside the window x0 +- dx, shifted so the point sits at the origin, with the
    secants from x0 - dx to x0 and from x0 to x0 + dx."""
    zoom = zoom_curve(target.function, target.x0, dx)
    row = table.iloc[0]
    shifted = not math.isnan(row["f_x0"])
    y_range = display_range(zoom["v"])
    curve = zoom.loc[zoom["v"].between(*y_range)].rename(columns={"u": "x", "v": "y"})
    secants = [
        (name, secant_line_in_window(0.0, 0.0, slope, window, y_range) if shifted else None)
        for name, slope, window in (
            ("left secant", row["left_slope"], (-dx, 0.0)),
            ("right secant", row["right_slope"], (0.0, dx)),
        )
    ]
    frame = _with_secants(curve.assign(side=curve["side"].map(CURVE_NAMES)), secants)
    chart = _domains_from_data(
        _lines_layer(frame, x_title="x − x0", y_title="f(x) − f(x0)" if shifted else "f(x)")
    )
    description = f"Zoomed in to the window x0 ± {dx:g}: " + (
        "the graph straightens into one line only where the derivative exists."
        if shifted
        else "f has no value at x0, so there is no point to draw the secants from."
    )
    charts.show_chart(
        charts.compose(
            chart, charts.window_corners((-dx, dx), y_range), description=description, height=300
        ),
        description,
    )


def _domains_from_data(layer: charts.Layer) -> charts.Layer:
    """The layer with x and y scales that span exactly its chart's data: no rounding out to
    'nice' numbers, no zero forced in. About five x ticks on the symmetric window x0 ± dx
    always include 0, the point itself, however narrow the chart."""
    for axis in ("x", "y"):
        layer.spec["encoding"][axis]["scale"] = {"zero": False, "nice": False}
    layer.spec["encoding"]["x"]["axis"] = {"tickCount": 5}
    return layer


def slopes_chart(target: Target) -> None:
    """The left and right slopes for every dx of the slider, 1 down to 1e-6, at once.

    It does not follow the slider (the whole range is drawn), so it is drawn once, outside
    the dx fragment, right before the verdict it leads to.
    """
    smallest = min(DX_OPTIONS)
    # In increasing dx, so that each line goes left to right and sends only the samples its
    # drawing needs (a line whose x runs backwards is sent whole).
    study = slope_study(target.function, target.x0, smallest).dropna()
    study = study.sort_values(["side", "dx"], kind="stable", ignore_index=True)
    if study.empty:
        st.caption("No slopes to draw: f is undefined at x0.")
        return
    description = (
        f"The left and right slopes for every dx from 1 down to {smallest:g} (log scale; "
        "smaller dx to the left): they meet only where the derivative exists."
    )
    chart = charts.function_plot(
        study,
        x="dx",
        y="slope",
        series="side",
        x_title="dx (log scale)",
        y_title="slope",
        x_domain=(smallest, max(DX_OPTIONS)),
        log_x=True,
        colors={"left slope": LEFT, "right slope": RIGHT},
        dashed=["right slope"],
    )
    charts.show_chart(charts.compose(chart, description=description, height=260), description)


def slopes_table(target: Target, dx: float) -> pd.DataFrame:
    """The rows the page shows: dx = 1, 0.1, ... down to the chosen dx, as text."""
    table = one_sided_slopes(target.function, target.x0, decade_dxs(dx))
    return pd.DataFrame(
        {
            "dx": [f"{v:g}" for v in table["dx"]],
            "left slope": [number(v) for v in table["left_slope"]],
            "right slope": [number(v) for v in table["right_slope"]],
        }
    )


def zoom_section(target: Target) -> None:
    """The zoom unit for the chosen point, then what the zoom shows: the slopes for every dx,
    the rule and the verdict.

    None of these depends on dx (the verdict reads the slopes at dx = 1e-4 ... 1e-7), so they
    stay outside the dx slider's fragment: a move reruns only what it changes.
    """
    try:
        report = describe_point(target.function, target.x0)
    except LearnerError as problem:
        friendly_error(str(problem))
        return
    zoom_unit(target)
    slopes_chart(target)
    st.markdown(
        "The derivative f'(x0) exists only if both slopes approach **one** finite number as "
        "dx → 0. Two different numbers (a corner), ±∞ (a cusp or a vertical tangent), a "
        "slope that grows like 1/dx (a jump) or no f(x0) at all: no derivative."
    )
    kind = "success" if report.kind is PointKind.DIFFERENTIABLE else "warning"
    verdict(verdict_sentence(report), kind=kind)


def slopes_sentence(dx: float, left: float, right: float) -> str:
    """The three numbers of one dx in one line: the left slope, the right slope, their gap."""
    return (
        f"At dx = {dx:g}: left slope **{number(left)}**, right slope **{number(right)}**, "
        f"right − left **{number(right - left)}**."
    )


@st.fragment
def zoom_unit(target: Target) -> None:
    """The dx slider with everything it moves: slopes, pictures, table, maths.

    Kept small because a move reruns all of it in the browser: the slopes in one line, the two
    pictures side by side, the table under them (it grows as dx shrinks, so nothing that the
    learner watches sits below it), the worked maths in one formula.
    """
    dx = url_log_slider(
        "dx: how far each secant reaches from x0 (shrink it to zoom in)",
        "dx",
        options=DX_OPTIONS,
        default=DEFAULT_DX,
    )
    try:
        table = one_sided_slopes(target.function, target.x0, [dx])
    except LearnerError as problem:
        friendly_error(str(problem))
        return
    row = table.iloc[0]
    st.markdown(slopes_sentence(dx, row["left_slope"], row["right_slope"]))
    wide, zoomed = st.columns(2)
    with wide:
        _curve_chart(target, table, dx)
    with zoomed:
        _zoom_chart(target, table, dx)
    # The dx column says what the rows are: dx = 1, 0.1, ... down to the chosen dx.
    numbers_table(slopes_table(target, dx))
    with show_maths():
        _worked_maths(row, target.x0, dx)


def _worked_maths(row: pd.Series, x0: float, dx: float) -> None:
    """Both quotients with the numbers filled in, as one formula (one typesetting per move),
    a row per step so that it fits a phone's width."""
    a, h = tex_number(x0), tex_number(dx)
    f0, fl, fr = (tex_number(row[key]) for key in ("f_x0", "f_left", "f_right"))
    # a value subtracted is bracketed only when negative: 1 - 0.25, but 0 - (-0.464159)
    fl_sub, f0_sub = (
        f"({shown})" if row[key] < 0 else shown for shown, key in ((fl, "f_left"), (f0, "f_x0"))
    )
    latex(
        r"\begin{aligned}"
        rf"\text{{left slope}} &= \frac{{f(x_0) - f(x_0 - dx)}}{{dx}}"
        rf" \\ &= \frac{{f({a}) - f({a} - {h})}}{{{h}}}"
        rf" \\ &= \frac{{{f0} - {fl_sub}}}{{{h}}} = {tex_number(row['left_slope'])} \\[6pt]"
        rf"\text{{right slope}} &= \frac{{f(x_0 + dx) - f(x_0)}}{{dx}}"
        rf" \\ &= \frac{{f({a} + {h}) - f({a})}}{{{h}}}"
        rf" \\ &= \frac{{{fr} - {f0_sub}}}{{{h}}} = {tex_number(row['right_slope'])}"
        r"\end{aligned}"
    )


def relu_panel() -> None:
    """ReLU's corner at 0: its left and right slopes, and the value training code picks."""
    dxs = [0.1, 0.001, 1e-6]
    table = relu_slopes(dxs)
    st.markdown(
        "ReLU(x) = max(0, x) in neural networks and |x| in the L1 loss both have a **corner "
        "at 0**, yet models train with them every day. Gradient descent needs *a* slope, and "
        "at the corner the training code simply picks one. Both functions are **convex** (no "
        "chord dips below the graph), and for a convex function any number between the left "
        "and the right slope is a **subgradient**: the line through the corner with that "
        "slope never rises above the graph. For ReLU the usual choice is "
        f"**{RELU_SUBGRADIENT_AT_0:g}**; for |x| it is 0 as well, which says rightly that 0 is "
        "the minimum of |x|: every step away from 0 goes up. Hitting exactly 0 is rare with "
        "real-valued data."
    )
    left, right = st.columns([2, 3])
    with left:
        numbers_table(
            pd.DataFrame(
                {
                    "dx": [f"{v:g}" for v in dxs],
                    "ReLU left slope": [number(v) for v in table["left_slope"]],
                    "ReLU right slope": [number(v) for v in table["right_slope"]],
                }
            ),
            caption="ReLU at 0: left slope 0 and right slope 1 for every dx, a corner.",
        )
    with right:
        frame = curve_sides(relu, 0.0, 2.0, points=20)
        names = {"left of x0": "ReLU for x < 0: slope 0", "right of x0": "ReLU for x > 0: slope 1"}
        description = "ReLU(x) = max(0, x): flat (slope 0) left of 0, slope 1 right of 0."
        chart = charts.function_plot(
            frame.assign(side=frame["side"].map(names)),
            series="side",
            x_title="x",
            y_title="ReLU(x)",
            colors={names["left of x0"]: LEFT, names["right of x0"]: RIGHT},
        )
        charts.show_chart(charts.compose(chart, description=description, height=220), description)


def quiz_picture() -> None:
    """The graph the first question asks about, without naming its kind.

    One line, so no legend: the y axis title g(x) and the caption name it. A cusp is
    continuous, so both sides of x0 are drawn as one line.
    """
    frame = curve_sides(QUIZ_PICTURE.function, QUIZ_PICTURE.x0, 2.0)[["x", "y"]]
    description = f"The graph of {QUIZ_PICTURE.text} around x = {number(QUIZ_PICTURE.x0)}."
    chart = charts.compose(
        charts.function_plot(frame, x_title="x", y_title="g(x)"),
        charts.points(
            pd.DataFrame(
                {
                    "x": [QUIZ_PICTURE.x0],
                    "y": evaluate(QUIZ_PICTURE.function, [QUIZ_PICTURE.x0]),
                }
            )
        ),
        description=description,
        height=220,
    )
    charts.show_chart(chart, description)
