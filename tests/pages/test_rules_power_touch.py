"""The power rule's touch unit in AppTest: what the browser receives for every exponent n
(the row it draws when the learner drags n there) against SymPy and Fractions, its size, its
links, and the text each row shows.

n, the point x (?p=) and the step dx (?dx=) are the three range inputs of one unit, a cross of
rows (rows[c][i]: control c at position i, the other two where Python holds them). Each row
is core's picture and numbers there, formatted as before; links open their position; a bad
link gets its note; after the pause Python shows the row the browser picked."""

from __future__ import annotations

import json
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy

from app_pages.rules.power_rule import THIN_HEIGHT, THIN_PX, THIN_WIDTH, _points
from core.power_pictures import EXPONENT_STEPS, power_grid
from core.power_rule import power_working
from dashboard import numbers
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
        for row in [r for rows in touch_data(at, POWER)["rows"] for r in rows]:
            text = " ".join(
                [*row["tex"], *(" ".join(m) for m in row["metrics"]), *row["notes"], row["alt"]]
                + row["legend"]
            )
            assert offending(text, "rules") == [], (params, text)


@pytest.mark.parametrize(
    "params", [{}, {"p": "2", "dx": "1"}, {"p": "0.1", "dx": "0.001"}, {"p": "1.9", "dx": "1"}]
)
def test_the_unit_sends_37_rows_of_n_20_of_x_and_6_of_dx_in_well_under_300_kb(params) -> None:
    data = touch_data(open_page(PAGE, {"rule": "power", **params}), POWER)
    assert [len(rows) for rows in data["rows"]] == [len(EXPONENT_STEPS), 20, 6] == [37, 20, 6]
    assert len(json.dumps(data)) < 200_000


def test_the_marked_points_never_sit_outside_the_window_a_note_gives_their_heights() -> None:
    at = open_page(PAGE, {"rule": "power", "p": "0.1", "dx": "0.001"})
    data = touch_data(at, POWER)
    for row in [r for rows in data["rows"] for r in rows]:
        (left, right), (bottom, top) = window(data, row)
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
        drag = touch_data(at, POWER)["picture"]["drags"][0]  # then x's and dx's rings
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
    at.session_state["p"] = 1.0  # what the unit reports when the learner pauses at x = 1
    at.run()
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


N, P, DX = 0, 1, 2  # the controls' places in the unit
POINTS = [round(0.1 * k, 1) for k in range(1, 21)]  # the old point slider: 0.1 to 2 by 0.1
STEPS = [1.0, 0.5, 0.2, 0.1, 0.01, 0.001]  # the old dx slider
S = sympy.Symbol("x", positive=True)


def power_page(**params: str):
    at = open_page(PAGE, {"rule": "power", **params})
    assert not at.exception, [e.message for e in at.exception]
    return at


def expected(n: Fraction, x: float, dx: float) -> dict[str, str]:
    """The unit's three numbers at (n, x, dx) from core, formatted as the page always did."""
    work = power_working(n, x, dx)
    return {
        "secant slope": numbers.shown(work.slope, 6),
        "power rule n x^(n-1)": numbers.shown(work.exact, 6),
        "difference": numbers.shown(work.error, 3),
    }


def sympy_numbers(n: int, x: float, dx: float) -> tuple[sympy.Rational, sympy.Rational]:
    """The oracle for a whole n: ((x + dx)^n - x^n) / dx and n x^(n-1), exactly."""
    xq, dq = sympy.Rational(repr(x)), sympy.Rational(repr(dx))
    f = S**n
    return (f.subs(S, xq + dq) - f.subs(S, xq)) / dq, sympy.diff(f, S).subs(S, xq)


def six(values: tuple[float, float]) -> list[float]:
    return [float(f"{v:.6g}") for v in values]


def window(data: dict, row: dict) -> tuple[list[float], list[float]]:
    """The window a row is drawn in: its own, else the picture's."""
    shown = row.get("window") or data["picture"]
    return shown["x"], shown["y"]


