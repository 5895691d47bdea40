"""The line's touch unit (Rules, ?rule=line) in AppTest: what the browser receives for every
slope a and intercept b (a cross grid: every a with b held, every b with a held), against
SymPy and exact Fractions; its links, its notes and its size.

The browser only picks a row, so every row must already be right.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
import sympy
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_rules import _specs_and_places
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/rules/page.py"
UNIT = "line_touch"
A, B = 0, 1  # the unit's inputs, in the order the learner reads them
SLOPES = [Fraction(k, 10) for k in range(-30, 31)]  # the old slider: -3 to 3 in steps of 0.1
INTERCEPTS = [Fraction(k, 2) for k in range(-8, 9)]  # -4 to 4 in steps of 0.5
X = sympy.Symbol("x")


def shown(q: Fraction) -> str:
    """An exact decimal as the page writes it: every digit, a true minus sign."""
    text = format((Decimal(q.numerator) / Decimal(q.denominator)).normalize(), "f")
    return text.replace("-", "−")


def oracle(a: Fraction, b: Fraction) -> dict:
    """The line f(x) = a x + b worked out by SymPy: f' and one step from -1 to 1."""
    f = sympy.Rational(a.numerator, a.denominator) * X + sympy.Rational(b.numerator, b.denominator)
    rise = f.subs(X, 1) - f.subs(X, -1)
    return {
        "slope": Fraction(str(sympy.diff(f, X))),
        "rise": Fraction(str(rise)),
        "quotient": Fraction(str(rise / 2)),
        "f": lambda x: Fraction(str(f.subs(X, x))),
    }


def open_line(**params: str) -> AppTest:
    at = open_page(PAGE, {"rule": "line", **params})
    assert not at.exception, [e.message for e in at.exception]
    return at


def equation(a: Fraction, b: Fraction) -> str:
    return f"{shown(a)}x {'−' if b < 0 else '+'} {shown(abs(b))}"


def check_row(row: dict, a: Fraction, b: Fraction) -> None:
    maths = oracle(a, b)
    assert maths["quotient"] == maths["slope"] == a
    assert row["metrics"] == [
        ["rise / run", shown(maths["quotient"])],
        ["f'(x) = a", shown(maths["slope"])],
        ["b (no effect on slope)", shown(b)],
    ]
    assert row["tex"] == [{"fill": 0, "with": [shown(a).replace("−", "-")]}]
    parallel, line, run, rise = (layer["points"] for layer in row["layers"])
    f = maths["f"]
    assert line == [[-3.0, float(f(-3))], [3.0, float(f(3))]]
    assert parallel == [[-3.0, float(f(-3) - b)], [3.0, float(f(3) - b)]]
    assert run == [[-1.0, float(f(-1))], [1.0, float(f(-1))]]
    assert rise == [[1.0, float(f(-1))], [1.0, float(f(-1) + maths["rise"])]]
    assert row["legend"] == [
        f"f(x) = {equation(a, b)}",
        f"{shown(a)}x (b = 0)",
        "run 2",
        f"rise {shown(maths['rise'])}",
    ]
    assert row["alt"] == (
        f"The line f(x) = {equation(a, b)}: a run of 2 gives a rise of {shown(maths['rise'])}, "
        f"so the slope is {shown(a)}, the same as the dashed line {shown(a)}x without b."
    )
    constant = f"With a = 0, f(x) = {shown(b)} is a constant: its derivative is 0."
    assert row["notes"] == ([constant] if a == 0 else [])
    # the rings: the slope's at the line's right end, the intercept's on b at x = 0
    assert row["handles"] == [[3.0, float(f(3))], [0.0, float(b)]]


@pytest.mark.parametrize(
    ("params", "a", "b"),
    [
        ({}, Fraction(2), Fraction(1)),
        ({"a": "-2.5", "b": "3.5"}, Fraction(-5, 2), Fraction(7, 2)),
        ({"a": "0", "b": "-4"}, Fraction(0), Fraction(-4)),
        ({"a": "0.1", "b": "0"}, Fraction(1, 10), Fraction(0)),
    ],
)
def test_every_slope_and_every_intercept_row_against_sympy(params, a, b) -> None:
    at = open_line(**params)
    data = touch_data(at, UNIT)
    assert [c["index"] for c in data["controls"]] == [SLOPES.index(a), INTERCEPTS.index(b)]
    assert len(data["rows"][A]) == len(SLOPES) and len(data["rows"][B]) == len(INTERCEPTS)
    for i, slope in enumerate(SLOPES):
        check_row(data["rows"][A][i], slope, b)  # a moves, b held where Python holds it
    for j, intercept in enumerate(INTERCEPTS):
        check_row(data["rows"][B][j], a, intercept)  # b moves, a held
    assert "🔗" not in " ".join(c.value for c in at.caption)


