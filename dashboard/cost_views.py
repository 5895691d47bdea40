"""The pieces of the "Cost functions" page: each section's controls, pictures and live numbers.

Every number comes from `core.cost`, `core.gradient_descent`, `core.sauna` and
`core.suppliers`; this module only lays them out. Each slider-and-chart unit is an
`st.fragment`, so moving a slider redraws only its own section.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from core import cost, sauna, suppliers
from core.errors import LearnerError
from core.gradient_descent import MAX_STEPS, DescentPath, check_descent_settings
from dashboard import charts, live_chart
from dashboard.controls import url_choice, url_log_slider, url_slider, url_text
from dashboard.layout import friendly_error, friendly_note, latex, numbers_table, verdict

PRESETS: dict[str, tuple[float, ...]] = {
    "The notes: 1 and 2": (1.0, 2.0),
    "1, 2 and 3": (1.0, 2.0, 3.0),
    "An outlier: 1, 2 and 20": (1.0, 2.0, 20.0),
}
DEFAULT_LINES = "1,2"
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)
LEARNING_RATES += (0.75, 1.0, 1.5, 2.0)
SAUNA_RATES = (0.001, 0.003, 0.01, 0.02, 0.05, 0.1, 0.3)
SAUNA_STARTS = (0.5, 3.0, 5.5, 6.5, 8.8)
MAX_SLIDER_STEPS = 200
ZERO_SLOPE_SAYS = {
    "global minimum": "and this is the **coldest spot** in the room: the global minimum.",
    "local minimum": "and this is a **local minimum**: colder than its neighbourhood, but not "
    "the coldest spot in the room.",
    "local maximum": "but this is a **local maximum**: the warm bench, warmer than both sides.",
    "no extremum": "but this is **no minimum**: a flat shelf. It is warmer to the left "
    "and colder to the right, so the walk should go on.",
}
GRID_POINTS = 301


def _sauna_name(kind: str) -> str:
    """The sauna's words for a kind of stationary point (its flat point is a shelf)."""
    return "flat shelf, no extremum" if kind == "no extremum" else kind


STREET = cost.POSITION_LIMIT  # the house and the lines live on [-STREET, STREET]
OUTCOME_KIND = {"converged": "success", "walking": "info", "zigzag": "info"}


def num(value: float, digits: int = 4) -> str:
    """A number for reading: 1.5, 2, 0.3743, -6 (no trailing zeros, no '-0')."""
    text = f"{value:.{digits}g}"
    return "0" if text in ("-0", "0") else text


def steps_words(n: int) -> str:
    """'1 step', '5 steps'."""
    return f"{n} step" if n == 1 else f"{n} steps"


def and_list(lines: Sequence[float]) -> str:
    """Positions as a sentence reads them: '1 and 2', '1, 2 and 3'."""
    words = [cost.format_position(a) for a in lines]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# ---------------------------------------------------------------- 1. the sauna


@st.cache_data
def _sauna_curve() -> pd.DataFrame:
    xs = sauna.sauna_grid(GRID_POINTS)
    return pd.DataFrame({"x": xs, "y": sauna.temperature(xs)})


@st.cache_data
def _sauna_points() -> pd.DataFrame:
    rows = [
        {"x": p.x, "y": p.value, "kind": p.kind, "label": f"{_sauna_name(p.kind)} (x = {num(p.x)})"}
        for p in sauna.stationary_points()
    ]
    return pd.DataFrame(rows)


def _stationary_table() -> pd.DataFrame:
    sign = {-1: "falling ↘", 0: "flat", 1: "rising ↗"}
    return pd.DataFrame(
        [
            {
                "x (m)": num(p.x),
                "temperature (°C)": num(p.value, 5),
                "just left": sign[p.sign_left],
                "just right": sign[p.sign_right],
                "what it is": _sauna_name(p.kind),
            }
            for p in sauna.stationary_points()
        ]
    )


def _marked_points() -> str:
    return "; ".join(f"{_sauna_name(p.kind)} at {num(p.x)} m" for p in sauna.stationary_points())


def _sauna_base() -> list[charts.Layer]:
    curve = charts.function_plot(
        _sauna_curve(), x_title="position in the sauna x (m)", y_title="temperature T (°C)"
    )
    marks = charts.points(
        _sauna_points(), label="label", color=charts.COLORS["muted"], size=70, tooltip=["kind"]
    )
    return [curve, marks]


