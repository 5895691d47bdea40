"""Regression, section 4: the replay is the descent unit's third input. At every one of its
positions the unit's row is the held run's line after that step, with its three numbers;
the positions are every step up to 200, every 10th up to 1000, every 100th beyond and the
last step (the input's hint says so); links to a position open there, a link between two
positions gets the note naming them; the unit stays small at the worst settings.

The oracle is a plain numpy loop of gradient steps from (0, 0) on the notes' table as
written (tests.pages.test_regression_descent_touch.numpy_line)."""

import json

import numpy as np
import pytest

from core.descent_grid import replay_positions
from dashboard.numbers import text
from tests.pages.helpers import all_text, open_page, touch_data, touch_row
from tests.pages.test_regression import move_line, own_data, upload
from tests.pages.test_regression_descent_touch import check_line, core_numbers, number, numpy_line

PAGE = "app_pages/regression/page.py"
KEY = "descent_touch"
REPLAY = 2  # the unit's third input
HINT = "Steps 0–200, then every 10th."


def replay(at) -> dict:
    return touch_data(at, KEY)["controls"][REPLAY]


def replay_row(at, step: int) -> dict:
    """The row the unit shows when the hand puts the replay at `step`."""
    return touch_row(at, KEY, REPLAY, replay(at)["values"].index(str(step)))


def test_the_replay_is_the_units_third_input_over_the_chosen_steps():
    at = open_page(PAGE)
    control = replay(at)
    assert (control["label"], control["param"]) == ("Replay the steps", "replay")
    assert control["values"] == [str(k) for k in replay_positions(1000)]
    assert control["values"][:3] == ["0", "1", "2"] and control["values"][-3:] == [
        "980",
        "990",
        "1000",
    ]
    assert control["values"][control["index"]] == "1000"  # the default: the last step
    assert control["hint"] == HINT
    assert not at.slider  # no Streamlit slider is left in the section
    at = open_page(PAGE, {"iters": "3000"})
    assert replay(at)["values"][-3:] == ["2800", "2900", "3000"]
    assert len(replay(at)["values"]) == 301
    assert replay(at)["hint"] == (
        "Steps 0–200, every 10th to 1000, then every 100th, and the last."
    )
    at = open_page(PAGE, {"iters": "150"})
    assert replay(at)["values"] == [str(k) for k in range(151)]
    assert replay(at)["hint"] == "The line after each step, from the start (step 0) to the last."


@pytest.mark.parametrize("step", [0, 1, 2, 57, 199, 200, 210, 500, 990, 1000])
def test_each_replay_row_is_the_held_runs_line_after_that_step(step):
    at = open_page(PAGE)
    row = replay_row(at, step)
    check_line(row, 0.01, step)
    assert row["metrics"] == core_numbers(0.01, 1000, step)
    w, b, mse = numpy_line(0.01, step)
    assert [number(v) for _, v in row["metrics"]] == pytest.approx([w, b, mse], rel=1e-3)
    after = f"{step} step{'' if step == 1 else 's'}"
    assert row["legend"] == [f"gradient descent's line after {after}"]
    assert row["alt"] == f"The data, the line after {after} and, dashed, the least-squares line."
    assert row["notes"] == []


