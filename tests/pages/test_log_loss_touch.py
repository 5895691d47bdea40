"""The Log loss coin game's touch unit in AppTest: what the browser receives for every p (and
every H and T: tests/pages/test_log_loss_counts_touch.py).

The browser only picks a row, so every row must already be right: its numbers against exact
Fractions and closed forms at the same grid points, its working, its verdict, its picture, and
the whole unit small enough to travel once.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from core.coins import coin_working
from dashboard import charts
from tests.pages.helpers import open_page, touch_data, touch_row
from tests.pages.test_truthful_text import offending

PAGE = "app_pages/log_loss/page.py"
UNIT = "coin_touch"
POSITIONS = 101  # p = 0, 0.01, ..., 1: the old slider's steps
HEADS, TAILS, P = 0, 1, 2  # the unit's inputs, in the order the learner reads them
# The whole unit's JSON: three inputs of 101 positions, each row with its own curve (the p
# unit alone was under 200,000 bytes). The server refuses a message over 1 MB
# (.streamlit/config.toml maxMessageSize): the unit's element adds about 45 kB of its own
# (its code and style), and 100 heads with 99 tails was the largest found, about 737 kB.
MAX_BYTES = 800_000
MAX_ROW_BYTES = 2_700  # one row: its curve, point, tangent, working, numbers, words, window


# The product rule's expander is built only while open (?product_rule_on_g=true): these tests
# read what it shows, so they open it, as a learner's click does.
OPEN = {"product_rule_on_g": "true"}


def open_log_loss(**params: str) -> AppTest:
    at = open_page(PAGE, {**OPEN, **params})
    assert not at.exception, [e.message for e in at.exception]
    return at


def row_at(at: AppTest, p: Fraction) -> dict:
    """The row the browser shows when the learner's hand is on p."""
    return touch_row(at, UNIT, P, int(p * 100))


def metric(row: dict, prefix: str) -> str:
    [value] = [v for label, v in row["metrics"] if label.startswith(prefix)]
    return value


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def written(text: str) -> str:
    """Python's '9.321e-07' as the page writes it, '9.321 × 10⁻⁷', with a true minus sign."""
    match = re.fullmatch(r"(-?[\d.]+)e([-+]\d+)", text)
    if match:
        mantissa, exponent = match.groups()
        text = f"{mantissa} × 10{str(int(exponent)).translate(SUPERSCRIPT)}"
    return text.replace("-", "−")


def about(x: float | Fraction) -> str:
    """An independent reading of the page's rule for these values: four significant figures
    with '≈', or the exact decimal when it has at most six."""
    exact = Fraction(x)
    digits = f"{float(exact):.6g}"
    if Fraction(digits) == exact:
        return written(digits)
    return "≈ " + written(f"{float(exact):.4g}")


# The grid: one row per position, the same positions as the old slider


def test_the_unit_has_a_range_input_for_p_with_the_old_sliders_positions() -> None:
    data = touch_data(open_log_loss(), UNIT)
    control = data["controls"][P]
    assert (control["label"], control["param"]) == ("p = P(heads)", "p")
    assert control["labels"] == [str(k / 100).removesuffix(".0") for k in range(POSITIONS)]
    assert control["index"] == 50  # the default p = 0.5
    assert len(data["rows"]) == 3 and len(data["rows"][P]) == POSITIONS


@pytest.mark.parametrize(
    ("heads", "tails"), [(7, 3), (100, 100), (100, 99), (1, 99), (100, 0), (0, 0), (33, 67)]
)
def test_the_whole_unit_and_each_row_travel_in_a_bounded_size(heads: int, tails: int) -> None:
    data = touch_data(open_log_loss(heads=str(heads), tails=str(tails)), UNIT)
    assert len(json.dumps(data)) < MAX_BYTES
    rows = [row for line in data["rows"] for row in line]
    assert len(rows) == 3 * POSITIONS
    assert max(len(json.dumps(row)) for row in rows) < MAX_ROW_BYTES


# The numbers at several positions against exact Fractions and closed forms

POSITIONS_CHECKED = [Fraction(k, 100) for k in (1, 13, 37, 50, 70, 71, 99)]


@pytest.mark.parametrize("p", POSITIONS_CHECKED, ids=str)
def test_every_number_at_p_is_g_l_and_minus_l_of_7_heads_and_3_tails(p: Fraction) -> None:
    at = open_log_loss()
    row = row_at(at, p)
    text = str(float(p))
    g = p**7 * (1 - p) ** 3  # exact
    log_g = 7 * math.log(p) + 3 * math.log(1 - p)
    assert metric(row, f"g({text}) = P(this order)") == about(g)
    assert metric(row, f"L({text}) = ln g({text})") == "≈ " + written(f"{log_g:.4g}")
    assert metric(row, f"total log loss −L({text})") == "≈ " + f"{-log_g:.4g}"
    assert metric(row, "best p = H/(H+T)") == "0.7"