@st.fragment
def sauna_walk() -> None:
    """Walk across the sauna: the slope's sign says which way is colder."""
    spot = url_slider(
        "Where you stand, x (m from the stove wall)",
        "spot",
        min_value=sauna.ROOM[0],
        max_value=sauna.ROOM[1],
        default=2.5,
        step=0.05,
    )
    here, slope = sauna.temperature(spot), sauna.temperature_slope(spot)
    way = sauna.colder_direction(spot, flat=1e-6)
    cols = st.columns(3)
    cols[0].metric("temperature here", f"{num(here, 5)} °C")
    cols[1].metric("slope T′(x) here", f"{num(slope)} °C per m")
    cols[2].metric("colder is", {"neither": "neither way: flat"}.get(way, f"to the {way}"))
    left, right = max(spot - 0.6, sauna.ROOM[0]), min(spot + 0.6, sauna.ROOM[1])
    layers = _sauna_base()
    layers.append(
        charts.line_through(
            spot, here, slope, (left, right), label="tangent", color=charts.COLORS["tangent"]
        )
    )
    layers.append(
        charts.points(pd.DataFrame({"x": [spot], "y": [here], "who": ["you"]}), label="who")
    )
    description = (
        f"Temperature across the sauna. You stand at x = {num(spot)} m where it is "
        f"{num(here, 5)} °C and the slope is {num(slope)} °C per m, so it is colder "
        + ("neither way." if way == "neither" else f"to the {way}.")
        + f" Marked where the slope is zero: {_marked_points()}."
    )
    charts.show_chart(charts.compose(*layers, description=description), description)
    if way == "neither":
        point = min(sauna.stationary_points(), key=lambda p: abs(p.x - spot))
        verdict(
            f"The slope is zero here (x = {num(point.x)} m), {ZERO_SLOPE_SAYS[point.kind]}",
            "success" if point.kind in ("local minimum", "global minimum") else "warning",
        )
    else:
        verdict(
            f"The slope is {'negative' if slope < 0 else 'positive'}: a step to the **{way}** "
            "makes it colder. Step against the sign of the slope.",
            "info",
        )


def sauna_stationary_points() -> None:
    """The four places where the sauna's slope is zero, and what the sign test says of each.

    Outside `sauna_walk`'s fragment: nothing here moves with the walker, so a move of the
    slider does not send it again."""
    st.markdown(
        "Where the slope is zero, every small step is either warmer on both sides (a minimum), "
        "colder on both sides (a maximum), or warmer on one side and colder on the other "
        "(**no minimum at all**, like the flat shelf). The sign test decides:"
    )
    numbers_table(
        _stationary_table(),
        caption="Found numerically (roots of T′), then checked: T′ is zero there, and its sign "
        "just left and right tells what kind of point it is. Only one minimum is the coldest: "
        "the global one.",
    )


# ---------------------------------------------------------------- 2. the power lines


@dataclass(frozen=True)
class LineSetup:
    """What the learner chose for the power-line sections."""

    lines: tuple[float, ...]
    kind: str


def _set_lines(lines: Sequence[float]) -> None:
    st.session_state["lines"] = cost.format_lines(lines, sep=",")


def apply_table_edits(lines: Sequence[float], edits: dict[str, Any]) -> list[float]:
    """The positions after a data-editor change (edited, added and deleted rows).

    Rows left empty are dropped; the result is checked by `core.cost.validate_lines` later.
    """
    rows: list[float | None] = list(lines)
    for index, change in (edits.get("edited_rows") or {}).items():
        i = int(index)
        if 0 <= i < len(rows) and "position" in change:
            rows[i] = change["position"]
    for added in edits.get("added_rows") or []:
        rows.append(added.get("position"))
    deleted = {int(i) for i in edits.get("deleted_rows") or []}
    return [float(v) for i, v in enumerate(rows) if i not in deleted and v is not None]


def _on_table_change(table_key: str, lines: tuple[float, ...]) -> None:
    _set_lines(apply_table_edits(lines, st.session_state.get(table_key) or {}))


