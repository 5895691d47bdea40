"""The Log loss page in AppTest: defaults, deep links, every edge, and the learner's moves.

The coin game's p is a touch unit (`coin_touch`): its numbers, working, notes and picture are
read from the row the browser receives for the p Python holds (tests/pages/helpers.touch_row);
a move of p is `set_p`, what the browser sends after the learner's pause."""

import itertools
import json
import math
import re
from decimal import Decimal
from fractions import Fraction

import altair as alt
import pandas as pd
import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema
from streamlit.testing.v1 import AppTest

from dashboard import charts
from tests.pages.helpers import (
    all_text,
    chart_captions,
    open_page,
    touch_data,
    touch_row,
    unescaped,
)

PAGE = "app_pages/log_loss/page.py"
UNIT = "coin_touch"
UNDERFLOW = (
    "underflow_touch"  # the underflow section's n (tests/pages/test_log_loss_underflow_touch.py)
)


# The product rule's expander is built only while open (?product_rule_on_g=true): these tests
# read what it shows, so they open it, as a learner's click does.
OPEN = {"product_rule_on_g": "true"}


def open_log_loss(**params: str) -> AppTest:
    at = open_page(PAGE, {**OPEN, **params})
    assert not at.exception, [e.message for e in at.exception]
    return at


def unit_row(at: AppTest, p: float | None = None) -> dict:
    """The coin game's row at the p Python holds, or at `p` (what the browser shows there)."""
    index = None if p is None else round(p * 100)
    return touch_row(at, UNIT, P, index)


HEADS, TAILS, P = 0, 1, 2  # the unit's range inputs: H, T and p


def p_shown(at: AppTest) -> str:
    """The p the unit's range input stands at, as it labels it."""
    control = touch_data(at, UNIT)["controls"][P]
    return control["labels"][control["index"]]


def counts(at: AppTest) -> tuple[int, int]:
    """Where the unit's H and T inputs stand (each position is its count)."""
    controls = touch_data(at, UNIT)["controls"]
    return controls[HEADS]["index"], controls[TAILS]["index"]


def set_counts(at: AppTest, heads: int, tails: int) -> AppTest:
    """What the browser does after the learner's pause on H and on T."""
    at.session_state["heads"] = heads
    at.run()
    at.session_state["tails"] = tails
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def best_marks(row: dict) -> tuple[dict, dict, dict]:
    """The row's curve L(p) and the best p's rule and dot drawn on it (its first layers)."""
    curve, rule, dot = row["layers"][:3]
    assert curve["kind"] == "line" and dot["color"] == charts.COLORS["tangent"]
    return curve, rule, dot


def your_dot(row: dict) -> dict:
    return next(
        layer
        for layer in row["layers"]
        if layer["kind"] == "points" and layer["color"] == charts.COLORS["point"]
    )


def tangent_of(row: dict) -> dict:
    return next(
        layer
        for layer in row["layers"]
        if layer["kind"] == "line" and layer["color"] == charts.COLORS["derivative"]
    )


def set_p(at: AppTest, p: float) -> AppTest:
    """What the browser does after the learner's pause on p: the position goes to Python."""
    at.session_state["p"] = p
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def page_text(at: AppTest) -> str:
    """all_text, with what the coin game's unit shows at Python's p: its notes, numbers,
    legend and text alternative."""
    row = unit_row(at)
    unit = [*row["notes"], *(f"{label} {value}" for label, value in row["metrics"])]
    return "\n".join([all_text(at), *unit, *row["legend"], row["alt"]])


def metrics(at: AppTest) -> dict[str, str]:
    """Every metric on the page and every number of the coin game's and the underflow
    section's units, by label."""
    units = [*unit_row(at)["metrics"], *touch_row(at, UNDERFLOW)["metrics"]]
    return {m.label: m.value for m in at.metric} | dict(units)


def n_shown(at: AppTest) -> str:
    """The n the underflow unit's range input stands at, as it labels it."""
    [control] = touch_data(at, UNDERFLOW)["controls"]
    return control["labels"][control["index"]]


def set_n(at: AppTest, n: int) -> AppTest:
    """What the browser does after the learner's pause on n: the position goes to Python."""
    at.session_state["n"] = n
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metric_starting(at: AppTest, prefix: str) -> str:
    found = [value for label, value in metrics(at).items() if label.startswith(prefix)]
    assert len(found) == 1, (prefix, metrics(at))
    return found[0]


def chart_descriptions(at: AppTest) -> list[str]:
    """Each chart's text description: the charts' captions, then the underflow unit's picture."""
    return [*chart_captions(at), touch_data(at, UNDERFLOW)["picture"]["description"]]


def filled(at: AppTest, key: str, entry: str | dict) -> str:
    """A touch unit's formula as the browser typesets it (a `touch.filled` template filled)."""
    if isinstance(entry, str):
        return entry
    template = touch_data(at, key)["picture"]["tex"][entry["fill"]]
    return re.sub(r"@([0-9]+)", lambda m: entry["with"][int(m.group(1))], template)


def maths(at: AppTest) -> str:
    """Every formula's LaTeX source on the page: st.latex elements and the $$ blocks that the
    worked maths writes inside one markdown element per column."""
    page = [str(el.value) for kind in ("latex", "markdown") for el in at.get(kind)]
    underflow = [filled(at, UNDERFLOW, e) for e in touch_row(at, UNDERFLOW)["tex"]]
    return " ".join([*page, *unit_row(at)["tex"], *underflow])


def assert_no_nan_in_words(at: AppTest) -> None:
    text = page_text(at).lower()
    assert not re.search(r"\bnan\b|\binf\b", text), re.findall(r".{30}\b(?:nan|inf)\b.{30}", text)


# Defaults


def test_defaults_show_7_heads_3_tails_at_p_half_with_best_p_0_7() -> None:
    at = open_log_loss()
    assert counts(at) == (7, 3)
    assert p_shown(at) == "0.5"
    assert metric_starting(at, "g(0.5)") == "≈ 0.0009766"  # 1/1024 = 0.0009765625
    assert metric_starting(at, "L(0.5)") == "≈ −6.931"
    assert metric_starting(at, "total log loss") == "≈ 6.931"
    assert metric_starting(at, "best p") == "0.7"


