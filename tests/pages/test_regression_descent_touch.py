"""Regression, section 4's touch unit in AppTest: gradient descent's line at every learning
rate and every number of iterations (a cross through the pair Python holds), each at the
replayed step, with its three numbers.

The oracle is plain numpy here: the same steps from (0, 0), slope -= lr · 2 mean(r x),
intercept -= lr · 2 mean(r), r = prediction - y, on the notes' table as written."""

import json

import numpy as np
import pytest

from core.datasets import notes_table
from core.line_fit import fit_data
from core.regression import line_descent
from dashboard.numbers import eq_text
from tests.pages.helpers import all_text, open_page, touch_data
from tests.pages.test_regression import move_line

PAGE = "app_pages/regression/page.py"
KEY = "descent_touch"
X = np.arange(1.0, 11.0)
Y = np.array([100.0 * k for k in range(1, 10)] + [10_000.0])
RATES = ["1 × 10⁻⁶", "1 × 10⁻⁵", "0.0001", "0.001", "0.003", "0.01", "0.02", "0.025", "0.03"]
RATES += ["0.1", "0.3", "0.5", "1", "1.5"]


def numpy_line(rate: float, steps: int) -> tuple[float, float, float]:
    """Slope, intercept and MSE after `steps` plain steps (no scaling)."""
    w = b = 0.0
    for _ in range(steps):
        r = w * X + b - Y
        w, b = w - rate * 2 * np.mean(r * X), b - rate * 2 * np.mean(r)
    return w, b, float(np.mean((w * X + b - Y) ** 2))


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def number(shown: str) -> float:
    """A number as the page writes it ('≈ 5.302 × 10⁶', '−1800', '10,285') as a float."""
    plain = shown.removeprefix("≈ ").replace(",", "").replace("−", "-")
    mantissa, _, power = plain.partition(" × 10")
    return float(mantissa) * 10 ** int(power.translate(SUPERSCRIPTS) or 0)


def written(value) -> str:
    return eq_text(value).removeprefix("= ")


def core_numbers(rate: float, steps: int, step: int, scaled: bool = False) -> list[list[str]]:
    """The three numbers as core works them out for one run on its own, as the page writes
    them."""
    data = fit_data(notes_table("as-written"), notes=True)
    shown = line_descent(data, rate, steps, scaled=scaled).at(step)
    after = f"{shown.step} step{'' if shown.step == 1 else 's'}"
    return [
        [f"Slope after {after}", written(shown.slope)],
        [f"Intercept after {after}", written(shown.intercept)],
        [f"MSE after {after}", written(shown.mse)],
    ]


def check_line(row: dict, rate: float, steps: int) -> None:
    """The row's line is numpy's line after `steps` steps, to the 6 digits it travels with."""
    (layer,) = row["layers"]
    w, b, _ = numpy_line(rate, steps)
    xs = np.array([p[0] for p in layer["points"]])
    assert [p[1] for p in layer["points"]] == pytest.approx(w * xs + b, rel=1e-5)


@pytest.mark.parametrize(
    ("label", "rate"), [("0.0001", 1e-4), ("0.003", 0.003), ("0.01", 0.01), ("0.02", 0.02)]
)
def test_each_rate_row_is_its_own_run_at_the_held_iterations(label, rate):
    at = open_page(PAGE, {"iters": "200"})
    data = touch_data(at, KEY)
    assert data["controls"][0]["labels"] == RATES
    row = data["rows"][0][RATES.index(label)]
    check_line(row, rate, 200)
    assert row["metrics"] == core_numbers(rate, 200, 200)
    w, b, mse = numpy_line(rate, 200)
    assert [number(value) for _, value in row["metrics"]] == pytest.approx([w, b, mse], rel=1e-3)
    assert row["legend"] == ["gradient descent's line after 200 steps"]
    assert row["notes"] == []


