"""The underflow section's n as the input of its touch unit (`underflow_touch`), in AppTest:
the input offers core's positions (the page says which), every row's numbers and working at
several n against an independent oracle (float64 products emulated with exact Fractions, n ln p
from math.log), the rule and the ring at n, the window past 1100, links and the pause.

The browser only picks a row: the row for n = 1075 must already say 0.0 (underflow)."""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from functools import cache

import pytest
from streamlit.testing.v1 import AppTest

from core import underflow
from dashboard import charts, numbers
from tests.pages.helpers import chart_captions, open_page, touch_data, touch_row

PAGE = "app_pages/log_loss/page.py"
UNIT = "underflow_touch"
POSITIONS = underflow.underflow_positions()


def open_log_loss(**params: str) -> AppTest:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture(scope="module")
def default() -> AppTest:
    return open_log_loss()


@cache
def float64_product(p: float, n: int) -> Fraction:
    """p * p * ... * p (n factors), each step rounded to the nearest double (exact Fractions;
    Fraction -> float is the correctly rounded quotient of two integers)."""
    running = Fraction(1)
    for _ in range(n):
        running = Fraction(float(running * Fraction(p)))
    return running


def superscript(k: int) -> str:
    return str(k).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def about(x: Fraction | float, sig: int) -> str:
    """The page's rule for a number: its decimal if exact within 6 significant digits, else
    '≈' and `sig` significant figures, × 10^k for tiny ones, thousands separated by commas from 10,000."""
    exact = f"{float(x):.6g}"
    if "e" not in exact and Fraction(exact) == Fraction(x):
        return exact.replace("-", "−")
    comma = "," if abs(x) >= 10_000 else ""  # 2302.585, but 11,512.93
    shown = f"{float(x):{comma}.{sig}g}"
    if "e" in shown:
        mantissa, exponent = shown.split("e")
        shown = f"{mantissa} × 10{superscript(int(exponent))}"
    return "≈ " + shown.replace("-", "−")


def oracle_metrics(n: int) -> list[list[str]]:
    shown = []
    for p in (0.5, 0.1):
        product = float64_product(p, n)
        shown.append(
            [
                f"{p}{superscript(n)} multiplied in float64",
                "0.0 (underflow)" if product == 0 else about(product, 4),
            ]
        )
        shown.append([f"sum of logs {n}·ln {p}", about(n * math.log(p), 7)])
    return shown


def filled(data: dict, entry: dict) -> str:
    """A row's formula as the browser typesets it: the picture's template, filled in."""
    template = data["picture"]["tex"][entry["fill"]]
    return re.sub(r"@([0-9]+)", lambda m: entry["with"][int(m.group(1))], template)


def old_formula(result: underflow.ProductVersusLogs) -> str:
    """The formula the section wrote before n was a touch input (st.latex, one per column)."""
    p, n = numbers.text(result.p), result.n
    return (
        rf"\begin{{aligned}}{p}^{{{n}}} &= e^{{{n}\ln {p}}} "
        rf"\approx e^{{{numbers.tex(result.log_sum, 7)}}}\\ "
        rf"&\approx {numbers.tex(result.mantissa)}\times 10^{{{result.exponent}}}\end{{aligned}}"
    )


# The input: the old slider's name and URL key, core's positions, said on the page


def test_n_is_one_input_over_cores_positions_from_1_to_5000_at_1000(default: AppTest) -> None:
    [control] = touch_data(default, UNIT)["controls"]
    assert (control["label"], control["param"]) == ("Number of tosses n", "n")
    assert control["labels"] == [str(n) for n in POSITIONS] == control["values"]
    assert control["labels"][0] == "1" and control["labels"][-1] == "5000"
    assert control["labels"][control["index"]] == "1000"
    # no Streamlit slider is left for n
    assert not [s for s in default.slider if s.key == "n"]


def test_the_hint_says_which_n_the_input_offers(default: AppTest) -> None:
    [control] = touch_data(default, UNIT)["controls"]
    hint = control["hint"]
    assert hint.startswith(
        "Every n from 1 to 100, every 10th to 1100, every 50th to 5000, and every n from 312 "
        "to 336 and from 1063 to 1087, where the products reach 0.0."
    ), hint
    # and what it says is what the input holds
    offered = set(range(1, 101)) | set(range(100, 1101, 10)) | set(range(312, 337))
    offered |= set(range(1063, 1088)) | set(range(1100, 5001, 50))
    assert set(POSITIONS) == offered


# Every row against the oracle


@pytest.mark.parametrize("n", [1, 2, 7, 50, 300, 323, 324, 325, 330, 1000, 1074, 1075, 1076, 5000])
def test_each_row_holds_the_float64_products_and_sums_of_logs_at_its_n(
    default: AppTest, n: int
) -> None:
    data = touch_data(default, UNIT)
    row = touch_row(default, UNIT, 0, POSITIONS.index(n))
    assert row["metrics"] == oracle_metrics(n)
    results = [underflow.product_versus_logs(p, n) for p in (0.5, 0.1)]
    assert [filled(data, entry) for entry in row["tex"]] == [old_formula(r) for r in results]
    # the true size read off the sum of logs: m × 10^e is p^n (exact) to 7 digits
    for entry, p in zip(row["tex"], (0.5, 0.1), strict=True):
        mantissa, exponent = Fraction(entry["with"][2]), int(entry["with"][3])
        true = Fraction(p) ** n
        assert abs(mantissa * Fraction(10) ** exponent - true) <= true / 100
    # the "your n" rule stands at n, across the row's window
    [rule] = row["layers"]
    assert rule["color"] == charts.COLORS["point"] and rule["dash"]
    assert [x for x, _ in rule["points"]] == [n, n]
    half, tenth = (m[1] for m in oracle_metrics(n)[::2])
    assert row["alt"] == (
        f"At n = {n} in float64, 0.5{superscript(n)} is {half}; 0.1{superscript(n)} is {tenth}."
    )


