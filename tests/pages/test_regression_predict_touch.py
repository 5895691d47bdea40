"""Regression, section 6's touch unit in AppTest: the least-squares line's prediction at every
number of bedrooms the input reaches, against Fractions (the notes' table: slope 6500/11,
intercept -1800). A range too wide to offer each position (years as x, whole x in the
trillions, the widest upload the app accepts) offers round positions, its ends and its default
(core.predictions.offered_positions), says which in the input's hint, and stays small; rows
against exact Fractions of the least-squares line and numpy.polyfit."""

import json
from fractions import Fraction

import numpy as np
import pytest

from core.limits import MAX_ABS_DATA_VALUE, MAX_DATA_ROWS
from dashboard.numbers import eq_text, text
from tests.pages.helpers import all_text, open_page, touch_data, touch_row
from tests.pages.test_regression import upload

PAGE = "app_pages/regression/page.py"
KEY = "predict_touch"
SLOPE, INTERCEPT = Fraction(6500, 11), Fraction(-1800)


def label(k: int) -> str:
    return f"Least-squares prediction at bedrooms = {k}"


@pytest.mark.parametrize("k", [0, 1, 7, 10, 14])
def test_each_row_is_the_exact_prediction(k):
    data = touch_data(open_page(PAGE), KEY)
    assert data["controls"][0]["labels"] == [str(b) for b in range(15)]
    assert data["controls"][0]["label"] == "Predict the price: choose the bedrooms"
    row = data["rows"][0][k]
    y = SLOPE * k + INTERCEPT
    assert row["metrics"] == [[label(k), eq_text(y).removeprefix("= ")]]
    ((point,),) = [layer["points"] for layer in row["layers"]]
    assert point == pytest.approx([k, float(y)], rel=1e-5)  # 6 digits travel
    assert row["alt"] == (
        f"The least-squares line predicts price {eq_text(y)} at bedrooms = {text(k)}."
    )


def test_the_default_is_the_largest_x_and_a_link_opens_at_its_position():
    at = open_page(PAGE)
    assert touch_row(at, KEY)["metrics"] == [[label(10), "≈ 4109"]]
    at = open_page(PAGE, {"k": "12"})
    assert touch_data(at, KEY)["controls"][0]["index"] == 12
    assert touch_row(at, KEY)["metrics"][0][0] == label(12)
    assert "🔗" not in all_text(at)


@pytest.mark.parametrize("bad", ["15", "-1", "2.5", "banana"])
def test_a_bad_link_falls_back_with_a_note(bad):
    at = open_page(PAGE, {"k": bad})
    assert not at.exception
    assert touch_data(at, KEY)["controls"][0]["index"] == 10
    assert "🔗" in " ".join(c.value for c in at.caption)


# Years 1990..2009 with prices off a straight line: whole x, so steps of 1 from 0 to
# 2009 + 9 = 2018 (2019 positions, more than the unit's 401).
YEARS = [1990 + k for k in range(20)]
PRICES = [20_000 + 300 * k + 100 * (k * 37 % 11) for k in range(20)]
YEARS_CSV = (
    "year,price\n" + "".join(f"{x},{y}\n" for x, y in zip(YEARS, PRICES, strict=True))
).encode()


def exact_line(xs: list[int], ys: list[int]) -> tuple[Fraction, Fraction]:
    """The least-squares (slope, intercept), in Fractions: the oracle."""
    n = len(xs)
    mx, my = Fraction(sum(xs), n), Fraction(sum(ys), n)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return slope, my - slope * mx


def years_page(params: dict[str, str] | None = None):
    at = open_page(PAGE, {"data": "own", **(params or {})})
    at = upload(at, "years.csv", YEARS_CSV)
    assert not at.exception
    return at


def test_years_as_x_get_a_touch_unit_with_round_positions_both_ends_and_the_default():
    at = years_page()
    assert not at.get("slider"), "no Streamlit slider is left"
    (control,) = touch_data(at, KEY)["controls"]
    assert control["label"] == "Predict the price: choose the year"
    # every 10 from 0 to 2010 (factor 10: factor 5 would make 404 + 2 > 401 positions), the
    # range's end 2018 and its default, the largest year 2009
    expected = sorted([*range(0, 2011, 10), 2009, 2018])
    assert control["values"] == [str(v) for v in expected]
    assert control["labels"] == [text(v) for v in expected]
    assert len(expected) == 204
    assert control["hint"] == "Every 10 from 0 to 2010, and 2009 and 2018. Or drag the ring."
    # the 10 from the notes' table is kept, as the Streamlit slider kept it
    assert control["index"] == expected.index(10)
    assert touch_row(at, KEY)["metrics"][0][0] == "Least-squares prediction at year = 10"


