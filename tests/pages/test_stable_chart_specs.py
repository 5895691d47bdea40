"""A slider move changes a chart's data, never its spec.

Streamlit's frontend compares each chart's Vega-Lite spec with the one it drew last: the same
spec and new datasets swap the data inside the existing Vega view (a few ms); any other spec
builds a new view from scratch (50-400 ms in the browser). So everything a slider moves must
travel in the datasets: numbers in legends, axis titles, filters, windows and label positions
included. This test moves every slider of every page (a few single steps either side of its
default, then both ends) and compares every chart's spec with the spec at the defaults.
Other widgets (a function picker, a data set) may change the picture, and are not moved.

The same moves must also leave every element where it was. Streamlit matches the elements of
a rerun to the drawn ones by their position in the page: an alert that appears above a chart
shifts the chart to a new position, and the browser then builds it (and everything after it)
anew. An element whose text changes in place, or a note that appears inside a container that
is always there, costs nothing of the kind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from tests.pages.helpers import open_page

T = TypeVar("T")
PAGES = [p for p in registered_pages() if not p.default]
STEPS_EACH_WAY = 2


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite spec of every chart on the page, in page order."""
    specs: list[dict] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", None) == "vega_lite_chart":
                specs.append(json.loads(child.proto.spec))
            walk(child)

    walk(at._tree)
    return specs


def _numeric_values(widget) -> list:
    """Single steps either side of the default, then both ends of the range."""
    step = widget.step or 1
    kind = type(widget.value)
    values = [widget.value + k * step for k in range(-STEPS_EACH_WAY, STEPS_EACH_WAY + 1) if k]
    values += [widget.min, widget.max]
    return [kind(round(v, 10)) for v in values if widget.min <= v <= widget.max]


def _option_values(widget) -> list:
    options = list(widget.options)
    shown = widget.format_func(widget.value) if widget.format_func else widget.value
    start = options.index(shown)
    near = options[max(0, start - STEPS_EACH_WAY) : start + STEPS_EACH_WAY + 1]
    chosen = [o for o in near if o != shown] + [options[0], options[-1]]
    return list(dict.fromkeys(chosen))


def _sliders(script: str) -> list[tuple[str, str]]:
    at = open_page(script)
    found = [("slider", s.key) for s in at.slider if s.key]
    found += [("select_slider", s.key) for s in at.select_slider if s.key]
    return found


CASES = [
    pytest.param(spec.script, kind, key, id=f"{spec.url_path}-{key}")
    for spec in PAGES
    for kind, key in _sliders(spec.script)
]


def _widget(at: AppTest, kind: str, key: str):
    widgets = at.slider if kind == "slider" else at.select_slider
    return next(w for w in widgets if w.key == key)


def _read_while_moving(
    script: str, kind: str, key: str, read: Callable[[AppTest], T]
) -> tuple[T, list[tuple[object, T]]]:
    """`read` of the page at its defaults, then after each move of the slider `key`."""
    at = open_page(script)
    before = read(at)
    widget = _widget(at, kind, key)
    values = _numeric_values(widget) if kind == "slider" else _option_values(widget)
    assert values, f"{key}: no value to move to"
    after: list[tuple[object, T]] = []
    for value in values:
        _widget(at, kind, key).set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
        after.append((value, read(at)))
    return before, after


@pytest.mark.parametrize(("script", "kind", "key"), CASES)
def test_moving_a_slider_keeps_every_chart_spec(script: str, kind: str, key: str) -> None:
    before, moves = _read_while_moving(script, kind, key, chart_specs)
    changed: list[str] = []
    for value, after in moves:
        if len(after) != len(before):
            changed.append(f"{key}={value!r}: {len(before)} charts became {len(after)}")
            continue
        for index, (old, new) in enumerate(zip(before, after, strict=True)):
            if old != new:
                changed.append(f"{key}={value!r}: chart {index} has a new spec")
    assert not changed, (
        f"{changed}: a slider moved a chart's spec; docs/PERFORMANCE.md says why that is slow "
        "and how to move the number into the data instead"
    )


# Kinds that the browser draws with one component: an info that becomes a success, or a
# caption that becomes a formula, is updated in place. A table that grows past 30 rows becomes
# a scrolling grid (layout.numbers_table): that one element is built anew, in its own place,
# and nothing after it moves.
SAME_COMPONENT = {
    "info": "alert",
    "success": "alert",
    "warning": "alert",
    "error": "alert",
    "latex": "markdown",
    "caption": "markdown",
    "table": "table or grid",
    "dataframe": "table or grid",
}


def element_places(at: AppTest) -> dict[tuple, str]:
    """Each element's position in the page (the path of child indexes) and its kind."""
    places: dict[tuple, str] = {}

    def walk(node, path: tuple) -> None:
        for index, child in getattr(node, "children", {}).items():
            kind = getattr(child, "type", None) or type(child).__name__
            places[(*path, index)] = SAME_COMPONENT.get(kind, kind)
            walk(child, (*path, index))

    walk(at._tree, ())
    return places


@pytest.mark.parametrize(("script", "kind", "key"), CASES)
def test_moving_a_slider_keeps_every_element_in_its_place(script: str, kind: str, key: str) -> None:
    before, moves = _read_while_moving(script, kind, key, element_places)
    moved: list[str] = []
    for value, after in moves:
        moved += [
            f"{key}={value!r}: {before[place]} at {place} became {after[place]}"
            for place in sorted(before.keys() & after.keys())
            if before[place] != after[place]
        ][:1]
    assert not moved, (
        f"{moved}: an element appeared or vanished above others, which the browser then "
        "builds anew; give it a place that is always there (st.container or st.empty)"
    )


def test_every_page_with_charts_has_a_slider_case() -> None:
    covered = {case.values[0] for case in CASES}
    assert {
        "app_pages/slopes/page.py",
        "app_pages/log_loss/page.py",
        "app_pages/regression/page.py",
    } <= covered
