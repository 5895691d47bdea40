"""The regression page's pieces: each function draws one part of the page.

The mathematics lives in `core.regression` and `core.datasets`; these functions read the
controls, call core, and draw. Each slider-and-chart unit is an `st.fragment`, so moving a
slider reruns only its own part of the page. Heavy pure work (the loss grid, the descent
path) is cached with `st.cache_data`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core import limits
from core.datasets import (
    TWO_HOUSES,
    Points,
    fitted_table,
    notes_table,
    parse_points_csv,
    points_from_table,
    window_for,
)
from core.errors import LearnerError
from core.limits import MAX_DATA_ROWS, MAX_LINE_POINTS, MAX_UPLOAD_BYTES
from core.regression import (
    DIVERGENCE_FACTOR,
    DescentPath,
    ParameterWindow,
    contraction_per_step,
    converged_at,
    gradient_descent_line,
    landscape_cells,
    line_through_two_points,
    mse,
    mse_gradient,
    mse_over_slopes,
    normal_equations,
    optimal_learning_rate,
    predict,
    residual_squares,
    residuals,
    stable_learning_rate_limit,
    steps_to_converge,
)
from dashboard import charts, live_chart
from dashboard.controls import url_choice, url_log_slider, url_slider, url_toggle
from dashboard.layout import (
    friendly_error,
    friendly_note,
    latex,
    numbers_table,
    quiz_choice,
    quiz_number,
    section,
    show_maths,
    verdict,
)

C = charts.COLORS
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
GRID_SIZE = 40  # cells per side of the loss landscape (1,600 rectangles in the browser)
LEARNING_RATES = [1e-6, 1e-5, 1e-4, 0.001, 0.003, 0.01, 0.02, 0.025, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5]
DEFAULT_LEARNING_RATE = 0.01
MAX_ITERATIONS = limits.MAX_REGRESSION_ITERATIONS
DEFAULT_ITERATIONS = 1000
SOURCES = ["notes", "houses", "own"]
_OWN = "regression_own"  # session-state key of the learner's own data


# --- numbers -----------------------------------------------------------------------------------


def number(value: float, digits: int = 6) -> str:
    """A number for people: thousands separated, at most `digits` significant digits."""
    if not math.isfinite(value):
        return "undefined"
    if value == 0:
        return "0"
    if abs(value) < 1e9 and (float(value).is_integer() or abs(value) >= 1e5):
        return f"{value:,.0f}"
    if 1e-4 <= abs(value) < 1e5:
        return f"{value:,.{digits}g}"
    mantissa, exponent = f"{value:.{min(digits, 4) - 1}e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def tex_number(value: float, digits: int = 6) -> str:
    """A number for LaTeX: thousands separators that do not add space, powers of ten as 10^k."""
    text = number(value, digits).replace(",", "{,}")
    if " × 10" in text:
        mantissa, power = text.split(" × 10")
        exponent = power.translate({v: k for k, v in _SUPERSCRIPT.items()})
        text = rf"{mantissa} \times 10^{{{exponent}}}"
    return text


def _steps(count: int) -> str:
    """'1 step', '2 steps', '1,000 steps'."""
    return f"{count:,} step{'' if count == 1 else 's'}"


def _signed(value: float) -> str:
    return f"- {tex_number(-value)}" if value < 0 else f"+ {tex_number(value)}"


# --- the data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegressionData:
    """What the page fits: the points, their window of (slope, intercept), and where from."""

    points: Points
    window: ParameterWindow
    source: str
    outlier: str


def two_houses() -> None:
    """Section 1: the line through the two houses and a prediction."""
    slope, intercept = line_through_two_points(
        TWO_HOUSES.x[0], TWO_HOUSES.y[0], TWO_HOUSES.x[1], TWO_HOUSES.y[1]
    )
    latex(r"\text{slope} = \frac{250{,}000 - 150{,}000}{2 - 1} = " + tex_number(slope))
    latex(
        r"\text{intercept} = 150{,}000 - "
        + tex_number(slope)
        + r"\cdot 1 = "
        + tex_number(intercept)
    )
    st.markdown(
        f"One more bedroom adds **{number(slope)}** to the price (the slope), and the line's "
        f"price at 0 bedrooms is **{number(intercept)}** (the intercept)."
    )
    _two_houses_prediction(slope, intercept)


@st.fragment
def _two_houses_prediction(slope: float, intercept: float) -> None:
    bedrooms = url_slider(
        "Bedrooms of the house to price",
        "bedrooms",
        min_value=0,
        max_value=10,
        default=3,
        step=1,
        help="The line through the two houses predicts a price for any number of bedrooms.",
    )
    price = float(predict(bedrooms, slope, intercept))
    st.metric(f"Predicted price for {bedrooms} bedrooms", number(price))
    latex(
        rf"\text{{price}} = {tex_number(slope)} \cdot {bedrooms} + {tex_number(intercept)}"
        rf" = {tex_number(price)}"
    )
    frame = pd.DataFrame(
        {
            "x": [*TWO_HOUSES.x, bedrooms],
            "y": [*TWO_HOUSES.y, price],
            "label": ["house 1", "house 2", f"{bedrooms} bedrooms?"],
        }
    )
    description = (
        f"The two houses at (1, 150,000) and (2, 250,000), the line through them with slope "
        f"{number(slope)} and intercept {number(intercept)}, and the predicted price "
        f"{number(price)} for {bedrooms} bedrooms."
    )

    def dots(rows: pd.DataFrame, colour: str) -> charts.Layer:
        encoding = {
            "x": _q("x", title="bedrooms", scale={"domain": [0, 10], "nice": False}),
            "y": _q("y", title="price", axis={"format": ",.0f"}),
            "tooltip": [
                _n("label", title=""),
                _q("x", title="bedrooms"),
                _q("y", title="price", format=",.0f"),
            ],
        }
        circle = {"type": "circle", "size": 110, "color": colour, "opacity": 1}
        text = {"type": "text", "align": "left", "dx": 9, "dy": -9, "fontSize": 13}
        return charts.Layer(
            {
                "layer": [
                    {"mark": {**circle, "stroke": "white", "strokeWidth": 1}, "encoding": encoding},
                    {
                        "mark": {**text, "color": colour},
                        "encoding": {**encoding, "text": _n("label")},
                    },
                ]
            },
            rows,
        )

    chart = charts.compose(
        _lines_layer(
            [("line through the houses", slope, intercept, C["function"], False)], [0, 10]
        ),
        dots(frame.iloc[:2], C["point"]),
        dots(frame.iloc[2:], C["derivative"]),
        description=description,
        height=300,
    )
    charts.show_chart(chart, description)


def _own_state() -> dict:
    """The learner's own data in this session: the table under edit and the last good points."""
    if _OWN not in st.session_state:
        start = notes_table("as-written")
        st.session_state[_OWN] = {
            "table": start.frame(),
            "version": 0,
            "good": start,
            "upload_id": None,
            "upload_error": None,
            "upload_message": None,
        }
    return st.session_state[_OWN]


