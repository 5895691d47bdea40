"""The sauna walk as a touch unit (app_pages/cost_functions/downhill_in_the_sauna.py) in
AppTest: start and learning rate are the two inputs of one cross grid; every row says what
core's walk did (and where an independent walk on the notes' slope, written out here, ends), a
deep link opens at its position, a bad link gets its note, and the table of landings follows
Python's rate."""

from __future__ import annotations

import pytest

from app_pages.cost_functions.downhill_in_the_sauna import verdict_words
from core.sauna import sauna_walk
from dashboard import numbers
from tests.pages.helpers import open_page, touch_data, touch_row

PAGE = "app_pages/cost_functions/page.py"
SAUNA = "sauna_touch"
OPEN = {"sauna_walk": "true"}
RATES = ["0.001", "0.003", "0.01", "0.02", "0.05", "0.1", "0.3"]


def slope(x: float) -> float:
    """The notes' sauna: T′(x) = (x − 1.5)²(x − 4)(x − 6)(x − 8)/10."""
    return (x - 1.5) ** 2 * (x - 4) * (x - 6) * (x - 8) / 10


def oracle_end(start: float, lr: float, steps: int = 1000) -> float:
    """Where x ← x − lr·T′(x) ends: a step of at most 10⁻⁶, the room left, or the steps out."""
    x = start
    for _ in range(steps):
        step = lr * slope(x)
        if abs(step) <= 1e-6:
            break
        x -= step
        if not 0 <= x <= 9:
            break
    return x


def check_row(row: dict, start: float, lr: float) -> None:
    walk = sauna_walk(start, lr)
    (note,) = row["notes"]
    assert note == f"{row['alt']} {verdict_words(walk).replace('**', '')}"
    assert row["alt"].startswith(
        f"Walking downhill in the sauna from x₀ = {numbers.text(start)} m with learning rate "
        f"{numbers.text(lr)}: "
    )
    if walk.unstable is None:  # a walk that cannot settle bounces: its floats part ways
        assert walk.path.final_x == pytest.approx(oracle_end(start, lr), abs=2e-3)
    marks, line, dots, numbered = row["layers"]
    assert marks["labels"] == ["shelf", "local min", "local max", "coldest"]
    if 0 <= start <= 9:
        assert numbered["labels"] == ["0"]
        assert numbered["points"][0][0] == pytest.approx(start)


@pytest.mark.parametrize(("start", "lr"), [(3.0, 0.01), (7.0, 0.1), (0.5, 0.001)])
def test_rows_of_both_inputs_are_cores_walks_at_their_positions(start, lr):
    at = open_page(PAGE, {**OPEN, "sauna_start": str(start), "sauna_lr": str(lr)})
    assert not at.exception
    data = touch_data(at, SAUNA)
    starts, rates = (c["labels"] for c in data["controls"])
    assert [c["param"] for c in data["controls"]] == ["sauna_start", "sauna_lr"]
    assert starts == [numbers.text(k / 10) for k in range(91)]
    assert rates == RATES
    held = [c["labels"][c["index"]] for c in data["controls"]]
    assert held == [numbers.text(start), numbers.text(lr)]
    for i in (0, 5, 30, 60, 70, 88, 90):
        check_row(touch_row(at, SAUNA, 0, i), i / 10, lr)
    for i in range(7):
        check_row(touch_row(at, SAUNA, 1, i), start, float(RATES[i]))
    table = next(t.value for t in at.table if "what it found" in t.value.columns)
    assert table["start x₀ (m)"].tolist() == ["0.5", "3", "5.5", "6.5", "8.8"]
    assert table["ends at x (m)"].tolist() == [
        numbers.shown(sauna_walk(x0, lr).path.final_x) for x0 in (0.5, 3.0, 5.5, 6.5, 8.8)
    ]


def test_the_position_the_browser_reports_moves_python_the_link_and_the_table():
    at = open_page(PAGE, OPEN)
    at.session_state["sauna_start"] = 7.0
    at.session_state["sauna_lr"] = 0.05
    at.run()
    assert not at.exception
    data = touch_data(at, SAUNA)
    assert [c["labels"][c["index"]] for c in data["controls"]] == ["7", "0.05"]
    assert at.query_params["sauna_start"] == "7" and at.query_params["sauna_lr"] == "0.05"
    check_row(touch_row(at, SAUNA, 1), 7.0, 0.05)
    captions = " ".join(c.value for c in at.caption)
    assert "The same walk (learning rate 0.05, up to 1000 steps)" in captions


@pytest.mark.parametrize(
    ("params", "asked"),
    [
        ({"sauna_start": "3.05"}, "3.05"),
        ({"sauna_start": "12"}, "12"),
        ({"sauna_lr": "0.2"}, "0.2"),
    ],
)
def test_a_link_off_the_grid_opens_at_the_default_with_a_note(params, asked):
    at = open_page(PAGE, {**OPEN, **params})
    assert not at.exception
    data = touch_data(at, SAUNA)
    assert [c["labels"][c["index"]] for c in data["controls"]] == ["3", "0.01"]
    notes = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("🔗 The link")]
    assert any(f"“{asked}”" in n for n in notes), notes