def power_line_setup() -> LineSetup | None:
    """Presets, the positions (text and table) and the kind of cost. None if unusable."""
    cols = st.columns(len(PRESETS))
    for col, (name, preset) in zip(cols, PRESETS.items(), strict=True):
        col.button(
            name,
            key=f"preset_{len(preset)}_{int(preset[-1])}",
            on_click=_set_lines,
            args=(preset,),
            width="stretch",
        )
    text = url_text(
        f"Power-line positions a₁, a₂, … ({cost.MIN_LINES} to {cost.MAX_LINES} numbers from "
        f"−{STREET:g} to {STREET:g}, separated by commas)",
        "lines",
        default=DEFAULT_LINES,
        max_chars=120,
        placeholder="for example 1, 2, 3",
    )
    # Plain option names: they are what the link carries (?kind=absolute).
    kind = url_choice(
        "Cost of one connection: squared (x − a)² or absolute |x − a|",
        "kind",
        options=cost.KINDS,
        default="squared",
    )
    try:
        lines = cost.parse_lines(text)
    except LearnerError as problem:
        friendly_error(f"{problem} The pictures below need at least one valid position.")
        if not text.strip():
            friendly_note("Pick one of the examples above, or type positions such as 1, 2, 3.")
        return None
    repeated = cost.repeated_positions(lines)
    if repeated:
        friendly_note(
            "Two or more lines share the position "
            + ", ".join(cost.format_position(a) for a in repeated)
            + ". That is allowed: each line still adds its own cost, so that spot counts once "
            "for every line there."
        )
    with st.expander("✏️ Edit the positions as a table", expanded=False):
        table_key = f"lines_table_{cost.format_lines(lines, sep=',')}"
        st.data_editor(
            pd.DataFrame({"position": list(lines)}),
            key=table_key,
            num_rows="dynamic",
            hide_index=True,
            column_config={
                "position": st.column_config.NumberColumn(
                    "position a",
                    min_value=-cost.POSITION_LIMIT,
                    max_value=cost.POSITION_LIMIT,
                    step=0.1,
                    required=True,
                )
            },
            on_change=_on_table_change,
            args=(table_key, lines),
        )
    return LineSetup(lines=lines, kind=kind)


def waiting_for_lines() -> None:
    """What a power-line section shows while the positions above cannot be read."""
    st.caption("⬆️ This section appears once the power-line positions above are valid.")


def _line_name(a: float, kind: str) -> str:
    gap = _gap(a)
    return f"({gap})²" if kind == "squared" else f"|{gap}|"


def _gap(a: float) -> str:
    if a == 0:
        return "x"
    return f"x − {cost.format_position(a)}" if a > 0 else f"x + {cost.format_position(-a)}"


def _tex_gap(a: float) -> str:
    return _gap(a).replace("−", "-")


def _x_from_data(layer: charts.Layer) -> charts.Layer:
    """The layer's x axis spans exactly its data: no domain in the spec, no rounding out.

    A window that follows a slider (the house, the start of a walk) then travels in the data,
    which the browser swaps into the drawn chart, instead of in the spec, which would make it
    build a new chart on every move. The curves are computed over the window, so the axis
    still shows the window.
    """
    layer.spec["encoding"]["x"]["scale"]["nice"] = False
    return layer


def _cost_frame(setup: LineSetup, window: tuple[float, float]) -> pd.DataFrame:
    xs = np.linspace(*window, GRID_POINTS)
    frames = [
        pd.DataFrame(
            {
                "x": xs,
                "y": cost.power_line_cost(xs, setup.lines, setup.kind),
                "curve": "total cost C(x)",
            }
        )
    ]
    for a, row in zip(setup.lines, cost.each_line_cost(xs, setup.lines, setup.kind), strict=True):
        frames.append(
            pd.DataFrame(
                {
                    "x": xs,
                    "y": row,
                    "curve": f"line at {cost.format_position(a)}: {_line_name(a, setup.kind)}",
                }
            )
        )
    return pd.concat(frames, ignore_index=True).drop_duplicates(["x", "curve"])


def _optimum_layer(best: cost.Optimum) -> charts.Layer:
    if best.unique:
        return charts.vertical_rule(
            best.x, label=f"best x = {num(best.x)}", color=charts.COLORS["tangent"]
        )
    return charts.shaded_band(
        best.low,
        best.high,
        label=f"every x from {num(best.low)} to {num(best.high)} is best",
        color=charts.COLORS["tangent"],
        opacity=0.2,
    )


def optimum_sentence(lines: Sequence[float], kind: str) -> str:
    """The page's one-line answer: where the house should go, and why."""
    best = cost.best_position(lines, kind)
    listed = and_list(lines)
    if len(lines) == 1:
        return (
            f"The best position is **x = {num(best.x)}**: right at the only line, "
            "where the cost is 0."
        )
    if kind == "squared":
        return (
            f"The best position is **x = {num(best.x)}**: the mean of {listed}, "
            f"with total cost {num(best.cost)}."
        )
    if best.unique:
        return (
            f"The best position is **x = {num(best.x)}**: the median of {listed}, "
            f"with total cost {num(best.cost)}."
        )
    return (
        f"**Every x between {num(best.low)} and {num(best.high)} is optimal**: there the house "
        f"has as many lines on its left as on its right, the slope is 0, and the total cost is "
        f"{num(best.cost)} all along. The median {num(best.x)} is just the middle of that stretch."
    )