def _read_upload(state: dict) -> None:
    """Take a newly uploaded CSV, or keep the previous data and say what was wrong with it."""
    uploaded = st.file_uploader(
        "Upload a CSV file: two columns of numbers, x then y (a header row is optional)",
        type=["csv"],
        key="regression_upload",
        help=f"At most {MAX_DATA_ROWS:,} rows and {MAX_UPLOAD_BYTES // 1000:,} kB.",
    )
    if uploaded is None:
        state["upload_id"] = None
        state["upload_error"] = None
        return
    if uploaded.file_id != state["upload_id"]:
        state["upload_id"] = uploaded.file_id
        state["upload_error"] = None
        try:
            points = parse_points_csv(uploaded.getvalue(), uploaded.name)
        except LearnerError as error:
            state["upload_error"] = f"“{uploaded.name}” was not loaded. {error}"
        else:
            state["table"] = points.frame()
            state["version"] += 1
            state["good"] = points
            state["upload_message"] = f"Loaded {points.n:,} points from “{uploaded.name}”."
    if state["upload_error"]:
        friendly_error(state["upload_error"] + " The previous data is kept.")
    elif state["upload_message"]:
        verdict(state["upload_message"], "success")


def _own_points() -> Points:
    """The editable table and the upload; returns the points to fit."""
    state = _own_state()
    _read_upload(state)
    table: pd.DataFrame = state["table"]
    edited = st.data_editor(
        table,
        num_rows="dynamic",
        hide_index=True,
        key=f"regression_editor_{state['version']}",
        column_config={
            str(name): st.column_config.NumberColumn(str(name), required=False)
            for name in table.columns
        },
        width="content",
    )
    try:
        points, notes = points_from_table(edited)
    except LearnerError as error:
        friendly_error(f"{error} The fit below uses the last table that worked.")
        return state["good"]
    for note in notes:
        friendly_note(note)
    state["good"] = points
    return points


def choose_data() -> RegressionData:
    """Section 2: which points the rest of the page fits, shown (or edited) as a table."""
    source = url_choice(
        "Data to fit: the notes' table, the two houses, or your own points",
        "data",
        options=SOURCES,
        default="notes",
    )
    outlier = "as-written"
    if source == "notes":
        outlier = url_choice(
            "The 10-bedroom price: as written (10000) or fixed to 1000, as probably meant",
            "outlier",
            options=["as-written", "fixed"],
            default="as-written",
            help="The notes price a 10-bedroom house at 10000: the pattern 100 per bedroom "
            "says 1000 was probably meant.",
        )
        points = notes_table(outlier)
        _notes_table(points, outlier)
    elif source == "houses":
        points = TWO_HOUSES
        numbers_table(points.frame())
    else:
        points = _own_points()
    window = window_for(points, notes=source == "notes")
    slope, intercept = least_squares(points)
    st.download_button(
        "Download the data and the least-squares line (CSV)",
        data=fitted_table(points, slope, intercept).to_csv(index=False),
        file_name="regression-data-and-line.csv",
        mime="text/csv",
        on_click="ignore",
        icon="⬇️",
    )
    return RegressionData(points, window, source, outlier)


def _notes_table(points: Points, outlier: str) -> None:
    row = {"bedrooms": ["price"]}
    for x, y in zip(points.x, points.y, strict=True):
        row[number(x)] = [number(y)]
    numbers_table(pd.DataFrame(row))
    if outlier == "as-written":
        st.markdown(
            "The last price breaks the pattern of 100 per bedroom: **10000** is written where "
            "**1000** was probably meant. The page keeps it as written; switch it to see what "
            "one outlier does to a least-squares line."
        )


# --- cached work -----------------------------------------------------------------------------


@st.cache_data(max_entries=64, show_spinner=False)
def least_squares(points: Points) -> tuple[float, float]:
    """The least-squares (slope, intercept) of the points."""
    eq = normal_equations(points.x, points.y)
    return eq.slope, eq.intercept


@st.cache_data(max_entries=64, show_spinner=False)
def _landscape(points: Points, window: ParameterWindow) -> pd.DataFrame:
    """The MSE on a grid of cells covering the window, floored for a log colour scale."""
    cells = landscape_cells(points.x, points.y, window, GRID_SIZE)
    floor = max(float(cells["MSE"].max()) * 1e-9, 1e-12)  # a log colour scale cannot show 0
    return cells.assign(MSE=cells["MSE"].clip(lower=floor))


@st.cache_data(max_entries=64, show_spinner=False)
def _descent(points: Points, learning_rate: float, iterations: int, scaled: bool) -> DescentPath:
    return gradient_descent_line(points.x, points.y, learning_rate, iterations, scale_x=scaled)


# --- charts --------------------------------------------------------------------------------------


