"""Touch units: a picture and its worked numbers that follow the learner's hand in the browser.

Python computes, the browser selects. A page describes a unit by

- its `Control`s, one native range input each (one, or two for a cross grid), each over a
  fixed list of positions (the values, kept in `?param=` like any other control);
- a `Picture`: window, axes, the layers that never move (the curve), the legend;
- its rows: for every position, a `row(...)` holding the layers that move (the secant, the
  house, the residuals), the LaTeX of the working, the numbers, the notes, a text alternative.
  Every row is computed by `core` and formatted by `dashboard.numbers`, exactly as a rerun
  would, once, before the unit is sent.

In the browser a move only picks the row for the input's position and redraws (no message
to the server, about a millisecond). When the learner pauses, the position goes to Python:
the address bar, the rest of the page and the tests follow.

With two controls the rows form a cross: `rows[c][i]` is the row with control c at its
position i and every other control where Python last saw it. Moving one input re-arms the
other only after Python has sent the rows for the new crossing (it waits for the pause).

The module knows no page and no mathematics; `nice_ticks` only chooses where labels go.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard import controls, numbers
from dashboard.browser import browser_piece
from dashboard.touch_js import CSS, HTML, JS

Point = tuple[float, float]
Layer = dict[str, Any]
Row = dict[str, Any]

_KATEX = Path(__file__).with_name("vendor") / "katex" / "katex.min.js"
# KaTeX's UMD build sets `self.katex`; the guard runs it once per page.
_KATEX_JS = (
    "if (!self.katex) {\n"
    + _KATEX.read_text(encoding="utf-8")
    + "\n}\n"
    + """export default function ({ parentElement }) {
  // nothing to see: its element takes no room (a flex gap would push what follows down)
  const root = parentElement.getRootNode();
  const host = root && root.host ? root.host : parentElement;
  const box = host.closest && host.closest('[data-testid="stElementContainer"]');
  if (box) box.style.display = "none";
}
"""
)
# KaTeX's layout rules, without its @font-face rules: Streamlit's stylesheet declares the same
# fonts, served by the app itself.
_KATEX_CSS = re.sub(
    r"@font-face\{[^}]*\}", "", (_KATEX.with_suffix(".css")).read_text(encoding="utf-8")
)
_katex = browser_piece("katex", html="<span hidden></span>", css="", js=_KATEX_JS)
# Set once a page's header has put KaTeX on the page: then a unit need not bring its own.
_KATEX_ON_PAGE = "_touch_katex_on_page"


def katex_for_the_page() -> None:
    """KaTeX once for the whole page, from its header (outside every fragment, drawn on every
    whole run). Each element brings its own copy of a piece's script (273 kB): a page whose
    units each brought KaTeX sent it once per unit (Rules: once per tab). A page without
    this (an app that only draws units) still gets KaTeX from each unit."""
    _katex(key="touch-katex-page", height=0)
    st.session_state[_KATEX_ON_PAGE] = True


_touch = browser_piece("touch", html=HTML, css=_KATEX_CSS + CSS, js=JS)
# Python's position of a one-input unit travels apart from the unit's rows (see touch_unit).
_AT_JS = """
export default function ({ data }) {
  if (!data || typeof data.key !== "string" || !Array.isArray(data.index)) return;
  window.__calculusTouchAt = window.__calculusTouchAt || new Map();
  window.__calculusTouchAt.set(data.key, data.index.slice());
  window.dispatchEvent(new CustomEvent("calculus-touch-at", { detail: data.key }));
}
"""
_at = browser_piece("touch_at", html="<span hidden></span>", css="", js=_AT_JS)

COORDINATE_DIGITS = 6  # a coordinate travels with 6 significant digits: < 1/1000 of a pixel


@dataclass(frozen=True)
class Control:
    """One range input over fixed positions; its value is kept in `?param=`.

    `labels` are what the learner reads beside the input (default: `numbers.text`); the
    URL holds `link_text(value)`.
    """

    label: str
    param: str
    values: tuple[Any, ...]
    default: Any
    labels: tuple[str, ...] = ()
    hint: str = ""

    def shown(self) -> tuple[str, ...]:
        return self.labels or tuple(_label(v) for v in self.values)

    def index_of(self, value: Any) -> int | None:
        """The position holding `value` (numbers compared to 1e-9 of their size), or None."""
        for i, candidate in enumerate(self.values):
            if _same(candidate, value):
                return i
        return None


def _label(value: Any) -> str:
    """A position as the learner reads it: numbers through the one formatter, names as they are."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return numbers.text(value)
    return str(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, bool) or isinstance(b, bool):
            return a is b
        # relative only: an absolute allowance would make 0 the position 1e-12 (a link
        # dx=0 must get the note, not the smallest step); link_text round-trips exactly
        return math.isclose(float(a), float(b), rel_tol=1e-9)
    return a == b