def test_defaults_draw_l_in_the_coin_game_and_the_underflow_chart() -> None:
    # g, L and -L were three charts; the coin game's one picture is L (with its tangent), and
    # g(p) and -L(p) are its numbers (tests/pages/test_log_loss_touch.py).
    at = open_log_loss()
    picture = touch_data(at, UNIT)["picture"]
    assert picture["description"].startswith(
        "The log-likelihood L(p) = ln g(p) = 7 ln p + 3 ln(1 − p) of g(p) = p⁷ (1 − p)³, "
        "highest at p = 0.7,"
    )
    assert [key["name"] for key in picture["legend"]] == [
        "L(p) = 7 ln p + 3 ln(1 − p)",
        "tangent",
        "your p",
        "best p = 0.7",
    ]
    descriptions = chart_descriptions(at)
    assert len(descriptions) == 1
    assert "0.5ⁿ becomes 0.0 at n = 1075 and 0.1ⁿ at n = 324" in descriptions[0]


def test_the_log_likelihood_curve_peaks_at_0_7_where_the_best_p_is_marked() -> None:
    at = open_log_loss()
    curve, best_rule, best_dot = best_marks(unit_row(at))
    top = max((point for point in curve["points"] if point[1] is not None), key=lambda q: q[1])
    assert top[0] == pytest.approx(0.7)
    peak = 7 * math.log(0.7) + 3 * math.log(0.3)  # ln 0.0022235661
    assert top[1] == pytest.approx(peak, abs=1e-5)
    assert best_dot["points"] == [[0.7, pytest.approx(peak, abs=1e-5)]]
    assert best_rule["segments"][0][::2] == [0.7, 0.7]  # a vertical rule at p = 0.7
    # the likelihood itself, 0.0022235661, is the g metric at the best p
    assert dict(unit_row(at, 0.7)["metrics"])["g(0.7) = P(this order)"] == "≈ 0.002224"


def test_worked_maths_shows_the_notes_factorisation_and_both_routes() -> None:
    at = open_log_loss()
    latex = maths(at)
    assert r"p^{6}(1-p)^{2}\,(7 - 10p)" in latex
    assert r"\frac{7}{p} - \frac{3}{1-p} = 0" in latex
    assert r"L(p) &= \ln\bigl(p^{7}(1-p)^{3}\bigr)\\ &= 7\ln p + 3\ln(1-p)" in latex
    assert r"p = \frac{7}{10} = 0.7" in latex
    assert r"L'(0.5) &= \frac{7}{0.5} - \frac{3}{1-0.5}\\&= 14 - 6\\&= 8" in latex
    assert "g′(p) = 0 at p = 0, 0.7, 1" in page_text(at)


def test_three_coins_table_prints_the_courses_figures_and_the_exact_values() -> None:
    at = open_log_loss()
    table = at.table[0].value
    assert list(table["coin"]) == ["P(heads) = 0.7", "P(heads) = 0.5", "P(heads) = 0.3"]
    assert list(table["the course prints"]) == ["0.00222", "0.00097", "0.00008"]
    exact = list(table["P(7 heads then 3 tails), exact"])
    assert exact == ["0.0022235661", "0.0009765625", "7.50141 × 10⁻⁵"]
    text = page_text(at)
    # "The course rounds its figures: 0.5¹⁰ = 0.0009765625 is printed 0.00097": that is truncation
    assert "rounds its figures" not in text and "rounds 0.0009765625" not in text
    assert "The course truncates 0.0009765625 to 0.00097 (rounded: 0.00098)" in text
    assert "and rounds 7.50141 × 10⁻⁵ to 0.00008" in text
    # a likelihood, not a posterior: not "which coin most likely gave 7 heads then 3 tails"
    assert "most likely gave" not in text
    assert "Under which coin, P(heads) = 0.7, 0.5 or 0.3, is this sequence likeliest?" in text
    assert "p = 0.7 makes it likeliest." in text


def test_three_coins_are_the_courses_game_whatever_the_coin_sliders_say() -> None:
    def coins_table(at: AppTest) -> pd.DataFrame:
        return at.table[0].value

    at = open_log_loss()
    before = coins_table(at)
    set_counts(at, 16, 4)
    set_p(at, 0.8)
    assert coins_table(at).equals(before)
    assert coins_table(open_log_loss(heads="0", tails="0", p="1")).equals(before)


def test_long_worked_rows_are_broken_for_a_phone_and_short_ones_are_not() -> None:
    latex = maths(open_log_loss(heads="100", tails="100", p="0.45"))
    assert r"g'(p) &= 100p^{99}(1-p)^{100}\\ &\quad + p^{100}\cdot 100(1-p)^{99}\cdot(-1)" in latex
    assert r"g'(0.45) &= 0.45^{99}(1-0.45)^{99}\\ &\quad\cdot (100 - 200\cdot 0.45)" in latex
    assert r"&\iff 100(1-p) = 100p\\&\iff 100 = 200p" in latex
    assert (
        r"g'(0.5) &= 0.5^{6}(1-0.5)^{2}\,(7 - 10\cdot 0.5)\\&= 0.015625\cdot 0.25\cdot 2"
        r"\\&= 0.0078125"
    ) in maths(open_log_loss())
    # e-notation factors in brackets: not 4.66 \times 10^{-35}\cdot 1.98 \times 10^{-26}\cdot 10
    assert (
        r"&\approx (4.6563 \times 10^{-35})\\ &\quad\cdot (1.9765 \times 10^{-26})\cdot 10"
        r"\\&\approx 9.203 \times 10^{-60}"
    ) in latex


def test_one_tail_differentiates_to_minus_one_not_eleven() -> None:
    text = page_text(open_log_loss(heads="1", tails="1"))
    assert "The derivative of (1 − p) is −1: that is where the minus sign comes from" in text
    assert "The derivative of (1 − p)³ is 3(1 − p)²·(−1) by the chain rule" in page_text(
        open_log_loss()
    )


def test_bridge_works_the_binary_cross_entropy_at_the_courses_best_p() -> None:
    at = open_log_loss()
    latex = maths(at)
    assert r"\text{BCE}(0.7) &= -\frac{1}{10}\bigl(7\ln 0.7 + 3\ln(1-0.7)\bigr)" in latex
    bce = -(7 * math.log(0.7) + 3 * math.log(0.3)) / 10
    assert rf"&\approx {bce:.4f}" in latex  # 0.6109, rounded to 4 figures
    assert "binary cross-entropy" in page_text(at)
    # the bridge does not follow the coin game's sliders: the same at any H, T and p
    assert r"\text{BCE}(0.7)" in maths(open_log_loss(heads="0", tails="0", p="0.2"))


