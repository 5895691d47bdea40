"""Where you stand in the sauna, as a touch unit (zero_slope_and_the_sauna.py) in AppTest: the
temperature, the slope and which way is colder at every position, checked against the notes'
T′(x) = (x − 1.5)²(x − 4)(x − 6)(x − 8)/10 and its integral (sympy, exact); a deep link opens at
its position, a bad link gets its note."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from dashboard import numbers
from tests.pages.helpers import open_page, touch_data, touch_row

PAGE = "app_pages/cost_functions/page.py"
SPOT = "spot_touch"
X = sympy.Symbol("x")
SLOPE = (X - sympy.Rational(3, 2)) ** 2 * (X - 4) * (X - 6) * (X - 8) / 10
TEMPERATURE = 95 + sympy.integrate(SLOPE, (X, 0, X))


def oracle(x: Fraction) -> tuple[str, str, str]:
    value = sympy.Rational(x.numerator, x.denominator)
    t = TEMPERATURE.subs(X, value)
    s = SLOPE.subs(X, value)
    colder = "neither way: flat" if s == 0 else "to the right" if s < 0 else "to the left"
    as_fraction = lambda q: Fraction(int(q.p), int(q.q))  # noqa: E731
    return (
        numbers.shown(as_fraction(t), 4, " °C"),
        numbers.shown(as_fraction(s), 4, " °C per m"),
        colder,
    )


def test_every_row_shows_the_exact_temperature_slope_and_direction_at_its_place():
    at = open_page(PAGE)
    assert not at.exception
    data = touch_data(at, SPOT)
    (control,) = data["controls"]
    assert control["param"] == "spot"
    assert control["labels"] == [numbers.text(k / 20) for k in range(181)]
    assert control["labels"][control["index"]] == "2.5"
    for i, row in enumerate(data["rows"][0]):
        x = Fraction(i, 20)
        shown = dict(row["metrics"])
        assert (shown["temperature here"], shown["slope T′(x) here"], shown["colder is"]) == (
            oracle(x)
        ), x
    flat = touch_row(at, SPOT, 0, 30)  # 1.5 m: the shelf
    assert flat["notes"] == [
        "The slope is zero here, but this is no minimum: a flat shelf. It is warmer to the "
        "left and colder to the right, so the walk should go on."
    ]
    assert touch_row(at, SPOT, 0, 160)["notes"][0].startswith(  # 8 m
        "The slope is zero here, and this is the coldest spot in the room"
    )
    assert touch_row(at, SPOT, 0, 10)["notes"] == [
        "The slope is negative: it is colder to the right."
    ]


def test_a_deep_link_opens_at_its_place():
    at = open_page(PAGE, {"spot": "6"})
    assert not at.exception
    row = touch_row(at, SPOT)
    assert dict(row["metrics"])["colder is"] == "neither way: flat"
    assert "warm bench" in row["notes"][0]


@pytest.mark.parametrize("asked", ["2.52", "10", "abc"])
def test_a_link_off_the_grid_opens_at_the_default_with_a_note(asked):
    at = open_page(PAGE, {"spot": asked})
    assert not at.exception
    control = touch_data(at, SPOT)["controls"][0]
    assert control["labels"][control["index"]] == "2.5"
    notes = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("🔗 The link")]
    assert any(f"“{asked}”" in n for n in notes), notes