@pytest.mark.parametrize("year", [0, 10, 1000, 2009, 2010, 2018])
def test_a_wide_units_rows_are_the_exact_prediction(year):
    at = years_page()
    data = touch_data(at, KEY)
    i = data["controls"][0]["values"].index(str(year))
    row = data["rows"][0][i]
    slope, intercept = exact_line(YEARS, PRICES)
    y = slope * year + intercept
    assert row["metrics"] == [
        [f"Least-squares prediction at year = {text(year)}", eq_text(y).removeprefix("= ")]
    ]
    fitted = np.polyfit(YEARS, PRICES, 1)
    assert float(y) == pytest.approx(np.polyval(fitted, year), rel=1e-9, abs=1e-6)
    ((point,),) = [layer["points"] for layer in row["layers"]]
    assert point == pytest.approx([year, float(y)], rel=1e-5)
    assert row["alt"] == (
        f"The least-squares line predicts price {eq_text(y)} at year = {text(year)}."
    )


def link_with_the_wide_data(at, k: str):
    """The page as a session holding the wide data meets `?k=` for the first time (a fresh
    session's first run fits the notes' table: its own data arrive with the upload)."""
    del at.session_state["k"]
    at.query_params["k"] = k
    return at.run()


@pytest.mark.parametrize("k", ["2000", "2009", "2018", "0"])
def test_a_link_at_a_wide_units_position_opens_there(k):
    at = link_with_the_wide_data(years_page(), k)
    assert not at.exception
    control = touch_data(at, KEY)["controls"][0]
    assert control["values"][control["index"]] == k
    assert touch_row(at, KEY)["metrics"][0][0] == f"Least-squares prediction at year = {k}"
    assert "🔗" not in all_text(at)


@pytest.mark.parametrize("k", ["2015", "5", "2019", "1995"])
def test_a_link_between_a_wide_units_positions_gets_the_note_the_hint_explains(k):
    at = link_with_the_wide_data(years_page(), k)
    assert not at.exception
    control = touch_data(at, KEY)["controls"][0]
    assert control["values"][control["index"]] == "2009"  # the default
    notes = [c.value for c in at.caption if "🔗" in c.value]
    assert len(notes) == 1 and f"“{k}”" in notes[0] and "2009" in notes[0]
    assert control["hint"].startswith("Every 10 from 0 to 2010")


def test_whole_x_in_the_trillions_get_round_positions_without_listing_every_one():
    # x from −8.7 × 10¹¹ by 6.9 × 10¹⁰: whole numbers, so steps of 1 and about 2.5 × 10¹²
    # positions; listing them before counting hung the page.
    at = open_page(PAGE, {"data": "own"})
    rows = "".join(f"{-8.7e11 + 6.9e10 * k:.1f},{5.3e11 - 4.1e10 * k:.1f}\n" for k in range(25))
    at = upload(at, "huge.csv", ("x,y\n" + rows).encode())
    assert not at.exception
    assert not at.get("slider")
    (control,) = touch_data(at, KEY)["controls"]
    values = [int(v) for v in control["values"]]
    # every 10¹⁰ from −8.7 × 10¹¹ to 1.61 × 10¹², the end 1.614 × 10¹² and the default, the
    # largest x 7.86 × 10¹¹
    round_ones = list(range(-870 * 10**9, 1_610 * 10**9 + 1, 10**10))
    assert values == sorted([*round_ones, 786 * 10**9, 1_614 * 10**9])
    assert len(values) <= 401
    assert control["hint"] == (
        "Every 1 × 10¹⁰ from −8.7 × 10¹¹ to 1.61 × 10¹², and 7.86 × 10¹¹ and 1.614 × 10¹². "
        "Or drag the ring."
    )


def test_the_widest_upload_the_app_accepts_keeps_the_unit_small():
    # The most rows (10,000) over the widest whole x (−10¹² to 10¹², the largest |x|): the
    # range runs from −10¹² to 2 × 10¹²; y as large as allowed, scattered.
    n, big = MAX_DATA_ROWS, int(MAX_ABS_DATA_VALUE)
    xs = [-big + 2 * big * k // (n - 1) for k in range(n)]
    ys = [big - 2 * big * (k * 7919 % n) // (n - 1) for k in range(n)]
    csv = "x,y\n" + "".join(f"{x},{y}\n" for x, y in zip(xs, ys, strict=True))
    at = upload(open_page(PAGE, {"data": "own"}), "widest.csv", csv.encode())
    assert not at.exception
    assert any(f"Loaded {n:,} points" in s.value for s in at.success)
    data = touch_data(at, KEY)
    (control,) = data["controls"]
    assert len(control["values"]) <= 401
    assert control["values"][0] == str(-big) and control["values"][-1] == str(2 * big)
    size = len(json.dumps(data))
    assert size < 300_000, size