def test_bridge_gives_each_example_its_own_p_and_calls_the_average_the_log_loss() -> None:
    # It wrote one constant p in the BCE without saying that a classifier predicts its own p_i
    # per example, and called the sum "log loss" where libraries mean the average.
    at = open_log_loss()
    latex, text = maths(at), page_text(at)
    assert r"\text{BCE} &= -\frac{1}{n}\sum_{i=1}^{n}\bigl[y_i\ln p_i" in latex
    assert r"&\qquad + (1-y_i)\ln(1-p_i)\bigr]" in latex
    assert "A classifier predicts its own pᵢ = P(yᵢ = 1) for each example i" in text
    assert "The sum is the total log loss" in text
    assert "is the **average**, the binary cross-entropy" in text
    assert "The coin uses one pᵢ = p for every toss" in text
    assert metric_starting(at, "total log loss −L(0.5)")


def test_underflow_defaults_state_the_notes_numbers() -> None:
    at = open_log_loss()
    assert metric_starting(at, "0.5¹⁰⁰⁰") == "≈ 9.333 × 10⁻³⁰²"
    assert metric_starting(at, "0.1¹⁰⁰⁰") == "0.0 (underflow)"
    text = page_text(at)
    assert "0.5¹⁰⁰⁰ ≈ 9.3 × 10⁻³⁰² still fits in a double; 0.1¹⁰⁰⁰ becomes 0.0" in text
    assert "0.5ⁿ reaches exactly 0.0 at n = 1075; 0.1ⁿ reaches exactly 0.0 at n = 324" in text


def test_notes_product_is_differentiated_both_ways_with_the_same_maximiser() -> None:
    at = open_log_loss()
    text = page_text(at)
    assert "5 terms of five factors" in text
    formulas = maths(at)
    # every factor of F and of each term of F', in rows of three and two
    assert (
        r"F(p) &= p^{6} \left(1 - p\right)^{2} \left(3 - p\right)^{9}\\ "
        r"&\quad\cdot \left(4 - p\right)^{13} \left(10 - p\right)^{500}"
    ) in formulas
    assert formulas.count(r"&\qquad\cdot \left(4 - p\right)^{") == 5
    assert r"&- 500 p^{6} \left(1 - p\right)^{2} \left(3 - p\right)^{9}\\ " in formulas
    assert r"\ln F(p) &= 6 \ln{\left(p \right)} + 2 \ln{\left(1 - p \right)}\\ " in formulas
    assert r"&\quad + 500 \ln{\left(10 - p \right)}" in formulas
    assert r"\frac{d}{dp}\ln F(p) &= \frac{6}{p} - \frac{2}{1 - p} - \frac{9}{3 - p}" in formulas
    assert r"&\quad - \frac{13}{4 - p} - \frac{500}{10 - p}" in formulas
    assert r"= 0 \iff {}& 530 p^{4} - 4459 p^{3}\\ &+ 11303 p^{2} - 8202 p + 720 = 0" in formulas
    assert "p ≈ 0.10139**, the same maximiser" in text
    assert "halving an interval on the sign of F′ (at 40 digits) finds **p ≈ 0.10139**" in text


# Chains of "=" and "≈": what is shown must multiply and add up


NUMBER = re.compile(r"^\(?(-?\d+(?:\.\d+)?)(?: \\times 10\^\{(-?\d+)\})?\)?$")


def latex_number(text: str) -> Fraction | None:
    """A number as the page writes it in LaTeX (0.25, (-1.204), (4.6563 \times 10^{-35}))."""
    match = NUMBER.match(text.strip())
    if not match:
        return None
    mantissa, exponent = match.groups()
    return Fraction(mantissa) * Fraction(10) ** int(exponent or 0)


def evaluate(expression: str) -> Fraction | None:
    """A sum of products of numbers ('7\\cdot (-0.3567) + 3\\cdot (-1.204)', '14 - 6'), or None
    when it holds anything else (p, \\ln, \frac)."""
    terms = re.split(r" (?=[+-] )", expression.strip())
    total = Fraction(0)
    for term in terms:
        sign = -1 if term.startswith("- ") else 1
        value = Fraction(sign)
        for factor in term.removeprefix("- ").removeprefix("+ ").split(r"\cdot"):
            number = latex_number(factor)
            if number is None:
                return None
            value *= number
        total += value
    return total


def significant(text: str) -> int:
    mantissa = text.strip("()").split(r" \times")[0].lstrip("-").replace(".", "")
    return len(mantissa.lstrip("0")) or 1


def chain_rows(latex: str) -> list[tuple[str, str]]:
    r"""(relation, right-hand side) of every row of every aligned formula, with a product's
    continuation row ('&\quad\cdot 10') joined to the row it continues."""
    rows: list[tuple[str, str]] = []
    for block in re.findall(r"\\begin\{aligned\}(.*?)\\end\{aligned\}", latex, re.S):
        for row in block.split(r"\\"):
            row = row.strip()
            if row.startswith(r"&\quad") and rows:
                relation, before = rows[-1]
                rows[-1] = (relation, before + " " + row.removeprefix(r"&\quad").strip())
                continue
            match = re.match(r"^[^&]*&(=|\\approx)\s*(.*)$", row)
            rows.append(match.groups() if match else ("", row))
    return rows


CHAIN_LINKS = [
    {},
    {"p": "0.7"},
    {"p": "0.37"},
    {"heads": "16", "tails": "4", "p": "0.8"},
    {"heads": "16", "tails": "4", "p": "0.33"},
    {"heads": "100", "tails": "100", "p": "0.45"},
    {"heads": "1", "tails": "2", "p": "0.99"},
    {"heads": "3", "tails": "0", "p": "0.01"},
    {"heads": "0", "tails": "5", "p": "0"},
]


@pytest.mark.parametrize(
    "params", CHAIN_LINKS, ids=lambda p: "&".join(f"{k}={v}" for k, v in p.items())
)
def test_every_chain_multiplies_and_adds_up_to_what_it_shows(params: dict[str, str]) -> None:
    # It read 0.0156·0.25·2 = 0.00781, 7·(−0.357) + 3·(−1.2) = −6.11 (they give −6.10),
    # "= −10" for −10.008 and "BCE = 0.5" for 0.5004.
    rows = chain_rows(maths(open_log_loss(**params)))
    checked = 0
    for (_, before), (relation, after) in itertools.pairwise(rows):
        shown, result = evaluate(before), latex_number(after)
        if shown is not None and result is not None and not latex_number(before):
            checked += 1
            if relation == "=":
                assert shown == result, (before, after)
            else:
                digits = significant(after)
                rounded = Decimal(shown.numerator) / Decimal(shown.denominator)
                assert Fraction(Decimal(f"{rounded:.{digits}g}")) == result, (before, after)
        if relation == "=" and result not in (None, 0) and re.search(r"\\ln[ (]*\d", before):
            raise AssertionError(f"a sum of logarithms is irrational: {before} = {after}")
    assert checked >= 2 or params.get("heads") in ("0", "3")