@pytest.mark.parametrize(("rate", "steps"), [(0.0001, 3000), (0.02, 250), (0.003, 1050)])
def test_the_replay_rows_follow_the_held_rate_and_iterations(rate, steps):
    at = open_page(PAGE, {"lr": str(rate), "iters": str(steps)})
    values = replay(at)["values"]
    assert values == [str(k) for k in replay_positions(steps)]
    for step in (0, 7, 200, int(values[len(values) // 2]), steps):
        row = replay_row(at, step)
        check_line(row, rate, step)
        assert row["metrics"] == core_numbers(rate, steps, step)


def test_a_replay_past_the_step_a_runaway_run_was_stopped_at_says_which_step_it_shows():
    at = open_page(PAGE, {"lr": "0.03", "iters": "100"})
    for step in (0, 31):
        assert replay_row(at, step)["notes"] == []
        check_line(replay_row(at, step), 0.03, step)
    for step in (32, 60, 100):
        row = replay_row(at, step)
        assert row["metrics"] == core_numbers(0.03, 100, 31)
        check_line(row, 0.03, 31)
        assert row["notes"] == [
            "The run was stopped at step 32; showing step 31, the last one kept."
        ]


def test_after_a_pause_python_holds_the_step_and_the_charts_follow():
    at = open_page(PAGE, {"descent_path": "true"})
    in_hand = replay_row(at, 40)
    move_line(at, "replay", 40)
    assert not at.exception
    assert touch_row(at, KEY) == in_hand  # the held row is the one the hand showed
    assert at.query_params["replay"] == "40"
    text = all_text(at)
    assert "step 40 is the purple dot" in text  # the path chart's description
    assert "Not there yet." in text  # the verdict is the run's, not the step's
    move_line(at, "replay", 1000)  # back at the end: the link drops it
    assert "replay" not in at.query_params


@pytest.mark.parametrize(
    ("params", "step"),
    [({"replay": "1"}, 1), ({"replay": "200"}, 200), ({"iters": "100", "replay": "85"}, 85)],
)
def test_a_link_opens_the_replay_at_its_step(params, step):
    at = open_page(PAGE, params)
    control = replay(at)
    assert control["values"][control["index"]] == str(step)
    assert touch_row(at, KEY)["metrics"] == core_numbers(0.01, int(params.get("iters", 1000)), step)
    assert "🔗" not in all_text(at)


@pytest.mark.parametrize(
    ("params", "default"),
    [
        ({"replay": "999"}, "1000"),  # between two positions (990 and 1000)
        ({"replay": "1001"}, "1000"),  # past the last step
        ({"replay": "-1"}, "1000"),
        ({"replay": "banana"}, "1000"),
        ({"iters": "100", "replay": "2.5"}, "100"),
    ],
)
def test_a_link_to_no_position_falls_back_to_the_last_step_with_a_note(params, default):
    at = open_page(PAGE, params)
    assert not at.exception
    control = replay(at)
    assert control["values"][control["index"]] == default
    notes = [c.value for c in at.caption if "🔗" in c.value]
    assert len(notes) == 1 and "replay the steps" in notes[0].lower()
    assert f"one of the positions from 0 to {text(int(default))}" in notes[0]


def size(data: dict) -> int:
    return len(json.dumps(data))


def test_the_unit_stays_under_400_kb_at_its_worst_settings():
    # Measured: about 288 kB at 3000 iterations and the smallest rate, 293 kB scaled, 340 kB
    # at 3000 iterations of the diverging rate 0.03 (its rows' notes); the replay adds one
    # row per position (at most 301).
    for params in (
        {"iters": "3000", "lr": "1e-06"},
        {"iters": "3000", "lr": "1e-06", "scale": "true"},
        {"iters": "3000", "lr": "0.03"},
        {"iters": "3000", "lr": "1.5", "replay": "0"},
    ):
        at = open_page(PAGE, params)
        assert not at.exception
        assert len(replay(at)["values"]) == 301
        assert size(touch_data(at, KEY)) < 400_000, params


def test_the_largest_upload_keeps_the_unit_under_400_kb():
    # 10,000 rows (the most an upload may hold) of large decimals: the picture draws 400 of
    # the points, every row's line is two points, the numbers are the longest.
    rng = np.random.default_rng(3)
    x = np.round(rng.uniform(-9e5, 9e5, 10_000), 2)
    y = np.round(rng.uniform(-9e11, 9e11, 10_000), 1)
    rows = "".join(f"{a},{b}\n" for a, b in zip(x, y, strict=True))
    at = upload(own_data({"iters": "3000", "lr": "1e-06"}), "big.csv", ("x,y\n" + rows).encode())
    assert not at.exception
    data = touch_data(at, KEY)
    assert len(data["controls"][REPLAY]["values"]) == 301
    assert size(data) < 400_000