def link_text(value: Any) -> str:
    """How a position's value is written in the address bar: the shortest exact text."""
    if isinstance(value, float):
        short = f"{value:g}"
        return short if float(short) == value else repr(value)
    return str(value)


def _accept(control: Control) -> Callable[[str], Any | None]:
    def accept(text: str) -> Any | None:
        try:
            wanted: Any = float(text.strip())
        except (TypeError, ValueError):
            wanted = text
        if isinstance(wanted, float) and not math.isfinite(wanted):
            return None
        i = control.index_of(wanted)
        return None if i is None else control.values[i]

    return accept


def value(control: Control) -> Any:
    """The control's value for this run: the learner's last position, else the link's, else
    the default (a link asking for another value gets a note, as every control does)."""
    shown = control.shown()
    controls._seed_from_link(
        control.param,
        control.label,
        control.default,
        _accept(control),
        f"one of the positions from {shown[0]} to {shown[-1]}",
    )
    current = st.session_state.get(control.param, control.default)
    i = control.index_of(current)
    return control.default if i is None else control.values[i]


def _index(control: Control) -> int:
    i = control.index_of(value(control))
    return 0 if i is None else i


def _moved(key: str, units: Sequence[Control]) -> None:
    """Callback: the browser reported a new position; keep it as the controls' values."""
    state = st.session_state.get(key)
    _keep(units, state.get("position") if hasattr(state, "get") else None)


def _keep(units: Sequence[Control], position: Any) -> bool:
    """Keep a reported position (one index per control) as the controls' values; False if
    it is not one."""
    if not isinstance(position, list) or len(position) != len(units):
        return False
    for control, i in zip(units, position, strict=True):
        if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(control.values):
            st.session_state[control.param] = control.values[i]
    return True


_DRAWN = "_touch_units_drawn"


def _rejoined(key: str, units: Sequence[Control], result: Any) -> None:
    """The first time a session draws a unit, the browser holds no position for it, unless
    the page outlived a server restart: then the learner's last move (which the new server
    dropped, not knowing the page's fragments) arrives with the whole page's run that
    `dashboard.browser.rejoin_after_reconnect` asks for. Keep it, and run again with it."""
    drawn = st.session_state.setdefault(_DRAWN, set())
    if key in drawn:
        return
    drawn.add(key)
    position = getattr(result, "position", None)
    if position is None or position == [_index(c) for c in units]:
        return
    if _keep(units, position):
        st.rerun()


@dataclass(frozen=True)
class Key:
    """A legend entry: its colour, dashed or not, and its default name."""

    name: str
    color: str
    dash: bool = False


@dataclass(frozen=True)
class Drag:
    """A handle on the picture: dragging it moves `control`; `at[i]` is where the handle sits
    at position i; `axis` says which coordinate of the pointer picks the position."""

    control: int
    at: tuple[Point, ...]
    axis: str = "x"
    color: str = "#CC79A7"


@dataclass(frozen=True)
class Picture:
    """The frame of a unit's picture; what never moves is in `layers`."""

    x: tuple[float, float]
    y: tuple[float, float]
    x_title: str
    y_title: str
    description: str
    layers: tuple[Layer, ...] = ()
    legend: tuple[Key, ...] = ()
    drags: tuple[Drag, ...] = ()
    height: int = 320
    x_ticks: tuple[tuple[float, str], ...] = field(default=())
    y_ticks: tuple[tuple[float, str], ...] = field(default=())
    # LaTeX the rows fill in (`filled`): what every row's formula shares travels once
    tex: tuple[str, ...] = ()


@dataclass(frozen=True)
class Window:
    """A row's own window (`row(window=...)`), for a picture whose scale follows a control
    (g(p) = p^H (1 - p)^T spans 1 to 1e-30 as H and T move): the x and y ranges and their
    ticks (default: `nice_ticks`). The picture's static layers are drawn again in it."""

    x: tuple[float, float]
    y: tuple[float, float]
    x_ticks: tuple[tuple[float, str], ...] = ()
    y_ticks: tuple[tuple[float, str], ...] = ()

    def data(self) -> dict[str, Any]:
        return {
            "x": [_coordinate(v) for v in self.x],
            "y": [_coordinate(v) for v in self.y],
            "x_ticks": [list(t) for t in (self.x_ticks or nice_ticks(*self.x))],
            "y_ticks": [list(t) for t in (self.y_ticks or nice_ticks(*self.y))],
        }