# Deep links


def test_link_with_16_heads_4_tails_shows_best_p_0_8() -> None:
    at = open_log_loss(heads="16", tails="4")
    assert metric_starting(at, "best p") == "0.8"
    latex = maths(at)
    assert r"p = \frac{16}{20} = \frac{4}{5} = 0.8" in latex


def test_a_best_p_without_a_short_decimal_is_shown_as_approximately() -> None:
    latex = maths(open_log_loss(heads="1", tails="2"))
    assert r"p = \frac{1}{3} \approx 0.3333" in latex


def test_link_with_7_3_and_p_half_shows_likelihood_and_log_likelihood() -> None:
    at = open_log_loss(heads="7", tails="3", p="0.5")
    assert metric_starting(at, "g(0.5)") == "≈ 0.0009766"
    assert metric_starting(at, "L(0.5)") == "≈ −6.931"


def test_link_with_n_1075_shows_the_halves_underflowed_and_1074_not() -> None:
    assert metric_starting(open_log_loss(n="1075"), "0.5¹⁰⁷⁵") == "0.0 (underflow)"
    # 2^-1074 is 4.94... × 10^-324, though its float's shortest repr is '5e-324'
    assert metric_starting(open_log_loss(n="1074"), "0.5¹⁰⁷⁴") == "≈ 4.941 × 10⁻³²⁴"


def test_link_with_n_5000_keeps_the_sum_of_logs_finite() -> None:
    at = open_log_loss(n="5000")
    assert metric_starting(at, "sum of logs 5000·ln 0.5") == "≈ −3465.736"
    assert r"\approx e^{-3465.736}\\ &\approx 7.08\times 10^{-1506}" in maths(at)


def test_a_forged_link_falls_back_with_a_note() -> None:
    at = open_log_loss(heads="500", p="abc", n="-3")
    assert counts(at) == (7, 3)
    assert p_shown(at) == "0.5"
    assert n_shown(at) == "1000"
    captions = " ".join(c.value for c in at.caption)
    # the words of the note are the controls' (dashboard/controls.py); the values are ours
    # H is a touch unit's input: its note names its positions (dashboard/touch.py)
    assert re.search(r"500\W*, which is not one of the positions from 0 to 100", captions), captions
    assert "abc" in captions


# Edges


def test_no_heads_puts_the_best_p_at_0_and_says_p_1_is_infinitely_bad() -> None:
    at = open_log_loss(heads="0", tails="5")
    assert metric_starting(at, "best p") == "0"
    text = page_text(at)
    assert "No heads in 5 tosses: the best p is **0**" in text
    assert "As p → 1 the log loss grows **without bound**" in text
    assert_no_nan_in_words(at)


def test_no_tails_puts_the_best_p_at_1() -> None:
    at = open_log_loss(heads="4", tails="0", p="0.9")
    assert metric_starting(at, "best p") == "1"
    assert "No tails in 4 tosses: the best p is **1**" in page_text(at)
    assert r"L'(p) &= \frac{4}{p} > 0" in maths(at)
    assert_no_nan_in_words(at)


def test_no_tosses_at_all_say_every_p_has_the_same_likelihood() -> None:
    at = open_log_loss(heads="0", tails="0", p="0.3")
    assert metric_starting(at, "best p") == "none"
    assert metric_starting(at, "g(0.3)") == "1"
    assert metric_starting(at, "L(0.3)") == "0"
    text = page_text(at)
    assert "**every p has the same likelihood, 1**" in text
    assert_no_nan_in_words(at)


@pytest.mark.parametrize(("p", "side", "end"), [("0", "head", "0⁺"), ("1", "tail", "1⁻")])
def test_p_at_an_end_shows_one_sided_limits_never_nan(p: str, side: str, end: str) -> None:
    at = open_log_loss(heads="7", tails="3", p=p)
    assert metric_starting(at, f"L({p})") == "−∞ (limit)"
    assert metric_starting(at, "total log loss") == "∞ (limit)"
    text = page_text(at)
    assert f"a {side} is impossible, yet you saw one" in text
    assert f"As p → {end}, L(p) → −∞ and the log loss → +∞." in text
    assert_no_nan_in_words(at)


@pytest.mark.parametrize(
    ("heads", "p", "limit", "end", "words"),
    [
        ("0", "1", r"-\infty", "1^{-}", "1⁻ (p approaching 1 from below); L′ is negative near 1"),
        ("7", "1", r"-\infty", "1^{-}", "1⁻ (p approaching 1 from below); L′ is negative near 1"),
        ("7", "0", r"\infty", "0^{+}", "0⁺ (p approaching 0 from above); L′ is positive near 0"),
    ],
)
def test_where_ln_0_has_no_value_the_page_gives_one_sided_limits_not_values(
    heads: str, p: str, limit: str, end: str, words: str
) -> None:
    # It read L'(1) = -3/(1-1) = -infinity, as if L had a slope at p = 1, where L is undefined.
    at = open_log_loss(heads=heads, tails="3", p=p)
    latex, text = maths(at), page_text(at)
    assert f"L'({p}) &=" not in latex and f"L({p}) &=" not in latex
    assert rf"L(p) &\to -\infty \text{{ as }} p \to {end}" in latex
    assert rf"&\to {limit} \text{{ as }} p \to {end}" in latex
    assert f"L({p}) and L′({p}) do not exist." in text
    assert f"is a one-sided limit, as p → {words}" in text
    assert r"\ln(1-1)" not in latex and not re.search(r"\\ln 0(?![.\d])", latex)