@pytest.mark.parametrize("steps", [0, 10, 500, 1990, 3000])
def test_each_iterations_row_is_the_run_of_that_many_steps(steps):
    at = open_page(PAGE)
    data = touch_data(at, KEY)
    labels = data["controls"][1]["labels"]
    assert (labels[0], labels[1], labels[-1], len(labels)) == ("0", "10", "3000", 301)
    row = data["rows"][1][labels.index(f"{steps:,}" if steps >= 10_000 else str(steps))]
    check_line(row, 0.01, steps)
    assert row["metrics"] == core_numbers(0.01, steps, steps)  # the replay follows the end


def test_a_held_replay_stays_in_the_iterations_rows_or_is_pulled_to_their_end():
    at = open_page(PAGE, {"replay": "400"})
    rows = touch_data(at, KEY)["rows"][1]
    # 200 iterations: the replay is pulled to the end; 600 and 3000: it stays at 400
    assert rows[20]["metrics"] == core_numbers(0.01, 200, 200)
    assert rows[60]["metrics"] == core_numbers(0.01, 600, 400)
    assert rows[300]["metrics"] == core_numbers(0.01, 3000, 400)
    check_line(rows[300], 0.01, 400)
    # and the rate rows show step 400 of each run
    assert touch_data(at, KEY)["rows"][0][RATES.index("0.003")]["metrics"] == core_numbers(
        0.003, 1000, 400
    )


def test_a_run_stopped_before_the_replay_says_which_step_it_shows():
    at = open_page(PAGE, {"iters": "3000"})
    row = touch_data(at, KEY)["rows"][0][RATES.index("0.03")]
    # numpy: the MSE passes 10^8 (start + 1) at step 32, so step 31 is the last one kept
    assert row["metrics"] == core_numbers(0.03, 3000, 31)
    assert row["notes"] == ["The run was stopped at step 32; showing step 31, the last one kept."]
    check_line(row, 0.03, 31)


def test_scaled_rate_half_lands_on_the_least_squares_line_in_one_step():
    at = open_page(PAGE, {"scale": "true", "iters": "10"})
    row = touch_data(at, KEY)["rows"][0][RATES.index("0.5")]
    assert row["metrics"] == core_numbers(0.5, 10, 10, scaled=True)
    assert row["metrics"][0][1] == "≈ 590.9" and row["metrics"][1][1] == "−1800"


def test_a_link_opens_the_unit_at_its_rate_and_iterations():
    at = open_page(PAGE, {"lr": "0.003", "iters": "250"})
    data = touch_data(at, KEY)
    assert [c["labels"][c["index"]] for c in data["controls"]] == ["0.003", "250", "250"]
    assert "🔗" not in all_text(at)
    assert data["controls"][2]["values"][-1] == "250"  # the replay's last step


@pytest.mark.parametrize(
    ("params", "control", "default"),
    [({"lr": "0.7"}, 0, "0.01"), ({"lr": "banana"}, 0, "0.01"), ({"iters": "105"}, 1, "1000")],
)
def test_a_bad_link_falls_back_with_a_note(params, control, default):
    at = open_page(PAGE, params)
    assert not at.exception
    c = touch_data(at, KEY)["controls"][control]
    assert c["labels"][c["index"]] == default
    assert "🔗" in " ".join(caption.value for caption in at.caption)


def test_after_a_pause_python_holds_the_new_rate_and_the_verdict_follows():
    at = open_page(PAGE)
    assert "Not there yet." in all_text(at)
    move_line(at, "lr", 0.03)
    assert "Diverged: the learning rate 0.03 is too large" in all_text(at)
    assert touch_data(at, KEY)["controls"][0]["index"] == RATES.index("0.03")
    assert at.query_params["lr"] == "0.03"


def test_the_unit_stays_small():
    # Measured: about 282 kB at the defaults, 329 kB with the diverging rate's notes (148 kB
    # and 173 kB before the replay became its third input: 281 more rows at 1000 steps).
    assert len(json.dumps(touch_data(open_page(PAGE), KEY))) < 300_000
    assert len(json.dumps(touch_data(open_page(PAGE, {"lr": "0.03"}), KEY))) < 350_000