def _domains(points: Points) -> tuple[list[float], list[float]]:
    x_low, x_high = float(points.x.min()), float(points.x.max())
    y_low, y_high = min(0.0, float(points.y.min())), max(0.0, float(points.y.max()))
    x_pad = 0.08 * (x_high - x_low)
    y_pad = 0.08 * ((y_high - y_low) or 1.0)
    return [x_low - x_pad, x_high + x_pad], [y_low - y_pad, y_high + y_pad]


def _sample(points: Points) -> Points:
    """At most MAX_LINE_POINTS points, evenly spread through the table, for drawing."""
    if points.n <= MAX_LINE_POINTS:
        return points
    keep = np.linspace(0, points.n - 1, MAX_LINE_POINTS).round().astype(int)
    return Points(points.x[keep], points.y[keep], points.x_name, points.y_name)


def _q(field: str, **extra: object) -> dict:
    """A quantitative encoding channel, as a Vega-Lite dict."""
    return {"field": field, "type": "quantitative", **extra}


def _n(field: str, **extra: object) -> dict:
    """A nominal encoding channel, as a Vega-Lite dict."""
    return {"field": field, "type": "nominal", **extra}


def _lines_layer(
    lines: list[tuple[str, float, float, str, bool]],
    x_domain: list[float],
    notes: dict[str, str] | None = None,
) -> charts.Layer:
    """Straight lines (label, slope, intercept, colour, dashed) across the x domain, one layer.

    The labels name the lines in the legend, which is part of the chart's spec, so they stay
    fixed; `notes` maps a label to the live words its tooltip shows instead (data, not spec).
    """
    rows = [
        {
            "line": label,
            "about": (notes or {}).get(label, label),
            "x": x,
            "y": float(predict(x, slope, intercept)),
        }
        for label, slope, intercept, _, _ in lines
        for x in x_domain
    ]
    labels = [line[0] for line in lines]
    encoding = {
        "x": _q("x"),
        "y": _q("y"),
        "detail": _n("line"),
        "color": _n(
            "line",
            title=None,
            scale={"domain": labels, "range": [line[3] for line in lines]},
            legend={"orient": "bottom"} if len(lines) > 1 else None,
        ),
        "strokeDash": _n(
            "line",
            title=None,
            legend={"orient": "bottom"} if len(lines) > 1 else None,  # merged with the colour's
            scale={
                "domain": labels,
                "range": [charts.DASH if line[4] else [1, 0] for line in lines],
            },
        ),
        "tooltip": [_n("about", title="line")],
    }
    mark = {"type": "line", "strokeWidth": 2.5, "clip": True}
    return charts.Layer({"mark": mark, "encoding": encoding}, pd.DataFrame(rows))


def _data_layers(
    points: Points,
    slope: float,
    intercept: float,
    *,
    squares: bool,
    label: str = "your line",
    label_note: str | None = None,
    reference: tuple[float, float] | None = None,
    width_px: int = 620,
    height_px: int = 270,
) -> list[charts.Layer]:
    """The points, the line, each residual as a dashed segment, optionally each squared
    residual as a square, and optionally a reference line (slope, intercept), dashed.
    `label` names the line in the legend (fixed); `label_note` is its live tooltip text."""
    shown = _sample(points)
    x_domain, y_domain = _domains(points)
    x_scale = {"domain": x_domain, "zero": False, "nice": False}
    y_scale = {"domain": y_domain, "zero": False}
    frame = pd.DataFrame(
        {
            "x": shown.x,
            "y": shown.y,
            "prediction": predict(shown.x, slope, intercept),
            "residual": residuals(shown.x, shown.y, slope, intercept),
        }
    )
    layers: list[charts.Layer] = []
    if squares:
        x_per_y = ((x_domain[1] - x_domain[0]) / width_px) / (
            (y_domain[1] - y_domain[0]) / height_px
        )
        boxes = residual_squares(
            shown.x, shown.y, slope, intercept, x_per_y, x_domain=(x_domain[0], x_domain[1])
        )
        mark = {"type": "rect", "color": C["derivative"], "opacity": 0.25}
        layers.append(
            charts.Layer(
                {
                    "mark": {**mark, "stroke": C["derivative"], "clip": True},
                    "encoding": {
                        "x": _q("x", scale=x_scale),
                        "x2": {"field": "x2"},
                        "y": _q("y", scale=y_scale),
                        "y2": {"field": "y2"},
                        "tooltip": [_q("squared", title="squared residual", format=",.4g")],
                    },
                },
                boxes,
            )
        )
    rule = {"type": "rule", "color": C["secant"], "strokeWidth": 2, "strokeDash": charts.DASH}
    layers.append(
        charts.Layer(
            {
                "mark": {**rule, "clip": True},
                "encoding": {
                    "x": _q("x", title=points.x_name, scale=x_scale),
                    "y": _q("y", title=points.y_name, scale=y_scale),
                    "y2": {"field": "prediction"},
                    "tooltip": [_q("residual", title="residual", format=",.4g")],
                },
            },
            frame,
        )
    )
    lines = [(label, slope, intercept, C["function"], False)]
    if reference is not None:
        lines.append(("least-squares line", reference[0], reference[1], C["tangent"], True))
    layers.append(_lines_layer(lines, x_domain, {label: label_note} if label_note else None))
    circle = {"type": "circle", "size": 90, "color": C["point"], "opacity": 1}
    layers.append(
        charts.Layer(
            {
                "mark": {**circle, "stroke": "white", "strokeWidth": 1},
                "encoding": {
                    "x": _q("x"),
                    "y": _q("y"),
                    "tooltip": [
                        _q("x", title=points.x_name, format=",.4g"),
                        _q("y", title=points.y_name, format=",.4g"),
                    ],
                },
            },
            # The points alone, not the residuals: the same rows on every move of a slider,
            # so the browser has nothing to redraw for them.
            frame[["x", "y"]],
        )
    )
    return layers


