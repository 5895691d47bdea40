"""The Python half of the touch unit (dashboard.touch): positions, links, the data sent."""

from __future__ import annotations

import json
import math

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import touch

KNOB = touch.Control("Knob", "k", values=(0.1, 0.2, 0.1 + 0.2, 1e-12), default=0.2)


def test_ticks_are_round_numbers_inside_the_window() -> None:
    assert [v for v, _ in touch.nice_ticks(0, 10)] == [0, 2, 4, 6, 8, 10]
    ticks = touch.nice_ticks(-0.6049961840691956, 8.167499717338458)
    assert [v for v, _ in ticks] == [0, 2, 4, 6, 8]
    assert [label for _, label in touch.nice_ticks(-1, 1)] == ["−1", "−0.5", "0", "0.5", "1"]
    assert touch.nice_ticks(1, 1) == ()
    assert touch.nice_ticks(0, math.inf) == ()


def test_a_position_is_found_within_a_billionth_and_written_shortest() -> None:
    assert KNOB.index_of(0.3) == 2  # 0.1 + 0.2 = 0.30000000000000004
    assert KNOB.index_of(0.25) is None
    assert KNOB.index_of("0.2") is None
    assert touch.link_text(1e-12) == "1e-12"
    assert touch.link_text(0.1 + 0.2) == "0.30000000000000004"  # %g would say 0.3: not it
    assert touch.link_text(3) == "3"
    assert KNOB.shown()[3] == "1 × 10⁻¹²"


def test_coordinates_travel_with_six_digits_and_gaps_for_non_finite_values() -> None:
    layer = touch.line([(0, 1 / 3), (1, math.nan), None, (2, math.inf), (3, 2)], "#000")
    assert layer["points"] == [[0.0, 0.333333], [1.0, None], None, [2.0, None], [3.0, 2.0]]
    dots = touch.points([(0, 1), (1, math.nan)], "#000", labels=["a", "b"])
    assert dots["points"] == [[0.0, 1.0]] and dots["labels"] == ["a"]
    assert touch.segments([(0, 0, 1, math.nan), (0, 0, 1, 1)], "#000")["segments"] == [
        [0.0, 0.0, 1.0, 1.0]
    ]


def test_one_row_per_position_or_nothing_is_sent() -> None:
    picture = touch.Picture(x=(0, 1), y=(0, 1), x_title="x", y_title="y", description="d")
    with pytest.raises(ValueError, match="one row per position"):
        touch.unit_data("u", [KNOB], picture, [[touch.row()] * 3])
    with pytest.raises(ValueError, match="one list of rows per control"):
        touch.unit_data("u", [KNOB], picture, [])


def _app() -> None:
    import streamlit as st

    from dashboard import touch

    knob = touch.Control("Knob", "k", values=(1, 2, 3), default=2)
    other = touch.Control("Other", "o", values=("a", "b"), default="a")
    state = st.session_state.get("hostile")
    if state is not None:
        st.session_state["unit"] = state
        touch._moved("unit", [knob, other])
    picture = touch.Picture(x=(0, 1), y=(0, 1), x_title="x", y_title="y", description="d")
    touch.touch_unit(
        "unit",
        [knob, other],
        picture,
        [[touch.row(alt=str(v)) for v in knob.values], [touch.row() for _ in other.values]],
    )
    st.write(f"k = {touch.value(knob)}, o = {touch.value(other)}")


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        ({"position": [0, 1]}, "k = 1, o = b"),
        ({"position": [5, 1]}, "k = 2, o = b"),  # the valid half is kept, the other refused
        ({"position": [True, 0]}, "k = 2, o = a"),
        ({"position": [1.5, 0]}, "k = 2, o = a"),
        ({"position": "0,1"}, "k = 2, o = a"),
        ({"position": [0]}, "k = 2, o = a"),
        ({"position": None}, "k = 2, o = a"),
        ({"other": 1}, "k = 2, o = a"),
        ("junk", "k = 2, o = a"),
    ],
)
def test_a_hostile_position_changes_nothing_it_should_not(state, shown: str) -> None:
    at = AppTest.from_function(_app)
    at.session_state["hostile"] = state
    at.run()
    assert not at.exception
    assert at.markdown[-1].value == shown


