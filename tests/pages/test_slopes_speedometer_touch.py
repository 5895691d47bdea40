"""The broken speedometer's touch unit in AppTest: Start t1 and End t2 are its two inputs (a
cross grid), the measurement step a Streamlit choice that rebuilds it.

The browser only picks a row, so every row must already be right: at every position of each
end, the average velocity and its working against exact Fractions of the table the page
shows (and the notes' numbers), the verdict, the picture's ends; the old sliders' links and
notes still hold.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from core import motion
from dashboard import numbers
from tests.pages.helpers import open_page, touch_data, touch_row

PAGE = "app_pages/slopes/page.py"
UNIT = "speedometer_touch"
T1, T2 = 0, 1  # the unit's inputs
NOTES = {10: 122, 12: 155, 13: 170, 15: 202, 19: 265, 20: 265}  # d(t) in the notes
MAX_BYTES = 150_000


def open_slopes(**params: str) -> AppTest:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    return at


def measured(at: AppTest) -> dict[int, int]:
    """The distance table the page shows beside the unit: {time: distance}."""
    frame = next(t.value for t in [*at.table, *at.dataframe] if "distance (m)" in t.value)
    return dict(zip(frame["time (s)"], frame["distance (m)"], strict=True))


def metric(row: dict) -> str:
    return dict(row["metrics"])["Average velocity"]


def expected(d: dict[int, int], t1: int, t2: int) -> Fraction:
    """The oracle: rise over run, in exact Fractions of the shown table."""
    return Fraction(d[t2] - d[t1], t2 - t1)


def about(v: Fraction) -> str:
    """An independent reading of the page's rule: the exact decimal when it has at most six
    significant digits (16.8), else four with '≈' (26/3: ≈ 8.667)."""
    digits = f"{float(v):.6g}"
    if Fraction(digits) == v:
        return digits.replace("-", "−")
    return "≈ " + f"{float(v):.4g}".replace("-", "−")


def check_row(row: dict, d: dict[int, int], t1: int, t2: int) -> None:
    """One row: its number, working, verdict, legend, picture and handles for [t1, t2]."""
    if t1 == t2:
        assert metric(row) == "none"
        assert rf"\frac{{d({t1}) - d({t1})}}{{{t1} - {t1}}} = \frac{{0}}{{0}}" in row["tex"][0]
        assert "0/0" in row["notes"][-1] and row["layers"] == []
        return
    a, b = sorted((t1, t2))
    v = expected(d, t1, t2)
    shown = about(v)
    assert metric(row) == f"{shown} m/s"
    working = row["tex"][0]
    assert rf"\frac{{d({b}) - d({a})}}{{{b} - {a}}}" in working
    assert rf"\frac{{{d[b]} - {d[a]}}}{{{b} - {a}}}".replace("-", "-") in working.replace("−", "-")
    assert rf"{numbers.eq_tex(v)}\ \text{{m/s}}" in working
    assert row["legend"][1] == f"secant, slope {shown} m/s"
    assert f"the secant's slope is {shown} m/s." in row["alt"]
    band, _, ends = row["layers"]
    assert (band["from"], band["to"]) == (a, b)
    assert ends["points"] == [[a, d[a]], [b, d[b]]]
    assert row["handles"] == [[t1, d[t1]], [t2, d[t2]]]
    verdict = row["notes"][-1]
    assert verdict.startswith(f"Average velocity from {a} s to {b} s: ")
    if d[a] == d[b]:
        assert "standing still" in verdict
    else:
        middle = Fraction(a + b, 2)
        assert f"velocity at {numbers.text(middle)} s" in verdict
    assert ("t1 is later than t2" in row["notes"][0]) == (t1 > t2)


def test_the_inputs_hold_the_old_sliders_values_for_each_step() -> None:
    at = open_slopes()
    t1, t2 = touch_data(at, UNIT)["controls"]
    assert (t1["param"], t2["param"]) == ("t1", "t2")
    assert t1["labels"] == t2["labels"] == ["0", "5", "10", "15", "20", "25", "30"]
    at.button_group(key="step").set_value("1").run()
    t1, t2 = touch_data(at, UNIT)["controls"]
    assert t1["labels"] == t2["labels"] == [str(t) for t in range(31)]
    assert (t1["index"], t2["index"]) == (10, 15)  # the interval is kept


@pytest.mark.parametrize("step", ["5", "1"])
def test_every_row_of_both_inputs_is_the_exact_average_velocity(step: str) -> None:
    """At every position of t1 (t2 held) and of t2 (t1 held): the oracle's rise over run."""
    at = open_slopes(step=step)
    d = measured(at)
    assert {t: d[t] for t in NOTES if t in d} == {t: NOTES[t] for t in NOTES if t in d}
    times = list(d)
    data = touch_data(at, UNIT)
    assert [len(r) for r in data["rows"]] == [len(times), len(times)]
    for i, t in enumerate(times):
        check_row(touch_row(at, UNIT, T1, i), d, t, 15)
        check_row(touch_row(at, UNIT, T2, i), d, 10, t)