@st.cache_data(max_entries=64, show_spinner=False)
def _landscape_arrow(points: Points, window: ParameterWindow) -> bytes:
    """The landscape grid as the Arrow bytes the chart sends: made once per data set, not on
    every slider move."""
    return charts.arrow_bytes(_landscape(points, window))


def _landscape_layers(points: Points, window: ParameterWindow) -> list[charts.Layer]:
    heat = charts.Layer(
        {
            "mark": {"type": "rect"},
            "encoding": {
                "x": _q(
                    "slope",
                    title="slope",
                    scale={
                        "domain": [float(window.slope_min), float(window.slope_max)],
                        "nice": False,
                    },
                ),
                "x2": {"field": "slope2"},
                "y": _q(
                    "intercept",
                    title="intercept",
                    scale={
                        "domain": [float(window.intercept_min), float(window.intercept_max)],
                        "nice": False,
                    },
                ),
                "y2": {"field": "intercept2"},
                "color": _q(
                    "MSE",
                    scale={"type": "log", "scheme": "viridis"},
                    legend={"title": "MSE (log)", "orient": "right", "format": "~s"},
                ),
                "tooltip": [
                    _q("slope", format=",.4g"),
                    _q("intercept", format=",.4g"),
                    _q("MSE", format=",.4g"),
                ],
            },
        },
        _landscape_arrow(points, window),
    )
    best_slope, best_intercept = least_squares(points)
    best = pd.DataFrame({"slope": [best_slope], "intercept": [best_intercept], "what": ["minimum"]})
    cross = {"type": "point", "shape": "cross", "size": 220, "color": "white", "strokeWidth": 3}
    minimum = charts.Layer(
        {
            "mark": {**cross, "filled": True, "clip": True},
            "encoding": {
                "x": _q("slope"),
                "y": _q("intercept"),
                "tooltip": [_n("what"), _q("slope"), _q("intercept")],
            },
        },
        best,
    )
    return [heat, minimum]


def _marker(slope: float, intercept: float, label: str, color: str) -> charts.Layer:
    frame = pd.DataFrame({"slope": [slope], "intercept": [intercept], "what": [label]})
    mark = {"type": "point", "size": 200, "color": color, "filled": True, "stroke": "white"}
    return charts.Layer(
        {
            "mark": {**mark, "strokeWidth": 2, "clip": True},
            "encoding": {
                "x": _q("slope"),
                "y": _q("intercept"),
                "tooltip": [
                    _n("what", title=""),
                    _q("slope", format=",.4g"),
                    _q("intercept", format=",.4g"),
                ],
            },
        },
        frame,
    )


# --- fit it by hand ------------------------------------------------------------------------------


def _clamp_state(key: str, low: float, high: float) -> None:
    """Keep a slider's remembered value inside bounds that changed with the data."""
    value = st.session_state.get(key)
    if isinstance(value, int | float) and not low <= value <= high:
        st.session_state[key] = min(max(value, low), high)


def fit_by_hand(data: RegressionData) -> None:
    """Sections 3 and 4: the MSE's definition, then the sliders for the line and everything
    that moves with them, then what the two partial derivatives say. The definition and the
    closing words do not move with the sliders, so they are drawn once, outside the fragment:
    a formula inside it would be typeset again on every move."""
    latex(
        r"\begin{aligned} \mathrm{MSE} &= \frac{1}{n}\sum_{i=1}^{n} r_i^2, \\ "
        r"r_i &= y_i - (\text{slope}\cdot x_i + \text{intercept}) \end{aligned}"
    )
    _fit_by_hand(data)
    st.markdown(
        "Both partial derivatives are zero only at the lowest point. A negative "
        "slope-derivative means: increase the slope to lower the loss, and the other way round."
    )


@st.fragment
def _fit_by_hand(data: RegressionData) -> None:
    """The line's sliders, its residuals and MSE, the landscape and a slice through it."""
    points, window = data.points, data.window
    _clamp_state("slope", window.slope_min, window.slope_max)
    _clamp_state("intercept", window.intercept_min, window.intercept_max)
    left, right = st.columns(2)
    with left:
        slope = url_slider(
            "Slope",
            "slope",
            min_value=window.slope_min,
            max_value=window.slope_max,
            default=0.0,
            step=window.slope_step,
            format=_slider_format(window.slope_step),
            help=f"How much {points.y_name} rises per 1 more {points.x_name}.",
        )
    with right:
        intercept = url_slider(
            "Intercept",
            "intercept",
            min_value=window.intercept_min,
            max_value=window.intercept_max,
            default=0.0,
            step=window.intercept_step,
            format=_slider_format(window.intercept_step),
            help=f"The line's {points.y_name} at {points.x_name} = 0.",
        )
    squares = url_toggle(
        "Draw each squared residual as a square",
        "squares",
        default=False,
        help="The MSE is the average area of these squares.",
    )
    loss = mse(points.x, points.y, slope, intercept)
    best_slope, best_intercept = least_squares(points)
    best_loss = mse(points.x, points.y, best_slope, best_intercept)
    st.metric("Mean squared error of your line", number(loss))
    st.caption(
        f"The least-squares line (section 6) has MSE {number(best_loss)}; yours is "
        f"{number(loss - best_loss)} above it."
        if loss > best_loss
        else "This is the smallest MSE possible: you found the least-squares line."
    )
    description = (
        f"{points.n} points and your line {points.y_name} = {number(slope)} × {points.x_name} "
        f"{'+' if intercept >= 0 else '-'} {number(abs(intercept))}, with each residual drawn "
        f"as a dashed segment{' and each squared residual as a square' if squares else ''}; "
        f"mean squared error {number(loss)}."
    )
    chart = charts.compose(
        *_data_layers(points, slope, intercept, squares=squares),
        description=description,
    )
    charts.show_chart(chart, description)
    _mse_with_numbers(points, slope, intercept, loss)

    section(
        "4. The loss landscape",
        "Every (slope, intercept) pair is one line and has one mean squared error. Dark is "
        "small, bright is large; the white cross is the least-squares line, the lowest point. "
        "Your line is the purple dot.",
    )
    d_slope, d_intercept = mse_gradient(points.x, points.y, slope, intercept)
    description = (
        f"Heat map of the mean squared error over slope and intercept; your line at slope "
        f"{number(slope)}, intercept {number(intercept)} has MSE {number(loss)}; the minimum "
        f"{number(best_loss)} is at slope {number(best_slope)}, intercept "
        f"{number(best_intercept)}."
    )
    chart = charts.compose(
        *_landscape_layers(points, window),
        _marker(slope, intercept, "your line", C["point"]),
        description=description,
        height=380,
    )
    charts.show_chart(chart, description)
    st.markdown(
        f"**A slice through the landscape.** Keep the intercept at {number(intercept)} and vary "
        "only the slope: the MSE is a parabola. The green tangent at your slope has slope "
        "dMSE/dslope, the partial derivative."
    )
    _slice_chart(points, window, slope, intercept, loss, d_slope)
    latex(
        r"\begin{aligned} \frac{\partial\,\mathrm{MSE}}{\partial\,\text{slope}} &= "
        rf"-\frac{{2}}{{n}}\sum_i r_i x_i = {tex_number(d_slope)}, \\ "
        r"\frac{\partial\,\mathrm{MSE}}{\partial\,\text{intercept}} &= "
        rf"-\frac{{2}}{{n}}\sum_i r_i = {tex_number(d_intercept)} \end{{aligned}}"
    )


