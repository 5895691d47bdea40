"""The cost functions page's closed expanders are built only while open.

The sauna walk, the two suppliers, the table of iterates and the table of positions sit in
closed expanders; closed, their elements were redrawn hidden on every slider move elsewhere on
the page. Each is now an expander bound to the link (?sauna_walk=true, ?suppliers=true,
?iterates=true, ?edit_lines=true) whose content is built only while it is open. The shared guards (test_stable_chart_specs, test_hostile_links)
find a page's sliders at its defaults, where these are closed, so their checks are repeated
here for the inputs inside, with the expanders open: the sauna walk's start and learning
rate and the suppliers' share w and price history, all touch inputs now (moved in the
browser; here, as the browser reports a position after the pause).
"""

from __future__ import annotations

import pytest

from tests.pages.helpers import all_text, open_page, touch_data
from tests.pages.test_hostile_links import HOSTILE
from tests.pages.test_stable_chart_specs import chart_specs, element_places

PAGE = "app_pages/cost_functions/page.py"
OPEN = {"sauna_walk": "true", "suppliers": "true", "iterates": "true"}
# The suppliers' inputs inside their expander, in their touch unit (suppliers_touch): param,
# the values a move goes through (single steps either side of the default, then both ends, as
# test_stable_chart_specs moves them).
SUPPLIERS = "suppliers_touch"
INSIDE = [
    ("w", [0.48, 0.49, 0.51, 0.52, 0.0, 1.0]),
    ("seed", [2, 3, 20]),
]


# The sauna walk's start and learning rate are the inputs of a touch unit (sauna_touch):
# moved in the browser, no Streamlit slider (tests/pages/test_cost_functions_sauna_touch.py).
SAUNA = "sauna_touch"
SAUNA_PARAMS = ("sauna_start", "sauna_lr")


def _keys(at) -> set[str]:
    widgets = {str(w.key) for kind in ("slider", "select_slider") for w in at.get(kind)}
    inputs = set()
    for unit in (SAUNA, SUPPLIERS):
        try:
            inputs |= {c["param"] for c in touch_data(at, unit)["controls"]}
        except AssertionError:  # no such unit on the page
            pass
    return widgets | inputs


def _held(at, unit: str) -> list[str]:
    return [c["labels"][c["index"]] for c in touch_data(at, unit)["controls"]]


def _sauna_held(at) -> list[str]:
    return _held(at, SAUNA)


def test_closed_expanders_build_nothing_inside_and_open_ones_build_everything():
    closed = open_page(PAGE)
    assert not closed.exception
    assert not {"sauna_start", "sauna_lr", "w", "seed"} & _keys(closed)
    assert not any("x_k" in t.value.columns for t in closed.table)
    assert "Going further: walking downhill in the sauna" in [e.label for e in closed.expander]
    opened = open_page(PAGE, OPEN)
    assert not opened.exception
    assert {"sauna_start", "sauna_lr", "w", "seed"} <= _keys(opened)
    assert any("x_k" in t.value.columns for t in opened.table)
    text = all_text(opened)
    assert "where you start decides where you end" in text
    assert "Find the steadiest w" in text
    # the prices (the sauna walk and the suppliers' loss draw their own pictures, in their
    # touch units)
    assert len(chart_specs(opened)) == len(chart_specs(closed)) + 1


def test_the_table_of_positions_is_built_only_while_open_and_shows_the_lines():
    closed = open_page(PAGE, {"lines": "1,2,9"})
    assert not closed.exception
    assert not closed.data_editor
    opened = open_page(PAGE, {"lines": "1,2,9", "edit_lines": "true"})
    assert not opened.exception
    (editor,) = opened.data_editor
    assert editor.value["position"].tolist() == [1, 2, 9]


def test_the_open_table_of_iterates_stays_open_while_the_steps_change_its_label():
    at = open_page(PAGE, {"iterates": "true"})
    for steps in (3, 30, 200):
        at.session_state["steps"] = steps  # what the walk's unit keeps when the browser reports
        at.run()
        assert not at.exception
        table = next(t.value for t in at.table if "x_k" in t.value.columns)
        assert len(table) == min(steps, 28) + 1  # the walk stops after 28 steps at the defaults


@pytest.mark.parametrize(("key", "values"), INSIDE, ids=[k for k, _ in INSIDE])
def test_moving_an_input_inside_keeps_every_chart_spec_and_every_element_in_its_place(
    key: str, values: list
):
    at = open_page(PAGE, OPEN)
    specs, places = chart_specs(at), element_places(at)
    for value in values:
        at.session_state[key] = value  # what the unit keeps when the browser reports
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert at.query_params[key] == f"{value:g}"  # the link follows
        assert chart_specs(at) == specs, f"{key}={value!r} changed a chart's spec"
        after = element_places(at)
        moved = [p for p in sorted(places.keys() & after.keys()) if places[p] != after[p]]
        assert not moved, f"{key}={value!r}: elements moved at {moved[:1]}"


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_value_for_an_input_inside_falls_back_with_a_note(value: str):
    defaults = open_page(PAGE, OPEN)
    params = [key for key, _ in INSIDE] + list(SAUNA_PARAMS)
    at = open_page(PAGE, {**OPEN, **{key: value for key in params}})
    assert not at.exception, [e.message for e in at.exception]
    if value not in ("-0", ""):  # -0 is a valid zero (w = 0)
        assert _held(at, SUPPLIERS) == _held(defaults, SUPPLIERS) == ["0.5", "1"], value
    if value not in ("-0", ""):  # -0 is a valid start (0 m)
        assert _sauna_held(at) == _sauna_held(defaults) == ["3", "0.01"], value
    if value not in ("", "-0"):
        assert [c.value for c in at.caption if "The link" in c.value]
