"""Chart builders shared by every page.

Each builder returns one layer; a page stacks layers with `compose` and draws them with
`show_chart`, which always adds a one-sentence text description (Vega-Lite `description`
plus a visible caption) so that every chart has a text alternative.

The builders write the Vega-Lite spec as plain dicts rather than Altair objects: Altair's
object model (shorthand parsing, deep copies, `to_dict`) was two thirds of a slider move's
server time. `compose` also accepts Altair charts, for the few pictures that use Vega-Lite
features these builders do not cover. Each layer's data goes into a dataset named by the
layer's position (`d0`, `d1`, ...), so a chart whose data changes but whose structure does
not keeps the same spec: the browser then swaps the data instead of rebuilding the chart.

Colours come from the Okabe-Ito palette, which stays distinguishable for the common forms
of colour-blindness and reads on both the light and the dark theme. Lines that must be
told apart without colour also differ in dash pattern.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st

from core.limits import MAX_LINE_POINTS
from core.polyline import simplify_curve

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

# A line is drawn within this fraction of its y axis of the full sampled curve: about half a
# pixel on a 320 px chart (`_drawn_samples`).
LINE_TOLERANCE = 1 / 640


QUANT, NOMINAL = "quantitative", "nominal"


def _scale(domain: Sequence[float] | None, log: bool) -> dict:
    """A scale over `domain`. Values outside it are drawn where they are and cut off at the
    plot's edge by the marks' `clip`; a clamped scale would pin them to the edge instead, and
    a curve leaving the window would run flat along its border (f'(x) = 2e^(2x) did)."""
    scale: dict = {"type": "log"} if log else {"zero": False}  # a log scale has no zero
    if domain is not None:
        scale["domain"] = [float(v) for v in domain]
    return scale


def _field(name: str, kind: str = QUANT, **extra: Any) -> dict:
    """An encoding channel: {"field": name, "type": kind, ...}."""
    return {"field": name, "type": kind, **extra}


def _dash(dashed: bool) -> list[int]:
    return DASH if dashed else [1, 0]


def arrow_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as the Arrow IPC bytes a chart sends (NaN as null, no index).

    Plain numeric, boolean and text columns go straight from numpy to Arrow: 0.04 ms a frame
    instead of 0.2-1 ms through pandas' Arrow conversion, which Streamlit would otherwise run
    for every dataset of every chart on every rerun. Anything else takes Streamlit's route.
    """
    if frame.columns.is_unique and all(dtype.kind in "fiubO" for dtype in frame.dtypes):
        try:
            table = pa.table(
                {str(c): pa.array(frame[c].to_numpy(), from_pandas=True) for c in frame.columns}
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            table = None
        if table is not None:
            sink = pa.BufferOutputStream()
            with pa.ipc.new_stream(sink, table.schema) as writer:
                writer.write_table(table)
            return sink.getvalue().to_pybytes()
    from streamlit.dataframe_util import convert_anything_to_arrow_bytes

    return convert_anything_to_arrow_bytes(frame)


def _frame(data: pd.DataFrame | bytes) -> pd.DataFrame:
    if isinstance(data, bytes):
        return pa.ipc.open_stream(data).read_all().to_pandas()
    return data


class Layer:
    """One Vega-Lite layer: its spec as a dict (mark, encoding, transforms; no data) and the
    data it draws (None: the data of the layer around it; bytes: from `arrow_bytes`)."""

    __slots__ = ("spec", "data")

    def __init__(self, spec: dict, data: pd.DataFrame | bytes | None = None) -> None:
        self.spec = spec
        self.data = data


class Chart:
    """A composed chart: a Vega-Lite spec whose layers name their datasets, and the datasets."""

    __slots__ = ("spec", "datasets")

    def __init__(self, spec: dict, datasets: dict[str, pd.DataFrame | bytes]) -> None:
        self.spec = spec
        self.datasets = datasets

    @property
    def description(self) -> str | None:
        return self.spec.get("description")

    def to_dict(self, validate: bool = True) -> dict:
        """The full spec with the data inline, checked against the Vega-Lite schema."""
        spec = {
            "$schema": alt.SCHEMA_URL,
            **self.spec,
            "datasets": {name: _records(_frame(data)) for name, data in self.datasets.items()},
        }
        if validate:
            from altair.utils.schemapi import validate_jsonschema
            from altair.vegalite.v6.schema.core import load_schema

            validate_jsonschema(spec, load_schema(), rootschema=load_schema())
        return spec


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


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
    fields = tooltip or [x, y]
    encoding = {
        "x": _field(x),
        "y": _field(y),
        "tooltip": [
            _field(f, format=".4g") if f in (x, y) else _field(f, _kind(data, f)) for f in fields
        ],
    }
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


def _kind(data: pd.DataFrame, column: str) -> str:
    """The Vega-Lite type Altair would infer for a column: numbers are quantitative."""
    if column in data and pd.api.types.is_numeric_dtype(data[column].dtype):
        return QUANT
    return NOMINAL


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


def scrubbed_lines(
    family: pd.DataFrame,
    *,
    slider_label: str,
    caption_field: str,
    color: str,
    step: str = "step",
    start: int = 0,
) -> list[Layer]:
    """Layers that show one line of a precomputed family at a time, chosen by a slider drawn
    inside the chart: Vega-Lite redraws in the browser, with no rerun of the script.

    `family` has columns `step` (0..n-1), x, y (two ends per line), x1, y1 (a marked point)
    and `caption_field` (the text shown for the chosen line).
    """
    steps = sorted(family[step].unique().tolist())
    chosen = {
        "name": "chosen_step",
        "value": steps[min(start, len(steps) - 1)],
        "bind": {
            "input": "range",
            "min": steps[0],
            "max": steps[-1],
            "step": 1,
            "name": f"{slider_label} ",
        },
    }
    keep = [{"filter": f"(datum['{step}'] === chosen_step)"}]
    line = Layer(
        {
            "mark": {"type": "line", "color": color, "strokeWidth": 2.5, "clip": True},
            "encoding": {"x": _field("x"), "y": _field("y"), "detail": _field(step, "ordinal")},
            "transform": keep,
            "params": [chosen],
        },
        family,
    )
    point = Layer(
        {
            "mark": {"type": "circle", "size": 90, "color": color, "opacity": 1},
            "encoding": {
                "x": _field("x1"),
                "y": _field("y1"),
                "tooltip": [_field(caption_field, NOMINAL, title="")],
            },
            "transform": keep,
        },
        family,
    )
    text = Layer(
        {
            "mark": {
                "type": "text",
                "align": "left",
                "baseline": "top",
                "x": 8,
                "y": 8,
                "fontSize": 14,
                "color": color,
            },
            "encoding": {"text": _field(caption_field, NOMINAL)},
            "transform": keep,
        },
        family.drop_duplicates(subset=[step]),
    )
    return [line, point, text]


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


# Room around the plot, in px. Streamlit fits the chart to its column with no padding and
# writes the axis's end labels flush with the plot's edge, 1 px outward: the last x label
# (6.0, 10⁰) lost its last glyph's edge to the chart's border, and a label above a dot at the
# top of the plot ("best 1" at p = 1 on the log-loss charts) was cut by the top border.
PADDING: dict = {"left": 4, "right": 10, "top": 10, "bottom": 4}


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


def thin(frame: pd.DataFrame, max_points: int = MAX_LINE_POINTS) -> pd.DataFrame:
    """Every k-th row, so that a line carries at most `max_points` points to the browser."""
    if len(frame) <= max_points:
        return frame
    step = -(-len(frame) // max_points)
    return frame.iloc[::step]


# Log-axis labels: the powers of ten, written as the prose writes them (dashboard.numbers:
# "× 10⁻⁸"), 10⁻⁶, 10⁰, 10⁸, on every log axis. Vega's own labels mixed formats from one page
# to the next (0.000001 on one axis, 1e8 on another, 10,000 and 100,000,000 on a third); the
# ticks between the powers (2e7, 3e7, ...) get no label, so none is dropped at random, and no
# gridline (nine of them per decade read as a grey block).
_EXPONENT = "round(log(datum.value) / LN10)"
_IS_POWER = f"abs(log(datum.value) / LN10 - {_EXPONENT}) < 1e-6"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def _superscript_digit(place: int) -> str:
    """The Vega expression for the superscript digit of |exponent| at `place` (1, 10, 100)."""
    digit = f"floor(abs({_EXPONENT}) / {place}) % 10"
    return f"substring('{_SUPERSCRIPTS}', {digit}, {digit} + 1)"


POWER_LABELS = (
    f"{_IS_POWER} ? '10' + ({_EXPONENT} < 0 ? '⁻' : '')"
    f" + (abs({_EXPONENT}) >= 100 ? {_superscript_digit(100)} : '')"
    f" + (abs({_EXPONENT}) >= 10 ? {_superscript_digit(10)} : '')"
    f" + {_superscript_digit(1)} : ''"
)
# The axis of every log scale: labels and gridlines at the powers of ten only.
LOG_AXIS: dict = {
    "labelExpr": POWER_LABELS,
    "gridOpacity": {"condition": {"test": _IS_POWER, "value": 1}, "value": 0},
}


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
    fields = tooltip or [x, y]
    encoding = {
        "x": _field(x),
        "y": _field(y),
        "tooltip": [
            _field(f, format=",.4g") if f in (x, y) else _field(f, _kind(data, f)) for f in fields
        ],
    }
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
