"""A touch unit's pause changes a chart's data, never its spec.

Streamlit's frontend compares each chart's Vega-Lite spec with the one it drew last: the same
spec and new datasets swap the data inside the existing Vega view (a few ms); any other spec
builds a new view from scratch (50-400 ms in the browser). So everything a control moves must
travel in the datasets: numbers in legends, axis titles, filters, windows and label positions
included. Every slider of the lessons is an input of a touch unit (dashboard.touch; none is a
Streamlit slider, tests/pages/test_no_streamlit_slider.py): a move redraws the unit in the
browser, and the pause that follows reruns the page with the new position (what the browser
reports is kept in `st.session_state[param]`). So this test moves every input of every touch
unit, in every view, that way (one position either side of where it opens, then both ends)
and compares every chart's spec with the spec where it opened. Other widgets (a function
picker, a data set) may change the picture, and are not moved.

The same moves must also leave every element where it was. Streamlit matches the elements of
a rerun to the drawn ones by their position in the page: an alert that appears above a chart
shifts the chart to a new position, and the browser then builds it (and everything after it)
anew. An element whose text changes in place, or a note that appears inside a container that
is always there, costs nothing of the kind.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from harness.views import views
from tests.pages.helpers import _elements, open_page, touch_data

PAGES = [p for p in registered_pages() if not p.default]


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


def _touch_units(at: AppTest) -> list[str]:
    """The key of every touch unit on the page, in page order."""
    return [
        json.loads(e.proto.json)["key"]
        for e in _elements(at._tree)
        if getattr(e, "type", "") == "bidi_component"
        and e.proto.component_name == "calculus_ml.touch"
    ]


def _query(path: str) -> dict[str, str]:
    """The parameters of a view's address (rules?rule=line -> {"rule": "line"})."""
    _, _, query = path.partition("?")
    return dict(part.split("=", 1) for part in query.split("&") if part)


def _touch_inputs() -> list[tuple[str, dict[str, str], str, str]]:
    """(script, the view's parameters, unit key, param) of every touch input, each in the first
    view that shows it (harness.views: Rules' every tab, link-bound sections open)."""
    found, seen = [], set()
    for view in views():
        script, params = SCRIPTS[view.page], _query(view.path)
        at = open_page(script, params)
        for unit in _touch_units(at):
            for control in touch_data(at, unit)["controls"]:
                if (script, control["param"]) not in seen:
                    seen.add((script, control["param"]))
                    found.append((script, params, unit, control["param"]))
    return found


SCRIPTS = {spec.url_path: spec.script for spec in registered_pages()}
TOUCH_CASES = [
    pytest.param(script, params, unit, param, id=f"{script.split('/')[1]}-{unit}-{param}")
    for script, params, unit, param in _touch_inputs()
]


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


def test_every_lesson_page_has_cases() -> None:
    """Each lesson page is moved here, by its touch units' inputs."""
    covered = {case.values[0] for case in TOUCH_CASES}
    assert {spec.script for spec in PAGES} <= covered


def _position_value(text: str) -> object:
    """A position as the browser's report leaves it in st.session_state (touch._moved keeps
    the control's own value; touch.value matches numbers to 1e-9 of their size)."""
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    if "/" in text:
        return Fraction(text)
    return text


def _index(at: AppTest, unit: str, param: str) -> tuple[int, list[str]]:
    control = next(c for c in touch_data(at, unit)["controls"] if c["param"] == param)
    return control["index"], control["values"]


@pytest.mark.parametrize(("script", "params", "unit", "param"), TOUCH_CASES)
def test_a_touch_inputs_pause_keeps_every_chart_spec_and_element_place(
    script: str, params: dict[str, str], unit: str, param: str
) -> None:
    at = open_page(script, params)
    specs, places = chart_specs(at), element_places(at)
    start, values = _index(at, unit, param)
    last = len(values) - 1
    problems: list[str] = []
    for target in sorted({max(start - 1, 0), min(start + 1, last), 0, last} - {start}):
        at.session_state[param] = _position_value(values[target])
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert _index(at, unit, param)[0] == target, f"{param}={values[target]} was not taken"
        after, now = chart_specs(at), element_places(at)
        where = f"{param}={values[target]}"
        if len(after) != len(specs):
            problems.append(f"{where}: {len(specs)} charts became {len(after)}")
        else:
            problems += [
                f"{where}: chart {i} has a new spec"
                for i, (a, b) in enumerate(zip(specs, after, strict=True))
                if a != b
            ]
        problems += [
            f"{where}: {places[place]} at {place} became {now[place]}"
            for place in sorted(places.keys() & now.keys())
            if places[place] != now[place]
        ][:1]
    assert not problems, (
        f"{problems}: a pause moved a chart's spec, or an element appeared or vanished above "
        "others (docs/PERFORMANCE.md)"
    )