def _at_the_house(x: float, c_here: float, s_here: float) -> str:
    """The one line of the derivation that moves with the house, as two aligned rows so that
    it fits a phone's width."""
    return (
        rf"\begin{{aligned}} \text{{at the house: }} C({num(x)}) &= {num(c_here)} \\ "
        rf"C'({num(x)}) &= {num(s_here)} \end{{aligned}}"
    )


def _derivation(setup: LineSetup) -> list[str]:
    """The LaTeX lines of 'set the slope to zero' with the learner's lines. They do not move
    with the house, so they are drawn once, outside the house's fragment."""
    lines, kind = setup.lines, setup.kind
    if kind == "squared":
        d = cost.mean_derivation(lines)
        total_text = cost.format_position(d.total)
        nx = "x" if d.n == 1 else f"{d.n}x"
        inner = nx + (
            ""
            if d.total == 0
            else (f" - {total_text}" if d.total > 0 else f" + {cost.format_position(-d.total)}")
        )
        mean_text = num(d.mean, 4)
        exact = float(mean_text) == d.mean
        squares = [("x" if a == 0 else f"({_tex_gap(a)})") + "^2" for a in lines]
        doubles = [("2x" if a == 0 else f"2({_tex_gap(a)})") for a in lines]
        return [
            "C(x) = " + " + ".join(squares),
            "C'(x) = " + " + ".join(doubles) + (f" = 2({inner})" if d.n > 1 else ""),
            rf"C'(x) = 0 \iff {nx} = {total_text}"
            + (
                rf" \iff x = \frac{{{total_text}}}{{{d.n}}}"
                + (" = " if exact else r" \approx ")
                + mean_text
                if d.n > 1
                else ""
            ),
        ]
    best = cost.best_position(lines, kind)
    answer = (
        rf"x = {num(best.x)}"
        if best.unique
        else rf"\text{{every }} x \in [{num(best.low)}, {num(best.high)}]"
    )
    return [
        "C(x) = " + " + ".join(f"|{_tex_gap(a)}|" for a in lines),
        "C'(x) = "
        + " + ".join(rf"\operatorname{{sign}}({_tex_gap(a)})" for a in lines)
        + r" = \#\{\text{lines left of } x\} - \#\{\text{lines right of } x\}",
        r"C'(x) = 0 \iff \text{as many lines on each side} \iff " + answer,
    ]


def house_explorer(setup: LineSetup) -> None:
    """Move the house: each line's cost, the total, its slope, and the best position; then the
    best position in words and its derivation, which do not move with the house."""
    _house(setup)
    verdict(optimum_sentence(setup.lines, setup.kind))
    st.markdown("**Set the slope to zero**, with your numbers:")
    for line in _derivation(setup):
        latex(line)
    if setup.kind == "absolute":
        st.caption("The absolute cost has a corner at every line: there its slope jumps by 2.")


@st.fragment
def _house(setup: LineSetup) -> None:
    """The house's slider and everything that moves with it: the costs, both charts, and the
    cost and slope at the house in the derivation's notation."""
    x = url_slider(
        "House position x", "x", min_value=-STREET, max_value=STREET, default=0.0, step=0.1
    )
    best = cost.best_position(setup.lines, setup.kind)
    c_here = cost.power_line_cost(x, setup.lines, setup.kind)
    s_here = cost.power_line_slope(x, setup.lines, setup.kind)
    cols = st.columns(3)
    cols[0].metric("total cost at the house C(x)", num(c_here))
    cols[1].metric("slope at the house C′(x)", num(s_here))
    cols[2].metric(
        "best position", num(best.x) if best.unique else f"{num(best.low)} to {num(best.high)}"
    )
    # The window takes in the house's whole-number neighbours, not the house itself: it then
    # moves in whole steps, and a small move of the house moves only the house (and the
    # numbers), not every curve and axis tick with it.
    window = cost.plot_window(setup.lines, math.floor(x), math.ceil(x))
    frame = _cost_frame(setup, window)
    names = list(dict.fromkeys(frame["curve"]))
    house = pd.DataFrame({"x": [x], "y": [c_here], "who": ["house"]})
    poles = pd.DataFrame(
        {
            "x": list(setup.lines),
            "y": [0.0] * len(setup.lines),
            "who": [f"a={cost.format_position(a)}" for a in setup.lines],
        }
    )
    description = (
        f"Cost of connecting a house at x to power lines at {and_list(setup.lines)} "
        f"({setup.kind} cost): each line's cost dashed, the total solid. The house at x = {num(x)} "
        f"pays {num(c_here)}; the total is lowest at "
        + (
            f"x = {num(best.x)}."
            if best.unique
            else f"every x from {num(best.low)} to {num(best.high)}."
        )
    )
    chart = charts.compose(
        _optimum_layer(best),
        _x_from_data(
            charts.function_plot(
                frame, series="curve", x_title="house position x", y_title="cost", dashed=names[1:]
            )
        ),
        charts.points(poles, label="who", color=charts.COLORS["muted"], size=60),
        charts.points(house, label="who"),
        description=description,
    )
    charts.show_chart(chart, description)
    xs = np.linspace(*window, GRID_POINTS)
    slope_frame = pd.DataFrame({"x": xs, "y": cost.power_line_slope(xs, setup.lines, setup.kind)})
    slope_description = (
        f"The slope C′(x) of the total: negative left of the best position, positive right of it, "
        f"zero at the best position. At the house it is {num(s_here)}."
    )
    slope_chart = charts.compose(
        _optimum_layer(best),
        charts.horizontal_rule(0.0, label="slope 0", color=charts.COLORS["muted"]),
        _x_from_data(
            charts.function_plot(
                slope_frame,
                x_title="house position x",
                y_title="slope C′(x)",
                colors={"y": charts.COLORS["derivative"]},
            )
        ),
        charts.points(pd.DataFrame({"x": [x], "y": [s_here], "who": ["house"]}), label="who"),
        description=slope_description,
        height=220,
    )
    charts.show_chart(slope_chart, slope_description)
    latex(_at_the_house(x, c_here, s_here))