def test_n_x_and_dx_are_the_three_inputs_of_one_unit_over_the_old_sliders_values() -> None:
    at = power_page()
    data = touch_data(at, POWER)
    assert [c["param"] for c in data["controls"]] == ["n", "p", "dx"]
    assert [c["label"] for c in data["controls"]] == ["Exponent n", "point x", "step dx"]
    assert data["controls"][P]["labels"] == [numbers.text(x) for x in POINTS]
    assert data["controls"][P]["labels"][:2] == ["0.1", "0.2"]
    assert data["controls"][DX]["labels"] == ["1", "0.5", "0.2", "0.1", "0.01", "0.001"]
    assert [c["index"] for c in data["controls"]] == [30, 4, 0]  # n = 3, x = 0.5, dx = 1
    assert [len(r) for r in data["rows"]] == [37, 20, 6]
    # no Streamlit slider is left for the point or the step
    assert not [s for s in at.slider if s.key in ("p", "dx")]
    assert not [s for s in at.select_slider if s.key in ("p", "dx")]
    # three rings: n's on the curve (up and down), x's and dx's on the two points (sideways)
    assert [(d["control"], d["axis"]) for d in data["picture"]["drags"]] == [
        (0, "y"),
        (1, "x"),
        (2, "x"),
    ]
    assert len(json.dumps(data)) < 150_000


@pytest.mark.parametrize(
    ("control", "index", "n", "x", "dx"),
    [
        (P, 0, Fraction(3), 0.1, 1.0),
        (P, 9, Fraction(3), 1.0, 1.0),
        (P, 19, Fraction(3), 2.0, 1.0),
        (DX, 1, Fraction(3), 0.5, 0.5),
        (DX, 4, Fraction(3), 0.5, 0.01),
        (DX, 5, Fraction(3), 0.5, 0.001),
        (N, 0, Fraction(-2), 0.5, 1.0),
        (N, 14, Fraction(1, 3), 0.5, 1.0),
    ],
)
def test_the_row_at_each_position_of_every_input_holds_cores_numbers(
    control: int, index: int, n: Fraction, x: float, dx: float
) -> None:
    at = power_page()
    data = touch_data(at, POWER)
    row = data["rows"][control][index]
    assert dict(row["metrics"]) == expected(n, x, dx)
    grid = power_grid(EXPONENT_STEPS, x, dx)
    # core's window, to the 6 significant digits every coordinate travels with
    assert window(data, row) == (six(grid.x_range), six(grid.y_range))
    assert row["alt"].startswith(f"n = {data['controls'][N]['labels'][EXPONENT_STEPS.index(n)]}:")
    assert f"At x = {numbers.text(x)} " in row["alt"]
    if n.denominator == 1:
        secant, exact = sympy_numbers(int(n), x, dx)
        assert dict(row["metrics"])["power rule n x^(n-1)"] == numbers.shown(
            Fraction(str(exact)), 6
        )
        assert dict(row["metrics"])["secant slope"] == numbers.shown(Fraction(str(secant)), 6)


def test_moving_x_to_1_reads_the_notes_numbers_for_x_cubed() -> None:
    """x^3 at 1 with dx = 1: secant (8 - 1) / 1 = 7, tangent 3 * 1^2 = 3; at dx = 0.001 (x
    held at 0.5) the secant is 0.751501, exactly (1.5005^3... no: (0.501^3 - 0.5^3) / 0.001)."""
    data = touch_data(power_page(), POWER)
    at_one = dict(data["rows"][P][POINTS.index(1.0)]["metrics"])
    assert at_one["secant slope"] == "7" and at_one["power rule n x^(n-1)"] == "3"
    small = dict(data["rows"][DX][STEPS.index(0.001)]["metrics"])
    assert small["secant slope"] == numbers.shown(
        (Fraction("0.501") ** 3 - Fraction(1, 8)) / Fraction("0.001"), 6
    )
    assert small["secant slope"] == "0.751501"


