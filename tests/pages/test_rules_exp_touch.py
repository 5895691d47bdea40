"""The e tab's point x (?ex=) as a touch unit in AppTest: what the browser receives for every
x (eˣ, its measured slope, the tangent, the formula) against mpmath at 40 digits; deep links,
bad links, its size; the (1 + 1/n)ⁿ picture stays a Streamlit choice of its own."""

from __future__ import annotations

import functools
import json

import mpmath
import pytest

from app_pages.rules.e_and_exp import EX
from tests.pages.helpers import all_text, open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
KEY = "exp_touch"
mpmath.mp.dps = 40


def number(text: str) -> float:
    return float(text.removeprefix("≈ ").replace("−", "-").replace(",", ""))


def flat(points) -> list[float]:
    return [v for point in points for v in point]


@functools.cache
def default_data() -> dict:
    return touch_data(open_page(PAGE, {"rule": "exp"}), KEY)


@pytest.mark.parametrize("i", range(41))
def test_every_x_shows_mpmaths_exp_and_its_slope(i: int) -> None:
    data = default_data()
    assert [c["param"] for c in data["controls"]] == ["ex"] and len(data["rows"][0]) == 41
    x = EX.values[i]
    row = data["rows"][0][i]
    value = mpmath.exp(mpmath.mpf(repr(x)))  # e^x at the exact decimal x, and its slope
    shown = dict(row["metrics"])
    assert list(shown) == ["eˣ", "slope of eˣ (central difference)"]
    for label in shown:
        assert number(shown[label]) == pytest.approx(float(value), rel=6e-6), (x, shown)
    # e^0 = 1 exactly; a measured slope is always rounded (at 0: 1 + about 1.7e-11)
    assert shown["eˣ"].startswith("≈ ") == (x != 0), (x, shown)
    assert shown["slope of eˣ (central difference)"].startswith("≈ "), (x, shown)
    (tangent, point) = row["layers"]
    assert flat(point["points"]) == pytest.approx([x, float(value)], rel=1e-5)
    assert flat(tangent["points"]) == pytest.approx(
        [x - 1, 0.0, x + 1, 2 * float(value)], rel=1e-5, abs=1e-9
    )
    assert row["tex"] == [
        {"fill": 0, "with": ["= 1" if x == 0 else shown["eˣ"].replace("≈", r"\approx")]}
    ]
    assert row["alt"].startswith(f"At x = {EX.shown()[i]}, eˣ ")


def test_the_picture_and_the_working_at_the_default() -> None:
    at = open_page(PAGE, {"rule": "exp"})
    data = touch_data(at, KEY)
    assert data["controls"][0]["index"] == EX.index_of(1.0) == 30
    assert dict(touch_row(at, KEY)["metrics"]) == {
        "eˣ": "≈ 2.71828",
        "slope of eˣ (central difference)": "≈ 2.71828",
    }
    picture = data["picture"]
    assert picture["tex"] == [r"\frac{d}{dx}e^{x} = e^{x} @0"]
    assert picture["x"] == [-2.5, 2.5] and picture["y"] == [-0.5, 12.5]
    (curve,) = picture["static"]
    for x, y in curve["points"]:
        assert y == pytest.approx(float(mpmath.exp(x)), rel=1e-5)
    (drag,) = picture["drags"]
    assert drag["axis"] == "x" and len(drag["at"]) == 41
    assert drag["at"][0] == pytest.approx([-2.0, float(mpmath.exp(-2))], rel=1e-5)
    assert [k["name"] for k in picture["legend"]] == ["eˣ", "tangent"]
    assert len(json.dumps(data)) < 40_000


@pytest.mark.parametrize(
    ("params", "index", "compounded"),
    [
        ({"ex": "0", "periods": "365"}, 20, "(1 + 1/n)^n"),
        ({"ex": "-1.3"}, 7, "(1 + 1/n)^n"),
        ({"ex": "2"}, 40, "(1 + 1/n)^n"),
    ],
)
def test_a_deep_link_opens_at_its_x(params, index, compounded) -> None:
    at = open_page(PAGE, {"rule": "exp", **params})
    assert not at.exception, [e.message for e in at.exception]
    assert touch_data(at, KEY)["controls"][0]["index"] == index
    assert "🔗" not in " ".join(c.value for c in at.caption)
    assert compounded in {m.label for m in at.metric}  # n's picture is still a Streamlit one


@pytest.mark.parametrize("value", ["2.5", "0.05", "abc", "inf", "-2.1"])
def test_a_bad_link_gets_the_note_and_the_default(value) -> None:
    at = open_page(PAGE, {"rule": "exp", "ex": value})
    assert not at.exception, [e.message for e in at.exception]
    assert "🔗" in " ".join(c.value for c in at.caption)
    assert touch_data(at, KEY)["controls"][0]["index"] == 30


def test_picking_n_leaves_the_unit_as_it_was_and_x_moves_only_the_unit() -> None:
    at = open_page(PAGE, {"rule": "exp", "ex": "-0.5"})
    before = touch_data(at, KEY)
    compounding = {m.label: m.value for m in at.metric}
    at.selectbox(key="periods").select_index(8).run()
    assert touch_data(at, KEY) == before
    assert {m.label: m.value for m in at.metric} != compounding
    at.session_state["ex"] = 1.5  # what the unit keeps when the browser reports the pause
    at.run()
    assert touch_data(at, KEY)["controls"][0]["index"] == EX.index_of(1.5)
    assert dict(touch_row(at, KEY)["metrics"])["eˣ"] == f"≈ {float(mpmath.exp(1.5)):.6g}"


def test_every_row_says_only_true_things_and_the_question_follows() -> None:
    at = open_page(PAGE, {"rule": "exp"})
    for row in touch_data(at, KEY)["rows"][0]:
        text = " ".join(
            [json.dumps(row["tex"], ensure_ascii=False), row["alt"]]
            + [" ".join(m) for m in row["metrics"]]
        )
        assert offending(text, "rules") == [], text
    text = all_text(at)
    assert text.index("Check yourself") < text.index("At n = 12 the picture shows")