def mean_or_median(setup: LineSetup) -> None:
    """Squared cost -> mean, absolute cost -> median; an outlier drags only the mean."""
    far = cost.with_outlier(setup.lines)
    rows = []
    for name, lines in (("your lines", setup.lines), ("rightmost line moved to 20", far)):
        mean = cost.best_position(lines, "squared")
        median = cost.best_position(lines, "absolute")
        rows.append(
            {
                "lines": cost.format_lines(lines),
                "case": name,
                "best for squared cost (mean)": num(mean.x),
                "best for absolute cost (median)": num(median.x)
                if median.unique
                else f"anywhere from {num(median.low)} to {num(median.high)}",
            }
        )
    numbers_table(pd.DataFrame(rows))
    moved = cost.best_position(far, "squared").x - cost.best_position(setup.lines, "squared").x
    st.markdown(
        f"Moving one line far away drags the mean by {num(moved)}; the median only asks how "
        "many lines lie on each side, so it moves little or not at all. Squared cost punishes a "
        "far line heavily; absolute cost treats every unit of distance the same."
    )


# ---------------------------------------------------------------- 4. walking downhill


# The descent chart's plot area, as small as it gets (a phone), and a step label's size there:
# labels are kept apart for that size, so they are readable on every screen.
PLOT_PX = (300.0, 240.0)
LABEL_PX = (7.0, 13.0)  # width of one digit, height of a line (12 px bold)


def readable_labels(
    xs: np.ndarray,
    ys: np.ndarray,
    candidates: Sequence[int],
    x_span: tuple[float, float],
    y_span: tuple[float, float],
) -> np.ndarray:
    """Which steps carry their number: each candidate, in the order given, unless its label
    would overlap a label already kept (in pixels, on a PLOT_PX plot spanning x_span by
    y_span). The order is the priority: the start and the end first, then the early steps."""
    dx = PLOT_PX[0] / ((x_span[1] - x_span[0]) or 1.0)
    dy = PLOT_PX[1] / ((y_span[1] - y_span[0]) or 1.0)
    kept: list[int] = []
    for k in dict.fromkeys(candidates):
        if not 0 <= k < len(xs) or not (np.isfinite(xs[k]) and np.isfinite(ys[k])):
            continue
        width = LABEL_PX[0] * len(str(k))
        clear = all(
            abs(xs[k] - xs[j]) * dx >= (width + LABEL_PX[0] * len(str(j))) / 2 + 2
            or abs(ys[k] - ys[j]) * dy >= LABEL_PX[1]
            for j in kept
        )
        if clear:
            kept.append(k)
    labelled = np.zeros(len(xs), dtype=bool)
    labelled[kept] = True
    return labelled


def _y_span(curve_y: pd.Series) -> tuple[float, float]:
    """The y axis of a chart of this curve: Vega-Lite's scale takes in zero."""
    return min(0.0, float(curve_y.min())), max(0.0, float(curve_y.max()))