@pytest.mark.parametrize("p", POSITIONS_CHECKED, ids=str)
def test_the_working_at_p_ends_in_l_prime_of_p_exactly(p: Fraction) -> None:
    row = row_at(open_log_loss(), p)
    slope = Fraction(7) / p - Fraction(3) / (1 - p)  # L'(p) = H/p - T/(1-p), exactly
    [tex] = row["tex"]
    text = str(float(p))
    assert tex.startswith(rf"\begin{{aligned}}L({text}) &= 7\ln {text} + 3\ln(1-{text})")
    assert rf"L'({text}) &= \frac{{7}}{{{text}}} - \frac{{3}}{{1-{text}}}" in tex
    last = tex.removesuffix(r"\end{aligned}").rsplit(r"\\", 1)[1]
    relation, value = re.fullmatch(r"&(=|\\approx) (.*)", last).groups()
    if relation == "=":
        assert Fraction(value) == slope
    else:
        assert value == f"{float(slope):.4g}"
    shown = about(slope)
    relation = "" if shown.startswith("≈") else "= "
    assert row["legend"][1] == f"tangent, slope L′({text}) {relation}{shown}"


def test_the_verdict_at_every_p_is_cores_exact_direction() -> None:
    rows = touch_data(open_log_loss(), UNIT)["rows"][P]
    for k, row in enumerate(rows):
        p = Fraction(k, 100)
        text = str(float(p)).removesuffix(".0")
        [first, *rest] = row["notes"]
        if k == 0:
            assert first.startswith("At p = 0 a head is impossible") and len(rest) == 1
        elif k == 100:
            assert first.startswith("At p = 1 a tail is impossible") and len(rest) == 1
        elif p == Fraction(7, 10):
            assert first.startswith("L′(0.7) = 0: this is the best p.")
        elif p < Fraction(7, 10):
            assert first == f"L′({text}) is positive: raise p to climb towards the best p = 0.7."
        else:
            assert first == f"L′({text}) is negative: lower p to climb towards the best p = 0.7."


def test_the_best_p_row_reads_exactly_zero_at_16_heads_and_4_tails() -> None:
    at = open_log_loss(heads="16", tails="4")
    row = row_at(at, Fraction(8, 10))
    assert row["notes"] == [
        "L′(0.8) = 0: this is the best p. No other p makes 16 heads and 4 tails likelier."
    ]
    assert row["tex"][0].endswith(
        r"L'(0.8) &= \frac{16}{0.8} - \frac{4}{1-0.8}\\&= 20 - 20\\&= 0\end{aligned}"
    )
    assert row["legend"][1] == "tangent, slope L′(0.8) = 0"


# The picture


def your_dot(row: dict) -> dict:
    [dot] = [
        layer
        for layer in row["layers"]
        if layer["kind"] == "points" and layer["color"] == charts.COLORS["point"]
    ]
    return dot


def test_the_point_and_the_handle_sit_on_the_curve_at_every_p() -> None:
    data = touch_data(open_log_loss(), UNIT)
    low, high = data["picture"]["y"]
    [drag] = data["picture"]["drags"]
    handles = drag["at"]
    assert (drag["axis"], drag["control"]) == ("x", P)
    for k, (row, handle) in enumerate(zip(data["rows"][P], handles, strict=True)):
        assert your_dot(row)["points"] == [handle] == row["handles"]
        assert "window" not in row  # p keeps H and T: the picture's window
        x, y = handle
        assert x == k / 100 and low <= y <= high
        if 0 < k < 100:
            assert y == pytest.approx(7 * math.log(x) + 3 * math.log(1 - x), rel=1e-5)


@pytest.mark.parametrize("p", [Fraction(13, 100), Fraction(1, 2), Fraction(9, 10)], ids=str)
def test_the_tangent_passes_through_the_point_with_slope_l_prime(p: Fraction) -> None:
    row = row_at(open_log_loss(), p)
    [tangent] = [
        layer
        for layer in row["layers"]
        if layer["kind"] == "line" and layer["color"] == charts.COLORS["derivative"]
    ]
    (x0, y0), (x1, y1) = tangent["points"]
    slope = float(Fraction(7) / p - Fraction(3) / (1 - p))
    assert (y1 - y0) / (x1 - x0) == pytest.approx(slope, rel=1e-4)
    at_p = 7 * math.log(p) + 3 * math.log(1 - p)
    assert y0 + slope * (float(p) - x0) == pytest.approx(at_p, rel=1e-5)
    assert x0 < float(p) < x1