def test_the_data_is_json_the_browser_can_read() -> None:
    at = AppTest.from_function(_app)
    at.run()
    (unit,) = [e for e in at.get("bidi_component") if e.proto.component_name == "calculus_ml.touch"]
    data = json.loads(unit.proto.json)
    assert [c["index"] for c in data["controls"]] == [1, 0]
    assert [r["alt"] for r in data["rows"][0]] == ["1", "2", "3"]
    assert data["picture"]["x_ticks"][0] == [0, "0"]


def _one_input_app() -> None:
    from dashboard import touch

    knob = touch.Control("Knob", "k", values=(1, 2, 3), default=2)
    picture = touch.Picture(x=(0, 1), y=(0, 1), x_title="x", y_title="y", description="d")
    touch.touch_unit("solo", [knob], picture, [[touch.row(alt=str(v)) for v in knob.values]])


def test_a_one_input_unit_sends_its_position_apart_from_its_rows() -> None:
    """A pause's answer then leaves the large data byte for byte the same (Streamlit sends a
    reference to a message it has sent before), and only the small companion changes."""
    at = AppTest.from_function(_one_input_app)
    at.run()

    def sent() -> tuple[str, dict]:
        found = {e.proto.component_name: e.proto.json for e in at.get("bidi_component")}
        return found["calculus_ml.touch"], json.loads(found["calculus_ml.touch_at"])

    rows, where = sent()
    assert "index" not in json.loads(rows)["controls"][0]
    assert where == {"key": "solo", "index": [1]}
    at.session_state["k"] = 3
    at.run()
    rows_after, where_after = sent()
    assert rows_after == rows
    assert where_after == {"key": "solo", "index": [2]}


def test_a_rows_window_travels_with_its_ticks_and_rounded_ends() -> None:
    """`row(window=...)`: the row carries its own ranges (6 significant digits, like every
    coordinate) and round ticks inside them; a row without one carries no window."""
    tall = touch.Window(x=(0.0, 1.0), y=(0.0, 2.0000000001))
    shown = touch.row([], window=tall)["window"]
    assert shown["x"] == [0.0, 1.0] and shown["y"] == [0.0, 2.0]
    assert [v for v, _ in shown["y_ticks"]] == [0.0, 0.5, 1.0, 1.5, 2.0]
    assert shown["x_ticks"] == [list(t) for t in touch.nice_ticks(0.0, 1.0)]
    given = touch.Window(x=(0, 1), y=(0, 1), y_ticks=((0.5, "half"),))
    assert touch.row([], window=given)["window"]["y_ticks"] == [[0.5, "half"]]
    assert "window" not in touch.row([])


def test_a_pooled_layer_travels_once_and_rows_refer_to_it() -> None:
    """`pooled(k, upto=n)` is a reference: the layer itself is in the unit's pool, once."""
    knob = touch.Control("Knob", "k", values=(0, 1, 2), default=0)
    picture = touch.Picture(x=(0, 2), y=(0, 4), x_title="x", y_title="y", description="d")
    path = touch.line([(0, 0), (1, 1), (2, 4)], "#009E73")
    rows = [[touch.row([touch.pooled(0, upto=i + 1)]) for i in range(3)]]
    data = touch.unit_data("u", [knob], picture, rows, pool=[path])
    assert data["pool"] == [path]
    assert [r["layers"] for r in data["rows"][0]] == [
        [{"kind": "pooled", "index": 0, "upto": n}] for n in (1, 2, 3)
    ]
    assert touch.pooled(1)["index"] == 1 and "upto" not in touch.pooled(1)
    with pytest.raises(ValueError, match="no layer 1 in the pool"):
        touch.unit_data("u", [knob], picture, [[touch.row([touch.pooled(1)])] * 3], pool=[path])
    with pytest.raises(ValueError, match="drawn layers"):
        touch.unit_data("u", [knob], picture, rows, pool=[touch.pooled(0)])
