"""The coin game's heads H and tails T as inputs of its touch unit (a cross grid with p), in
AppTest: every row of H with T and p held, and of T with H and p held, against exact Fractions
and closed forms; its curve and window follow the counts; links and the learner's pause.

The browser only picks a row: a row for 16 heads must already hold the curve of
16 ln p + 3 ln(1 − p), its window, its numbers and its working.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts
from tests.pages.helpers import all_text, open_page, touch_data, touch_row

PAGE = "app_pages/log_loss/page.py"
UNIT = "coin_touch"
HEADS, TAILS, P = 0, 1, 2
OPEN = {"product_rule_on_g": "true"}


def open_log_loss(**params: str) -> AppTest:
    at = open_page(PAGE, {**OPEN, **params})
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric(row: dict, prefix: str) -> str:
    [value] = [v for label, v in row["metrics"] if label.startswith(prefix)]
    return value


def log_l(h: int, t: int, p: float) -> float:
    """L(p) = H ln p + T ln(1 − p), with 0 ln 0 = 0 (the oracle, in plain math)."""
    total = 0.0
    if h:
        total += h * math.log(p) if p > 0 else -math.inf
    if t:
        total += t * math.log(1 - p) if p < 1 else -math.inf
    return total


def window_of(h: int, t: int) -> tuple[float, float]:
    """Every finite L at p = 0, 0.01, ..., 1, with a margin of 6% of the span (1 if flat)."""
    values = [log_l(h, t, k / 100) for k in range(101)]
    finite = [v for v in values if math.isfinite(v)]
    low, high = min(finite), max(finite)
    span = high - low
    return (low - 1.0, high + 1.0) if span == 0 else (low - 0.06 * span, high + 0.06 * span)


def exact_about(x: Fraction) -> str:
    """The page's rule for an exact value: the decimal if it has at most 6 digits, else
    '≈' and 4 significant figures (as tests/pages/test_log_loss_touch.py reads it)."""
    digits = f"{float(x):.6g}"
    if Fraction(digits) == x:
        return digits
    shown = f"{float(x):.4g}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        sup = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
        shown = f"{mantissa} × 10{str(int(exponent)).translate(sup)}"
    return "≈ " + shown.replace("-", "−")


def your_dot(row: dict) -> list:
    [dot] = [
        layer["points"]
        for layer in row["layers"]
        if layer["kind"] == "points" and layer["color"] == charts.COLORS["point"]
    ]
    return dot


# The inputs: the old sliders' positions and names


def test_heads_and_tails_are_the_units_first_two_inputs_over_0_to_100() -> None:
    controls = touch_data(open_log_loss(), UNIT)["controls"]
    assert [(c["label"], c["param"]) for c in controls] == [
        ("Heads H", "heads"),
        ("Tails T", "tails"),
        ("p = P(heads)", "p"),
    ]
    for control in controls[:2]:
        assert control["labels"] == [str(k) for k in range(101)]
    assert (controls[HEADS]["index"], controls[TAILS]["index"]) == (7, 3)


# Every row of H (T = 3, p = 0.5 held) and of T (H = 7 held) against the oracle


@pytest.mark.parametrize("heads", [0, 1, 7, 16, 50, 100])
def test_each_heads_row_holds_g_l_and_the_best_p_of_its_counts(heads: int) -> None:
    row = touch_row(open_log_loss(), UNIT, HEADS, heads)
    p = Fraction(1, 2)
    g = p**heads * (1 - p) ** 3
    assert metric(row, "g(0.5) = P(this order)") == exact_about(g)
    log_g = log_l(heads, 3, 0.5)
    assert metric(row, "L(0.5) = ln g(0.5)") == "≈ " + f"{log_g:.4g}".replace("-", "−")
    assert metric(row, "total log loss −L(0.5)") == "≈ " + f"{-log_g:.4g}"
    assert metric(row, "best p = H/(H+T)") == exact_about(Fraction(heads, heads + 3))
    slope = Fraction(heads) / p - Fraction(3) / (1 - p)  # an integer here: 2H - 6
    assert row["tex"][0].endswith(rf"&= {slope}\end{{aligned}}")
    name = f"{heads} ln p + 3 ln(1 − p)" if heads > 1 else "ln p + 3 ln(1 − p)"
    assert row["legend"][0] == ("L(p) = " + (name if heads else "3 ln(1 − p)"))
    assert row["alt"].startswith(f"L(p) = {name if heads else '3 ln(1 − p)'}, highest at p ")


@pytest.mark.parametrize("tails", [0, 1, 3, 4, 99, 100])
def test_each_tails_row_holds_the_verdict_and_working_of_its_counts(tails: int) -> None:
    at = open_log_loss(p="0.8")
    row = touch_row(at, UNIT, TAILS, tails)
    p = Fraction(4, 5)
    best = Fraction(7, 7 + tails)
    slope = Fraction(7) / p - (Fraction(tails) / (1 - p) if tails else 0)
    assert metric(row, "g(0.8) = P(this order)") == exact_about(p**7 * (1 - p) ** tails)
    assert metric(row, "best p = H/(H+T)") == exact_about(best)
    [verdict] = row["notes"]
    assert best != p  # 0.8 would need 1.75 tails
    word = "positive: raise" if slope > 0 else "negative: lower"
    assert verdict.startswith(f"L′(0.8) is {word} p to climb towards the best p ")
    assert r"L'(0.8) &= \frac{7}{0.8}" in row["tex"][0]


@pytest.mark.parametrize(
    ("control", "position"), [(HEADS, 0), (HEADS, 16), (HEADS, 100), (TAILS, 0), (TAILS, 60)]
)
def test_each_count_row_has_its_own_window_curve_and_point_on_it(
    control: int, position: int
) -> None:
    at = open_log_loss(p="0.3")
    row = touch_row(at, UNIT, control, position)
    h, t = (position, 3) if control == HEADS else (7, position)
    low, high = window_of(h, t)
    window = row["window"]
    assert window["y"] == [pytest.approx(low, rel=1e-5), pytest.approx(high, rel=1e-5)]
    assert window["x"] == [-0.02, 1.02]
    assert window["y_ticks"] and all(low <= y <= high for y, _ in window["y_ticks"])
    curve = row["layers"][0]
    assert curve["kind"] == "line" and curve["color"] == charts.COLORS["function"]
    for x, y in curve["points"]:
        if y is not None and 0 < x < 1:  # 1 − 10⁻⁸ travels as 1.0 (6 digits): the plunge
            assert y == pytest.approx(log_l(h, t, x), rel=1e-5, abs=1e-9)
    point = [0.3, pytest.approx(log_l(h, t, 0.3), rel=1e-5)]
    assert your_dot(row) == [point] and row["handles"] == [point]


@pytest.mark.parametrize(("h", "t"), [(7, 3), (100, 1), (1, 100), (50, 50), (0, 4)])
def test_the_simplified_curve_stays_within_a_pixel_of_l(h: int, t: int) -> None:
    """Each row carries its curve with only the samples a reader can tell apart: the polyline
    stays within a pixel of L everywhere in the window (on a 720 x 290 pixel picture)."""
    row = touch_row(open_log_loss(tails=str(t)), UNIT, HEADS, h)
    low, high = row["window"]["y"]
    xs, ys = np.array([pt for pt in row["layers"][0]["points"] if pt[1] is not None]).T
    assert len(xs) < 60  # far fewer than the 417 samples it is drawn from
    ps = np.linspace(max(xs[0], 1e-6), min(xs[-1], 1 - 1e-6), 3001)
    true = np.array([log_l(h, t, p) for p in ps])
    seen = (true >= low) & (true <= high)
    # in pixels: the distance from each true point to the polyline's nearest segment
    sx, sy = 720 / 1.04, 290 / (high - low)
    ax, ay, bx, by = xs[:-1] * sx, ys[:-1] * sy, xs[1:] * sx, ys[1:] * sy
    for p, y in zip(ps[seen], true[seen], strict=True):
        px, py = p * sx, y * sy
        dx, dy = bx - ax, by - ay
        s = np.clip(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0, 1)
        gap = np.hypot(ax + s * dx - px, ay + s * dy - py).min()
        assert gap < 1.0, (p, y, gap)


def test_the_cross_agrees_where_its_lines_meet() -> None:
    data = touch_data(open_log_loss(heads="16", tails="4", p="0.3"), UNIT)
    meet = [data["rows"][HEADS][16], data["rows"][TAILS][4], data["rows"][P][30]]
    for row in meet:
        row.pop("window", None)
    assert meet[0] == meet[1] == meet[2]


# Links and the pause


def test_a_link_opens_the_inputs_at_its_counts() -> None:
    at = open_log_loss(heads="16", tails="4")
    controls = touch_data(at, UNIT)["controls"]
    assert (controls[HEADS]["index"], controls[TAILS]["index"]) == (16, 4)
    assert metric(touch_row(at, UNIT, P), "best p") == "0.8"


@pytest.mark.parametrize(
    ("param", "link"), [("heads", "500"), ("heads", "7.5"), ("heads", "-1"), ("tails", "abc")]
)
def test_a_bad_count_link_gets_the_note_and_the_default(param: str, link: str) -> None:
    at = open_log_loss(**{param: link})
    controls = touch_data(at, UNIT)["controls"]
    assert (controls[HEADS]["index"], controls[TAILS]["index"]) == (7, 3)
    notes = " ".join(c.value for c in at.caption if "The link asked for" in c.value)
    label = "heads H" if param == "heads" else "tails T"
    assert f"{label} = “{link}”" in notes.replace("\\", ""), notes


def test_after_the_pause_the_derivation_the_notes_and_the_address_follow_the_counts() -> None:
    at = open_log_loss()
    at.session_state["heads"] = 0  # what the browser sends after the learner's pause on H
    at.run()
    assert at.query_params["heads"] == "0"
    text = all_text(at)
    assert "No heads in 3 tosses: the best p is **0**" in text
    assert r"L'(p) &= -\frac{3}{1-p} < 0" in text
    at.session_state["heads"] = 20
    at.run()
    at.session_state["tails"] = 5
    at.run()
    assert (at.query_params["heads"], at.query_params["tails"]) == ("20", "5")
    text = all_text(at)
    assert r"L'(p) &= \frac{20}{p} - \frac{5}{1-p} = 0" in text
    assert "No heads" not in text
    # the product rule's expander (open by the link) follows too
    expander = next(e for e in at.expander if e.label.endswith("the product rule on g"))
    assert r"g'(0.5) &= 0.5^{19}(1-0.5)^{4}" in expander.markdown[1].value