def _slice_chart(
    points: Points,
    window: ParameterWindow,
    slope: float,
    intercept: float,
    loss: float,
    d_slope: float,
) -> None:
    slopes = np.linspace(window.slope_min, window.slope_max, 161)
    curve = pd.DataFrame(
        {"slope": slopes, "MSE": mse_over_slopes(points.x, points.y, slopes, intercept)}
    )
    reach = (window.slope_max - window.slope_min) / 6
    here = pd.DataFrame({"slope": [slope], "MSE": [loss]})
    description = (
        f"The slice MSE(slope) at intercept {number(intercept)}: a parabola. At slope "
        f"{number(slope)} the MSE is {number(loss)} and the tangent's slope, dMSE/dslope, is "
        f"{number(d_slope)}."
    )
    chart = charts.compose(
        charts.function_plot(
            curve,
            x="slope",
            y="MSE",
            x_title="slope",
            y_title="MSE at your intercept",
            colors={"MSE": C["function"]},
            x_domain=[window.slope_min, window.slope_max],
        ),
        charts.line_through(
            slope,
            loss,
            d_slope,
            (slope - reach, slope + reach),
            label="tangent",
            color=C["tangent"],
        ),
        charts.points(here, x="slope", y="MSE"),
        description=description,
        height=320,
    )
    charts.show_chart(chart, description)


def _slider_format(step: float) -> str | None:
    """Whole-number sliders show no decimals; others keep Streamlit's default."""
    return "%d" if float(step).is_integer() else None


def _mse_with_numbers(points: Points, slope: float, intercept: float, loss: float) -> None:
    """The MSE's sum with the current numbers (its definition is above the sliders), then
    every residual."""
    terms = [
        rf"({tex_number(y)} - ({tex_number(slope)}\cdot {tex_number(x)} {_signed(intercept)}))^2"
        for x, y in zip(points.x[:2], points.y[:2], strict=True)
    ]
    more = r" + \dots" if points.n > 2 else ""
    # one squared residual per row, so the sum fits a phone's width with any numbers
    latex(
        rf"\begin{{aligned}}\mathrm{{MSE}} &= \frac{{1}}{{{points.n}}}\left["
        + r"\right. \\ &\qquad \left. {} + ".join(terms)
        + rf"{more}\right] \\ &= {tex_number(loss)}\end{{aligned}}"
    )
    with show_maths("Every residual and its square"):
        table = fitted_table(_sample(points), slope, intercept)
        numbers_table(
            table,
            caption="Each point's residual (observed minus predicted) and its square"
            + (
                f"; {MAX_LINE_POINTS} of the {points.n:,} rows, evenly spread."
                if points.n > MAX_LINE_POINTS
                else "."
            ),
        )


# --- gradient descent ----------------------------------------------------------------------------


def _follow_end(key: str, iterations: int) -> None:
    """Keep the replay slider at the last step when it was there before `iterations` changed,
    and inside 0 ... iterations; elsewhere it stays where the learner put it.

    The slider's default is the last step, and a change of `iterations` changes its maximum,
    which makes it a new widget. So both moves to the last step are a matter of forgetting
    the remembered value: the new widget then starts at its default. Setting the value
    through Session State instead would give the widget its value from two places (the state
    and `value=`), which Streamlit warns about."""
    memory = f"_{key}_iterations"
    previous = st.session_state.get(memory)
    st.session_state[memory] = iterations
    value = st.session_state.get(key)
    if not isinstance(value, int | float):
        return
    followed = previous is not None and previous != iterations and value == previous
    if followed or value > iterations:
        del st.session_state[key]