def _path_layer(
    path: DescentPath,
    window: tuple[float, float],
    y_span: tuple[float, float],
    color: str,
    numbered: int = 3,
) -> charts.Layer:
    """The iterates in order, joined by a line; the start, the last step and the first
    `numbered` steps are numbered where their numbers do not overlap. Points outside the window
    are left out (the caption says where the walk went)."""
    k = np.arange(len(path.xs))
    inside = (path.xs >= window[0]) & (path.xs <= window[1])
    # Which steps carry a number is a column, not a filter with the step count in it: the
    # spec then stays the same whatever the sliders say, and the browser only swaps the data.
    last = len(path.xs) - 1
    shown = [i for i in (0, last, *range(1, numbered + 1)) if i <= last and inside[i]]
    labelled = readable_labels(path.xs, path.costs, shown, window, y_span)
    frame = pd.DataFrame({"k": k, "x": path.xs, "y": path.costs, "labelled": labelled})
    frame = frame[inside]
    encoding = {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
        "order": {"field": "k", "type": "quantitative"},
        "tooltip": [
            {"field": "k", "type": "quantitative", "title": "step"},
            {"field": "x", "type": "quantitative", "format": ".4g"},
            {"field": "y", "type": "quantitative", "title": "value", "format": ".4g"},
        ],
    }
    walk = {
        "mark": {
            "type": "line",
            "color": color,
            "strokeWidth": 1.5,
            "point": {"color": color, "size": 40},
        },
        "encoding": encoding,
    }
    labels = {
        "mark": {"type": "text", "dy": -12, "color": color, "fontSize": 12, "fontWeight": "bold"},
        "encoding": {**encoding, "text": {"field": "k", "type": "quantitative"}},
        "transform": [{"filter": "datum.labelled"}],
    }
    return charts.Layer({"layer": [walk, labels]}, frame)


def _iterates_table(path: DescentPath, value_name: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "step k": np.arange(len(path.xs)),
            "x_k": path.xs,
            value_name: path.costs,
            "slope": path.slopes,
        }
    )


def _learning_rate_link_problem() -> None:
    """A link such as ?lr=0 or ?lr=-1 gets the reason, not only 'not one of the values'."""
    note_key = "_cost_lr_problem"
    if "lr" not in st.session_state:
        try:
            asked = float(st.query_params.get("lr", "nan"))
        except ValueError:
            asked = float("nan")
        if not np.isnan(asked):
            try:
                check_descent_settings(asked, 1)
            except LearnerError as problem:
                st.session_state[note_key] = str(problem)
    problem = st.session_state.get(note_key)
    if problem:
        friendly_error(f"{problem} The link's learning rate was replaced by a usable one.")


@st.fragment
def power_line_descent(setup: LineSetup) -> None:
    """Gradient descent on the total cost: start, learning rate, steps; path and verdict."""
    _learning_rate_link_problem()
    cols = st.columns(3)
    with cols[0]:
        start = url_slider(
            "Start at x₀", "start", min_value=-STREET, max_value=STREET, default=-2.0, step=0.5
        )
    with cols[1]:
        lr = url_log_slider("Learning rate", "lr", options=LEARNING_RATES, default=0.1)
    with cols[2]:
        steps = url_slider(
            "Steps", "steps", min_value=1, max_value=MAX_SLIDER_STEPS, default=30, step=1
        )
    if lr != st.session_state.get("_cost_lr_seen", lr):
        st.session_state.pop("_cost_lr_problem", None)
    st.session_state["_cost_lr_seen"] = lr
    path = cost.power_line_descent(setup.lines, setup.kind, start, lr, steps)
    best = cost.best_position(setup.lines, setup.kind)
    window = cost.plot_window(setup.lines, start, best.x)
    xs = np.linspace(*window, GRID_POINTS)
    curve = pd.DataFrame({"x": xs, "y": cost.power_line_cost(xs, setup.lines, setup.kind)})
    description = (
        f"Gradient descent from x₀ = {num(start)} with learning rate {num(lr)}: after "
        f"{steps_words(path.steps_taken)} it is at x = {num(path.final_x, 6)}; the best position is "
        + (
            f"{num(best.x)}."
            if best.unique
            else f"anywhere from {num(best.low)} to {num(best.high)}."
        )
    )
    chart = charts.compose(
        _x_from_data(
            charts.function_plot(curve, x_title="house position x", y_title="total cost C(x)")
        ),
        _path_layer(path, window, _y_span(curve["y"]), charts.COLORS["secant"]),
        description=description,
    )
    charts.show_chart(chart, description)
    words = f"With learning rate {num(lr)} the walk is {path.words}"
    if setup.kind == "squared":
        n = len(setup.lines)
        factor = cost.descent_factor(setup.lines, lr)
        if path.outcome == "walking" and factor > 0.9:
            words += (
                f" With so small a rate it crawls: each step removes only {1 - factor:.1%} of "
                "the distance that is left."
            )
        words += (
            f" For {n} lines with squared cost each step multiplies the distance to the mean by "
            f"1 − 2·{n}·{num(lr)} = {num(factor)}: learning rates "
            f"below 1/{n} ≈ {num(cost.stable_learning_rate(setup.lines), 3)} settle, "
            "larger ones run away."
        )
    else:
        words += (
            " With the absolute cost the slope does not shrink near the bottom, so steps of a "
            "fixed learning rate keep their size and bounce around the median."
        )
    if path.outcome == "diverged" and path.steps_taken < steps:
        words += f" It was stopped after {steps_words(path.steps_taken)}, far out of the picture."
    verdict(words, OUTCOME_KIND.get(path.outcome, "warning"))
    with st.expander(f"📋 The iterates x₀ … x_{path.steps_taken}"):
        numbers_table(_iterates_table(path, "cost C(x_k)"))


