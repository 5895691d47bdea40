"""The product rule's touch unit in AppTest: day t and the time step dt are the two inputs of
one cross grid. What the browser receives for every position of both inputs (the row it
draws when the learner drags one there) against exact Fractions worked out here from the
notes' house g(t) = 4 + t, h(t) = 2 + t²/8; its links, its size, the ring at the corner."""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
KEY = "product_touch"
DAYS = [Fraction(k, 2) for k in range(13)]
STEPS = [
    Fraction(2),
    Fraction(1),
    Fraction(1, 2),
    Fraction(1, 5),
    Fraction(1, 10),
    Fraction(1, 100),
]
T, DT = 0, 1  # the two controls, in the unit's order


def g(t: Fraction) -> Fraction:
    return 4 + t


def h(t: Fraction) -> Fraction:
    return 2 + t**2 / 8


def oracle(t: Fraction, dt: Fraction) -> dict[str, Fraction]:
    """The house's numbers at (t, dt), exact: dF / dt, g'h + gh' and the corner dg dh / dt."""
    area_change = g(t + dt) * h(t + dt) - g(t) * h(t)
    corner = (g(t + dt) - g(t)) * (h(t + dt) - h(t))
    return {
        "dF / dt (m²/day)": area_change / dt,
        "g'h + gh' (m²/day)": 1 * h(t) + g(t) * t / 4,
        "corner dg·dh / dt (m²/day)": corner / dt,
    }


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def value(shown: str) -> Fraction:
    """A number as printed, 1.25 × 10⁻⁵ included, as the exact decimal it reads."""
    mantissa, _, power = shown.removeprefix("≈ ").replace("−", "-").partition(" × 10")
    return Fraction(mantissa) * Fraction(10) ** int(power.translate(SUPERSCRIPTS) or 0)


def assert_shows(row: dict, t: Fraction, dt: Fraction) -> None:
    """Each number is the oracle's exactly, or marked '≈' and within half a unit of its sixth
    significant digit (and then the exact value has more digits than that)."""
    shown = dict(row["metrics"])
    for label, exact in oracle(t, dt).items():
        text = shown[label]
        if text.startswith("≈ "):
            assert value(text) != exact, (label, text)
            assert abs(value(text) - exact) <= abs(exact) * Fraction(5, 10**6), (label, text)
        else:
            assert value(text) == exact, (label, text, exact)
    assert row["alt"].startswith(f"Floor plan on day {float(t):g}: length g = ")


def filled(data: dict, row: dict) -> list[str]:
    """The row's formulas as the browser typesets them (templates filled in)."""
    templates = data["picture"]["tex"]

    def one(entry: str | dict) -> str:
        if isinstance(entry, str):
            return entry
        return re.sub(r"@(\d+)", lambda m: entry["with"][int(m[1])], templates[entry["fill"]])

    return [one(entry) for entry in row["tex"]]


def held(at: AppTest) -> tuple[str, str]:
    controls = touch_data(at, KEY)["controls"]
    return tuple(c["labels"][c["index"]] for c in controls)


def test_day_and_step_are_one_unit_over_the_old_sliders_grids() -> None:
    data = touch_data(open_page(PAGE, {"rule": "product"}), KEY)
    day, step = data["controls"]
    assert (day["label"], day["param"], step["label"], step["param"]) == (
        "day t",
        "t",
        "time step dt (days)",
        "dt",
    )
    assert day["labels"] == [
        "0",
        "0.5",
        "1",
        "1.5",
        "2",
        "2.5",
        "3",
        "3.5",
        "4",
        "4.5",
        "5",
        "5.5",
        "6",
    ]
    assert step["labels"] == ["2", "1", "0.5", "0.2", "0.1", "0.01"]
    assert (day["index"], step["index"]) == (4, 1)  # t = 2, dt = 1
    assert [len(r) for r in data["rows"]] == [13, 6]


@pytest.mark.parametrize(
    "params", [{}, {"t": "5.5", "dt": "0.01"}, {"t": "0", "dt": "2"}, {"t": "6", "dt": "0.2"}]
)
def test_every_row_of_both_inputs_shows_the_exact_numbers(params) -> None:
    at = open_page(PAGE, {"rule": "product", **params})
    t, dt = (Fraction(v) for v in held(at))
    data = touch_data(at, KEY)
    for i, day in enumerate(DAYS):  # the day moves, dt held where Python holds it
        assert_shows(data["rows"][T][i], day, dt)
    for j, step in enumerate(STEPS):  # the step moves, the day held
        assert_shows(data["rows"][DT][j], t, step)