@st.fragment
def gradient_descent(data: RegressionData) -> None:
    """Section 5: the learning rate, the steps, a replay on the landscape and the data."""
    points, window = data.points, data.window
    left, middle = st.columns(2)
    with left:
        learning_rate = url_log_slider(
            "Learning rate",
            "lr",
            options=LEARNING_RATES,
            default=DEFAULT_LEARNING_RATE,
            help="How far each step goes along minus the gradient.",
        )
    with middle:
        iterations = url_slider(
            "Iterations",
            "iters",
            min_value=0,
            max_value=MAX_ITERATIONS,
            default=DEFAULT_ITERATIONS,
            step=10,
            help="How many steps gradient descent takes from the start (0, 0).",
        )
    scaled = url_toggle(
        "Feature scaling: take the steps on standardised x",
        "scale",
        default=False,
        help="x' = (x - mean) / standard deviation; the result is mapped back to your units.",
    )
    path = _descent(data.points, learning_rate, iterations, scaled)
    step = 0
    # The replay slider (absent at 0 iterations) and the note of a stopped run sit in
    # containers that are always there, so that the metrics and charts below keep their places
    # in the page and are updated, not built again.
    with st.container():
        if iterations > 0:
            _follow_end("replay", iterations)
            step = url_slider(
                "Replay: show the line after this many steps",
                "replay",
                min_value=0,
                max_value=iterations,
                default=iterations,
                step=1,
            )
    shown = min(step, path.steps_taken)
    with st.container():
        if shown < step:
            st.caption(f"The run was stopped after step {path.steps_taken:,}; showing that step.")
    slope, intercept, loss = (
        float(path.coordinate("slope")[shown]),
        float(path.coordinate("intercept")[shown]),
        float(path.costs[shown]),
    )
    best_slope, best_intercept = least_squares(points)
    best_loss = mse(points.x, points.y, best_slope, best_intercept)
    columns = st.columns(3)
    columns[0].metric(f"Slope after {_steps(shown)}", number(slope))
    columns[1].metric(f"Intercept after {_steps(shown)}", number(intercept))
    columns[2].metric(f"MSE after {_steps(shown)}", number(loss))
    st.caption(
        f"The exact answer (section 6): slope {number(best_slope)}, intercept "
        f"{number(best_intercept)}, MSE {number(best_loss)}."
    )
    _descent_verdict(points, path, best_loss, scaled)
    _path_chart(points, window, path, shown)
    description = (
        f"The data with the line after {_steps(shown)} (slope {number(slope)}, intercept "
        f"{number(intercept)}) and, dashed, the least-squares line."
    )
    live_label = f"gradient descent's line after {_steps(shown)}"
    # The legend shows the live step count through the data (live_chart), under a fixed
    # series name, so moving the replay, the iterations or the rate keeps the chart's spec.
    chart = live_chart.compose_live(
        *_data_layers(
            points,
            slope,
            intercept,
            squares=False,
            label="gradient descent's line",
            label_note=live_label,
            reference=(best_slope, best_intercept),
        ),
        legend={"gradient descent's line": live_label},
        description=description,
        height=340,
    )
    charts.show_chart(chart, description)
    _loss_chart(path, shown, best_loss)
    _scaling_explained(points, learning_rate, scaled)


def _descent_verdict(points: Points, path: DescentPath, best_loss: float, scaled: bool) -> None:
    limit = stable_learning_rate_limit(points.x, scale_x=scaled)
    rate = path.learning_rate
    where = "on scaled x" if scaled else "for this data"
    if path.outcome == "diverged":
        stopped = (
            f"The loss grew past {DIVERGENCE_FACTOR:,.0f} times its start, so the run was stopped "
            f"after {_steps(path.steps_taken)}. "
            if path.steps_taken < path.steps_requested
            else ""
        )
        verdict(
            f"**Diverged: the learning rate {number(rate)} is too large.** {stopped}"
            f"Each step jumps across the valley and lands higher up the other side, so the "
            f"errors grow instead of shrinking. {where.capitalize()} any learning rate above "
            f"{number(limit, 4)} does this (2 divided by the steepest curvature of the loss). "
            "Lower the learning rate" + ("." if scaled else ", or turn on feature scaling."),
            "warning",
        )
        return
    if path.outcome == "oscillating":
        verdict(
            f"**Stuck: at learning rate {number(rate)} the steps bounce** from one side of the "
            f"valley to the other without getting closer. {where.capitalize()} the learning "
            f"rate must stay below {number(limit, 4)}; lower it.",
            "warning",
        )
        return
    if path.steps_requested == 0:
        verdict("No steps taken yet: the line is the start, slope 0 and intercept 0.", "info")
        return
    reached = converged_at(path, best_loss)
    if path.outcome == "converged" and reached is not None:
        verdict(
            f"Converged: by step {reached:,} the MSE above its minimum had fallen to a "
            "millionth of its start, so the line is close to the least-squares line (compare "
            "the numbers above with the exact answer).",
            "success",
        )
        return
    needed = steps_to_converge(contraction_per_step(points.x, rate, scale_x=scaled))
    verdict(
        f"Not there yet after {_steps(path.steps_requested)}: converged means the MSE above "
        f"its minimum has fallen to a millionth of its start, and at learning rate "
        f"{number(rate)} that takes at most {number(needed)} steps. "
        + ("Try a larger learning rate." if scaled else "Feature scaling (below) helps."),
        "info",
    )


def _thinned_steps(first: int, last: int) -> np.ndarray:
    """At most MAX_LINE_POINTS step indices from first to last, both included."""
    count = min(last - first + 1, MAX_LINE_POINTS)
    return np.unique(np.linspace(first, last, count).round().astype(int))


