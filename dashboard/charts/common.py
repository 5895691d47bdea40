"""The pieces every chart builder shares: the colour-blind-safe palette, a layer and a chart
(plain Vega-Lite dicts with their data), encoding channels and scales, log-axis labels
(powers of ten, 10⁻⁶ … 10⁰), and Arrow bytes for the data a chart sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

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


def _kind(data: pd.DataFrame, column: str) -> str:
    """The Vega-Lite type Altair would infer for a column: numbers are quantitative."""
    if column in data and pd.api.types.is_numeric_dtype(data[column].dtype):
        return QUANT
    return NOMINAL


# Room around the plot, in px. Streamlit fits the chart to its column with no padding and
# writes the axis's end labels flush with the plot's edge, 1 px outward: the last x label
# (6.0, 10⁰) lost its last glyph's edge to the chart's border, and a label above a dot at the
# top of the plot ("best 1" at p = 1 on the log-loss charts) was cut by the top border.
PADDING: dict = {"left": 4, "right": 10, "top": 10, "bottom": 4}


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