def test_the_notes_day_two_worked_out_and_the_corner_vanishing() -> None:
    at = open_page(PAGE, {"rule": "product"})
    data = touch_data(at, KEY)
    row = touch_row(at, KEY)
    # g(2) = 6, h(2) = 2.5, over one day: strips 1 * 2.5, 6 * 0.625, 1 * 0.625
    assert dict(row["metrics"]) == {
        "dF / dt (m²/day)": "6.875",
        "g'h + gh' (m²/day)": "5.5",
        "corner dg·dh / dt (m²/day)": "0.625",
    }
    assert filled(data, row) == [
        r"\begin{aligned}\Delta F &= \Delta g\,h + g\,\Delta h + \Delta g\,\Delta h \\ "
        r"&= 2.5 + 3.75 \\ &\quad + 0.625 = 6.875\end{aligned}",
        r"\begin{aligned}\frac{\Delta F}{\Delta t} &= 6.875 \\ "
        r"&\xrightarrow{\Delta t \to 0}\; g'h + g\,h' \\ &= 1 \cdot 2.5 + 6 \cdot 0.5 = 5.5"
        r"\end{aligned}",
    ]
    # dt = 0.01: dg dh / dt = (h(2.01) - h(2)) = 0.0050125 -> 0 while g'h + gh' stays 5.5
    small = dict(touch_row(at, KEY, DT, STEPS.index(Fraction(1, 100)))["metrics"])
    assert small["corner dg·dh / dt (m²/day)"] == "0.0050125"
    assert h(Fraction("2.01")) - h(Fraction(2)) == Fraction("0.0050125")
    assert small["g'h + gh' (m²/day)"] == "5.5"


def test_the_plan_is_drawn_from_the_strips_and_the_ring_sits_at_the_corner() -> None:
    at = open_page(PAGE, {"rule": "product", "t": "3", "dt": "0.5"})
    data = touch_data(at, KEY)
    assert (data["picture"]["x"], data["picture"]["y"]) == ([0.0, 12.0], [0.0, 10.0])  # day 8
    assert [k["name"] for k in data["picture"]["legend"]] == [
        "house g·h",
        "strip dg·h",
        "strip g·dh",
        "corner dg·dh",
    ]
    (drag,) = data["picture"]["drags"]
    assert (drag["control"], drag["axis"]) == (T, "x")
    assert drag["at"] == [[float(g(t)), float(h(t))] for t in DAYS]
    # day 3, dt 0.5: g = 7, h = 3.125, dg = 0.5, dh = h(3.5) - h(3) = 0.40625
    rects = [layer["rects"] for layer in touch_row(at, KEY)["layers"]]
    assert rects == [
        [[0.0, 0.0, 7.0, 3.125]],
        [[7.0, 0.0, 0.5, 3.125]],
        [[0.0, 3.125, 7.0, 0.40625]],
        [[7.0, 3.125, 0.5, 0.40625]],
    ]


def test_a_deep_link_opens_both_positions_and_the_table_follows() -> None:
    at = open_page(PAGE, {"rule": "product", "t": "5.5", "dt": "0.01"})
    assert held(at) == ("5.5", "0.01")
    assert not [c.value for c in at.caption if "🔗" in c.value]
    data = touch_data(at, KEY)
    assert r"&= 1 \cdot 5.78125 + 9.5 \cdot 1.375 = 18.84375" in filled(data, touch_row(at, KEY))[1]
    table = next(t.value for t in at.table if "area / dt (m²/day)" in t.value.columns)
    assert list(table["limit as dt → 0"])[-1] == "18.84375"


@pytest.mark.parametrize(("link", "shown"), [("2.0", "2"), ("1e-2", "0.01"), ("0.010", "0.01")])
def test_links_the_old_slider_wrote_still_open_their_step(link, shown) -> None:
    at = open_page(PAGE, {"rule": "product", "dt": link})
    assert held(at)[1] == shown
    assert not [c.value for c in at.caption if "🔗" in c.value]


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"t": "nan"}, "day t"),
        ({"t": "2.3"}, "day t"),
        ({"t": "7"}, "day t"),
        ({"dt": "0.3"}, "time step dt (days)"),
        ({"dt": "0"}, "time step dt (days)"),
    ],
)
def test_a_bad_link_gets_its_note_and_the_default(params, name) -> None:
    at = open_page(PAGE, {"rule": "product", **params})
    assert not at.exception
    assert held(at) == ("2", "1")
    notes = [c.value for c in at.caption if "🔗" in c.value]
    assert len(notes) == 1 and name in notes[0], notes
    assert dict(touch_row(at, KEY)["metrics"])["g'h + gh' (m²/day)"] == "5.5"


def test_python_hears_a_pause_and_rebuilds_the_cross_through_it() -> None:
    at = open_page(PAGE, {"rule": "product"})
    picked = touch_row(at, KEY, T, DAYS.index(Fraction(4)))
    at.session_state["t"] = 4.0
    at.run()
    assert held(at) == ("4", "1")
    assert touch_row(at, KEY) == picked
    assert at.query_params["t"] == "4"
    data = touch_data(at, KEY)
    for j, step in enumerate(STEPS):  # the step's rows are now at day 4
        assert_shows(data["rows"][DT][j], Fraction(4), step)
    at.session_state["dt"] = 0.01
    at.run()
    assert held(at) == ("4", "0.01") and at.query_params["dt"] == "0.01"
    assert dict(touch_row(at, KEY)["metrics"])["g'h + gh' (m²/day)"] == "12"


@pytest.mark.parametrize("params", [{}, {"t": "6", "dt": "2"}, {"t": "5.5", "dt": "0.01"}])
def test_the_unit_is_small_and_every_row_says_only_true_things(params) -> None:
    data = touch_data(open_page(PAGE, {"rule": "product", **params}), KEY)
    assert len(json.dumps(data)) < 40_000
    for row in data["rows"][T] + data["rows"][DT]:
        text = " ".join([*filled(data, row), *(" ".join(m) for m in row["metrics"]), row["alt"]])
        assert offending(text, "rules") == [], text