def test_after_a_pause_the_cross_follows_the_new_interval() -> None:
    """Python holds t1 = 17 after a pause: the t2 rows now start at 17, the t1 rows still
    end at 15; then t2 = 17 and t1 = 12 after another: the notes' 16.8 m/s."""
    at = open_slopes(step="1")
    at.session_state["t1"] = 17
    at.run()
    d = measured(at)
    for j in (0, 12, 17, 19, 20, 30):
        check_row(touch_row(at, UNIT, T2, j), d, 17, j)
    for i in (0, 12, 15, 29):
        check_row(touch_row(at, UNIT, T1, i), d, i, 15)
    at.session_state["t1"], at.session_state["t2"] = 12, 17
    at.run()
    assert metric(touch_row(at, UNIT)) == "16.8 m/s"
    assert [c["index"] for c in touch_data(at, UNIT)["controls"]] == [12, 17]


def test_the_rows_are_cores_speedometer_grid() -> None:
    at = open_slopes(step="1", t1="19", t2="20")
    grid = motion.speedometer_grid(1, 19, 20)
    data = touch_data(at, UNIT)
    for c, cars in ((T1, grid.by_t1), (T2, grid.by_t2)):
        for row, car in zip(data["rows"][c], cars, strict=True):
            shown = "none" if car.velocity is None else f"{numbers.shown(car.velocity)} m/s"
            assert metric(row) == shown


@pytest.mark.parametrize(
    ("params", "times", "velocity"),
    [
        ({"step": "1", "t1": "12", "t2": "13"}, (12, 13), "15 m/s"),
        ({"step": "1", "t1": "17", "t2": "20"}, (17, 20), "≈ 8.667 m/s"),
        ({"t1": "25", "t2": "10"}, (25, 10), "12 m/s"),
        ({"t1": "20", "t2": "20"}, (20, 20), "none"),
    ],
)
def test_a_deep_link_opens_at_the_linked_interval(params, times, velocity) -> None:
    at = open_slopes(**params)
    controls = touch_data(at, UNIT)["controls"]
    assert tuple(int(c["labels"][c["index"]]) for c in controls) == times
    assert metric(touch_row(at, UNIT)) == velocity
    assert not [c for c in at.caption if "🔗" in c.value]


@pytest.mark.parametrize(
    ("params", "name", "steps"),
    [
        ({"t1": "-5"}, "start t1 (s)", 5),
        ({"t2": "31"}, "end t2 (s)", 5),
        ({"t1": "banana"}, "start t1 (s)", 5),
        ({"step": "1", "t2": "12.5"}, "end t2 (s)", 1),
    ],
)
def test_a_bad_link_gets_its_note_and_the_default(params, name, steps) -> None:
    at = open_slopes(**params)
    notes = " ".join(c.value for c in at.caption if "🔗" in c.value)
    assert f"The link asked for {name} = " in notes
    assert f"which is not a number from 0 to 30 in steps of {steps}; showing" in notes
    controls = touch_data(at, UNIT)["controls"]
    assert tuple(int(c["labels"][c["index"]]) for c in controls) == (10, 15)


def test_an_off_grid_link_moves_to_the_nearest_measured_time_with_its_note() -> None:
    at = open_slopes(t1="12", t2="14")
    said = " ".join(i.value for i in at.info)
    assert "t1 = 12 s is not in the table measured every 5 s, so it moved to 10 s" in said
    assert "t2 = 14 s is not in the table measured every 5 s, so it moved to 15 s" in said
    assert metric(touch_row(at, UNIT)) == "16 m/s"
    at.run()  # the next pause: the note has been read
    assert "moved to" not in " ".join(i.value for i in at.info)


def test_the_unit_is_small() -> None:
    at = open_slopes(step="1")
    assert len(json.dumps(touch_data(at, UNIT))) < MAX_BYTES