def test_the_working_along_x_and_dx_is_worked_with_that_point_and_step() -> None:
    data = touch_data(power_page(), POWER)
    rule, working = data["rows"][P][POINTS.index(1.3)]["tex"]
    assert rule == r"\frac{d}{dx}\,x^{3} = 3\,x^{2}"
    assert r"\frac{2.3^{3} - 1.3^{3}}{1}" in working
    _, working = data["rows"][DX][STEPS.index(0.01)]["tex"]
    assert r"\frac{0.51^{3} - 0.5^{3}}{0.01}" in working


def test_the_rings_sit_on_the_marked_points_in_each_row_of_x_and_dx() -> None:
    data = touch_data(power_page(n="2"), POWER)
    for control, places in ((P, [(x, 1.0) for x in POINTS]), (DX, [(0.5, s) for s in STEPS])):
        for row, (x, dx) in zip(data["rows"][control], places, strict=True):
            _, (bottom, top) = window(data, row)
            ring_x, ring_next = row["handles"][1], row["handles"][2]
            assert ring_x == pytest.approx([x, min(max(x**2, bottom), top)])
            assert ring_next == pytest.approx([x + dx, min(max((x + dx) ** 2, bottom), top)])
    drags = data["picture"]["drags"]
    assert [tuple(at) for at in drags[1]["at"]] == [tuple(r["handles"][1]) for r in data["rows"][P]]
    assert [tuple(at) for at in drags[2]["at"]] == [
        tuple(r["handles"][2]) for r in data["rows"][DX]
    ]


def test_the_drawn_curve_passes_within_a_fraction_of_a_pixel_of_every_sample_of_core() -> None:
    """The rows carry only the samples a curve needs (the unit's size): every sample core made
    lies within THIN_PX of the drawn polyline, on a picture wider than the page's column."""
    at = power_page()
    data = touch_data(at, POWER)
    for control, index, (x, dx) in ((N, 30, (0.5, 1.0)), (N, 0, (0.5, 1.0)), (P, 0, (0.1, 1.0))):
        n = EXPONENT_STEPS[index] if control == N else Fraction(3)
        row = data["rows"][control][index]
        (left, right), (bottom, top) = window(data, row)
        grid = power_grid(EXPONENT_STEPS, x, dx)
        picture = grid.pictures[EXPONENT_STEPS.index(n)]
        for layer, frame in (
            (row["layers"][1], picture.function),
            (row["layers"][0], picture.derivative),
        ):
            drawn = np.array(
                [p if p and p[1] is not None else [math.nan, math.nan] for p in layer["points"]],
                dtype=float,
            )
            samples = frame[["x", "y"]].to_numpy(float)
            assert len(drawn) < len(samples)
            sx, sy = THIN_WIDTH / (right - left), THIN_HEIGHT / (top - bottom)
            for sample_x, sample_y in samples[np.isfinite(samples[:, 1])]:
                gaps = [
                    _distance((sample_x * sx, sample_y * sy), a * [sx, sy], b * [sx, sy])
                    for a, b in zip(drawn[:-1], drawn[1:], strict=True)
                    if np.isfinite(a).all()
                    and np.isfinite(b).all()
                    and a[0] - 1e-3 <= sample_x <= b[0] + 1e-3
                ]
                assert gaps and min(gaps) <= THIN_PX + 0.01, (control, index, sample_x)


def _distance(q: tuple[float, float], a: np.ndarray, b: np.ndarray) -> float:
    """From point q to the segment a-b, in pixels."""
    ab, aq = b - a, np.asarray(q) - a
    t = 0.0 if not ab.any() else float(np.clip(aq @ ab / (ab @ ab), 0, 1))
    return float(np.hypot(*(aq - t * ab)))


