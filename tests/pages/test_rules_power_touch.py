"""The power rule's touch unit in AppTest: what the browser receives for every exponent n
(the row it draws when the learner drags n there) against SymPy and Fractions, its size, its
links, and the text each row shows."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy

from app_pages.rules.power_rule import _points
from core.power_pictures import EXPONENT_STEPS
from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
POWER = "power_touch"
X = sympy.Symbol("x", positive=True)


def label(n: Fraction) -> str:
    text = str(n.numerator) if n.denominator == 1 else f"{n.numerator}/{n.denominator}"
    return text.replace("-", "−")


def position(n: Fraction) -> int:
    return EXPONENT_STEPS.index(n)


def oracle_text(value: sympy.Expr) -> str:
    """A value as the unit must print it to 6 significant digits: exactly when its decimal
    has at most 8 significant digits, else rounded half away from zero with '≈' (the
    contract's rule, worked out here from SymPy's value, not by dashboard.numbers)."""
    if value.is_Rational:
        q = Fraction(int(value.p), int(value.q))
        for places in range(0, 12):
            scaled = q * 10**places
            if scaled.denominator == 1:
                digits = str(abs(scaled.numerator)).strip("0") or "0"
                if len(digits) <= 8:
                    return f"{float(q):.{places}f}".replace("-", "−")
                break
    exact = Decimal(str(sympy.N(value, 40)))
    rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 5), rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "≈ " + text.replace("-", "−")


def quotient(n: Fraction, x: sympy.Rational, dx: sympy.Rational) -> sympy.Expr:
    f = X ** sympy.Rational(n.numerator, n.denominator)
    return (f.subs(X, x + dx) - f.subs(X, x)) / dx


def slope(n: Fraction, x: sympy.Rational) -> sympy.Expr:
    return sympy.diff(X ** sympy.Rational(n.numerator, n.denominator), X).subs(X, x)


@pytest.mark.parametrize(
    ("params", "x", "dx"),
    [
        ({"rule": "power"}, sympy.Rational(1, 2), sympy.Integer(1)),
        (
            {"rule": "power", "p": "1.7", "dx": "0.01"},
            sympy.Rational(17, 10),
            sympy.Rational(1, 100),
        ),
    ],
)
@pytest.mark.parametrize(
    "n",
    [Fraction(-2), Fraction(-1, 2), Fraction(0), Fraction(1, 3), Fraction(1), Fraction(3), 4],
    ids=str,
)
def test_the_row_at_each_exponent_shows_sympys_secant_and_tangent_slopes(params, x, dx, n):
    n = Fraction(n)
    at = open_page(PAGE, params)
    row = touch_row(at, POWER, 0, position(n))
    shown = dict(row["metrics"])
    assert shown["secant slope"] == oracle_text(quotient(n, x, dx))
    assert shown["power rule n x^(n-1)"] == oracle_text(slope(n, x))
    assert f"n = {label(n)}:" in row["alt"]


def test_the_working_at_the_notes_cube_and_at_the_cube_root() -> None:
    at = open_page(PAGE, {"rule": "power"})
    cube = touch_row(at, POWER, 0, position(Fraction(3)))
    assert cube["tex"] == [
        r"\frac{d}{dx}\,x^{3} = 3\,x^{2}",
        r"\begin{aligned}\frac{(x+dx)^n - x^n}{dx} &= \frac{1.5^{3} - 0.5^{3}}{1} \\ &= 3.25"
        r" \\ &\xrightarrow{dx \to 0}\; 3 \cdot 0.5^{2} \\ &= 0.75\end{aligned}",
    ]
    # (1.5^3 - 0.5^3) / 1 = 3.375 - 0.125 = 3.25 and 3 * 0.5^2 = 0.75, exactly
    assert (Fraction(3, 2) ** 3 - Fraction(1, 2) ** 3, 3 * Fraction(1, 2) ** 2) == (
        Fraction(13, 4),
        Fraction(3, 4),
    )
    root = touch_row(at, POWER, 0, position(Fraction(1, 3)))
    third = r"\tfrac{1}{3}"
    assert root["tex"][0] == rf"\frac{{d}}{{dx}}\,x^{{{third}}} = {third}\,x^{{-\tfrac{{2}}{{3}}}}"
    working = root["tex"][1]
    assert rf"\frac{{1.5^{{{third}}} - 0.5^{{{third}}}}}{{1}}" in working
    value = sympy.Rational(1, 3) * sympy.Rational(1, 2) ** sympy.Rational(-2, 3)
    assert working.endswith(rf"&\approx {oracle_text(value)[2:]}\end{{aligned}}")


def test_a_whole_exponent_is_exact_and_a_root_is_marked_rounded() -> None:
    at = open_page(PAGE, {"rule": "power"})
    for n in EXPONENT_STEPS:
        shown = dict(touch_row(at, POWER, 0, position(n))["metrics"])
        rounded = shown["power rule n x^(n-1)"].startswith("≈")
        # n 0.5^(n-1) is a terminating decimal for whole n, irrational otherwise
        assert rounded == (n.denominator != 1), (n, shown)


def test_every_row_says_only_true_things() -> None:
    """No residue, nan, inf or −0 in any row, at the defaults and at the extremes."""
    for params in ({}, {"p": "0.1", "dx": "0.001"}, {"p": "2", "dx": "1"}, {"p": "1"}):
        at = open_page(PAGE, {"rule": "power", **params})
        for row in touch_data(at, POWER)["rows"][0]:
            text = " ".join(
                [*row["tex"], *(" ".join(m) for m in row["metrics"]), *row["notes"], row["alt"]]
                + row["legend"]
            )
            assert offending(text, "rules") == [], (params, text)


@pytest.mark.parametrize(
    "params", [{}, {"p": "2", "dx": "1"}, {"p": "0.1", "dx": "0.001"}, {"p": "1.9", "dx": "1"}]
)
def test_the_unit_sends_37_rows_in_well_under_300_kb(params) -> None:
    data = touch_data(open_page(PAGE, {"rule": "power", **params}), POWER)
    assert len(data["rows"]) == 1 and len(data["rows"][0]) == len(EXPONENT_STEPS) == 37
    assert len(json.dumps(data)) < 200_000


def test_the_marked_points_never_sit_outside_the_window_a_note_gives_their_heights() -> None:
    at = open_page(PAGE, {"rule": "power", "p": "0.1", "dx": "0.001"})
    data = touch_data(at, POWER)
    (left, right), (bottom, top) = data["picture"]["x"], data["picture"]["y"]
    for row in data["rows"][0]:
        for layer in row["layers"]:
            if layer["kind"] == "points":
                assert all(left <= x <= right and bottom <= y <= top for x, y in layer["points"])
    # n = -2 at x = 0.1: f(0.1) = 100, f(0.101) = 1/0.101² ≈ 98.0296, f'(0.1) = -2000
    assert pytest.approx(98.0296, abs=5e-5) == 1 / 0.101**2
    assert touch_row(at, POWER, 0, 0)["notes"] == [
        "Outside the picture: f(0.1) = 100 (above), f(0.101) ≈ 98.0296 (above), "
        "f′(0.1) = −2000 (below)."
    ]
    assert touch_row(at, POWER, 0, position(Fraction(2)))["notes"] == []


def test_the_ring_on_the_curve_rises_with_n() -> None:
    """Pulling the ring up picks a larger n: at position i it sits at (g, g^n_i), g > 1; at
    1.5 unless x or x + dx is within 0.2 of it (at the defaults x + dx = 1.5: then 1.3)."""
    for params, g in (({}, 1.3), ({"p": "1"}, 1.5), ({"p": "1.5", "dx": "0.01"}, 1.3)):
        at = open_page(PAGE, {"rule": "power", **params})
        (drag,) = touch_data(at, POWER)["picture"]["drags"]
        assert drag["axis"] == "y" and drag["control"] == 0
        assert drag["at"] == [[g, float(f"{g ** float(n):.6g}")] for n in EXPONENT_STEPS]


@pytest.mark.parametrize(
    ("link", "shown"),
    [("-2", "−2"), ("-1", "−1"), ("0.333333", "1/3"), ("0.5", "1/2"), ("1", "1"), ("4", "4")],
)
def test_links_made_for_the_old_exponent_list_still_open_their_exponent(link, shown) -> None:
    at = open_page(PAGE, {"rule": "power", "n": link})
    control = touch_data(at, POWER)["controls"][0]
    assert control["labels"][control["index"]] == shown
    assert not [c.value for c in at.caption if "🔗" in c.value]


def test_a_link_between_positions_gets_the_note_and_n_3() -> None:
    at = open_page(PAGE, {"rule": "power", "n": "0.4"})
    control = touch_data(at, POWER)["controls"][0]
    assert control["labels"][control["index"]] == "3"
    notes = [c.value for c in at.caption if "🔗" in c.value]
    assert len(notes) == 1, notes
    assert "The link asked for exponent n = “0\\.4”" in notes[0]
    assert notes[0].endswith("not one of the positions from −2 to 4; showing 3 instead.")


def test_a_new_point_rebuilds_every_row_for_it() -> None:
    at = open_page(PAGE, {"rule": "power"})
    at.slider(key="p").set_value(1.0).run()
    # at x = 1 every x^n is 1 and the tangent's slope is n itself; the secant to 2: 2^n - 1
    for n in (Fraction(-1), Fraction(2), Fraction(4)):
        shown = dict(touch_row(at, POWER, 0, position(n))["metrics"])
        assert shown["power rule n x^(n-1)"] == label(n)
        assert shown["secant slope"] == oracle_text(sympy.Integer(2) ** int(n) - 1)


def test_a_lines_points_are_its_x_and_y_columns_row_by_row() -> None:
    """_points reads the two columns as arrays (faster than frame[["x", "y"]]): the same pairs,
    NaN gaps included."""
    frame = pd.DataFrame({"x": [0.0, 0.5, 1.0, 1.5], "y": [1.0, np.nan, -2.5, 3.0]})
    frame["series"] = "f(x)"
    expected = frame[["x", "y"]].to_numpy().tolist()
    got = _points(frame)
    assert len(got) == len(expected) and all(len(pair) == 2 for pair in got)
    np.testing.assert_array_equal(np.array(got), np.array(expected))
    assert all(isinstance(v, float) for pair in got for v in pair)
