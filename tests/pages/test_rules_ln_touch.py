"""The ln tab's point y (?y=) as a touch unit in AppTest: what the browser receives for every
y, for both pairs (x² and √y, eˣ and ln y), against Fractions and mpmath: x = g(y), f'(x), the
rule's 1 / f'(x), the measured g'(y), both slope lines, the working and, for ln, the verdict;
deep links, bad links, its size."""

from __future__ import annotations

import functools
import json
from fractions import Fraction

import mpmath
import pytest

from app_pages.rules.ln_and_inverse import Y
from tests.pages.helpers import all_text, open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
KEY = "inverse_touch"
mpmath.mp.dps = 40


def number(text: str) -> float:
    return float(text.removeprefix("≈ ").replace("−", "-").replace(",", ""))


def flat(points) -> list[float]:
    return [v for point in points for v in point]


def exact_decimal(q: Fraction) -> bool:
    """True when q is a decimal of at most 4 significant digits (shown without '≈')."""
    for places in range(12):
        scaled = q * 10**places
        if scaled.denominator == 1:
            return len(str(abs(scaled.numerator)).strip("0") or "0") <= 4
    return False


@functools.cache
def unit(pair: str) -> dict:
    return touch_data(open_page(PAGE, {"rule": "ln", "pair": pair}), KEY)


def oracle(pair: str, y: float) -> dict[str, object]:
    """x = g(y), f'(x) and 1 / f'(x): Fractions where they are rational, else mpmath."""
    q = Fraction(repr(y))
    if pair == "exp":  # f = e^x: x = ln y (0 at y = 1, else irrational), f'(x) = e^x = y
        x = Fraction(0) if q == 1 else mpmath.log(mpmath.mpf(repr(y)))
        return {"x": x, "f'": q, "1/f'": 1 / q}
    root = mpmath.sqrt(mpmath.mpf(repr(y)))  # f = x^2: x = sqrt(y), f'(x) = 2 sqrt(y)
    top, bottom = (int(mpmath.sqrt(v)) for v in (q.numerator, q.denominator))
    if top * top == q.numerator and bottom * bottom == q.denominator:
        return {"x": Fraction(top, bottom), "f'": Fraction(2 * top, bottom)} | {
            "1/f'": Fraction(bottom, 2 * top)
        }
    return {"x": root, "f'": 2 * root, "1/f'": 1 / (2 * root)}


def assert_shown(text: str, value: object) -> None:
    """The value to 4 significant digits, with '≈' exactly when it is rounded."""
    if isinstance(value, Fraction) and exact_decimal(value):
        assert number(text) == float(value) and not text.startswith("≈"), (text, value)
    else:
        assert text.startswith("≈ "), (text, value)
        assert number(text) == pytest.approx(float(value), rel=6e-4), (text, value)


@pytest.mark.parametrize("pair", ["square", "exp"])
@pytest.mark.parametrize("i", [0, 1, 2, 7, 8, 18, 22, 30, 37, 38])
def test_every_y_shows_the_inverse_rule_against_the_oracle(pair: str, i: int) -> None:
    data = unit(pair)
    assert [c["param"] for c in data["controls"]] == ["y"] and len(data["rows"][0]) == 39
    y = Y.values[i]
    row = data["rows"][0][i]
    truth = oracle(pair, y)
    shown = dict(row["metrics"])
    assert list(shown) == ["x = g(y)", "f'(x)", "1 / f'(x)", "g'(y) measured (central difference)"]
    assert_shown(shown["x = g(y)"], truth["x"])
    assert_shown(shown["f'(x)"], truth["f'"])
    assert_shown(shown["1 / f'(x)"], truth["1/f'"])
    measured = shown["g'(y) measured (central difference)"]  # a quotient: always rounded
    assert measured.startswith("≈ ")
    assert number(measured) == pytest.approx(float(truth["1/f'"]), rel=6e-4)
    # the two slope lines: through (x, y) with slope f'(x), through (y, x) with 1 / f'(x)
    x = float(truth["x"])
    f_line, g_line, points = row["layers"]
    slope = float(truth["f'"])
    assert flat(f_line["points"]) == pytest.approx(
        [x - 0.5, y - 0.5 * slope, x + 0.5, y + 0.5 * slope], rel=1e-5, abs=1e-9
    )
    assert flat(g_line["points"]) == pytest.approx(
        [y - 0.5, x - 0.5 / slope, y + 0.5, x + 0.5 / slope], rel=1e-5, abs=1e-9
    )
    assert flat(points["points"]) == pytest.approx([x, y, y, x], rel=1e-5, abs=1e-9)
    assert points["labels"] == ["(x, y)", "(y, x)"]
    # ln's verdict follows y; the square pair has none
    y_text = Y.shown()[i]
    if pair == "exp":
        assert row["notes"] == [
            f"So (ln y)′ = 1/y: at y = {y_text} the slope of ln "
            + (
                "= "
                if isinstance(truth["1/f'"], Fraction) and exact_decimal(truth["1/f'"])
                else "≈ "
            )
            + shown["1 / f'(x)"].removeprefix("≈ ")
            + "."
        ]
    else:
        assert row["notes"] == []
    assert f"At y = {y_text}: x " in row["alt"]


