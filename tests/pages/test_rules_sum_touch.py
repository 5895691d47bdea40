"""The cruise's touch unit (Rules, ?rule=sum) in AppTest: what the browser receives for every
ship speed, walking speed and multiple c (a cross grid: each input moving with the other two
held), against exact Fractions; its window, its links, its size, and the page around it.

The browser only picks a row, so every row must already be right.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_rules import _specs_and_places
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
UNIT = "cruise_touch"
SHIP, WALK, C = 0, 1, 2  # the unit's inputs, in the order the learner reads them
SHIPS = [Fraction(k, 20) for k in range(0, 31)]  # the old sliders: 0 to 1.5 by 0.05
WALKS = [Fraction(k, 100) for k in range(-20, 31)]  # -0.2 to 0.3 by 0.01
MULTIPLES = [Fraction(k, 10) for k in range(5, 31)]  # 0.5 to 3 by 0.1
HOURS = 4


def shown(q: Fraction) -> str:
    """An exact decimal as the page writes it: every digit, a true minus sign."""
    text = format((Decimal(q.numerator) / Decimal(q.denominator)).normalize(), "f")
    return text.replace("-", "−")


def latex(q: Fraction) -> str:
    return shown(q).replace("−", "-")


def open_cruise(**params: str) -> AppTest:
    at = open_page(PAGE, {"rule": "sum", **params})
    assert not at.exception, [e.message for e in at.exception]
    return at


def check_row(row: dict, ship: Fraction, walk: Fraction, c: Fraction) -> None:
    """One row against the sum and multiple rules worked out here: positions c v t add."""
    total = ship + walk
    # the passenger's speed measured as a difference quotient of her position, exactly
    assert (total * Fraction(5, 4) - total * 1) / Fraction(1, 4) == total
    assert row["metrics"] == [
        ["ship (nmi/h)", shown(ship)],
        ["walk on deck (nmi/h)", shown(walk)],
        ["passenger (nmi/h)", shown(total)],
        [f"{shown(c)} × passenger", shown(c * total)],
    ]
    walk_term = f"- {latex(-walk)}" if walk < 0 else f"+ {latex(walk)}"
    total_factor = f"({latex(total)})" if total < 0 else latex(total)
    assert row["tex"] == [
        {
            "fill": 0,
            "with": [
                latex(ship),
                walk_term,
                f"= {latex(total)}",
                latex(c),
                total_factor,
                f"= {latex(c * total)}",
            ],
        }
    ]
    ends = [c * v * HOURS for v in (ship, walk, total)]
    assert [layer["points"] for layer in row["layers"]] == [
        [[0.0, 0.0], [4.0, float(end)]] for end in ends
    ]
    assert [layer["dash"] for layer in row["layers"]] == [False, True, False]
    # the window: c times the one that holds every line at c = 1: 4 h x (-0.2 to 1.5 + 0.3)
    assert row["window"]["x"] == [0.0, 4.0]
    assert row["window"]["y"] == [float(c * Fraction(-4, 5)), float(c * Fraction(36, 5))]
    low, high = row["window"]["y"]
    assert all(low <= float(end) <= high for end in ends)
    assert row["handles"] == [[4.0, float(ends[0])], [4.0, float(ends[1])]]
    assert row["alt"] == (
        f"Distances times c = {shown(c)}: the ship at {shown(ship)}, the walk on deck at "
        f"{shown(walk)}, the passenger at {shown(total)} nautical miles per hour before "
        "scaling."
    )


@pytest.mark.parametrize(
    ("params", "ship", "walk", "c"),
    [
        ({}, Fraction(3, 5), Fraction(1, 20), Fraction(1)),
        ({"ship": "1", "walk": "-0.1", "c": "2"}, Fraction(1), Fraction(-1, 10), Fraction(2)),
        ({"ship": "0", "walk": "-0.2", "c": "3"}, Fraction(0), Fraction(-1, 5), Fraction(3)),
        (
            {"ship": "1.5", "walk": "0.3", "c": "0.5"},
            Fraction(3, 2),
            Fraction(3, 10),
            Fraction(1, 2),
        ),
    ],
)
def test_every_row_of_the_three_inputs_against_the_rules(params, ship, walk, c) -> None:
    at = open_cruise(**params)
    data = touch_data(at, UNIT)
    assert [ctl["index"] for ctl in data["controls"]] == [
        SHIPS.index(ship),
        WALKS.index(walk),
        MULTIPLES.index(c),
    ]
    assert [len(rows) for rows in data["rows"]] == [31, 51, 26]
    for i, v in enumerate(SHIPS):
        check_row(data["rows"][SHIP][i], v, walk, c)
    for j, v in enumerate(WALKS):
        check_row(data["rows"][WALK][j], ship, v, c)
    for k, v in enumerate(MULTIPLES):
        check_row(data["rows"][C][k], ship, walk, v)
    assert "🔗" not in " ".join(cap.value for cap in at.caption)


def test_the_controls_are_the_old_sliders_with_their_names_and_help() -> None:
    ship, walk, c = touch_data(open_cruise(), UNIT)["controls"]
    assert [(x["label"], x["param"]) for x in (ship, walk, c)] == [
        ("ship speed (nmi/h)", "ship"),
        ("walking speed on deck (nmi/h)", "walk"),
        ("multiple c", "c"),
    ]
    assert ship["labels"] == [shown(v) for v in SHIPS]
    assert walk["labels"] == [shown(v) for v in WALKS]
    assert c["labels"] == [shown(v) for v in MULTIPLES]
    assert "Negative: she walks towards the stern." in walk["hint"]
    assert c["hint"] == "Every distance times c; c = 1.852 would turn nautical miles into km."


def test_the_picture_keeps_its_axis_titles_legend_and_working() -> None:
    picture = touch_data(open_cruise(c="1.5"), UNIT)["picture"]
    assert (picture["x_title"], picture["y_title"]) == ("time t (hours)", "c × distance (nmi)")
    assert [key["name"] for key in picture["legend"]] == ["ship", "walk on deck", "passenger"]
    assert picture["tex"] == [
        r"\begin{gathered}\begin{aligned}x_{total} &= x_{ship} + x_{walk} \\ "
        r"v_{total} &= v_{ship} + v_{walk} = @0 @1 @2\end{aligned} \\[2em] "
        r"(c\,f)' = c\,f' : \quad @3 \times @4 @5\end{gathered}"
    ]
    # the rings: the ship's at the end of its line, the walk's at the end of the walk
    ship, walk = picture["drags"]
    assert (ship["control"], walk["control"], ship["axis"], walk["axis"]) == (0, 1, "y", "y")
    assert ship["at"] == [[4.0, float(Fraction(3, 2) * v * 4)] for v in SHIPS]
    assert walk["at"] == [[4.0, float(Fraction(3, 2) * v * 4)] for v in WALKS]


def test_the_notes_cruise_is_the_default_row() -> None:
    row = touch_row(open_cruise(), UNIT)
    assert dict(row["metrics"])["passenger (nmi/h)"] == "0.65"  # 0.6 + 0.05, exactly
    assert row["tex"][0]["with"][:3] == ["0.6", "+ 0.05", "= 0.65"]


def test_a_pause_on_c_brings_rows_for_the_new_crossing_and_keeps_the_page_in_place() -> None:
    at = open_cruise()
    specs, places = _specs_and_places(at)
    before = touch_data(at, UNIT)
    at.session_state["c"] = 2.5
    at.run()
    after = touch_data(at, UNIT)
    assert after["controls"][C]["index"] == MULTIPLES.index(Fraction(5, 2))
    assert after["rows"][C] == before["rows"][C]
    for i, v in enumerate(SHIPS):
        check_row(after["rows"][SHIP][i], v, Fraction(1, 20), Fraction(5, 2))
    assert at.query_params["c"] == "2.5"
    assert _specs_and_places(at) == (specs, places)


@pytest.mark.parametrize(
    ("key", "value"), [("ship", 1.5), ("ship", 0.0), ("walk", -0.2), ("walk", 0.3), ("c", 0.5)]
)
def test_each_input_moved_by_python_keeps_every_chart_and_element_in_place(key, value) -> None:
    """What the shared slider guard checked for the old sliders: a new position reruns the
    page without changing a chart's spec or moving an element."""
    at = open_cruise()
    specs, places = _specs_and_places(at)
    at.session_state[key] = value
    at.run()
    assert not at.exception
    assert _specs_and_places(at) == (specs, places)
    assert at.query_params[key] == f"{value:g}"


