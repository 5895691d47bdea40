"""Charts whose window and legend labels follow a slider through the data, not the spec.

Streamlit swaps the data inside an existing Vega view only while the chart's spec stays the
same (docs/PERFORMANCE.md). A window that moves with x0 or a legend entry such as
"secant, slope 3" would put numbers in the spec, and every slider move would build a new view.
`compose_live` keeps them out: it adds one invisible layer whose single row carries the window
(x_lo, x_hi, y_lo, y_hi) and the live legend labels, makes it the chart's first dataset (`d0`),
and rewrites every fixed scale domain into a Vega expression that reads that row
(`data('d0')[0].x_lo`), and every legend into a `labelExpr` that maps each fixed series name
to its live label. The spec then names only fields; the numbers travel with the data.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard import charts

WINDOW = "d0"  # the window layer comes first, so its data is always the first dataset
_ROW = f"data('{WINDOW}')[0]"
_READY = f"length(data('{WINDOW}'))"  # the view exists a moment before its data arrives


def _domain(low: str, high: str) -> dict:
    return {"expr": f"{_READY} ? [{_ROW}.{low}, {_ROW}.{high}] : [0, 1]"}


def _label_expr(columns: Mapping[str, str]) -> str:
    """A Vega expression: the live label of each fixed series name, else the name itself."""
    expr = "datum.label"
    for name, column in reversed(list(columns.items())):
        expr = f"datum.label === {json.dumps(name)} ? {_ROW}.{column} : {expr}"
    return f"{_READY} ? ({expr}) : datum.label"


def _follow(layer: charts.Layer, axes: Sequence[str], legend: Mapping[str, str]) -> charts.Layer:
    """A copy of the layer whose fixed domains and legend labels read the window row."""
    encoding = layer.spec.get("encoding")
    if not isinstance(encoding, dict):
        return layer
    encoding = dict(encoding)
    for axis in axes:
        channel = encoding.get(axis)
        if isinstance(channel, dict) and "domain" in channel.get("scale", {}):
            scale = {**channel["scale"], "domain": _domain(f"{axis}_lo", f"{axis}_hi")}
            encoding[axis] = {**channel, "scale": {**scale, "nice": False}}
    for name in ("color", "strokeDash"):  # one merged legend: both carry the live labels
        channel = encoding.get(name)
        if legend and isinstance(channel, dict) and isinstance(channel.get("legend"), dict):
            encoding[name] = {
                **channel,
                "legend": {**channel["legend"], "labelExpr": _label_expr(legend)},
            }
    return charts.Layer({**layer.spec, "encoding": encoding}, layer.data)


def compose_live(
    *layers: charts.Layer,
    x_range: Sequence[float] | None = None,
    y_range: Sequence[float] | None = None,
    legend: Mapping[str, str] | None = None,
    description: str,
    height: int = 320,
) -> charts.Chart:
    """`charts.compose` with the x and y windows and the legend labels carried in the data.

    Layers built with a fixed `x_domain` / `y_domain` get the window given here instead (any
    placeholder domain will do: it is replaced); `legend` maps each series name, which must not
    change with a slider, to the label the legend shows for it now.
    """
    row: dict[str, object] = {}
    axes = []
    for axis, window in (("x", x_range), ("y", y_range)):
        if window is not None:
            row[f"{axis}_lo"], row[f"{axis}_hi"] = (float(v) for v in window)
            axes.append(axis)
    columns = {name: f"label_{i}" for i, name in enumerate(legend or {})}
    for name, column in columns.items():
        row[column] = (legend or {})[name]
    window = charts.Layer({"mark": {"type": "point", "opacity": 0}}, pd.DataFrame([row]))
    followed = [_follow(layer, axes, columns) for layer in layers]
    return charts.compose(window, *followed, description=description, height=height)