def test_p_1_with_tails_keeps_the_log_picture_finite_and_marks_the_point_at_its_edge() -> None:
    at = open_log_loss(heads="7", tails="3", p="1")
    data = touch_data(at, UNIT)
    row = unit_row(at)
    curve = best_marks(row)[0]["points"]
    # below the window's floor the curve keeps only its first sample past it at each end, so
    # it runs out of the picture; p = 0 and p = 1, where L = −∞, are not reached
    assert all(y is not None and math.isfinite(y) for _, y in curve)
    floor_y = data["picture"]["y"][0]
    assert curve[0][1] < floor_y and curve[-1][1] < floor_y
    assert 0 < curve[0][0] < 0.01 and 0.99 < curve[-1][0] < 1
    floor = pytest.approx(data["picture"]["y"][0], rel=1e-5)  # coordinates carry 6 digits
    dot = your_dot(row)
    assert dot["points"] == [[1.0, floor]]  # on the window's floor, not at −∞
    assert data["picture"]["drags"][0]["at"][100] == [1.0, floor]
    assert "your p = 1: L → −∞ as p → 1⁻" in row["legend"]


def test_no_heads_and_p_0_is_the_best_with_finite_log_likelihood() -> None:
    at = open_log_loss(heads="0", tails="5", p="0")
    assert metric_starting(at, "L(0)") == "0"
    assert "p = 0 is the best p" in page_text(at)


# The learner's moves


def test_moving_p_to_0_7_reaches_the_best_p() -> None:
    at = set_p(open_log_loss(), 0.7)
    assert metric_starting(at, "g(0.7)") == "≈ 0.002224"  # 0.0022235661
    assert metric_starting(at, "L(0.7)") == "≈ −6.109"
    assert "L′(0.7) = 0: this is the best p." in page_text(at)


@pytest.mark.parametrize(("heads", "tails", "p"), [("7", "3", "0.7"), ("16", "4", "0.8")])
def test_at_the_best_p_both_derivatives_read_exactly_zero_and_the_page_says_best(
    heads: str, tails: str, p: str
) -> None:
    # Float residue used to read g'(0.7) = 6.94e-18, L'(0.7) = 10 - 10 = 1.78e-15 and
    # "L'(0.7) is positive: raise p" right under "p = 0.7 is the best p" (16/4: "lower p").
    at = open_log_loss(heads=heads, tails=tails, p=p)
    text, latex = page_text(at), maths(at)
    assert f"L′({p}) = 0: this is the best p." in text
    assert "raise p" not in text and "lower p" not in text
    assert not re.search(r"(g|L)'\(0\.\d\) &=[^$]*\\times 10\^\{-1\d\}", latex)
    assert re.search(rf"L'\({p}\) &= [^$]*\\\\&= (\d+) - \1\\\\&= 0\\end", latex)


def test_at_an_end_that_is_the_best_p_the_page_does_not_say_move_past_it() -> None:
    text = page_text(open_log_loss(heads="0", tails="5", p="0"))
    assert "lower p" not in text
    assert "p = 0 is the best p" in text


def test_at_the_best_p_the_point_sits_on_the_best_mark_with_a_flat_tangent() -> None:
    at = open_log_loss(p="0.7")
    row = unit_row(at)
    best_dot = best_marks(row)[2]["points"]
    dot = your_dot(row)
    assert dot["points"] == best_dot
    tangent = tangent_of(row)
    (_, left), (_, right) = tangent["points"]
    assert left == right == best_dot[0][1]
    assert row["legend"][1] == "tangent, slope L′(0.7) = 0"


def chart_spec(at: AppTest, index: int) -> dict:
    return json.loads(at.get("vega_lite_chart")[index].proto.spec)


def test_tiny_likelihoods_are_written_with_a_power_of_ten() -> None:
    # The g chart wrote its axis in e-notation below 1e-3; g is now a number beside the L
    # picture: 100 heads and 100 tails at 0.5 give 2⁻²⁰⁰ ≈ 6.223 × 10⁻⁶¹, L's axis plain numbers.
    at = open_log_loss(heads="100", tails="100")
    assert metric_starting(at, "g(0.5)") == "≈ 6.223 × 10⁻⁶¹"
    ticks = [label for _, label in touch_data(at, UNIT)["picture"]["y_ticks"]]
    assert ticks and all(re.fullmatch(r"−?\d+", label) for label in ticks), ticks


def test_the_two_ps_are_named_in_the_legend_not_beside_their_dots() -> None:
    # Labels beside the dots ran off the right edge (p = 0.95) and into each other (11 heads,
    # 3 tails): the picture now writes no label on it; the legend names both ps, row by row.
    for params in ({"p": "0.95"}, {"heads": "11", "tails": "3"}):
        at = open_log_loss(**params)
        data = touch_data(at, UNIT)
        layers = [
            *data["picture"]["static"],
            *(x for line in data["rows"] for row in line for x in row["layers"]),
        ]
        assert not [label for layer in layers for label in layer.get("labels", []) if label]
    legend = unit_row(open_log_loss(p="0.95"))["legend"]
    assert legend[2] == "your p = 0.95: L ≈ −9.346"  # 7 ln 0.95 + 3 ln 0.05 = −9.34625


def test_best_and_learners_p_are_coloured_by_role_with_no_best_when_there_are_no_tosses() -> None:
    green, purple = charts.COLORS["tangent"], charts.COLORS["point"]
    at = open_log_loss(p="0.3")
    best = best_marks(unit_row(at))[2]
    dot = your_dot(unit_row(at))
    assert (best["color"], best["points"]) == (green, [[0.7, pytest.approx(-6.108643, abs=1e-5)]])
    assert (dot["color"], dot["points"]) == (purple, [[0.3, pytest.approx(-9.497834, abs=1e-5)]])
    assert metric_starting(at, "total log loss") == "≈ 9.498"
    flat = open_log_loss(heads="0", tails="0", p="0.3")
    no_tosses = touch_data(flat, UNIT)["picture"]
    # no best p to mark: the curve, then the learner's rule and dot, and the flat tangent
    assert [layer["color"] for layer in unit_row(flat)["layers"]] == [
        charts.COLORS["function"],
        purple,
        charts.COLORS["derivative"],
        purple,
    ]
    assert no_tosses["legend"][3] == {"name": "no best p", "color": green, "dash": True}
    assert unit_row(flat)["legend"][3] == "no best p"


def order_table(at: AppTest) -> pd.DataFrame:
    return at.table[1].value