@pytest.mark.parametrize(
    ("params", "named", "ship", "walk", "c"),
    [
        ({"ship": "x" * 5000}, "ship speed (nmi/h) = “", Fraction(3, 5), Fraction(1, 20), 1),
        ({"ship": "0.33"}, "ship speed (nmi/h) = “0\\.33”", Fraction(3, 5), Fraction(1, 20), 1),
        ({"walk": "0.5"}, "walking speed on deck (nmi/h) = “0\\.5”", Fraction(3, 5), 0.05, 1),
        ({"c": "0", "ship": "1"}, "multiple c = “0”", Fraction(1), Fraction(1, 20), 1),
        ({"c": "nan"}, "multiple c = “nan”", Fraction(3, 5), Fraction(1, 20), 1),
    ],
)
def test_a_bad_link_gets_the_note_and_the_default(params, named, ship, walk, c) -> None:
    at = open_cruise(**params)
    notes = [cap.value for cap in at.caption if "🔗" in cap.value]
    assert len(notes) == 1, notes
    assert f"The link asked for {named}" in notes[0]
    check_row(touch_row(at, UNIT), Fraction(ship), Fraction(str(walk)), Fraction(c))


def test_every_row_says_only_true_things_and_the_unit_is_small() -> None:
    for params in ({}, {"ship": "0", "walk": "-0.2", "c": "3"}, {"walk": "0", "c": "0.5"}):
        data = touch_data(open_cruise(**params), UNIT)
        for row in [r for rows in data["rows"] for r in rows]:
            text = " ".join([*(" ".join(m) for m in row["metrics"]), *row["notes"], row["alt"]])
            assert offending(text, "rules") == [], (params, text)
        assert len(json.dumps(data)) < 150_000