def _unsettled(path: DescentPath) -> str:
    """What a sauna walk that did not settle is doing, in a few words."""
    shelf = next(p for p in sauna.stationary_points() if p.kind == "no extremum")
    if abs(path.final_x - shelf.x) < 0.1:
        return "creeping over the flat shelf, where the slope almost vanishes"
    return path.words.split(":")[0]


@st.cache_data
def _sauna_landings(lr: float) -> pd.DataFrame:
    rows = []
    for start in SAUNA_STARTS:
        path = sauna.sauna_descent(start, lr, MAX_STEPS)
        landed = sauna.landing_point(path)
        rows.append(
            {
                "start x₀ (m)": num(start),
                "ends at x (m)": num(path.final_x, 5),
                "temperature (°C)": num(path.costs[-1], 5),
                "what it found": _sauna_name(landed.kind) if landed else _unsettled(path),
            }
        )
    return pd.DataFrame(rows)


@st.fragment
def sauna_descent() -> None:
    """Walking downhill in the sauna: where you start decides which cold spot you find."""
    cols = st.columns(2)
    with cols[0]:
        start = url_slider(
            "Start at x₀ (m)",
            "sauna_start",
            min_value=sauna.ROOM[0],
            max_value=sauna.ROOM[1],
            default=3.0,
            step=0.1,
        )
    with cols[1]:
        lr = url_log_slider(
            "Learning rate in the sauna", "sauna_lr", options=SAUNA_RATES, default=0.01
        )
    path = sauna.sauna_descent(start, lr, MAX_STEPS)
    landed = sauna.landing_point(path)
    description = (
        f"Walking downhill in the sauna from x₀ = {num(start)} m with learning rate {num(lr)}: "
        f"{steps_words(path.steps_taken)} to x = {num(path.final_x, 5)} m."
    )
    walk = _path_layer(
        path, sauna.ROOM, _y_span(_sauna_curve()["y"]), charts.COLORS["secant"], numbered=0
    )
    layers = [*_sauna_base(), walk]
    charts.show_chart(charts.compose(*layers, description=description), description)
    if landed is None:
        doing = _unsettled(path)
        verdict(
            f"After {steps_words(path.steps_taken)} the walk is {path.words}"
            + (f" It is {doing}." if doing.startswith("creeping") else ""),
            "warning",
        )
    elif landed.kind == "global minimum":
        verdict(
            f"The walk found the **coldest spot** at x = {num(landed.x)} m ({num(landed.value, 5)} °C)."
        )
    elif landed.kind == "local minimum":
        verdict(
            f"The walk settled in the **local minimum** at x = {num(landed.x)} m "
            f"({num(landed.value, 5)} °C): every step from there is warmer, yet the "
            "coldest spot is elsewhere. Start on the other side of the warm bench.",
            "info",
        )
    else:
        place = {"local maximum": "warm bench (a local maximum)"}.get(landed.kind, "flat shelf")
        verdict(
            f"The walk stopped at x = {num(landed.x)} m, on the **{place}**: the slope is zero "
            "there, so gradient descent does not move, although it is no minimum.",
            "warning",
        )
    numbers_table(
        _sauna_landings(lr),
        caption=f"The same walk (learning rate {num(lr)}, up to {MAX_STEPS} steps) from five "
        "starting points: different starts end in different places.",
    )


# ---------------------------------------------------------------- 5. two suppliers


MIX, MIX_COLOR = "your mix", charts.COLORS["tangent"]