def test_typed_sequence_is_scored_toss_by_toss_at_the_courses_three_coins() -> None:
    at = open_log_loss()
    at.text_input(key="tosses").set_value("hhththhhth").run()
    table = order_table(at)
    closed_form = "≈ k ln p + (n − k) ln(1 − p) = 7 ln p + 3 ln(1 − p)"
    assert list(table.columns) == ["coin", "≈ ln P(your order), toss by toss", closed_form]
    assert list(table["coin"]) == ["P(heads) = 0.7", "P(heads) = 0.5", "P(heads) = 0.3"]
    # 7 ln p + 3 ln(1 - p) at p = 0.7, 0.5, 0.3, to six figures
    expected = [f"{7 * math.log(p) + 3 * math.log(1 - p):.6g}" for p in (0.7, 0.5, 0.3)]
    expected = [v.replace("-", "−") for v in expected]
    assert list(table["≈ ln P(your order), toss by toss"]) == expected
    assert list(table[closed_form]) == expected == ["−6.10864", "−6.93147", "−9.49783"]
    assert "**10 tosses: 7 heads, 3 tails** (n = 10, k = 7)" in page_text(at)
    # HHTHTHHHTH, three logs a row under the left-hand side, then the counts
    assert (
        r"&\ln P(\text{your order})\\ &= \ln p + \ln p + \ln(1-p)"
        r"\\ &\quad + \ln p + \ln(1-p) + \ln p\\ &\quad + \ln p + \ln p + \ln(1-p)"
        r"\\ &\quad + \ln p\\ &= 7\ln p + 3\ln(1-p)"
    ) in maths(at)


def test_an_order_with_one_toss_sums_one_log() -> None:
    table = order_table(open_log_loss(tosses="T"))
    assert list(table["≈ ln P(your order), toss by toss"]) == ["−1.20397", "−0.693147", "−0.356675"]
    assert list(table["≈ k ln p + (n − k) ln(1 − p) = 0 ln p + 1 ln(1 − p)"]) == [
        "−1.20397",
        "−0.693147",
        "−0.356675",
    ]


def test_the_order_table_does_not_follow_the_coin_sliders() -> None:
    at = open_log_loss()
    before = order_table(at)
    set_p(at, 0.9)
    at.session_state["heads"] = 20  # the unit's H, after the learner's pause
    at.run()
    assert counts(at) == (20, 3)
    assert order_table(at).equals(before)


def test_an_empty_sequence_asks_for_tosses() -> None:
    at = open_log_loss(tosses="")
    at.text_input(key="tosses").set_value("  ").run()
    assert "Type some tosses, for example HHTHTHHHTH." in page_text(at)
    assert len(at.table) == 1  # only the course's three coins


def test_typed_sequence_with_another_letter_gets_a_readable_error() -> None:
    at = open_log_loss(tosses="HHTXH")
    assert unescaped(at.error[0].value) == "Use only H (heads) and T (tails): character 4 is “X”."


def test_typed_sequence_longer_than_the_bound_is_refused_in_words() -> None:
    at = open_log_loss(tosses="H" * 101)
    assert "more than 100 tosses" in at.error[0].value


def test_using_the_typed_counts_moves_the_sliders() -> None:
    at = open_log_loss(tosses="HHHHTHHHHHHHHHHTHTHT")
    assert at.button[0].label == "Use 16 heads and 4 tails in the coin game"
    at.button[0].click().run()
    assert counts(at) == (16, 4)
    assert at.query_params["heads"] == "16" and at.query_params["tails"] == "4"
    assert metric_starting(at, "best p") == "0.8"


def test_moving_n_past_the_underflow_point_turns_the_product_to_zero() -> None:
    at = open_log_loss()
    set_n(at, 300)
    before = metric_starting(at, "0.1³⁰⁰")
    set_n(at, 330)
    assert before == "≈ 1 × 10⁻³⁰⁰"
    assert metric_starting(at, "0.1³³⁰") == "0.0 (underflow)"


# Check yourself


def test_quiz_accepts_0_8_for_16_heads_and_4_tails() -> None:
    at = open_log_loss()
    at.text_input(key="quiz_logloss_best_p").set_value("0.8").run()
    assert at.success[-1].value.startswith("**Right.**")


def test_quiz_on_p_near_1_says_the_loss_grows_without_bound() -> None:
    at = open_log_loss()
    at.radio(key="quiz_logloss_at_one").set_value("it grows without bound (→ +∞)").run()
    assert "−ln g(p) → +∞" in at.success[-1].value


def test_quiz_on_the_expression_explains_the_notes_slip() -> None:
    at = open_log_loss()
    at.radio(key="quiz_logloss_expression").set_value("p¹⁶ (1 − p⁴)").run()
    assert "the notes make the same slip" in at.warning[-1].value


@pytest.mark.parametrize("params", [{}, {"p": "0.95"}, {"heads": "0", "tails": "0"}, {"n": "5000"}])
def test_every_chart_spec_is_valid_vega_lite(params: dict[str, str]) -> None:
    at = open_log_loss(**params)
    for index in range(len(at.get("vega_lite_chart"))):
        spec = chart_spec(at, index)
        names = {layer["data"]["name"] for layer in spec["layer"] if "data" in layer}
        spec |= {"$schema": alt.SCHEMA_URL, "datasets": {name: [] for name in names}}
        validate_jsonschema(spec, load_schema(), rootschema=load_schema())


def test_moving_p_keeps_the_worked_maths_that_depends_on_h_and_t_only() -> None:
    def routes(at: AppTest) -> dict[str, str]:
        return {
            str(m.value).split("**")[1]: str(m.value)
            for m in at.markdown
            if str(m.value).startswith(("**The product rule on g**", "**Logs first**"))
        }

    at = open_log_loss()
    before = routes(at)
    set_p(at, 0.6)
    assert routes(at) == before  # g', L' and p = 7/10 are not typeset again
    assert r"g'(0.6) &= 0.6^{6}(1-0.6)^{2}\,(7 - 10\cdot 0.6)" in maths(at)


def element_shape(node) -> list[str]:
    """The element types under node, in order; the box of notes counts as one, empty or not
    (the browser keeps a container in its place and fills or empties it)."""
    shape: list[str] = []
    for child in getattr(node, "children", {}).values():
        kinds = [getattr(c, "type", "") for c in getattr(child, "children", {}).values()]
        empty_box = getattr(child, "type", "") == "flex_container" and not kinds
        if empty_box or kinds and set(kinds) <= {"info", "success", "warning"}:
            shape.append("notes")
            continue
        shape.append(getattr(child, "type", type(child).__name__))
        shape += element_shape(child)
    return shape


