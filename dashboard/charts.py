"""Altair chart builders shared by every page.

Each builder returns one layer; a page stacks layers with `compose` and draws them with
`show_chart`, which always adds a one-sentence text description (Vega-Lite `description`
plus a visible caption) so that every chart has a text alternative.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms
of colour-blindness and reads on both the light and the dark theme. Lines that must be
told apart without colour also differ in dash pattern.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from core.limits import MAX_LINE_POINTS

OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#8C8C8C",
}

COLORS: dict[str, str] = {
    "function": OKABE_ITO["blue"],
    "derivative": OKABE_ITO["orange"],
    "secant": OKABE_ITO["vermillion"],
    "tangent": OKABE_ITO["green"],
    "point": OKABE_ITO["purple"],
    "accent": OKABE_ITO["sky"],
    "muted": OKABE_ITO["grey"],
    "left": OKABE_ITO["vermillion"],
    "right": OKABE_ITO["blue"],
}

SERIES_ORDER: list[str] = [
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["purple"],
    OKABE_ITO["sky"],
    OKABE_ITO["yellow"],
    OKABE_ITO["grey"],
]

DASH = [6, 4]


def _scale(domain: Sequence[float] | None, log: bool) -> alt.Scale:
    kwargs: dict = {"zero": False}
    if domain is not None:
        kwargs["domain"] = list(domain)
        kwargs["clamp"] = True
    if log:
        kwargs["type"] = "log"
    return alt.Scale(**kwargs)


def function_plot(
    data: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    series: str | None = None,
    x_title: str,
    y_title: str,
    x_domain: Sequence[float] | None = None,
    y_domain: Sequence[float] | None = None,
    log_x: bool = False,
    log_y: bool = False,
    colors: dict[str, str] | None = None,
    dashed: Sequence[str] = (),
    tooltip_format: str = ".4g",
) -> alt.Chart:
    """Lines of y against x, one per value of `series`, from a long-format frame.

    Rows whose y is not finite are left out, so a function that is undefined somewhere
    shows a gap rather than breaking the chart.
    """
    frame = data.replace([float("inf"), float("-inf")], float("nan"))
    encoding: dict = {
        "x": alt.X(f"{x}:Q", title=x_title, scale=_scale(x_domain, log_x)),
        "y": alt.Y(f"{y}:Q", title=y_title, scale=_scale(y_domain, log_y)),
        "tooltip": [
            alt.Tooltip(f"{x}:Q", title=x_title, format=tooltip_format),
            alt.Tooltip(f"{y}:Q", title=y_title, format=tooltip_format),
        ],
    }
    if series is not None:
        names = list(dict.fromkeys(frame[series].tolist()))
        palette = colors or {}
        range_ = [palette.get(n, SERIES_ORDER[i % len(SERIES_ORDER)]) for i, n in enumerate(names)]
        encoding["color"] = alt.Color(
            f"{series}:N",
            title=None,
            scale=alt.Scale(domain=names, range=range_),
            legend=alt.Legend(orient="bottom"),
        )
        encoding["strokeDash"] = alt.StrokeDash(
            f"{series}:N",
            title=None,
            scale=alt.Scale(domain=names, range=[DASH if n in dashed else [1, 0] for n in names]),
            legend=None,
        )
        encoding["tooltip"].insert(0, alt.Tooltip(f"{series}:N", title="curve"))
        encoding["detail"] = alt.Detail(f"{series}:N")
    else:
        color = (colors or {}).get(y, COLORS["function"])
        return (
            alt.Chart(frame).mark_line(color=color, strokeWidth=2.5, clip=True).encode(**encoding)
        )
    return alt.Chart(frame).mark_line(strokeWidth=2.5, clip=True).encode(**encoding)


def line_through(
    x0: float,
    y0: float,
    slope: float,
    x_range: tuple[float, float],
    *,
    label: str,
    color: str,
    dashed: bool = False,
) -> alt.Chart:
    """The straight line through (x0, y0) with the given slope, drawn across `x_range`."""
    xs = [x_range[0], x_range[1]]
    frame = pd.DataFrame(
        {"x": xs, "y": [y0 + slope * (xx - x0) for xx in xs], "line": [label, label]}
    )
    return _line_layer(frame, label, color, dashed)


def segment(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    label: str,
    color: str,
    dashed: bool = False,
) -> alt.Chart:
    """The segment from (x1, y1) to (x2, y2)."""
    frame = pd.DataFrame({"x": [x1, x2], "y": [y1, y2], "line": [label, label]})
    return _line_layer(frame, label, color, dashed)


def _line_layer(frame: pd.DataFrame, label: str, color: str, dashed: bool) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_line(color=color, strokeWidth=2.5, clip=True, strokeDash=DASH if dashed else [1, 0])
        .encode(
            x="x:Q",
            y="y:Q",
            tooltip=[
                alt.Tooltip("line:N", title="line"),
                alt.Tooltip("x:Q", format=".4g"),
                alt.Tooltip("y:Q", format=".4g"),
            ],
        )
    )


def points(
    data: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    label: str | None = None,
    color: str = COLORS["point"],
    size: int = 90,
    tooltip: list[str] | None = None,
) -> alt.Chart | alt.LayerChart:
    """Filled circles at the given points, with optional text labels beside them."""
    fields = tooltip or [x, y]
    base = alt.Chart(data).encode(
        x=f"{x}:Q",
        y=f"{y}:Q",
        tooltip=[alt.Tooltip(f, format=".4g") if f in (x, y) else f for f in fields],
    )
    dots = base.mark_circle(size=size, color=color, opacity=1, stroke="white", strokeWidth=1)
    if label is None:
        return dots
    text = base.mark_text(align="left", dx=8, dy=-8, fontSize=13, color=color).encode(
        text=f"{label}:N"
    )
    return alt.layer(dots, text)


def vertical_rule(x: float, *, label: str, color: str, dashed: bool = True) -> alt.Chart:
    """A vertical line at x (e.g. a chosen instant or an optimum)."""
    frame = pd.DataFrame({"x": [x], "label": [label]})
    return (
        alt.Chart(frame)
        .mark_rule(color=color, strokeWidth=2, strokeDash=DASH if dashed else [1, 0])
        .encode(
            x="x:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("x:Q", format=".4g")]
        )
    )


def horizontal_rule(y: float, *, label: str, color: str, dashed: bool = True) -> alt.Chart:
    """A horizontal line at y (e.g. a zero slope or a limit)."""
    frame = pd.DataFrame({"y": [y], "label": [label]})
    return (
        alt.Chart(frame)
        .mark_rule(color=color, strokeWidth=2, strokeDash=DASH if dashed else [1, 0])
        .encode(
            y="y:Q", tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("y:Q", format=".4g")]
        )
    )


def shaded_band(
    x1: float, x2: float, *, label: str, color: str, opacity: float = 0.15
) -> alt.Chart:
    """A shaded vertical band between x1 and x2 (e.g. the interval of a secant)."""
    frame = pd.DataFrame({"x": [min(x1, x2)], "x2": [max(x1, x2)], "label": [label]})
    return (
        alt.Chart(frame)
        .mark_rect(color=color, opacity=opacity)
        .encode(x="x:Q", x2="x2:Q", tooltip=[alt.Tooltip("label:N", title="")])
    )


def rects(
    data: pd.DataFrame,
    *,
    x: str = "x",
    x2: str = "x2",
    y: str = "y",
    y2: str = "y2",
    color_field: str | None = None,
    color: str = COLORS["accent"],
    opacity: float = 0.35,
    colors: dict[str, str] | None = None,
    tooltip: list[str] | None = None,
) -> alt.Chart:
    """Rectangles from (x, y) to (x2, y2), e.g. squared residuals or the strips of a product."""
    encoding: dict = {"x": f"{x}:Q", "x2": f"{x2}:Q", "y": f"{y}:Q", "y2": f"{y2}:Q"}
    if tooltip:
        encoding["tooltip"] = tooltip
    if color_field is not None:
        names = list(dict.fromkeys(data[color_field].tolist()))
        palette = colors or {}
        encoding["color"] = alt.Color(
            f"{color_field}:N",
            title=None,
            scale=alt.Scale(
                domain=names,
                range=[
                    palette.get(n, SERIES_ORDER[i % len(SERIES_ORDER)]) for i, n in enumerate(names)
                ],
            ),
            legend=alt.Legend(orient="bottom"),
        )
        return alt.Chart(data).mark_rect(opacity=opacity, stroke="white").encode(**encoding)
    return alt.Chart(data).mark_rect(color=color, opacity=opacity).encode(**encoding)


def scrubbed_lines(
    family: pd.DataFrame,
    *,
    slider_label: str,
    caption_field: str,
    color: str,
    step: str = "step",
    start: int = 0,
) -> list[alt.Chart]:
    """Layers that show one line of a precomputed family at a time, chosen by a slider drawn
    inside the chart: Vega-Lite redraws in the browser, with no rerun of the script.

    `family` has columns `step` (0..n-1), x, y (two ends per line), x1, y1 (a marked point)
    and `caption_field` (the text shown for the chosen line).
    """
    steps = sorted(family[step].unique().tolist())
    chosen = alt.param(
        name="chosen_step",
        value=steps[min(start, len(steps) - 1)],
        bind=alt.binding_range(min=steps[0], max=steps[-1], step=1, name=f"{slider_label} "),
    )
    keep = alt.datum[step] == chosen
    line = (
        alt.Chart(family)
        .mark_line(color=color, strokeWidth=2.5, clip=True)
        .encode(x="x:Q", y="y:Q", detail=f"{step}:O")
        .transform_filter(keep)
        .add_params(chosen)
    )
    point = (
        alt.Chart(family)
        .mark_circle(size=90, color=color, opacity=1)
        .encode(x="x1:Q", y="y1:Q", tooltip=[alt.Tooltip(f"{caption_field}:N", title="")])
        .transform_filter(keep)
    )
    text = (
        alt.Chart(family.drop_duplicates(subset=[step]))
        .mark_text(align="left", baseline="top", x=8, y=8, fontSize=14, color=color)
        .encode(text=f"{caption_field}:N")
        .transform_filter(keep)
    )
    return [line, point, text]


_CONFIG = alt.Config(
    axis=alt.AxisConfig(labelFontSize=12, titleFontSize=13),
    legend=alt.LegendConfig(labelFontSize=12),
)


def compose(*layers: alt.TopLevelMixin, description: str, height: int = 320) -> alt.LayerChart:
    """Stack layers on shared axes and attach the chart's text description.

    Everything goes into one constructor call: each `.properties()` or `.configure_*()` on a
    layered chart deep-copies it, and those copies were a third of a page's chart time.
    """
    return alt.layer(*layers, height=height, description=description, config=_CONFIG)


def show_chart(chart: alt.TopLevelMixin, description: str) -> None:
    """Draw a chart across the column, with its description as a caption below it.

    Altair validates a chart against the Vega-Lite JSON schema every time it is turned into
    a spec, on every rerun; that is about half of a chart's server time. The builders here
    are validated once, in tests/dashboard/test_charts.py, so drawing skips it.
    """
    if getattr(chart, "description", alt.Undefined) is alt.Undefined:
        with contextlib.suppress(Exception):  # some compound charts refuse properties
            chart = chart.properties(description=description)
    # An instance attribute, not setattr: Altair would store the latter in the spec itself.
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    st.altair_chart(chart, width="stretch", theme="streamlit")
    st.caption(description)


def thin(frame: pd.DataFrame, max_points: int = MAX_LINE_POINTS) -> pd.DataFrame:
    """Every k-th row, so that a line carries at most `max_points` points to the browser."""
    if len(frame) <= max_points:
        return frame
    step = -(-len(frame) // max_points)
    return frame.iloc[::step]
