"""Stacking layers into one chart (`compose`, each layer's data a dataset named by position, so
a chart whose data changes but whose structure does not keeps its spec) and drawing it with
its text alternative (`show_chart`).
"""

from __future__ import annotations

import threading
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.charts.common import PADDING, Chart, Layer, arrow_bytes

_CONFIG: dict = {
    "axis": {"labelFontSize": 12, "titleFontSize": 13},
    # A tick (and gridline) about every 80 px across: Vega's default, one every 40 px, put 31
    # on an 820 px chart of 0 to 6 (0.0, 0.2, ..., 6.0), a grey block of gridlines on the dark
    # theme. Down the y axis Vega's default (one every 40 px) stays.
    "axisX": {"tickCount": {"expr": "ceil(width / 80)"}},
    # A legend under a chart is one row on a wide screen; on a phone-sized chart, where a row
    # of long labels would run off the edge, one entry per line.
    # Labels up to 280 px before an ellipsis (Vega's default, 160 px, cut live labels such as
    # "gradient descent's line after 999 steps").
    "legend": {"labelFontSize": 12, "labelLimit": 280, "columns": {"expr": "width < 520 ? 1 : 0"}},
}

# Altair's data transformers are global; Streamlit guards its own use of them with this lock.
try:
    from streamlit.elements.vega_charts import _altair_globals_lock as _ALTAIR_LOCK
except ImportError:  # pragma: no cover - a Streamlit without the private lock
    _ALTAIR_LOCK = threading.Lock()


def _keep_data(data: Any, store: list) -> dict:
    store.append(data)
    return {"name": f"__altair_{len(store) - 1}"}


alt.data_transformers.register("dashboard_keep_data", _keep_data)


def _from_altair(chart: alt.TopLevelMixin) -> tuple[dict, list]:
    """An Altair chart as a dict spec whose data entries name `__altair_<i>` in the list of
    its data frames (no schema validation: the pictures are validated in the tests)."""
    store: list = []
    with _ALTAIR_LOCK, alt.data_transformers.enable("dashboard_keep_data", store=store):
        spec = chart.to_dict(validate=False)
    for key in ("$schema", "config", "datasets"):
        spec.pop(key, None)
    return spec, store


def _with_data(spec: dict, rename: dict[str, str]) -> dict:
    """A copy of an Altair-made spec with its `__altair_<i>` data names replaced."""
    out = {}
    for key, value in spec.items():
        if key == "data" and isinstance(value, dict) and value.get("name") in rename:
            out[key] = {"name": rename[value["name"]]}
        elif key == "layer" and isinstance(value, list):
            out[key] = [_with_data(v, rename) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out


def compose(*layers: Layer | alt.TopLevelMixin, description: str, height: int = 320) -> Chart:
    """Stack layers on shared axes and attach the chart's text description.

    Each layer's data becomes a dataset named by its position (`d0`, `d1`, ...; one frame
    used by several layers is sent once), so the spec stays the same while only data moves.
    """
    datasets: dict[str, pd.DataFrame | bytes] = {}
    names_by_id: dict[int, str] = {}
    params: list = []

    def name_for(frame: Any) -> str:
        name = names_by_id.get(id(frame))
        if name is None:
            name = names_by_id[id(frame)] = f"d{len(datasets)}"
            keep = isinstance(frame, pd.DataFrame | bytes)
            datasets[name] = frame if keep else pd.DataFrame(frame)
        return name

    specs = []
    for layer in layers:
        if isinstance(layer, Layer):
            spec = dict(layer.spec)
            if "params" in spec:
                params += spec.pop("params")
            if layer.data is not None:
                spec["data"] = {"name": name_for(layer.data)}
        else:
            spec, frames = _from_altair(layer)
            params += spec.pop("params", [])
            spec = _with_data(
                spec, {f"__altair_{i}": name_for(frame) for i, frame in enumerate(frames)}
            )
        specs.append(spec)
    top: dict = {"layer": specs, "height": height, "description": description, "padding": PADDING}
    if params:
        top["params"] = params
    top["config"] = _CONFIG
    return Chart(top, datasets)


STABLE_LABEL = "Chart; the caption below describes it in words."


def _axis_title(spec: dict, axis: str) -> str | None:
    """The first title given to the x or y channel in a (layered) spec, if any."""
    channel = spec.get("encoding", {}).get(axis)
    if isinstance(channel, dict) and isinstance(channel.get("title"), str) and channel["title"]:
        return channel["title"]
    for layer in spec.get("layer", []):
        title = _axis_title(layer, axis)
        if title:
            return title
    return None


def chart_label(spec: dict) -> str:
    """The chart's own text label: what it plots against what, and where its description is.

    Built from the axis titles only, which do not change when a slider moves, so the spec
    stays the same and the browser swaps the data instead of building a new view. The live
    sentence with the numbers is the caption right under the chart.
    """
    x_title, y_title = _axis_title(spec, "x"), _axis_title(spec, "y")
    if x_title and y_title:
        return f"Chart of {y_title} against {x_title}; the caption below describes it in words."
    return STABLE_LABEL


def show_chart(chart: Chart | alt.TopLevelMixin, description: str) -> None:
    """Draw a chart across the column, with its description as a caption below it."""
    if not isinstance(chart, Chart):
        chart = compose(chart, description=description)
    # The spec stays the same from one slider move to the next, so that the browser only
    # swaps the chart's data instead of building a new Vega view: the live description is
    # the caption under the chart, and the chart's own label points to it.
    spec = {**chart.spec, "description": chart_label(chart.spec)}
    datasets = {
        name: data if isinstance(data, bytes) else arrow_bytes(data)
        for name, data in chart.datasets.items()
    }
    st.vega_lite_chart({**spec, "datasets": datasets}, width="stretch", theme="streamlit")
    st.caption(description)
