"""Builders of lines: a function plotted from its samples (only the samples the eye can see),
a straight line through a point, a segment, several segments, a trail of steps.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.polyline import simplify_curve
from dashboard.charts.common import (
    COLORS,
    LINE_TOLERANCE,
    LOG_AXIS,
    NOMINAL,
    POWER_LABELS,
    SERIES_ORDER,
    Layer,
    _dash,
    _field,
    _kind,
    _scale,
)


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
    y_axis_format: str | None = None,
    y_axis_labels: str | None = None,
) -> Layer:
    """Lines of y against x, one per value of `series`, from a long-format frame.

    Rows whose y is not finite are left out, so a function that is undefined somewhere
    shows a gap rather than breaking the chart. Each line carries only the samples that the
    eye can see (`_drawn_samples`): the browser redraws every sample on every slider move.
    """
    frame = data.replace([float("inf"), float("-inf")], float("nan"))
    frame = _drawn_samples(frame, x, y, series, y_domain, log_x, log_y)
    y_channel = _field(y, title=y_title, scale=_scale(y_domain, log_y))
    if y_axis_format is not None:
        y_channel["axis"] = {"format": y_axis_format}
    if log_y or y_axis_labels == POWER_LABELS:
        y_channel["axis"] = {**y_channel.get("axis", {}), **LOG_AXIS}
    elif y_axis_labels is not None:  # a Vega label expression
        y_channel["axis"] = {**y_channel.get("axis", {}), "labelExpr": y_axis_labels}
    x_channel = _field(x, title=x_title, scale=_scale(x_domain, log_x))
    if log_x:
        x_channel["axis"] = dict(LOG_AXIS)
    encoding: dict = {
        "x": x_channel,
        "y": y_channel,
        "tooltip": [
            _field(x, title=x_title, format=tooltip_format),
            _field(y, title=y_title, format=tooltip_format),
        ],
    }
    mark: dict = {"type": "line", "strokeWidth": 2.5, "clip": True}
    if series is None:
        mark["color"] = (colors or {}).get(y, COLORS["function"])
        return Layer({"mark": mark, "encoding": encoding}, frame)
    names = list(dict.fromkeys(frame[series].tolist()))
    palette = colors or {}
    range_ = [palette.get(n, SERIES_ORDER[i % len(SERIES_ORDER)]) for i, n in enumerate(names)]
    encoding["color"] = _field(
        series,
        NOMINAL,
        title=None,
        scale={"domain": names, "range": range_},
        legend={"orient": "bottom"},
    )
    encoding["strokeDash"] = _field(
        series,
        NOMINAL,
        title=None,
        scale={"domain": names, "range": [_dash(n in dashed) for n in names]},
        # The same legend as the colour's, which Vega-Lite merges into one: each entry shows
        # its line's colour and dash.
        legend={"orient": "bottom"},
    )
    encoding["tooltip"].insert(0, _field(series, NOMINAL, title="curve"))
    encoding["detail"] = _field(series, NOMINAL)
    return Layer({"mark": mark, "encoding": encoding}, frame)


def _drawn_samples(
    frame: pd.DataFrame,
    x: str,
    y: str,
    series: str | None,
    y_domain: Sequence[float] | None,
    log_x: bool,
    log_y: bool,
) -> pd.DataFrame:
    """The rows of each line that its drawing needs: the polyline through them stays within
    LINE_TOLERANCE of the y axis's span of the polyline through every row
    (`core.polyline.simplify_curve`), measured on the axes as drawn (log axes in log units).
    A line whose x values are not in order (a curve that turns back) is sent whole."""
    if len(frame) <= 2 or x not in frame or y not in frame:
        return frame
    xs = frame[x].to_numpy(dtype=float, na_value=np.nan)
    ys = frame[y].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        if log_x:
            xs = np.log10(np.where(xs > 0, xs, np.nan))
        if log_y:
            ys = np.log10(np.where(ys > 0, ys, np.nan))
    if y_domain is not None and not log_y:
        span = abs(float(y_domain[1]) - float(y_domain[0]))
    else:
        finite = ys[np.isfinite(ys)]
        span = float(finite.max() - finite.min()) if len(finite) else 0.0
    if not np.isfinite(span) or span == 0.0 or not np.isfinite(xs).all():
        return frame
    groups = (
        [np.arange(len(frame))]
        if series is None
        else list(
            pd.Series(np.arange(len(frame))).groupby(frame[series].to_numpy()).indices.values()
        )
    )
    keep = np.zeros(len(frame), dtype=bool)
    for rows in groups:
        if np.any(np.diff(xs[rows]) < 0):
            keep[rows] = True
            continue
        keep[rows] = simplify_curve(xs[rows], ys[rows], LINE_TOLERANCE * span)
    return frame if keep.all() else frame[keep]


def window_corners(
    x_range: Sequence[float], y_range: Sequence[float], *, x: str = "x", y: str = "y"
) -> Layer:
    """Two invisible points at opposite corners of the window x_range × y_range.

    For a window that follows a slider (a zoom x0 ± dx, a range that grows with n): leave the
    domain out of the spec (scales with `"nice": False` span exactly their data) and add this
    layer, so the axes span the window. The window then travels in the data, and a move keeps
    the chart's spec (docs/PERFORMANCE.md). `dashboard.live_chart` does the same with Vega
    expressions, for windows narrower than the data and for live legend labels.
    """
    corners = pd.DataFrame(
        {x: [float(x_range[0]), float(x_range[1])], y: [float(y_range[0]), float(y_range[1])]}
    )
    encoding = {"x": _field(x), "y": _field(y)}
    return Layer({"mark": {"type": "point", "opacity": 0}, "encoding": encoding}, corners)


def line_through(
    x0: float,
    y0: float,
    slope: float,
    x_range: tuple[float, float],
    *,
    label: str,
    color: str,
    dashed: bool = False,
) -> Layer:
    """The straight line through (x0, y0) with the given slope, drawn across `x_range`."""
    xs = [float(x_range[0]), float(x_range[1])]
    frame = pd.DataFrame(
        {"x": xs, "y": [y0 + slope * (xx - x0) for xx in xs], "line": [label, label]}
    )
    return _line_layer(frame, color, dashed)


def segment(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    *,
    label: str,
    color: str,
    dashed: bool = False,
) -> Layer:
    """The segment from (x1, y1) to (x2, y2)."""
    frame = pd.DataFrame({"x": [x1, x2], "y": [y1, y2], "line": [label, label]})
    return _line_layer(frame, color, dashed)


def _line_layer(frame: pd.DataFrame, color: str, dashed: bool) -> Layer:
    mark = {
        "type": "line",
        "color": color,
        "strokeWidth": 2.5,
        "clip": True,
        "strokeDash": _dash(dashed),
    }
    encoding = {
        "x": _field("x"),
        "y": _field("y"),
        "tooltip": [
            _field("line", NOMINAL, title="line"),
            _field("x", format=".4g"),
            _field("y", format=".4g"),
        ],
    }
    return Layer({"mark": mark, "encoding": encoding}, frame)


def segments(
    data: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    y2: str = "y2",
    color: str = COLORS["secant"],
    dashed: bool = True,
    x_title: str | None = None,
    y_title: str | None = None,
    x_domain: Sequence[float] | None = None,
    y_domain: Sequence[float] | None = None,
    tooltip: list[str] | None = None,
) -> Layer:
    """One vertical segment per row, from (x, y) to (x, y2): e.g. each point's residual."""
    x_channel = _field(x, scale=_scale(x_domain, False))
    y_channel = _field(y, scale=_scale(y_domain, False))
    if x_title is not None:
        x_channel["title"] = x_title
    if y_title is not None:
        y_channel["title"] = y_title
    encoding: dict = {"x": x_channel, "y": y_channel, "y2": {"field": y2}}
    if tooltip:
        encoding["tooltip"] = [_field(f, _kind(data, f), format=",.4g") for f in tooltip]
    mark = {"type": "rule", "color": color, "strokeWidth": 2, "strokeDash": _dash(dashed)}
    return Layer({"mark": {**mark, "clip": True}, "encoding": encoding}, data)


def trail(
    data: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    order: str = "step",
    color: str = COLORS["derivative"],
) -> Layer:
    """A path through the rows in the order of `order` (not sorted by x), a dot at each row:
    e.g. the steps of gradient descent over two parameters."""
    encoding = {
        "x": _field(x),
        "y": _field(y),
        "order": _field(order),
        "tooltip": [_field(order), _field(x, format=",.4g"), _field(y, format=",.4g")],
    }
    point = {"size": 18, "color": color}  # the overlay's points take Vega's blue otherwise
    mark = {"type": "line", "color": color, "strokeWidth": 2, "point": point, "clip": True}
    return Layer({"mark": mark, "encoding": encoding}, data)