def filled(template: int, values: Sequence[str]) -> dict[str, Any]:
    """A formula for `row(tex=...)`: the picture's LaTeX template number `template`
    (`Picture.tex`) with each @0, @1, ... replaced by values[0], values[1], ... (LaTeX too).
    Only the values travel in each row."""
    return {"fill": template, "with": list(values)}


def nice_ticks(low: float, high: float, count: int = 5) -> tuple[tuple[float, str], ...]:
    """About `count` round tick values (1, 2 or 5 times a power of ten) inside [low, high],
    each with its label."""
    span = high - low
    if not (math.isfinite(span) and span > 0):
        return ()
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9)
    ticks = []
    k = first
    while k * step <= high + step * 1e-9:
        tick = round(k * step, 12) + 0.0
        ticks.append((tick, numbers.text(tick, 6)))
        k += 1
    return tuple(ticks)


def _coordinate(v: Any) -> float | None:
    try:
        number = float(v)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    return float(f"{number:.{COORDINATE_DIGITS}g}")


def _point(p: Sequence[Any] | None) -> list[float | None] | None:
    if p is None:
        return None
    x, y = _coordinate(p[0]), _coordinate(p[1])
    return None if x is None else [x, y]


def line(
    points: Sequence[Sequence[Any] | None], color: str, *, dash: bool = False, width: float = 2.5
) -> Layer:
    """A polyline; a None point or a non-finite y lifts the pen (a gap in the curve)."""
    return {
        "kind": "line",
        "points": [_point(p) for p in points],
        "color": color,
        "dash": dash,
        "width": width,
    }


def points(
    coordinates: Sequence[Sequence[Any]], color: str, *, labels: Sequence[str] = (), size: float = 5
) -> Layer:
    """Dots, each with an optional label beside it."""
    kept = [
        (_point(p), (list(labels) + [""] * len(coordinates))[i]) for i, p in enumerate(coordinates)
    ]
    kept = [(p, t) for p, t in kept if p is not None and p[1] is not None]
    return {
        "kind": "points",
        "points": [p for p, _ in kept],
        "labels": [t for _, t in kept],
        "color": color,
        "size": size,
    }


def segments(
    pairs: Sequence[Sequence[Any]], color: str, *, dash: bool = False, width: float = 2
) -> Layer:
    """Line segments [x1, y1, x2, y2] (residuals, drops to the axis)."""
    kept = [[_coordinate(v) for v in s] for s in pairs]
    return {
        "kind": "segments",
        "segments": [s for s in kept if None not in s],
        "color": color,
        "dash": dash,
        "width": width,
    }


def rects(boxes: Sequence[Sequence[Any]], color: str, *, opacity: float = 0.18) -> Layer:
    """Rectangles [x, y, width, height] in data units (squared residuals)."""
    kept = [[_coordinate(v) for v in b] for b in boxes]
    return {
        "kind": "rects",
        "rects": [b for b in kept if None not in b],
        "color": color,
        "opacity": opacity,
    }


def drops(of: int, to: Sequence[Any], color: str, *, dash: bool = False, width: float = 2) -> Layer:
    """From each point of the picture's `points` layer number `of` (in `Picture.layers`), a
    vertical segment to height to[i] (a residual: from a point to the line). Only the heights
    travel in a row, not the points; a non-finite height draws nothing for its point."""
    return {
        "kind": "drops",
        "of": of,
        "to": [_coordinate(v) for v in to],
        "color": color,
        "dash": dash,
        "width": width,
    }


def drop_boxes(
    of: int, to: Sequence[Any], across: Sequence[Any], color: str, *, opacity: float = 0.18
) -> Layer:
    """From each point (x, y) of the picture's `points` layer number `of`, a rectangle from
    height y to to[i] and from x to x + across[i], in data units (a squared residual)."""
    return {
        "kind": "drop_boxes",
        "of": of,
        "to": [_coordinate(v) for v in to],
        "across": [_coordinate(v) for v in across],
        "color": color,
        "opacity": opacity,
    }


def band(start: float, stop: float, color: str, *, opacity: float = 0.12) -> Layer:
    """A vertical band from x = start to x = stop, the picture's full height."""
    return {
        "kind": "band",
        "from": _coordinate(start),
        "to": _coordinate(stop),
        "color": color,
        "opacity": opacity,
    }


def pooled(index: int, *, upto: int | None = None) -> Layer:
    """Layer number `index` of the unit's pool (`touch_unit(..., pool=...)`), which travels
    once, drawn in this row up to its first `upto` points (or segments, rectangles): a path
    that grows with a "steps" control is sent once, not once per position."""
    shown: Layer = {"kind": "pooled", "index": int(index)}
    if upto is not None:
        shown["upto"] = max(0, int(upto))
    return shown