def test_the_working_at_y_2_for_both_pairs() -> None:
    square, ln = unit("square"), unit("exp")
    at = Y.index_of(2.0)
    assert square["controls"][0]["index"] == ln["controls"][0]["index"] == at == 18
    assert square["picture"]["tex"] == [
        r"\begin{aligned}g'(y) &= \frac{1}{f'(x)} = \frac{1}{2x} = \frac{1}{2\sqrt{y}} \\ "
        r"&= \frac{1}{@0} @1\end{aligned}"
    ]
    assert square["rows"][0][at]["tex"] == [{"fill": 0, "with": [r"2\sqrt{2}", r"\approx 0.3536"]}]
    assert ln["picture"]["tex"][0].startswith(
        r"\begin{aligned}g'(y) &= \frac{1}{f'(x)} = \frac{1}{e^{x}} = \frac{1}{y}"
    )
    assert ln["rows"][0][at]["tex"] == [{"fill": 0, "with": ["2", "= 0.5"]}]
    # the square at y = 4: x = 2, f'(x) = 4, 1 / f'(x) = 0.25, all exact
    four = dict(square["rows"][0][Y.index_of(4.0)]["metrics"])
    assert (four["x = g(y)"], four["f'(x)"], four["1 / f'(x)"]) == ("2", "4", "0.25")


def test_the_picture_holds_f_g_and_the_mirror_and_the_point_to_drag() -> None:
    for pair, (low, high) in (("square", (0.0, 4.0)), ("exp", (-3.0, 4.0))):
        picture = unit(pair)["picture"]
        assert picture["x"] == picture["y"] == [low - 0.2, high + 0.2]
        mirror, f, g = picture["static"]
        assert flat(mirror["points"]) == [low, low, high, high]
        fn, gn = (mpmath.exp, mpmath.log) if pair == "exp" else (lambda v: v * v, mpmath.sqrt)
        # x travels with 6 digits too: near ln y = 0, y = 1.01244 is off by up to 5e-6
        for x, y in f["points"]:
            assert y == pytest.approx(float(fn(x)), rel=1e-5, abs=1e-5)
        for x, y in g["points"]:
            assert y == pytest.approx(float(gn(x)), rel=1e-5, abs=1e-5)
        (drag,) = picture["drags"]
        assert drag["axis"] == "x" and len(drag["at"]) == 39
        assert drag["at"][Y.index_of(3.0)] == pytest.approx([3.0, float(gn(3))], rel=1e-5)
        assert [k["name"] for k in picture["legend"]][3:] == ["slope f'(x)", "slope g'(y)"]
        assert len(json.dumps(unit(pair))) < 60_000


@pytest.mark.parametrize(("pair", "y", "index"), [("exp", "0.5", 3), ("square", "4", 38)])
def test_a_deep_link_opens_at_its_y(pair, y, index) -> None:
    at = open_page(PAGE, {"rule": "ln", "pair": pair, "y": y})
    assert not at.exception, [e.message for e in at.exception]
    assert touch_data(at, KEY)["controls"][0]["index"] == index
    assert "🔗" not in " ".join(c.value for c in at.caption)


@pytest.mark.parametrize("value", ["abc", "5", "0.25", "0.1", "-1", "nan"])
def test_a_bad_link_gets_the_note_and_the_default(value) -> None:
    at = open_page(PAGE, {"rule": "ln", "y": value})
    assert not at.exception, [e.message for e in at.exception]
    assert "🔗" in " ".join(c.value for c in at.caption)
    assert touch_data(at, KEY)["controls"][0]["index"] == 18
    assert dict(touch_row(at, KEY)["metrics"])["1 / f'(x)"] == "≈ 0.3536"


def test_picking_the_pair_keeps_y_and_the_caption_and_question_follow() -> None:
    at = open_page(PAGE, {"rule": "ln", "y": "0.8"})
    at.get("button_group")[0].set_value("exp").run()
    assert not at.exception
    assert touch_data(at, KEY)["controls"][0]["index"] == Y.index_of(0.8)
    assert dict(touch_row(at, KEY)["metrics"])["1 / f'(x)"] == "1.25"  # 1 / 0.8
    text = all_text(at)
    assert "Measured: (g(y + dy) − g(y − dy)) / 2dy with dy = 0.0001." in text


def test_every_row_says_only_true_things() -> None:
    for pair in ("square", "exp"):
        for row in unit(pair)["rows"][0]:
            text = " ".join(
                [json.dumps(row["tex"], ensure_ascii=False), row["alt"], *row["notes"]]
                + [" ".join(m) for m in row["metrics"]]
            )
            assert offending(text, "rules") == [], text