@pytest.mark.parametrize(
    ("params", "position", "shown"),
    [
        (
            {"n": "2", "p": "1.2", "dx": "0.01"},
            [24, 11, 4],
            {"secant slope": "2.41", "power rule n x^(n-1)": "2.4"},
        ),
        ({"p": "2", "dx": "0.001"}, [30, 19, 5], {"power rule n x^(n-1)": "12"}),
        ({"p": "0.1"}, [30, 0, 0], {"power rule n x^(n-1)": "0.03"}),
        ({"dx": "0.2"}, [30, 4, 2], {"secant slope": "1.09"}),  # (0.7^3 - 0.5^3) / 0.2
    ],
)
def test_a_deep_link_opens_the_unit_at_its_point_and_step(
    params: dict[str, str], position: list[int], shown: dict[str, str]
) -> None:
    at = power_page(**params)
    data = touch_data(at, POWER)
    assert [c["index"] for c in data["controls"]] == position
    row = touch_row(at, POWER)
    for label, value in shown.items():
        assert dict(row["metrics"])[label] == value
    assert "🔗" not in " ".join(c.value for c in at.caption)


@pytest.mark.parametrize(
    "params",
    [
        {"p": "0.55"},
        {"p": "99"},
        {"p": "nan"},
        {"p": "x"},
        {"dx": "0.3"},
        {"dx": "0"},
        {"dx": "-1"},
    ],
)
def test_a_bad_link_gets_the_note_and_the_default_position(params: dict[str, str]) -> None:
    at = power_page(**params)
    (param,) = params
    assert [c["index"] for c in touch_data(at, POWER)["controls"]] == [30, 4, 0]
    notes = [c.value for c in at.caption if "🔗" in c.value]
    label = {"p": "point x", "dx": "step dx"}[param]
    assert len(notes) == 1 and label in notes[0]
    assert dict(touch_row(at, POWER)["metrics"])["secant slope"] == "3.25"


@pytest.mark.parametrize(
    ("param", "control", "value", "index"), [("p", P, 1.0, 9), ("dx", DX, 0.01, 4)]
)
def test_after_the_pause_python_shows_the_row_the_browser_picked(
    param: str, control: int, value: float, index: int
) -> None:
    """The browser draws rows[control][index] while the learner moves; when the position
    reaches Python it holds that value and draws the same picture, numbers and rings in the
    same window, the table below follows, and the link keeps it."""
    at = power_page()
    before = touch_data(at, POWER)
    picked = before["rows"][control][index]
    at.session_state[param] = value
    at.run()
    after = touch_data(at, POWER)
    assert after["controls"][control]["index"] == index
    held = touch_row(at, POWER)  # the row of n where Python holds it
    assert {k: v for k, v in held.items() if k != "window"} == {
        k: v for k, v in picked.items() if k != "window"
    }
    assert window(after, held) == window(before, picked)
    assert after["rows"][control][index] == picked  # and along that control the same row
    assert at.query_params[param] == numbers.text(value)
    table = next(t.value for t in at.table if "secant slope" in t.value.columns)
    x = value if param == "p" else 0.5
    assert table["n x^(n-1)"].iloc[0] == numbers.shown(3 * Fraction(str(x)) ** 2, 6)


def test_moving_n_keeps_x_and_dx_and_rebuilds_their_rows_for_the_new_n() -> None:
    at = power_page(p="1", dx="0.1")
    at.session_state["n"] = 2.0
    at.run()
    data = touch_data(at, POWER)
    assert [c["index"] for c in data["controls"]] == [24, 9, 3]
    # x^2 along x at dx = 0.1: secant 2x + 0.1, tangent 2x, exactly
    for row, x in zip(data["rows"][P], POINTS, strict=True):
        shown = dict(row["metrics"])
        assert shown["power rule n x^(n-1)"] == numbers.shown(2 * Fraction(str(x)), 6)
        assert shown["secant slope"] == numbers.shown(2 * Fraction(str(x)) + Fraction(1, 10), 6)