def _path_chart(points: Points, window: ParameterWindow, path: DescentPath, shown: int) -> None:
    inside = [
        window.contains(float(w), float(b))
        for w, b in zip(
            path.coordinate("slope")[: path.steps_taken + 1],
            path.coordinate("intercept")[: path.steps_taken + 1],
            strict=True,
        )
    ]
    last = path.steps_taken
    if not all(inside):
        last = inside.index(False)  # draw up to the first step outside, then stop the trail
    keep = _thinned_steps(0, last)
    trail = pd.DataFrame(
        {
            "slope": path.coordinate("slope")[keep],
            "intercept": path.coordinate("intercept")[keep],
            "step": keep,
        }
    )
    mark = {"type": "line", "color": C["derivative"], "strokeWidth": 2}
    line = charts.Layer(
        {
            "mark": {**mark, "point": {"size": 18}, "clip": True},
            "encoding": {
                "x": _q("slope"),
                "y": _q("intercept"),
                "order": _q("step"),
                "tooltip": [
                    _q("step"),
                    _q("slope", format=",.4g"),
                    _q("intercept", format=",.4g"),
                ],
            },
        },
        trail,
    )
    left_picture = (
        f" From step {last:,} on, the path is outside this picture."
        if last < path.steps_taken
        else ""
    )
    description = (
        f"The path of gradient descent (orange) on the loss landscape from (0, 0): "
        f"{_steps(path.steps_taken)}; step {shown:,} (purple) at slope "
        f"{number(float(path.coordinate('slope')[shown]))}, intercept "
        f"{number(float(path.coordinate('intercept')[shown]))}.{left_picture}"
    )
    chart = charts.compose(
        *_landscape_layers(points, window),
        line,
        _marker(
            float(path.coordinate("slope")[shown]),
            float(path.coordinate("intercept")[shown]),
            f"step {shown}",
            C["point"],
        ),
        description=description,
        height=380,
    )
    charts.show_chart(chart, description)


def _loss_chart(path: DescentPath, shown: int, best_loss: float) -> None:
    keep = _thinned_steps(0, path.steps_taken)
    losses = path.costs[keep]
    excess = losses - best_loss
    # With an exact fit the minimum is 0 and both curves would be the same line.
    with_excess = best_loss > 1e-12 * float(path.costs[0])
    names = ["MSE", "MSE above its minimum"] if with_excess else ["MSE"]
    frame = pd.DataFrame(
        {
            "step": np.concatenate([keep, keep]) if with_excess else keep,
            "value": np.concatenate([losses, excess]) if with_excess else losses,
            "curve": np.repeat(names, keep.size),
        }
    )
    frame = frame[frame["value"] > 0]  # a log scale has no place for 0
    description = (
        f"The mean squared error after each step, on a log scale: {number(float(path.costs[0]))} "
        f"at the start, {number(float(path.costs[path.steps_taken]))} after "
        f"{_steps(path.steps_taken)}"
        + (
            f"; dashed, how far it is above the smallest MSE {number(best_loss)}."
            if with_excess
            else "."
        )
    )
    curves = charts.Layer(
        {
            "mark": {"type": "line", "strokeWidth": 2.5, "clip": True},
            "encoding": {
                "x": _q("step", title="step"),
                "y": _q(
                    "value",
                    title="MSE (log scale)",
                    scale={"type": "log"},
                    axis={"format": "~g"},
                ),
                "color": _n(
                    "curve",
                    title=None,
                    scale={
                        "domain": names,
                        "range": [C["function"], C["derivative"]][: len(names)],
                    },
                    legend={"orient": "bottom"},
                ),
                "strokeDash": _n(
                    "curve",
                    title=None,
                    legend={"orient": "bottom"},  # merged with the colour's legend
                    scale={"domain": names, "range": [[1, 0], charts.DASH][: len(names)]},
                ),
                "tooltip": [_n("curve", title=""), _q("step"), _q("value", format=",.4g")],
            },
        },
        frame,
    )
    chart = charts.compose(
        curves,
        charts.vertical_rule(shown, label=f"step {shown}", color=C["muted"]),
        description=description,
        height=300,
    )
    charts.show_chart(chart, description)


def _scaling_explained(points: Points, learning_rate: float, scaled: bool) -> None:
    plain_limit = stable_learning_rate_limit(points.x)
    plain_best = optimal_learning_rate(points.x)
    plain_steps = steps_to_converge(contraction_per_step(points.x, plain_best))
    scaled_best = optimal_learning_rate(points.x, scale_x=True)
    scaled_steps = steps_to_converge(contraction_per_step(points.x, scaled_best, scale_x=True))
    with show_maths(
        "Why the steps diverge, and what feature scaling does",
        expanded=not scaled and plain_steps > 100,
    ):
        st.markdown(
            "The loss is a bowl. Its steepness differs by direction: changing the slope moves "
            f"every prediction by x (up to {number(float(np.max(np.abs(points.x))))}), changing "
            "the intercept moves them by 1. A step long enough for the gentle direction "
            "overshoots in the steep one, so the learning rate must stay below "
            f"**{number(plain_limit, 4)}** here, and then the gentle direction crawls: even the "
            f"best rate, {number(plain_best, 4)}, needs up to **{number(plain_steps)} steps** "
            "to bring the MSE above its minimum down to a millionth of its start."
        )
        latex(
            r"\begin{aligned} x' &= \frac{x - m}{s}, \\ \text{slope} &= \frac{w'}{s}, \\ "
            r"\text{intercept} &= b' - \frac{w'\,m}{s} \end{aligned}"
        )
        st.markdown(
            "**Feature scaling** centres x at its mean m and divides by its standard deviation "
            "s. "
            "On the scaled x the bowl is round, both directions are equally steep, and the "
            f"best learning rate {number(scaled_best, 4)} needs **{number(scaled_steps)} "
            f"step{'s' if scaled_steps != 1 else ''}**. The line found on scaled x is mapped "
            "back to your units with the formulas above, so the picture is the same line."
        )


# --- the exact answer ----------------------------------------------------------------------------


