"""Regression, section 3's touch unit in AppTest: what the browser receives for your line.

Every slope position (intercept held) and every intercept position (slope held) is one row:
the line, its residuals drawn from the points to the line (and their squares), the MSE worked
and its value. The rows are checked against oracles computed here: exact Fractions of the
data for the MSE, numpy for the drawn heights.
"""

import json
from fractions import Fraction

import numpy as np
import pytest

from dashboard.numbers import eq_tex, eq_text
from tests.pages.helpers import all_text, open_page, touch_data
from tests.pages.test_regression import LINE, MSE_LABEL, line_formulas, move_line, own_data, upload

PAGE = "app_pages/regression/page.py"
NOTES_X = list(range(1, 11))
NOTES_Y = [100 * k for k in range(1, 10)] + [10_000]


def fraction_mse(xs, ys, slope, intercept) -> Fraction:
    """mean((y - (m x + b))^2), exactly."""
    m, b = Fraction(str(slope)), Fraction(str(intercept))
    return sum((Fraction(y) - (m * x + b)) ** 2 for x, y in zip(xs, ys, strict=True)) / len(xs)


def shown(value) -> str:
    return eq_text(value).removeprefix("= ")


def position(data: dict, control: int, label: str) -> int:
    return data["controls"][control]["labels"].index(label)


def layer(row: dict, kind: str) -> dict:
    (found,) = [entry for entry in row["layers"] if entry["kind"] == kind]
    return found


@pytest.mark.parametrize(
    ("control", "label", "slope", "intercept"),
    [
        (0, "−500", -500, -50),  # the slope input's ends, the intercept held at −50
        (0, "590", 590, -50),
        (0, "1500", 1500, -50),
        (1, "−4000", 100, -4000),  # the intercept input's ends, the slope held at 100
        (1, "0", 100, 0),
        (1, "4000", 100, 4000),
    ],
)
def test_each_row_shows_the_line_its_residuals_and_its_mse_at_that_position(
    control, label, slope, intercept
):
    at = open_page(PAGE, {"slope": "100", "intercept": "-50"})
    data = touch_data(at, LINE)
    row = data["rows"][control][position(data, control, label)]
    expected = fraction_mse(NOTES_X, NOTES_Y, slope, intercept)
    assert dict(row["metrics"])[MSE_LABEL] == shown(expected)
    (formula,) = line_formulas(at, row)
    m, b = eq_text(slope).removeprefix("= ").replace("−", "-"), abs(intercept)
    sign = "-" if intercept < 0 else "+"
    assert rf"r_1^2 &= (100 - ({m}\cdot 1 {sign} {b}))^2" in formula
    assert formula.endswith(rf"&{eq_tex(expected)}\end{{aligned}}")
    # each residual runs from its point (the static layer it names) to the line, numpy's
    drops = layer(row, "drops")
    points = np.array(data["picture"]["static"][drops["of"]]["points"])
    assert points.tolist() == [[x, y] for x, y in zip(NOTES_X, NOTES_Y, strict=True)]
    assert drops["to"] == pytest.approx(slope * points[:, 0] + intercept)
    # the line across the picture, and the rings on it (inside the picture)
    (low, high), (bottom, top) = data["picture"]["x"], data["picture"]["y"]
    (start, end) = layer(row, "line")["points"]
    assert (start[1], end[1]) == pytest.approx((slope * low + intercept, slope * high + intercept))

    def inside(y: float) -> float:
        return min(max(y, bottom), top)

    rings = [high, inside(slope * high + intercept), 0, inside(intercept)]
    assert sum(row["handles"], []) == pytest.approx(rings)
    assert row["alt"].startswith(f"Your line price = {label if control == 0 else 100} × bedrooms")


def test_the_rows_are_a_cross_through_the_line_python_holds():
    at = open_page(PAGE, {"slope": "100", "intercept": "-50"})
    data = touch_data(at, LINE)
    slopes, intercepts = data["controls"]
    assert (len(slopes["labels"]), len(intercepts["labels"])) == (201, 161)
    assert (slopes["labels"][slopes["index"]], intercepts["labels"][intercepts["index"]]) == (
        "100",
        "−50",
    )
    by_slope, by_intercept = data["rows"]
    assert {row["tex"][0]["with"][1] for row in by_slope} == {"- 50"}  # intercept held
    assert {row["tex"][0]["with"][0] for row in by_intercept} == {"100"}  # slope held
    # where the two arms cross, both rows are the learner's line
    assert by_slope[slopes["index"]] == by_intercept[intercepts["index"]]
    # a ring follows its own input along the line: the drag's positions are the rows' rings
    slope_ring, intercept_ring = data["picture"]["drags"]
    assert slope_ring["at"] == [row["handles"][0] for row in by_slope]
    assert intercept_ring["at"] == [row["handles"][1] for row in by_intercept]
    assert (slope_ring["axis"], intercept_ring["axis"]) == ("y", "y")


