"""A slider move changes a chart's data, never its spec.

Streamlit's frontend compares each chart's Vega-Lite spec with the one it drew last: the same
spec and new datasets swap the data inside the existing Vega view (a few ms); any other spec
builds a new view from scratch (50-400 ms in the browser). So everything a slider moves must
travel in the datasets: numbers in legends, axis titles, filters, windows and label positions
included. This test moves every slider of every page (a few single steps either side of its
default, then both ends) and compares every chart's spec with the spec at the defaults.
Other widgets (a function picker, a data set) may change the picture, and are not moved.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.site import registered_pages
from tests.pages.helpers import open_page

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


@pytest.mark.parametrize(("script", "kind", "key"), CASES)
def test_moving_a_slider_keeps_every_chart_spec(script: str, kind: str, key: str) -> None:
    at = open_page(script)
    before = chart_specs(at)
    widget = _widget(at, kind, key)
    values = _numeric_values(widget) if kind == "slider" else _option_values(widget)
    assert values, f"{key}: no value to move to"
    changed: list[str] = []
    for value in values:
        _widget(at, kind, key).set_value(value).run()
        assert not at.exception, [e.message for e in at.exception]
        after = chart_specs(at)
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


def test_every_page_with_charts_has_a_slider_case() -> None:
    covered = {case.values[0] for case in CASES}
    assert {"app_pages/slopes.py", "app_pages/log_loss.py", "app_pages/regression.py"} <= covered