def test_the_underflow_points_flip_the_products_to_zero_one_position_apart(
    default: AppTest,
) -> None:
    def product(n: int, k: int) -> str:
        return touch_row(default, UNIT, 0, POSITIONS.index(n))["metrics"][k][1]

    assert product(323, 2) == "≈ 9.881 × 10⁻³²⁴" and product(324, 2) == "0.0 (underflow)"
    assert product(1074, 0) == "≈ 4.941 × 10⁻³²⁴" and product(1075, 0) == "0.0 (underflow)"
    assert product(5000, 0) == product(5000, 2) == "0.0 (underflow)"


def test_past_1100_a_row_carries_its_own_window_from_0_to_n(default: AppTest) -> None:
    data = touch_data(default, UNIT)
    assert data["picture"]["x"] == [0, 1100]
    for n in POSITIONS:
        row = touch_row(default, UNIT, 0, POSITIONS.index(n))
        if n <= 1100:
            assert "window" not in row, n
        else:
            assert row["window"]["x"] == [0, n], n
            # the sum of logs of 0.1 (log10 = -n) stays inside it
            assert row["window"]["y"][0] < -n < 0 < row["window"]["y"][1], n


def test_the_picture_holds_the_four_curves_the_smallest_double_and_the_stops(
    default: AppTest,
) -> None:
    picture = touch_data(default, UNIT)["picture"]
    assert [key["name"] for key in picture["legend"]] == [
        "0.5: float64 product",
        "0.5: sum of logs",
        "0.1: float64 product",
        "0.1: sum of logs",
        "smallest float64, 2⁻¹⁰⁷⁴ ≈ 4.941 × 10⁻³²⁴",
        "your n",
    ]
    assert picture["description"] == (
        "The float64 product (solid): 0.5ⁿ becomes 0.0 at n = 1075 and 0.1ⁿ at n = 324; "
        "the sum of logs (dashed) goes on."
    )
    *curves, smallest, stops = picture["static"]
    assert len(curves) == 4
    for curve in curves:  # log10 of a product or of the sum of logs, up to 5000 tosses
        for x, y in curve["points"]:
            p = (
                0.5
                if curve["color"] in (charts.COLORS["function"], charts.COLORS["accent"])
                else 0.1
            )
            assert y == pytest.approx(x * math.log10(p), rel=1e-5, abs=1e-3)
    products = [c for c in curves if not c["dash"]]
    # a product's line stops before its underflow point (it is 0.0 from there on)
    assert max(x for x, _ in products[0]["points"]) < 1075 <= max(x for x, _ in curves[0]["points"])
    log10_smallest = -1074 * math.log10(2)
    assert [y for _, y in smallest["points"]] == pytest.approx([log10_smallest] * 2, rel=1e-6)
    assert stops["points"] == [
        [1075, pytest.approx(log10_smallest)],
        [324, pytest.approx(log10_smallest)],
    ]


def test_the_ring_on_the_rule_sits_on_the_halves_sum_of_logs_at_each_n(default: AppTest) -> None:
    [drag] = touch_data(default, UNIT)["picture"]["drags"]
    assert (drag["control"], drag["axis"]) == (0, "x")
    assert len(drag["at"]) == len(POSITIONS)
    for (x, y), n in zip(drag["at"], POSITIONS, strict=True):
        assert x == n and y == pytest.approx(n * math.log10(0.5), rel=1e-5)


def test_the_unit_is_under_300_kb_and_its_rows_carry_values_only(default: AppTest) -> None:
    data = touch_data(default, UNIT)
    assert len(json.dumps(data)) < 300_000
    assert len(data["picture"]["tex"]) == 2
    assert all(isinstance(entry, dict) for row in data["rows"][0] for entry in row["tex"])


def test_the_chart_description_is_the_units_and_no_vega_chart_is_left(default: AppTest) -> None:
    assert not default.get("vega_lite_chart")
    assert not any("0.5ⁿ becomes 0.0" in c for c in chart_captions(default))


# Links and the learner's pause


@pytest.mark.parametrize("n", ["1", "324", "1073", "1075", "5000"])
def test_a_link_opens_the_unit_at_its_n(n: str) -> None:
    at = open_log_loss(n=n)
    [control] = touch_data(at, UNIT)["controls"]
    assert control["labels"][control["index"]] == n
    assert touch_row(at, UNIT)["metrics"] == oracle_metrics(int(n))


@pytest.mark.parametrize("link", ["-3", "0", "5001", "abc", "1234", "1000.5"])
def test_a_bad_link_or_one_between_positions_gets_the_note_and_the_default(link: str) -> None:
    at = open_log_loss(n=link)
    [control] = touch_data(at, UNIT)["controls"]
    assert control["labels"][control["index"]] == "1000"
    notes = " ".join(c.value for c in at.caption if "The link asked for" in c.value)
    assert f"number of tosses n = “{link}”" in notes.replace("\\", ""), notes
    assert "one of the positions from 1 to 5000" in notes


def test_after_the_pause_the_address_and_the_position_follow_n() -> None:
    at = open_log_loss()
    at.session_state["n"] = 330  # what the browser sends after the learner's pause on n
    at.run()
    assert at.query_params["n"] == "330"
    [control] = touch_data(at, UNIT)["controls"]
    assert control["labels"][control["index"]] == "330"
    assert touch_row(at, UNIT)["metrics"][2] == ["0.1³³⁰ multiplied in float64", "0.0 (underflow)"]
    at.session_state["n"] = 1000
    at.run()
    assert "n" not in at.query_params  # the default leaves the link
