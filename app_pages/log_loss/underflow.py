"""Section 4, why logs (1): multiply n probabilities in float64 and the product reaches exactly
0.0; add their logarithms and the sum stays an ordinary number that still tells the size.

One call: `core.underflow.underflow_study(n)`. URL key: `n`. The float64 talk (where and why
the product stops) is folded into a "Going further" expander.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import streamlit as st

from app_pages.log_loss.formulas import about, superscript
from core import underflow
from dashboard import charts, numbers
from dashboard.controls import url_slider
from dashboard.layout import latex, section

SMALLEST = numbers.eq_text(Fraction(underflow.SMALLEST_DOUBLE))


@st.cache_data(max_entries=64, show_spinner=False)
def study(n: int) -> underflow.UnderflowStudy:
    return underflow.underflow_study(n)


def controls() -> int:
    return int(
        url_slider(
            "Number of tosses n",
            "n",
            min_value=1,
            max_value=underflow.MAX_TOSSES,
            default=1000,
            step=1,
            help="Each toss has the same probability; multiply them or add their logs.",
        )
    )


def _numbers(result: underflow.ProductVersusLogs) -> None:
    p, n = numbers.text(result.p), result.n
    # The float64 product is a binary number: its exact value, not its short repr
    # (2^-1074 reads back from '5e-324', yet it is 4.94... × 10^-324).
    product = "0.0 (underflow)" if result.product == 0 else about(Fraction(result.product))
    st.metric(f"{p}{superscript(n)} multiplied in float64", product)
    st.metric(f"sum of logs {n}·ln {p}", about(result.log_sum, 7))
    # Two rows, so that it fits a phone.
    latex(
        rf"\begin{{aligned}}{p}^{{{n}}} &= e^{{{n}\ln {p}}} "
        rf"\approx e^{{{numbers.tex(result.log_sum, 7)}}}\\ "
        rf"&\approx {numbers.tex(result.mantissa)}\times 10^{{{result.exponent}}}\end{{aligned}}"
    )


def _chart(found: underflow.UnderflowStudy, n: int) -> None:
    # Logs first, so that the solid products are drawn on top of them.
    curves = found.curves.sort_values(["method", "p"], ascending=False)
    curves = curves.assign(series=curves["p"].map(numbers.text) + ": " + curves["method"])
    smallest = underflow.SMALLEST_DOUBLE_LOG10
    plot = charts.function_plot(
        curves,
        x="n",
        y="log10",
        series="series",
        x_title="number of tosses n",
        y_title="log₁₀ of the probability",
        colors={
            "0.5: float64 product": charts.COLORS["function"],
            "0.5: sum of logs": charts.COLORS["accent"],
            "0.1: float64 product": charts.COLORS["derivative"],
            "0.1: sum of logs": charts.COLORS["secant"],
        },
        dashed=("0.5: sum of logs", "0.1: sum of logs"),
    )
    # The window is not in the spec (a slider move would then build a new chart): the x scale
    # spans the data exactly, and two invisible points at n = 0 and n = window set its ends.
    # (function_plot has no option for a scale that is not 'nice': set here, on its spec.)
    plot.spec["encoding"]["x"]["scale"]["nice"] = False
    corners = charts.window_corners((0, found.window), (smallest, smallest), x="n", y="log10")
    stops = pd.DataFrame(
        {
            "n": [r.underflows_at for r in found.results],
            "log10": [smallest] * len(found.results),
            "where": [
                f"{numbers.text(r.p)}ⁿ = 0.0 from n = {r.underflows_at}" for r in found.results
            ],
        }
    )
    layers = [
        plot,
        corners,
        charts.horizontal_rule(
            smallest, label=f"smallest float64, 2⁻¹⁰⁷⁴ {SMALLEST}", color=charts.COLORS["muted"]
        ),
        charts.vertical_rule(n, label="your n", color=charts.COLORS["point"]),
        charts.points(stops, x="n", y="log10", tooltip=["where", "n"]),
    ]
    first, second = found.results
    description = (
        f"The float64 product (solid): {numbers.text(first.p)}ⁿ becomes 0.0 at n = "
        f"{first.underflows_at} and {numbers.text(second.p)}ⁿ at n = {second.underflows_at}; "
        "the sum of logs (dashed) goes on."
    )
    charts.show_chart(charts.compose(*layers, description=description, height=300), description)


@st.fragment
def underflow_game() -> None:
    n = controls()
    found = study(n)
    for column, result in zip(st.columns(len(found.results)), found.results, strict=True):
        with column:
            _numbers(result)
    _chart(found, n)


def _float64_talk() -> None:
    """Where and why the product stops: the smallest float64 and the notes' two examples."""
    half, tenth = study(1000).at_1000
    stops = "; ".join(
        f"{numbers.text(r.p)}ⁿ reaches exactly 0.0 at n = {r.underflows_at}"
        for r in study(1000).results
    )
    st.markdown(
        f"0.5¹⁰⁰⁰ {numbers.eq_text(Fraction(half.product), 2)} still fits in a double; 0.1¹⁰⁰⁰ "
        f"becomes 0.0: the smallest positive float64 is 2⁻¹⁰⁷⁴ {SMALLEST}, and a product "
        f"of half of it or less is rounded to 0.0 (exactly half, 2⁻¹⁰⁷⁵, rounds to the even "
        f"neighbour, 0.0). The sum of logs, 1000 ln 0.1 "
        f"{numbers.eq_text(tenth.log_sum, 7)}, is an ordinary number and still tells the size: "
        f"0.1¹⁰⁰⁰ {numbers.eq_text(tenth.mantissa)} × 10{superscript(tenth.exponent)}. "
        f"Multiplied one by one in float64, {stops}."
    )


def draw() -> None:
    section(
        "Why logs (1): tiny products become 0.0",
        "Multiply n probabilities in float64, or add their logs.",
    )
    underflow_game()
    with st.expander("Going further: where float64 runs out"):
        _float64_talk()
