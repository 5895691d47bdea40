"""dashboard.tables without a server: the reader of editor states and the fit check."""

from __future__ import annotations

import json

import pytest
from streamlit.elements.widgets.data_editor import DataEditorSerde

from core.limits import MAX_EDITOR_ADDED_ROWS
from dashboard.tables import state_problem
from dashboard.widget_states import REFUSED, editor_state

COLUMNS = ("bedrooms", "price")

REFUSED_STATES = {
    "not JSON": "{not json",
    "a list": "[1]",
    "a number": "1e999",
    "unknown key": json.dumps({"added_rows": [], "evil": 1}),
    "row that is not a number": json.dumps({"edited_rows": {"abc": {"price": 1}}}),
    "Arabic-Indic digits": json.dumps({"edited_rows": {"\u0661": {"price": 1}}}),
    "negative row": json.dumps({"edited_rows": {"-1": {"price": 1}}}),
    "bool row": json.dumps({"deleted_rows": [True]}),
    "list in a cell": json.dumps({"added_rows": [{"price": [1]}]}),
    "NaN": '{"added_rows": [{"price": NaN}]}',
    "Infinity": '{"edited_rows": {"0": {"price": Infinity}}}',
    "deep nesting": "[" * 50_000 + "]" * 50_000,
    "too many rows": json.dumps({"added_rows": [{"price": 1}] * (MAX_EDITOR_ADDED_ROWS + 1)}),
    "too long": json.dumps({"added_rows": [{"price": "x" * 199}] * 6000}),
}


@pytest.mark.parametrize("name", list(REFUSED_STATES))
def test_a_malformed_or_oversized_state_is_refused_without_raising(name: str) -> None:
    state = editor_state(REFUSED_STATES[name])
    assert state[REFUSED]
    assert (state["edited_rows"], state["added_rows"], state["deleted_rows"]) == ({}, [], [])


def test_streamlits_own_reader_is_replaced_by_the_bounded_one() -> None:
    # If a Streamlit upgrade stops reading states through DataEditorSerde.deserialize, the
    # interception is gone: this fails.
    state = DataEditorSerde().deserialize("{not json")
    assert state[REFUSED] == "it was not a table change"


def test_an_ordinary_change_is_read_with_integer_row_numbers() -> None:
    text = json.dumps(
        {
            "edited_rows": {"3": {"price": 5}},
            "added_rows": [{"bedrooms": 11, "price": None}],
            "deleted_rows": [2, 2, 0],
        }
    )
    state = editor_state(text)
    assert REFUSED not in state
    assert state["edited_rows"] == {3: {"price": 5}}
    assert state["deleted_rows"] == [0, 2]
    assert state_problem(state, COLUMNS, 10, max_rows=100, limit=1e12) is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"added_rows": [{"nope": 1}]}, "columns the table does not have"),
        ({"edited_rows": {"10": {"price": 1}}}, "rows that do not exist"),
        ({"deleted_rows": [10]}, "rows that do not exist"),
        ({"added_rows": [{"price": "abc"}]}, "not a number"),
        ({"edited_rows": {"0": {"price": 2e12}}}, "not a number"),
        ({"added_rows": [{"price": True}]}, "not a number"),
        ({"added_rows": [{"price": 1}] * 91}, "the limit is 100"),
    ],
)
def test_a_change_that_does_not_fit_the_table_says_why(change: dict, reason: str) -> None:
    state = editor_state(json.dumps(change))
    problem = state_problem(state, COLUMNS, 10, max_rows=100, limit=1e12)
    assert problem is not None and reason in problem


def test_a_json_widget_value_that_is_not_json_reads_as_no_value() -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.runtime.state import session_state

    from dashboard.widget_states import json_value

    assert session_state.unpack_widget_state_value is json_value  # what Streamlit calls
    for text in ("not json", "[" * 50_000 + "]" * 50_000, ""):
        state = WidgetState(id="w")
        state.json_value = text
        assert json_value(state) is None
    state = WidgetState(id="w")
    state.json_value = '{"open": true}'
    assert json_value(state) == {"open": True}


def test_a_state_of_another_type_than_the_widgets_is_dropped() -> None:
    from streamlit.proto.WidgetStates_pb2 import WidgetStates
    from streamlit.runtime.state import session_state

    from dashboard.widget_states import typed_states

    assert session_state.SessionState.set_widgets_from_proto.__name__ == "_typed_set_widgets"
    sent = WidgetStates()
    slider, box, number, cleared, unknown = (sent.widgets.add() for _ in range(5))
    slider.id, box.id, number.id, cleared.id, unknown.id = "s", "t", "n", "c", "u"
    slider.bool_value = True  # a slider expects a list of numbers
    box.string_value = "ok"
    number.int_value = 3  # a number box may send an integer
    expected = {"s": "double_array_value", "t": "string_value", "n": "double_value"}
    expected["c"] = "bool_value"  # `cleared` has no value at all: kept
    kept = [state.id for state in typed_states(sent, expected).widgets]
    assert kept == ["t", "n", "c", "u"]