def exact_answer(data: RegressionData) -> None:
    """Section 6: the normal equations with the numbers, their solution, the outlier story."""
    points = data.points
    eq = normal_equations(points.x, points.y)
    latex(
        r"\begin{aligned} \frac{\partial\,\mathrm{MSE}}{\partial w} &= "
        r"-\frac{2}{n}\sum_i (y_i - w x_i - b)\,x_i = 0, \\ "
        r"\frac{\partial\,\mathrm{MSE}}{\partial b} &= -\frac{2}{n}\sum_i (y_i - w x_i - b) = 0"
        r" \end{aligned}"
    )
    st.markdown(
        "Multiply out and collect the sums: two linear equations, the **normal equations**."
    )
    latex(
        r"\begin{aligned} w \textstyle\sum x_i^2 + b \sum x_i &= \textstyle\sum x_i y_i"
        r"\\ w \textstyle\sum x_i + b\, n &= \textstyle\sum y_i \\ "
        r"&\Longrightarrow \\ "
        rf"{tex_number(eq.sum_x2)}\,w + {tex_number(eq.sum_x)}\,b &= "
        rf"{tex_number(eq.sum_xy)} \\ {tex_number(eq.sum_x)}\,w + {eq.n}\,b &= "
        rf"{tex_number(eq.sum_y)} \end{{aligned}}"
    )
    latex(
        r"\begin{aligned} w &= \frac{n\sum x_i y_i - \sum x_i \sum y_i}{n \sum x_i^2 - (\sum x_i)^2}"
        rf" \\ &= {tex_number(eq.slope)}, \\ b &= \frac{{\sum y_i - w \sum x_i}}{{n}} = "
        rf"{tex_number(eq.intercept)} \end{{aligned}}"
    )
    best_loss = mse(points.x, points.y, eq.slope, eq.intercept)
    columns = st.columns(3)
    columns[0].metric("Least-squares slope", number(eq.slope))
    columns[1].metric("Least-squares intercept", number(eq.intercept))
    columns[2].metric("Smallest MSE", number(best_loss))
    if data.source == "notes":
        _outlier_story(data.outlier, eq.slope, eq.intercept)
    _predict(points, eq.slope, eq.intercept)


def _outlier_story(outlier: str, slope: float, intercept: float) -> None:
    if outlier == "fixed":
        verdict(
            f"With 1000 for 10 bedrooms all ten points lie on one line: the least-squares line "
            f"is price = {number(slope)} × bedrooms + {number(intercept)}, through every "
            "point, with mean squared error 0.",
            "success",
        )
        return
    points = notes_table("as-written")
    misses = np.abs(residuals(points.x, points.y, slope, intercept))
    verdict(
        f"One outlier drags the line: with 10000 for 10 bedrooms the least-squares slope is "
        f"{number(slope)} and the intercept {number(intercept)}, far from the pattern price = "
        "100 × bedrooms that the other nine points follow exactly. The pattern line misses "
        "only the tenth point, by 9000, so its MSE is 8,100,000. The least-squares line "
        f"misses every point (the first nine by {number(misses[:9].min(), 4)} to "
        f"{number(misses[:9].max(), 4)}, the tenth by {number(misses[9], 4)}), yet its MSE, "
        f"about {number(mse(points.x, points.y, slope, intercept), 4)}, is smaller: squaring "
        "makes one miss of 9000 cost more than ten smaller misses together. Switch the "
        "10-bedroom price to 1000 above and the line goes through all ten points.",
        "warning",
    )


@st.fragment
def _predict(points: Points, slope: float, intercept: float) -> None:
    low, high = float(points.x.min()), float(points.x.max())
    if np.all(points.x == np.round(points.x)) and high - low >= 1:
        bounds = dict(
            min_value=int(min(0, low)),
            max_value=int(high + max(1, (high - low) // 2)),
            default=int(high),
            step=1,
        )
    else:
        step = float(10 ** math.floor(math.log10((high - low) / 20)))
        bounds = dict(
            min_value=math.floor(min(0.0, low) / step) * step,
            max_value=math.ceil((high + (high - low) / 2) / step) * step,
            default=round(high / step) * step,
            step=step,
        )
    k = url_slider(f"Predict the {points.y_name} at {points.x_name}", "k", **bounds)
    st.metric(
        f"Least-squares prediction of {points.y_name} at {points.x_name} = {number(k)}",
        number(float(predict(k, slope, intercept))),
    )


# --- check yourself ------------------------------------------------------------------------------


def questions() -> None:
    """Four questions: the two houses, the outlier's pull, the MSE of the pattern line, the
    too-large learning rate."""
    quiz_number(
        "regression_houses",
        "The line through the two houses (1 bedroom for 150,000, 2 bedrooms for 250,000): "
        "what price does it predict for 4 bedrooms?",
        450_000,
        tolerance=0.5,
        explanation="Slope 100,000 per bedroom, intercept 50,000: 100,000 × 4 + 50,000 = 450,000.",
    )
    quiz_choice(
        "regression_outlier",
        "In the notes' table, 10 bedrooms is priced 10000 instead of 1000. What does that one "
        "point do to the least-squares line?",
        [
            "Nothing much: nine of the ten points follow price = 100 × bedrooms.",
            "It pulls the line up at the right and down at the left: slope about 591, "
            "intercept -1800.",
            "The least-squares line goes through all ten points anyway.",
        ],
        answer=1,
        explanation="Squaring makes one miss of 9000 (squared, 81,000,000) cost more than "
        "ten smaller misses together, so the fit tilts towards the outlier: slope "
        "6500/11 ≈ 590.9, intercept -1800.",
        hints={0: "A majority does not win in least squares:", 2: "No line goes through all ten:"},
    )
    quiz_number(
        "regression_pattern_mse",
        "What is the mean squared error of the line price = 100 × bedrooms on the table as "
        "written (with 10000)?",
        8_100_000,
        tolerance=0.5,
        explanation="Nine residuals are 0; the tenth is 10000 - 1000 = 9000, squared "
        "81,000,000, and divided by 10 points: 8,100,000.",
    )
    quiz_choice(
        "regression_learning_rate",
        "Gradient descent on the notes' table, without scaling, with learning rate 0.03. "
        "What happens?",
        [
            "It converges faster than with 0.01.",
            "It overshoots the bottom each step, the loss grows, and it diverges.",
            "It stops at a different, worse line.",
        ],
        answer=1,
        explanation="Above 2 / (largest curvature) ≈ 0.0255 for this data, each step lands "
        "higher up the far side of the valley than it started.",
    )
