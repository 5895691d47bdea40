"""The secant-to-tangent unit's second input, the point x0 (issue 20): x0 and dx form a cross
grid, so moving x0 redraws the secant, the tangent, the quotient worked and both slopes in the
browser. The function stays a Streamlit choice that rebuilds the unit.

Every x0 row must already be right: its slopes against SymPy's derivative and exact Fractions,
its window (the one the old slider drew at that x0), the point x0 + dx where the drag handle
sits; the old slider's links and notes still hold.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy as sp
from streamlit.testing.v1 import AppTest

from core.secant_pictures import X0_STEPS, secant_picture, secant_window, y_window
from core.secants import SLIDER_STEPS, example
from tests.pages.helpers import open_page, touch_data, touch_row

PAGE = "app_pages/slopes/page.py"
UNIT = "secant_touch"
X0_INPUT, DX_INPUT = 0, 1
SENT = 1e-5  # coordinates travel with 6 significant digits
x = sp.symbols("x")
SYMPY = {
    "x^2": x**2,
    "x^3": x**3,
    "1/x": 1 / x,
    "sin": sp.sin(x),
    "exp": sp.exp(x),
}


def open_slopes(**params: str) -> AppTest:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    return at


def number(text: str) -> float:
    return float(text.removeprefix("≈ ").replace("−", "-"))


def test_the_x0_input_holds_the_old_sliders_positions() -> None:
    data = touch_data(open_slopes(), UNIT)
    x0, dx = data["controls"]
    assert (x0["param"], x0["label"]) == ("x0", "Point x0")
    assert len(x0["labels"]) == 61 and x0["labels"][0] == "−3" and x0["labels"][-1] == "3"
    assert x0["labels"][40] == "1" and x0["index"] == 40  # the default, x0 = 1
    assert list(X0_STEPS) == [round(-3 + k / 10, 10) for k in range(61)]
    assert [len(r) for r in data["rows"]] == [61, 15]
    assert dx["param"] == "dx" and dx["index"] == 0


@pytest.mark.parametrize(("fn", "dx"), [("x^2", 1.0), ("x^3", 0.1), ("sin", 0.001), ("exp", 0.5)])
def test_every_x0_row_shows_the_derivative_and_cores_secant(fn: str, dx: float) -> None:
    """At every x0 (dx held): the tangent's slope is SymPy's f'(x0); the secant's slope is
    core's, and for x² the exact quotient ((x0 + dx)² − x0²) / dx = 2 x0 + dx."""
    at = open_slopes(fn=fn, dx=f"{dx:g}")
    derivative = sp.lambdify(x, sp.diff(SYMPY[fn], x))
    for i, x0 in enumerate(X0_STEPS):
        row = touch_row(at, UNIT, X0_INPUT, i)
        shown = dict(row["metrics"])
        assert number(shown["Tangent slope f'(x0)"]) == pytest.approx(derivative(x0), rel=5e-10)
        secant = number(shown["Secant slope"])
        assert secant == pytest.approx(secant_picture(fn, x0, dx).view.secant_slope, rel=5e-10)
        if fn == "x^2":
            exact = 2 * Fraction(str(x0)) + Fraction(str(dx))
            assert secant == pytest.approx(float(exact), rel=5e-10)
        assert f"near x0 = {shown_x0(x0)}:" in row["alt"], x0
        assert row["legend"][1] == f"secant, slope {shown['Secant slope']}"


def shown_x0(x0: float) -> str:
    return f"{x0:g}".replace("-", "−")


@pytest.mark.parametrize("fn", ["x^2", "1/x", "exp"])
def test_each_x0_row_is_drawn_in_the_window_the_old_slider_drew(fn: str) -> None:
    at = open_slopes(fn=fn, dx="0.5")
    ex = example(fn)
    for i in (0, 5, 29, 30, 31, 40, 60):
        x0 = X0_STEPS[i]
        row = touch_row(at, UNIT, X0_INPUT, i)
        x_range = secant_window(ex, x0)
        assert row["window"]["x"] == pytest.approx(list(x_range), rel=SENT)
        assert row["window"]["y"] == pytest.approx(list(y_window(ex, x0, x_range)), rel=SENT)
        # the drag's handle sits on the point x0 + dx of this row
        (handle,) = row["handles"]
        assert handle[0] == pytest.approx(x0 + 0.5, rel=SENT, abs=1e-9)