def test_where_l_is_undefined_there_is_no_tangent_and_the_legend_says_why() -> None:
    row = row_at(open_log_loss(), Fraction(1))
    # the curve and the best p's mark, then the learner's p: a rule and a dot, no tangent
    kinds = ["line", "segments", "points", "segments", "points"]
    assert [layer["kind"] for layer in row["layers"]] == kinds
    assert row["legend"][1:3] == [
        "no tangent: L(1) does not exist",
        "your p = 1: L → −∞ as p → 1⁻",
    ]
    assert row["alt"].endswith("At your p = 1: g(1) = 0, and L(p) → −∞ as p → 1⁻.")


def test_the_text_alternative_follows_p() -> None:
    rows = touch_data(open_log_loss(), UNIT)["rows"][P]
    assert rows[50]["alt"] == (
        "L(p) = 7 ln p + 3 ln(1 − p), highest at p = 0.7. At your p = 0.5: L ≈ −6.931, and "
        "the tangent's slope L′(0.5) = 8."
    )
    assert len({row["alt"] for row in rows}) == POSITIONS


def test_with_no_tosses_the_curve_is_flat_and_there_is_no_best_p() -> None:
    at = open_log_loss(heads="0", tails="0", p="0.3")
    data = touch_data(at, UNIT)
    assert data["picture"]["y"] == [-1.0, 1.0]
    row = touch_row(at, UNIT, P)
    [flat] = row["layers"][:1]
    assert flat["kind"] == "line" and {y for _, y in flat["points"]} == {0.0}
    assert row["notes"] == ["No tosses: L is flat, so no p is better than another."]
    assert row["tex"] == [r"\begin{aligned}L(0.3) &= 0\\L'(0.3) &= 0\end{aligned}"]
    assert metric(row, "best p") == "none"


# Deep links, the pause, and the rest of the page


def test_a_link_between_two_positions_gets_the_usual_note_and_the_default() -> None:
    at = open_log_loss(p="0.705")
    assert touch_data(at, UNIT)["controls"][P]["index"] == 50
    notes = [c.value for c in at.caption if "The link asked for" in c.value]
    assert any("p = “0.705”" in note.replace("\\", "") for note in notes), notes


def test_old_links_still_reach_their_p() -> None:
    for link, index in (("0.7", 70), ("0.07", 7), ("1", 100), ("0", 0), ("0.50", 50)):
        assert touch_data(open_log_loss(p=link), UNIT)["controls"][P]["index"] == index


def test_after_the_pause_the_product_rule_and_the_address_follow_p() -> None:
    at = open_log_loss()
    at.session_state["p"] = 0.6  # what the browser sends after the learner's pause
    at.run()
    assert touch_data(at, UNIT)["controls"][P]["index"] == 60
    assert at.query_params["p"] == "0.6"
    expander = next(e for e in at.expander if e.label.endswith("the product rule on g"))
    assert r"g'(0.6) &= 0.6^{6}(1-0.6)^{2}\,(7 - 10\cdot 0.6)" in expander.markdown[1].value


def test_moving_heads_rebuilds_every_row_for_the_new_counts() -> None:
    at = open_log_loss()
    at.session_state["heads"] = 16  # what the browser sends after the learner's pause
    at.run()
    at.session_state["tails"] = 4
    at.run()
    assert at.query_params["heads"] == "16" and at.query_params["tails"] == "4"
    row = row_at(at, Fraction(1, 2))
    assert metric(row, "best p") == "0.8"
    assert metric(row, "g(0.5)") == about(Fraction(1, 2) ** 20)
    expected = coin_working(16, 4, Fraction(1, 2))
    assert row["legend"][1] == f"tangent, slope L′(0.5) = {expected.log_g_prime}"  # 32 - 8 = 24


# The truth guard reads Streamlit's elements; the unit's text is read here, every row


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"heads": "100", "tails": "100"},
        {"heads": "0", "tails": "5"},
        {"heads": "1", "tails": "99"},
    ],
    ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items()) or "defaults",
)
def test_no_row_says_residue_nan_inf_or_minus_zero(params: dict[str, str]) -> None:
    data = touch_data(open_log_loss(**params), UNIT)
    found = []
    for row in (row for line in data["rows"] for row in line):
        pieces = [*row["tex"], *row["notes"], *row["legend"], row["alt"]]
        pieces += [f"{label}: {value}" for label, value in row["metrics"]]
        for piece in pieces:
            found += [(bad, piece[:120]) for bad in offending(piece, "log_loss")]
    assert not found, found[:5]