@st.cache_data
def _prices(seed: int) -> suppliers.SupplierPrices:
    return suppliers.make_prices(seed)


@st.fragment
def two_suppliers() -> None:
    """Split a purchase between two suppliers so the monthly bill varies least."""
    cols = st.columns(2)
    with cols[0]:
        w = url_slider(
            "Share bought from supplier A, w",
            "w",
            min_value=0.0,
            max_value=1.0,
            default=0.5,
            step=0.01,
        )
    with cols[1]:
        seed = url_slider(
            "Price history number (seed)",
            "seed",
            min_value=min(suppliers.SEEDS),
            max_value=max(suppliers.SEEDS),
            default=suppliers.DEFAULT_SEED,
            step=1,
        )
    prices = _prices(seed)
    stats = suppliers.price_stats(prices)
    monthly = suppliers.monthly_cost(w, prices)
    loss, slope = suppliers.split_loss(w, prices), suppliers.split_loss_slope(w, prices)
    grid_w = suppliers.best_split_grid(prices)
    sign_w = suppliers.best_split_sign_change(prices)
    closed_w = suppliers.best_split_closed_form(prices)
    m = st.columns(3)
    m[0].metric("loss at w: variance of the monthly cost", num(loss))
    m[1].metric("slope L′(w)", num(slope))
    m[2].metric("best split w*", num(closed_w, 3))
    series = pd.concat(
        [
            pd.DataFrame({"x": prices.months, "y": prices.price_a, "curve": "supplier A"}),
            pd.DataFrame({"x": prices.months, "y": prices.price_b, "curve": "supplier B"}),
            pd.DataFrame({"x": prices.months, "y": monthly, "curve": MIX}),
        ],
        ignore_index=True,
    )
    price_description = (
        f"Monthly prices of A and B over {len(prices.months)} months (history {seed}) and the "
        f"cost of buying {num(w)} from A and {num(1 - w)} from B; its variance is {num(loss)}."
    )
    # The legend's live label ("your mix, w = 0.5") travels in the data (live_chart), under a
    # fixed series name, so a move of w keeps the chart's spec.
    charts.show_chart(
        live_chart.compose_live(
            charts.function_plot(
                series,
                series="curve",
                x_title="month",
                y_title="price per unit",
                colors={MIX: MIX_COLOR},
                dashed=["supplier A", "supplier B"],
            ),
            legend={MIX: f"{MIX}, w = {num(w)}"},
            description=price_description,
            height=260,
        ),
        price_description,
    )
    ws = np.linspace(0.0, 1.0, 201)
    loss_frame = pd.DataFrame({"x": ws, "y": suppliers.split_loss(ws, prices)})
    loss_description = (
        f"The loss L(w), the variance of the monthly cost, for every split w: lowest at "
        f"w* = {num(closed_w, 3)}. At your w = {num(w)} it is {num(loss)} with slope {num(slope)}."
    )
    charts.show_chart(
        charts.compose(
            charts.function_plot(loss_frame, x_title="share from A, w", y_title="loss L(w)"),
            charts.vertical_rule(
                closed_w, label=f"w* = {num(closed_w, 3)}", color=charts.COLORS["tangent"]
            ),
            charts.line_through(
                w,
                loss,
                slope,
                (max(w - 0.15, 0), min(w + 0.15, 1)),
                label="tangent",
                color=charts.COLORS["tangent"],
            ),
            charts.points(pd.DataFrame({"x": [w], "y": [loss], "who": ["your w"]}), label="who"),
            description=loss_description,
            height=260,
        ),
        loss_description,
    )
    numbers_table(
        pd.DataFrame(
            {
                "way": ["grid search over 1001 splits", "where L′(w) changes sign", "closed form"],
                "best w": [f"{grid_w:.3f}", f"{sign_w:.4f}", f"{closed_w:.4f}"],
                "loss there": [
                    num(suppliers.split_loss(v, prices), 6) for v in (grid_w, sign_w, closed_w)
                ],
            }
        ),
        caption="Three ways to the best split. They agree: the grid to its spacing (0.001), the other "
        "two exactly.",
    )
    latex(
        r"w^* = \frac{\operatorname{Var} B - \operatorname{Cov}}"
        r"{\operatorname{Var} A + \operatorname{Var} B - 2\operatorname{Cov}}"
    )
    latex(
        rf"= \frac{{{num(stats.var_b)} - {num(stats.cov)}}}"
        rf"{{{num(stats.var_a)} + {num(stats.var_b)} - 2 \cdot {num(stats.cov)}}}"
        rf" \approx {num(closed_w, 4)}"
    )
