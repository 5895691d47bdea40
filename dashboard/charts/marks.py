"""Builders of marks: labelled points, vertical and horizontal rules, a shaded band,
rectangles, a heat map, a marker, and lines of a precomputed family chosen by an in-chart
slider.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pandas as pd

from dashboard.charts.common import (
    COLORS,
    NOMINAL,
    PADDING,
    POWER_LABELS,
    SERIES_ORDER,
    Layer,
    _dash,
    _field,
    _kind,
)

# A point's label sits right of and above its dot, 8 px off. One that would run past the right
# edge of the plot goes left of its dot; one that fits on neither side (a long label on a
# phone) starts as far left as it must to end at the right edge, but not left of the plot, a
# little higher so as to clear the dot; one whose dot is within a line of the top goes below
# it. "forward best: dx ≈ 1.3 × 10⁻⁸" ran off the phone-sized round-off chart, and a label
# above a dot at the top of the plot was cut by the chart's edge. Decided in the browser, row
# by row, from the drawn position, so a slider move keeps the spec. A 13 px label is taken as
# 6 px a character (Source Sans: 'forward best: dx ≈ 1.3 × 10⁻⁸', 29 characters, is 175 px;
# at 7 px Home's '+3: go left' flipped onto 'slope −3: go right' on a phone), measured as
# '' + label: Vega's toString("") is null, and length(null) throws, which left the rules'
# power chart undrawn (its third dot has the label "").
LABEL_OFFSET, LABEL_CHAR_PX, LABEL_TOP_PX, LABEL_CLEAR_PX = 8, 6, 16, 14


def _xy_encoding(
    data: pd.DataFrame, x: str, y: str, tooltip: list[str] | None, number_format: str
) -> dict:
    """x and y channels, and a tooltip of the given fields (x and y by default), the two
    coordinates written with `number_format`."""
    fields = tooltip or [x, y]
    return {
        "x": _field(x),
        "y": _field(y),
        "tooltip": [
            _field(f, format=number_format) if f in (x, y) else _field(f, _kind(data, f))
            for f in fields
        ],
    }


def points(
    data: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    label: str | None = None,
    color: str = COLORS["point"],
    size: int = 90,
    tooltip: list[str] | None = None,
) -> Layer:
    """Filled circles at the given points, with optional text labels beside them."""
    encoding = _xy_encoding(data, x, y, tooltip, ".4g")
    dots = {
        "mark": {
            "type": "circle",
            "size": size,
            "color": color,
            "opacity": 1,
            "stroke": "white",
            "strokeWidth": 1,
        },
        "encoding": encoding,
    }
    if label is None:
        return Layer(dots, data)
    text = {
        "mark": {"type": "text", **label_placement(x, y, label), "fontSize": 13, "color": color},
        "encoding": {**encoding, "text": _field(label, NOMINAL)},
    }
    return Layer({"layer": [dots, text]}, data)


def label_placement(x: str, y: str, label: str) -> dict:
    """The align, dx and dy of a text mark labelling the dot at (x, y) with `label`."""
    column = lambda name: f"datum[{json.dumps(name)}]"  # noqa: E731
    at = f"scale('x', {column(x)})"
    size = f"{LABEL_CHAR_PX} * (isValid({column(label)}) ? length('' + {column(label)}) : 0)"
    # a label may end in the padding right of the plot, still inside the chart
    fits_right = f"{at} + {LABEL_OFFSET} + {size} <= width + {PADDING['right'] - 2}"
    fits_left = f"{at} - {LABEL_OFFSET} - {size} >= 0"
    near_top = f"scale('y', {column(y)}) < {LABEL_TOP_PX}"
    return {
        "align": {"expr": f"{fits_right} ? 'left' : {fits_left} ? 'right' : 'left'"},
        "dx": {
            "expr": f"{fits_right} ? {LABEL_OFFSET} : {fits_left} ? {-LABEL_OFFSET}"
            f" : max(-{at}, width - {at} - {size})"
        },
        "dy": {
            "expr": f"{near_top} ? {LABEL_OFFSET + 8} : {fits_right} || {fits_left}"
            f" ? {-LABEL_OFFSET} : {-LABEL_CLEAR_PX}"
        },
    }


def _rule(axis: str, value: float, label: str, color: str, dashed: bool) -> Layer:
    frame = pd.DataFrame({axis: [value], "label": [label]})
    return Layer(
        {
            "mark": {
                "type": "rule",
                "color": color,
                "strokeWidth": 2,
                "strokeDash": _dash(dashed),
            },
            "encoding": {
                axis: _field(axis),
                "tooltip": [_field("label", NOMINAL, title=""), _field(axis, format=".4g")],
            },
        },
        frame,
    )


def vertical_rule(x: float, *, label: str, color: str, dashed: bool = True) -> Layer:
    """A vertical line at x (e.g. a chosen instant or an optimum)."""
    return _rule("x", x, label, color, dashed)


def horizontal_rule(y: float, *, label: str, color: str, dashed: bool = True) -> Layer:
    """A horizontal line at y (e.g. a zero slope or a limit)."""
    return _rule("y", y, label, color, dashed)


def shaded_band(x1: float, x2: float, *, label: str, color: str, opacity: float = 0.15) -> Layer:
    """A shaded vertical band between x1 and x2 (e.g. the interval of a secant)."""
    frame = pd.DataFrame({"x": [min(x1, x2)], "x2": [max(x1, x2)], "label": [label]})
    return Layer(
        {
            "mark": {"type": "rect", "color": color, "opacity": opacity},
            "encoding": {
                "x": _field("x"),
                "x2": {"field": "x2"},
                "tooltip": [_field("label", NOMINAL, title="")],
            },
        },
        frame,
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
    x_title: str | None = None,
    y_title: str | None = None,
    x_domain: Sequence[float] | None = None,
    y_domain: Sequence[float] | None = None,
    clip: bool = False,
) -> Layer:
    """Rectangles from (x, y) to (x2, y2), e.g. squared residuals or the strips of a product."""
    encoding: dict = {
        "x": _field(x),
        "x2": {"field": x2},
        "y": _field(y),
        "y2": {"field": y2},
    }
    for axis, title, domain in (("x", x_title, x_domain), ("y", y_title, y_domain)):
        if title is not None:
            encoding[axis]["title"] = title
        if domain is not None:
            encoding[axis]["scale"] = {"domain": [float(v) for v in domain]}
    if tooltip:
        encoding["tooltip"] = [_field(f, _kind(data, f)) for f in tooltip]
    if color_field is None:
        mark = {"type": "rect", "color": color, "opacity": opacity}
        if clip:  # cut at the plot's edge, e.g. a square reaching past the window
            mark["clip"] = True
        return Layer({"mark": mark, "encoding": encoding}, data)
    names = list(dict.fromkeys(data[color_field].tolist()))
    palette = colors or {}
    encoding["color"] = _field(
        color_field,
        NOMINAL,
        title=None,
        scale={
            "domain": names,
            "range": [
                palette.get(n, SERIES_ORDER[i % len(SERIES_ORDER)]) for i, n in enumerate(names)
            ],
        },
        legend={"orient": "bottom"},
    )
    mark = {"type": "rect", "opacity": opacity, "stroke": "white"}
    return Layer({"mark": mark, "encoding": encoding}, data)


def heatmap(
    data: pd.DataFrame | bytes,
    *,
    value: str,
    x: str = "x",
    x2: str = "x2",
    y: str = "y",
    y2: str = "y2",
    x_title: str,
    y_title: str,
    x_domain: Sequence[float],
    y_domain: Sequence[float],
    legend_title: str,
    log: bool = True,
) -> Layer:
    """Cells from (x, y) to (x2, y2) coloured by `value` (viridis, a log scale by default),
    e.g. a loss over two parameters. `data` may be Arrow bytes made once (`arrow_bytes`)."""
    scale: dict = {"scheme": "viridis"}
    if log:
        scale["type"] = "log"
    legend: dict = {"title": legend_title, "orient": "right"}
    legend["labelExpr" if log else "format"] = POWER_LABELS if log else "~s"
    encoding = {
        "x": _field(
            x, title=x_title, scale={"domain": [float(v) for v in x_domain], "nice": False}
        ),
        "x2": {"field": x2},
        "y": _field(
            y, title=y_title, scale={"domain": [float(v) for v in y_domain], "nice": False}
        ),
        "y2": {"field": y2},
        "color": _field(value, scale=scale, legend=legend),
        "tooltip": [
            _field(x, title=x_title, format=",.4g"),
            _field(y, title=y_title, format=",.4g"),
            _field(value, format=",.4g"),
        ],
    }
    # Each cell is outlined in its own colour (the colour scale's, through an expression: a
    # stroke channel would add a legend of its own): adjacent cells end on fractional pixels,
    # and the page showed through the anti-aliased seams as a mesh of lines over the whole map
    # (white on the light theme, black on the dark one).
    stroke = {"expr": f"scale('color', datum[{json.dumps(value)}])"}
    return Layer(
        {"mark": {"type": "rect", "stroke": stroke, "strokeWidth": 0.6}, "encoding": encoding}, data
    )


def marker(
    data: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    color: str = COLORS["point"],
    shape: str = "circle",
    size: int = 200,
    tooltip: list[str] | None = None,
) -> Layer:
    """A filled symbol (circle, cross, diamond, ...) with a white outline at each row."""
    encoding = _xy_encoding(data, x, y, tooltip, ",.4g")
    mark = {
        "type": "point",
        "shape": shape,
        "size": size,
        "color": color,
        "filled": True,
        "stroke": "white",
        "strokeWidth": 2,
        "clip": True,
    }
    return Layer({"mark": mark, "encoding": encoding}, data)
