"""Regression, section 1's touch unit in AppTest: the house to price on the line through the
notes' two houses (1 bedroom 150,000, 2 bedrooms 250,000), at every number of bedrooms.

The oracle is worked out here with Fractions from the two houses: slope (250,000 - 150,000)
/ (2 - 1), intercept 150,000 - slope · 1."""

import json
from fractions import Fraction

import pytest

from dashboard.numbers import eq_text, tex
from tests.pages.helpers import all_text, open_page, touch_data, touch_row

PAGE = "app_pages/regression/page.py"
KEY = "two_houses_touch"
SLOPE = Fraction(250_000 - 150_000, 2 - 1)
INTERCEPT = 150_000 - SLOPE * 1


def price(k: int) -> Fraction:
    return SLOPE * k + INTERCEPT


def written(value) -> str:
    return eq_text(value).removeprefix("= ")


@pytest.mark.parametrize("k", [0, 1, 3, 4, 7, 10])
def test_each_row_prices_its_house_on_the_line_as_fractions_say(k):
    at = open_page(PAGE)
    data = touch_data(at, KEY)
    assert data["controls"][0]["labels"] == [str(b) for b in range(11)]
    row = data["rows"][0][k]
    assert row["metrics"] == [[f"Predicted price for {k} bedrooms", written(price(k))]]
    houses, (asked,) = [layer["points"] for layer in row["layers"]]
    assert houses == [[1, 150_000], [2, 250_000]]
    assert asked == [k, float(price(k))]
    assert [layer["labels"] for layer in row["layers"]] == [
        ["house 1", "house 2"],
        [f"{k} bedrooms?"],
    ]
    (working,) = row["tex"]
    template = data["picture"]["tex"][working["fill"]]
    filled = template.replace("@0", working["with"][0]).replace("@1", working["with"][1])
    assert filled == (rf"\text{{price}} = 100{{,}}000 \cdot {k} + 50{{,}}000 = " + tex(price(k)))
    assert row["alt"] == (
        f"The line through the two houses prices {k} bedrooms at {written(price(k))}."
    )
    # the ring sits on the asked house
    assert data["picture"]["drags"][0]["at"][k] == [k, float(price(k))]


def test_the_picture_holds_the_line_and_labels_prices_in_thousands():
    data = touch_data(open_page(PAGE), KEY)
    (line,) = data["picture"]["static"]
    assert line["points"] == [[0, float(price(0))], [10, float(price(10))]]
    assert data["picture"]["y_title"] == "price (thousands)"
    assert data["picture"]["y_ticks"][-1] == [1_000_000, "1000"]
    assert data["picture"]["x"][0] <= 0 and data["picture"]["x"][1] >= 10
    assert data["picture"]["y"][1] >= float(price(10))


def test_the_default_is_3_bedrooms_at_350000():
    row = touch_row(open_page(PAGE), KEY)
    assert dict(row["metrics"]) == {"Predicted price for 3 bedrooms": "350,000"}


def test_a_link_to_7_bedrooms_opens_there():
    at = open_page(PAGE, {"bedrooms": "7"})
    data = touch_data(at, KEY)
    assert data["controls"][0]["index"] == 7
    assert touch_row(at, KEY)["metrics"] == [["Predicted price for 7 bedrooms", "750,000"]]
    assert "🔗" not in all_text(at)


@pytest.mark.parametrize("bad", ["banana", "11", "-1", "2.5", "nan"])
def test_a_bad_link_falls_back_to_3_bedrooms_with_a_note(bad):
    at = open_page(PAGE, {"bedrooms": bad})
    assert not at.exception
    assert touch_data(at, KEY)["controls"][0]["index"] == 3
    assert "🔗" in " ".join(c.value for c in at.caption)


def test_the_unit_is_small():
    # Measured: about 3 kB.
    assert len(json.dumps(touch_data(open_page(PAGE), KEY))) < 10_000