def test_the_controls_are_the_old_sliders_positions_with_their_names() -> None:
    slope, intercept = touch_data(open_line(), UNIT)["controls"]
    assert (slope["label"], slope["param"]) == ("slope a", "a")
    assert (intercept["label"], intercept["param"]) == ("intercept b", "b")
    assert slope["labels"] == [shown(a) for a in SLOPES]
    assert intercept["labels"] == [shown(b) for b in INTERCEPTS]


def test_the_working_template_is_the_old_formula() -> None:
    (template,) = touch_data(open_line(), UNIT)["picture"]["tex"]
    assert template == (
        r"\begin{aligned}\frac{\Delta f}{\Delta x} &= \frac{a(x+\Delta x) + b - (ax + b)}"
        r"{\Delta x} \\ &= \frac{a\,\Delta x}{\Delta x} = a = @0\end{aligned}"
    )


def test_the_rings_sit_where_each_input_puts_the_line() -> None:
    """Pulling the right end's ring up or down picks a (b held); the ring at x = 0 picks b."""
    data = touch_data(open_line(b="-1.5"), UNIT)
    slope, intercept = data["picture"]["drags"]
    assert (slope["control"], slope["axis"], intercept["control"], intercept["axis"]) == (
        A,
        "y",
        B,
        "y",
    )
    assert slope["at"] == [[3.0, float(3 * a - Fraction(3, 2))] for a in SLOPES]
    assert intercept["at"] == [[0.0, float(b)] for b in INTERCEPTS]


def test_a_pause_brings_rows_for_the_new_crossing() -> None:
    """When the position reaches Python (a = -1.2), the b rows hold a = -1.2 and the link
    says so; the picture stays."""
    at = open_line()
    before = touch_data(at, UNIT)
    at.session_state["a"] = -1.2
    at.run()
    after = touch_data(at, UNIT)
    assert after["controls"][A]["index"] == SLOPES.index(Fraction(-6, 5))
    assert after["rows"][A] == before["rows"][A]  # b still 1
    for j, b in enumerate(INTERCEPTS):
        check_row(after["rows"][B][j], Fraction(-6, 5), b)
    assert touch_row(at, UNIT) == after["rows"][A][SLOPES.index(Fraction(-6, 5))]
    assert at.query_params["a"] == "-1.2"


@pytest.mark.parametrize(
    ("params", "named", "a", "b"),
    [
        ({"a": "0.15"}, "slope a = “0\\.15”", Fraction(2), Fraction(1)),
        ({"a": "7"}, "slope a = “7”", Fraction(2), Fraction(1)),
        ({"b": "0.25"}, "intercept b = “0\\.25”", Fraction(2), Fraction(1)),
        ({"b": "nan", "a": "-3"}, "intercept b = “nan”", Fraction(-3), Fraction(1)),
    ],
)
def test_a_bad_link_gets_the_note_and_the_default(params, named, a, b) -> None:
    at = open_line(**params)
    notes = [c.value for c in at.caption if "🔗" in c.value]
    assert len(notes) == 1, notes
    assert f"The link asked for {named}" in notes[0]
    check_row(touch_row(at, UNIT), a, b)


def test_every_row_says_only_true_things_and_the_unit_is_small() -> None:
    for params in ({}, {"a": "0", "b": "0"}, {"a": "-3", "b": "-4"}, {"a": "3", "b": "4"}):
        data = touch_data(open_line(**params), UNIT)
        for row in data["rows"][A] + data["rows"][B]:
            text = " ".join(
                [*(" ".join(m) for m in row["metrics"]), *row["notes"], row["alt"], *row["legend"]]
            )
            assert offending(text, "rules") == [], (params, text)
        assert len(json.dumps(data)) < 100_000


@pytest.mark.parametrize(("key", "value"), [("a", 3.0), ("a", -3.0), ("a", 0.0), ("b", -4.0)])
def test_each_input_moved_by_python_keeps_every_chart_and_element_in_place(key, value) -> None:
    """What the shared slider guard checked for the old sliders: a new position reruns the
    page without changing a chart's spec or moving an element."""
    at = open_line()
    specs, places = _specs_and_places(at)
    at.session_state[key] = value
    at.run()
    assert not at.exception
    assert _specs_and_places(at) == (specs, places)
    assert at.query_params[key] == f"{value:g}"
