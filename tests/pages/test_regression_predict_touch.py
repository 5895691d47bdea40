"""Regression, section 6's touch unit in AppTest: the least-squares line's prediction at every
number of bedrooms the input reaches, against Fractions (the notes' table: slope 6500/11,
intercept -1800); a range too wide for rows stays a Streamlit slider."""

from fractions import Fraction

import pytest

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


def test_years_as_x_keep_a_streamlit_slider():
    at = open_page(PAGE, {"data": "own"})
    rows = "".join(f"{1990 + k},{20000 + 300 * k}\n" for k in range(20))
    at = upload(at, "years.csv", ("year,price\n" + rows).encode())
    assert not at.exception
    slider = at.slider(key="k")
    # 0 ... 2018: 2019 positions; the 10 from the notes' table is kept, as before
    assert (slider.min, slider.max, slider.value) == (0, 2018, 10)
    assert any(m.label == "Least-squares prediction at year = 10" for m in at.metric)
    assert not [u for u in at.get("bidi_component") if KEY in u.proto.json[:200]]


def test_whole_x_in_the_trillions_keep_a_slider_without_listing_its_positions():
    # x from −8.7 × 10¹¹ by 6.9 × 10¹⁰: whole numbers, so steps of 1 and about 2.5 × 10¹²
    # positions; listing them before counting hung the page.
    at = open_page(PAGE, {"data": "own"})
    rows = "".join(f"{-8.7e11 + 6.9e10 * k:.1f},{5.3e11 - 4.1e10 * k:.1f}\n" for k in range(25))
    at = upload(at, "huge.csv", ("x,y\n" + rows).encode())
    assert not at.exception
    assert at.slider(key="k").max == 1_614_000_000_000