def test_every_edge_keeps_the_same_elements_in_the_same_places() -> None:
    shapes = {
        str(params): element_shape(open_log_loss(**params).main)
        for params in (
            {},
            {"heads": "0", "tails": "5"},
            {"heads": "4", "tails": "0"},
            {"heads": "0", "tails": "0"},
            {"p": "0.7"},
            {"p": "1"},
        )
    }
    assert len({tuple(shape) for shape in shapes.values()}) == 1, shapes


def coin_game_elements(at: AppTest) -> list:
    """The elements of the coin game, in page order: from its heading to the next heading."""
    found: list = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            found.append(child)
            walk(child)

    walk(at.main)
    start = next(i for i, el in enumerate(found) if getattr(el, "value", "") == "The coin game")
    end = next(i for i, el in enumerate(found) if getattr(el, "value", "") == "Check yourself")
    return found[start + 1 : end]


@pytest.mark.parametrize("params", [{}, {"heads": "0", "tails": "4"}, {"heads": "0", "tails": "0"}])
def test_the_coin_game_typesets_few_formulas_one_per_markdown_element(
    params: dict[str, str],
) -> None:
    # Every formula in the coin game's markdown is typeset again when H or T moves (and the
    # product rule's value at p after a pause on p): each markdown element carries at most one,
    # and the game three at most (L' solved for p; the product rule and its value at p, which
    # with no tosses is words). The unit's working at p is one formula per row.
    at = open_log_loss(**params)
    markdown = [str(el.value) for el in coin_game_elements(at) if el.type == "markdown"]
    formulas = [m.count("$$") // 2 for m in markdown]
    assert max(formulas) == 1
    assert 2 <= sum(formulas) <= 3
    rows = touch_data(at, UNIT)["rows"]
    assert all(len(row["tex"]) == 1 for line in rows for row in line)


def test_the_coin_game_holds_no_table_and_no_text_box() -> None:
    kinds = {el.type for el in coin_game_elements(open_log_loss())}
    assert {"bidi_component", "markdown"} <= kinds
    # H, T and p are the touch unit's inputs: no Streamlit slider is left in the game
    assert "slider" not in kinds
    # what follows p (the picture, the numbers) lives in the touch unit, not in Streamlit
    assert not kinds & {"table", "text_input", "button", "metric", "vega_lite_chart"}


# The page as a folder: sections in order, each question after its picture, links


def test_sections_come_in_order_each_with_its_questions_after_it() -> None:
    at = open_log_loss()
    order: list[str] = []

    def walk(node) -> None:
        for child in getattr(node, "children", {}).values():
            kind = getattr(child, "type", "")
            if kind == "header":
                order.append(str(child.value))
            elif kind == "radio" or kind == "text_input" and str(child.key).startswith("quiz_"):
                order.append(f"quiz:{child.key}")
            walk(child)

    walk(at.main)
    assert order == [
        "The coin game",
        "Check yourself",
        "quiz:quiz_logloss_chain",
        "quiz:quiz_logloss_expression",
        "quiz:quiz_logloss_best_p",
        "The course's three coins",
        "Order does not matter",
        "Why logs (1): tiny products become 0.0",
        "Why logs (2): short derivatives",
        "Check yourself",
        "quiz:quiz_logloss_why_logs",
        "The bridge to machine learning",
        "Check yourself",
        "quiz:quiz_logloss_at_one",
        "Recap",
    ]
    # the product rule's question comes first in the game's questions, right after the
    # expander that holds the product rule, and outside the game's fragment: a move of H or T
    # does not rerun it
    going_further = next(e for e in at.expander if e.label.endswith("the product rule on g"))
    assert not going_further.radio
    assert "quiz_logloss_chain" not in [r.key for r in coin_game_elements(at) if r.type == "radio"]


def test_the_ln_step_links_to_the_rules_pages_ln_panel_and_the_page_ends_with_the_next_one() -> (
    None
):
    links = open_log_loss().get("page_link")
    ln = links[0].proto
    assert (ln.page, ln.query_string) == ("rules", "rule=ln")  # /rules?rule=ln, one click
    assert "ln" in ln.label
    assert (links[-1].proto.page, links[-1].proto.label) == ("regression", "Next: Regression")


def test_the_product_rule_route_and_the_long_derivations_are_folded_away() -> None:
    at = open_page(PAGE)
    assert not at.exception
    labels = {e.label: e.proto.expanded for e in at.expander}
    assert labels == {
        "Going further: the product rule on g": False,
        "Going further: where float64 runs out": False,
        "Going further: the same maximiser by the product rule": False,
    }


def test_the_product_rule_is_built_only_while_its_expander_is_open() -> None:
    """Closed, its formulas were typeset again, hidden, on every move of H or T; the link
    opens it, and then it follows H, T and p as before."""

    def route(at: AppTest) -> list[str]:
        further = next(e for e in at.expander if e.label.endswith("the product rule on g"))
        return [str(m.value) for m in further.markdown]

    closed = open_page(PAGE, {"heads": "4", "tails": "2"})
    assert not closed.exception
    assert route(closed) == []
    assert not any("g'(p)" in str(m.value) for m in closed.markdown)
    opened = open_log_loss(heads="4", tails="2")
    [derivation, at_p] = route(opened)
    assert derivation.startswith("**The product rule on g**")
    assert r"g'(p) &= 4p^{3}(1-p)^{2}" in derivation
    assert r"g'(0.5) &= 0.5^{3}(1-0.5)\,(4 - 6\cdot 0.5)" in at_p
    assert opened.query_params["product_rule_on_g"] == "true"
    # the rest of the page is the same, open or closed
    assert [h.value for h in opened.header] == [h.value for h in closed.header]
    assert len(opened.markdown) == len(closed.markdown) + 2


# The lecturer's second reading (issue 16, follow-up review): statements true at every setting


def _repeated_product_hits_zero(p: float) -> int:
    """The first n at which p multiplied by itself n times, one toss at a time, is 0.0."""
    product, n = 1.0, 0
    while product:
        product *= p
        n += 1
    return n


def test_underflow_talk_says_a_product_of_half_the_smallest_double_or_less_becomes_0() -> None:
    """It read 'a product below half of it is rounded to 0.0' and then '0.5ⁿ reaches exactly
    0.0 at n = 1075': 0.5¹⁰⁷⁵ = 2⁻¹⁰⁷⁵ is exactly half of 2⁻¹⁰⁷⁴, not below it, and becomes 0.0
    (a tie rounds to the even neighbour, 0.0); just above half rounds up to 2⁻¹⁰⁷⁴."""
    smallest = math.ldexp(1.0, -1074)
    assert Fraction(math.ldexp(1.0, -1075)) == 0 and Fraction(smallest) / 2 == Fraction(1, 2**1075)
    assert math.ldexp(3.0, -1076) == smallest  # 0.75 · 2⁻¹⁰⁷⁴, above half: not 0.0
    assert _repeated_product_hits_zero(0.5) == 1075
    text = " ".join(unescaped(m.value) for m in open_log_loss().markdown)
    assert "below half of it is rounded to 0.0" not in text
    assert "a product of half of it or less is rounded to 0.0" in text
    assert "0.5ⁿ reaches exactly 0.0 at n = 1075" in text


def test_the_underflow_caption_says_which_probability_stops_where() -> None:
    """'becomes 0.0 at n = 1075 and n = 324' did not say which curve stops where."""
    half, tenth = _repeated_product_hits_zero(0.5), _repeated_product_hits_zero(0.1)
    assert (half, tenth) == (1075, 324)
    description = chart_descriptions(open_log_loss())[0]
    assert f"0.5ⁿ becomes 0.0 at n = {half} and 0.1ⁿ at n = {tenth}" in description


def test_no_tosses_are_not_said_to_make_every_p_equally_likely() -> None:
    """'every p is equally likely' speaks of the probability of p (a posterior); with no tosses
    what is equal is the likelihood: g(p) = 1 for every p."""
    at = open_log_loss(heads="0", tails="0", p="0.3")
    text = page_text(at)
    assert "likely" not in text.split("Check yourself")[0]
    assert "**every p has the same likelihood, 1**" in text


@pytest.mark.parametrize(
    ("params", "expected", "wrong"),
    [
        (
            {"heads": "1", "tails": "99", "p": "0.01"},
            "makes 1 head and 99 tails likelier",
            "1 heads",
        ),
        (
            {"heads": "99", "tails": "1", "p": "0.99"},
            "makes 99 heads and 1 tail likelier",
            "1 tails",
        ),
        ({"tosses": "H"}, "1 toss: 1 head, 0 tails", "1 heads"),
        ({"tosses": "HT"}, "Use 1 head and 1 tail in the coin game", "1 tails"),
    ],
)
def test_one_head_and_one_tail_are_singular(params, expected, wrong) -> None:
    at = open_log_loss(**params)
    text = page_text(at) + " ".join(b.label for b in at.button)
    assert expected in text + " ".join(unescaped(m.value) for m in at.markdown)
    assert wrong not in text


def test_the_product_rule_chain_shows_no_factor_for_a_power_that_is_0() -> None:
    """H = 1, T = 2, p = 0.33: g'(p) = (1 - p)(1 - 3p), with no p⁰; it read '1·0.67·0.01'."""
    p = Fraction(33, 100)
    assert (1 - p) * (1 - 3 * p) == Fraction(67, 100) * Fraction(1, 100) == Fraction(67, 10000)
    source = maths(open_log_loss(heads="1", tails="2", p="0.33"))
    assert r"&= 0.67\cdot 0.01\\&= 0.0067" in source
    assert r"1\cdot 0.67" not in source


def test_one_tail_differentiates_1_minus_p_to_minus_1_without_a_factor_1() -> None:
    """T = 1: d/dp (1 - p) = -1; it read 'p^{100}·1·(-1)' and '(1 − p) is 1·(−1)'."""
    at = open_log_loss(heads="100", tails="1", p="0.99")
    source = maths(at)
    assert r"+ p^{100}\cdot(-1)" in source
    assert r"\cdot 1\cdot(-1)" not in source
    assert "The derivative of (1 − p) is −1: that is where the minus sign comes from." in source
    p = Fraction(99, 100)
    assert p**99 * (100 - 101 * p) == p**99 * Fraction(1, 100)  # the chain's two factors
    assert r"\approx 0.3697\cdot 0.01\\" in source


def test_captions_write_g_and_l_in_the_page_notation() -> None:
    """The captions wrote 'p^7 (1-p)^3' and 'ln(1-p)' (a caret and a hyphen) beside prose
    that writes p⁷ (1 − p)³ with a true minus sign."""
    at = open_log_loss()
    picture = touch_data(at, UNIT)["picture"]
    assert "L(p) = ln g(p) = 7 ln p + 3 ln(1 − p) of g(p) = p⁷ (1 − p)³" in picture["description"]
    assert picture["legend"][0]["name"] == "L(p) = 7 ln p + 3 ln(1 − p)"
    assert unit_row(at)["alt"].startswith("L(p) = 7 ln p + 3 ln(1 − p), highest at p = 0.7.")
    written = [picture["description"], *(key["name"] for key in picture["legend"])]
    assert not [text for text in written if "^" in text or "1-p" in text or "1 - p" in text]
    # 0.5¹⁰⁰⁰ as the expander writes it, not 0.5^1000 (the underflow unit's numbers since n
    # became its input)
    labels = [m.label for m in at.metric] + list(metrics(at))
    assert "0.5¹⁰⁰⁰ multiplied in float64" in labels and "0.1¹⁰⁰⁰ multiplied in float64" in labels
    assert not [label for label in labels if "^" in label]


@pytest.mark.parametrize(("heads", "tails", "p"), [("1", "2", "0.33"), ("1", "100", "0.01")])
def test_a_p_next_to_the_best_p_is_not_labelled_the_best(heads, tails, p) -> None:
    """H = 1, T = 2, p = 0.33: the charts' one mark read 'best 0.33' while the best p is 1/3
    and the page says 'move p towards it'. Only an exactly best p is called the best: the
    legend names the learner's p and the best p apart, and the note says which way to move."""
    best = Fraction(int(heads), int(heads) + int(tails))
    assert best != Fraction(p) and abs(best - Fraction(p)) < Fraction(1, 200)
    at = open_log_loss(heads=heads, tails=tails, p=p)
    shown_best = metric_starting(at, "best p")  # '≈ 0.3333'
    legend = touch_data(at, UNIT)["picture"]["legend"][3]["name"]
    assert legend == f"best p {shown_best}"
    assert unit_row(at)["legend"][2].startswith(f"your p = {p}: L ≈ ")
    [note] = unit_row(at)["notes"]
    assert note.endswith(f"p to climb towards the best p {shown_best}.")
    assert "this is the best p" not in note and "is the best p:" not in note