def test_after_a_pause_python_holds_the_new_line_and_sends_its_cross():
    at = open_page(PAGE)
    before = touch_data(at, LINE)
    ahead = before["rows"][1][position(before, 1, "250")]  # intercept 250, slope 0
    move_line(at, "intercept", 250.0)
    assert at.query_params["intercept"] == "250"
    after = touch_data(at, LINE)
    assert after["controls"][1]["index"] == position(after, 1, "250")
    now = after["rows"][0][after["controls"][0]["index"]]
    assert now == ahead
    assert dict(now["metrics"])[MSE_LABEL] == shown(fraction_mse(NOTES_X, NOTES_Y, 0, 250))
    # the slope's arm now holds the intercept at 250
    assert {row["tex"][0]["with"][1] for row in after["rows"][0]} == {"+ 250"}


def test_the_least_squares_line_is_named_where_the_hand_finds_it():
    at = open_page(PAGE, {"outlier": "fixed", "slope": "100", "intercept": "0"})
    data = touch_data(at, LINE)
    here = data["rows"][0][data["controls"][0]["index"]]
    assert here["notes"] == ["This is the smallest MSE possible: you found the least-squares line."]
    assert dict(here["metrics"])[MSE_LABEL] == "0"
    found = [row for rows in data["rows"] for row in rows if row["notes"]]
    assert len(found) == 2  # the same line in both arms, nowhere else


def test_the_two_houses_rows_against_fractions():
    at = open_page(PAGE, {"data": "houses", "slope": "100000", "intercept": "50000"})
    data = touch_data(at, LINE)
    assert data["picture"]["x"] == pytest.approx([-0.08, 2.08])  # x = 0, the intercept, in view
    for control, label, slope, intercept in [(0, "50,000", 50_000, 50_000), (1, "0", 100_000, 0)]:
        row = data["rows"][control][position(data, control, label)]
        expected = fraction_mse([1, 2], [150_000, 250_000], slope, intercept)
        assert dict(row["metrics"])[MSE_LABEL] == shown(expected)
    here = data["rows"][0][data["controls"][0]["index"]]
    assert dict(here["metrics"])[MSE_LABEL] == "0"  # the line through both houses


def size(data: dict) -> int:
    return len(json.dumps(data))


def test_the_unit_stays_small_on_the_notes_and_the_houses():
    # Measured: about 227 kB (notes), 324 kB (notes with squares), 146 kB (houses).
    assert size(touch_data(open_page(PAGE), LINE)) < 250_000
    assert size(touch_data(open_page(PAGE, {"squares": "true"}), LINE)) < 350_000
    assert size(touch_data(open_page(PAGE, {"data": "houses"}), LINE)) < 200_000


def test_the_largest_data_draws_20_residuals_says_so_and_stays_under_600_kb():
    # 10,000 rows (the most an upload may hold) of large decimals, squares on: the longest
    # numbers in every row. Measured: about 420 kB (Streamlit refuses a message over 1 MB).
    rng = np.random.default_rng(3)
    x = np.round(rng.uniform(-9e5, 9e5, 10_000), 2)
    y = np.round(rng.uniform(-9e11, 9e11, 10_000), 1)
    rows = "".join(f"{a},{b}\n" for a, b in zip(x, y, strict=True))
    at = upload(own_data({"squares": "true"}), "big.csv", ("x,y\n" + rows).encode())
    assert not at.exception
    data = touch_data(at, LINE)
    assert size(data) < 600_000
    shown_points, drawn = data["picture"]["static"]
    assert (len(shown_points["points"]), len(drawn["points"])) == (400, 20)
    for rows_of_one_input in data["rows"]:
        for row in rows_of_one_input:
            assert len(layer(row, "drops")["to"]) == len(layer(row, "drop_boxes")["to"]) == 20
    assert (
        "The picture shows 400 of the 10,000 points and the residuals of 20 of them, evenly "
        "spread; the MSE uses all 10,000."
    ) in all_text(at)
    # the mean over 10,000 points is written as every other number on the page is
    (formula,) = line_formulas(at)
    assert r"\frac{1}{10{,}000}\left(r_1^2 + \dots + r_{10{,}000}^2\right)" in formula


def test_a_link_to_a_position_of_each_input_opens_there():
    at = open_page(PAGE, {"slope": "-500", "intercept": "3950"})
    data = touch_data(at, LINE)
    assert [c["labels"][c["index"]] for c in data["controls"]] == ["−500", "3950"]
    assert "🔗" not in all_text(at)