def row(
    layers: Sequence[Layer] = (),
    *,
    tex: Sequence[str | dict[str, Any]] = (),
    metrics: Sequence[tuple[str, str]] = (),
    notes: Sequence[str] = (),
    legend: Sequence[str] = (),
    alt: str = "",
    handles: Sequence[Point] = (),
    window: Window | None = None,
) -> Row:
    """What the unit shows at one position: the moving layers, the working as LaTeX (one
    string, or one `filled` template, per displayed formula), the numbers as (label, value
    text), the notes, the legend's names (in the picture's legend order) and a sentence for
    screen readers.

    `handles`, one point per `Drag` of the picture, say where the handles sit in this row:
    in a cross grid the handle of the control that is not moving follows the picture (a
    line's far end while its intercept moves). Without them a handle sits at `Drag.at`.

    `window`: this row's own window and ticks, where the picture's scale follows a control;
    without it the row is drawn in the picture's."""
    shown: Row = {
        "layers": list(layers),
        "tex": list(tex),
        "metrics": [list(m) for m in metrics],
        "notes": list(notes),
        "legend": list(legend),
        "alt": alt,
    }
    if handles:
        shown["handles"] = [_point(p) for p in handles]
    if window is not None:
        shown["window"] = window.data()
    return shown


def _picture_data(picture: Picture) -> dict[str, Any]:
    return {
        "x": list(picture.x),
        "y": list(picture.y),
        "x_title": picture.x_title,
        "y_title": picture.y_title,
        "description": picture.description,
        "height": picture.height,
        "static": list(picture.layers),
        "tex": list(picture.tex),
        "legend": [{"name": k.name, "color": k.color, "dash": k.dash} for k in picture.legend],
        "drags": [
            {
                "control": d.control,
                "axis": d.axis,
                "color": d.color,
                "at": [_point(p) for p in d.at],
            }
            for d in picture.drags
        ],
        "x_ticks": [list(t) for t in (picture.x_ticks or nice_ticks(*picture.x))],
        "y_ticks": [list(t) for t in (picture.y_ticks or nice_ticks(*picture.y))],
    }


def unit_data(
    key: str,
    units: Sequence[Control],
    picture: Picture,
    rows: Sequence[Sequence[Row]],
    pool: Sequence[Layer] = (),
) -> dict[str, Any]:
    """Everything the browser receives, as plain JSON data (what a test can read back)."""
    if len(rows) != len(units):
        raise ValueError("one list of rows per control")
    if any(layer["kind"] == "pooled" for layer in pool):
        raise ValueError("a pool holds drawn layers, not references to the pool")
    for control, its_rows in zip(units, rows, strict=True):
        if len(its_rows) != len(control.values):
            raise ValueError(f"{control.param}: one row per position")
        for shown in its_rows:
            for layer in shown["layers"]:
                if layer["kind"] == "pooled" and not 0 <= layer["index"] < len(pool):
                    raise ValueError(f"{control.param}: no layer {layer['index']} in the pool")
    return {
        "key": key,
        "controls": [
            {
                "label": c.label,
                "param": c.param,
                "labels": list(c.shown()),
                # each position as the address bar writes it (what a link or a test sets)
                "values": [link_text(v) for v in c.values],
                "hint": c.hint,
                "index": _index(c),
            }
            for c in units
        ],
        "picture": _picture_data(picture),
        "rows": [list(r) for r in rows],
        "pool": list(pool),
    }


def touch_unit(
    key: str,
    units: Sequence[Control],
    picture: Picture,
    rows: Sequence[Sequence[Row]],
    pool: Sequence[Layer] = (),
) -> None:
    """Draw the unit and keep its controls' values (and the URL) in step with the browser.

    `rows[c]` holds one row per position of `units[c]` (see the module docstring); `pool`
    holds layers sent once that rows draw in part (`pooled`)."""
    data = unit_data(key, units, picture, rows, pool)
    if not st.session_state.get(_KATEX_ON_PAGE):
        _katex(key=f"{key}-katex", height=0)
    if len(units) == 1:
        # A pause changes only the position: sent apart, the large data stays the same from
        # one answer to the next, and Streamlit sends a reference to it instead of the data.
        position = [c.pop("index") for c in data["controls"]]
        _at(key=f"{key}-at", data={"key": key, "index": position}, height=0)
    result = _touch(
        key=key,
        data=data,
        height="content",
        on_position_change=lambda: _moved(key, units),
    )
    _rejoined(key, units, result)
    for control in units:
        current = value(control)
        controls._write_link(control.param, link_text(current), link_text(control.default))
        controls._show_note(control.param, current)