def test_the_curve_covers_every_window() -> None:
    picture = touch_data(open_slopes(fn="x^3"), UNIT)["picture"]
    points = [p for layer in picture["static"] for p in layer["points"] if p is not None]
    assert min(p[0] for p in points) == -4.25 and max(p[0] for p in points) == 4.75
    assert all(len(layer["points"]) <= 200 for layer in picture["static"])  # a window's
    # x and y each to 6 digits: y = x³ to three times x's rounding
    assert all(p[1] == pytest.approx(p[0] ** 3, rel=3 * SENT, abs=1e-9) for p in points)


def test_the_held_position_is_the_same_row_in_both_inputs() -> None:
    """Where the cross meets (Python's x0 and dx), the x0 row and the dx row show the same."""
    at = open_slopes(fn="sin", x0="-1.3", dx="0.01")
    data = touch_data(at, UNIT)
    i, j = (c["index"] for c in data["controls"])
    by_x0, by_dx = data["rows"][X0_INPUT][i], data["rows"][DX_INPUT][j]
    for key in ("layers", "tex", "metrics", "notes", "legend", "alt"):
        assert by_x0[key] == by_dx[key], key


def test_after_a_pause_on_x0_the_dx_rows_follow() -> None:
    at = open_slopes()
    at.session_state["x0"] = 2.0
    at.run()
    assert not at.exception
    data = touch_data(at, UNIT)
    assert data["controls"][X0_INPUT]["index"] == X0_STEPS.index(2.0)
    assert data["picture"]["x"] == [0.75, 3.75]
    for j, dx in enumerate(SLIDER_STEPS[:6]):
        shown = dict(touch_row(at, UNIT, DX_INPUT, j)["metrics"])
        exact = 4 + Fraction(str(dx))  # ((2 + dx)² − 4) / dx
        assert number(shown["Secant slope"]) == pytest.approx(float(exact), rel=5e-10)
        assert shown["Tangent slope f'(x0)"] == "4"
    assert at.query_params["x0"] == ["2"] or at.query_params["x0"] == "2"


@pytest.mark.parametrize(("link", "index"), [("1.5", 45), ("-3", 0), ("0", 30), ("2.9", 59)])
def test_a_deep_link_opens_at_the_linked_x0(link: str, index: int) -> None:
    at = open_slopes(x0=link)
    data = touch_data(at, UNIT)
    assert data["controls"][X0_INPUT]["index"] == index
    assert not [c for c in at.caption if "🔗" in c.value]


@pytest.mark.parametrize("link", ["99", "-3.1", "1.55", "banana", "nan"])
def test_a_bad_x0_link_gets_the_old_sliders_note(link: str) -> None:
    at = open_slopes(x0=link)
    [note] = [c.value for c in at.caption if "🔗" in c.value]
    assert "The link asked for point x0 = " in note
    assert "which is not a number from −3 to 3 in steps of 0.1; showing 1 instead." in note
    assert touch_data(at, UNIT)["controls"][X0_INPUT]["index"] == 40


def test_the_cached_rows_are_the_rows_worked_out_afresh() -> None:
    """A pause reads the x0 rows from a cache per f and dx and the curve per f: what they
    hold is what core gives when worked out again."""
    from app_pages.slopes import secant_to_tangent as unit
    from core.secant_pictures import secant_across

    for fn, dx in (("x^2", 1.0), ("1/x", 0.1), ("sin", 1e-12)):
        rows = unit._across(fn, dx)
        assert unit._across(fn, dx) is rows
        fresh = secant_across(fn, dx, X0_STEPS)
        assert rows == [unit._row(p, moved=True) for p in fresh]


def test_the_unit_is_small() -> None:
    """The largest unit: every row of sin at a tiny dx carries the two round-off notes and
    the stored-step working (about 195 kB; at dx = 1 every unit is under 150 kB, see
    test_slopes.py)."""
    data = touch_data(open_slopes(fn="sin", x0="0.1", dx="1e-12"), UNIT)
    assert len(json.dumps(data)) < 210_000
