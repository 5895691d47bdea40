"""Section 4, why logs (1): multiply n probabilities in float64 and the product reaches exactly
0.0; add their logarithms and the sum stays an ordinary number that still tells the size.

n is the input of one touch unit (`underflow_touch`): the "your n" rule on the picture, the
numbers (p^n multiplied in float64, the sum of logs n ln p) and the working for p = 0.5 and 0.1
follow the hand in the browser, from one `core.underflow.underflow_grid()` call that works every
position of n. The positions are `core.underflow.underflow_positions()` (every n up to 100,
every n near each underflow point, coarser steps between; the input's hint says which): one row
per n from 1 to 5000 would not fit a message. The four curves, the smallest float64 and the
underflow points are the picture's fixed layers; past n = 1100 a row carries its own window
(0 to n), as the chart's window was the larger of n and 1100. URL key: `n`. The float64 talk
(where and why the product stops) is folded into a "Going further" expander.
"""

from __future__ import annotations

import math
from fractions import Fraction

import streamlit as st

from app_pages.log_loss.formulas import about, superscript
from core import underflow
from dashboard import charts, numbers, touch
from dashboard.layout import section

SMALLEST = numbers.eq_text(Fraction(underflow.SMALLEST_DOUBLE))
KEY = "underflow_touch"
WINDOW = 1100  # the picture's window spans n = 0 to the larger of n and this
HEIGHT = 300

COLORS = {
    "0.5: float64 product": charts.COLORS["function"],
    "0.5: sum of logs": charts.COLORS["accent"],
    "0.1: float64 product": charts.COLORS["derivative"],
    "0.1: sum of logs": charts.COLORS["secant"],
}


def _hint() -> str:
    """Which n the input offers (core.underflow.underflow_positions), in words."""
    around = " and from ".join(
        f"{u - underflow.AROUND_UNDERFLOW} to {u + underflow.AROUND_UNDERFLOW}"
        for u in sorted(underflow.underflow_point(p) for p in underflow.UNDERFLOW_PROBABILITIES)
    )
    return (
        f"Every n from 1 to {underflow.EVERY_N_UP_TO}, every {underflow.MIDDLE_STEP}th to "
        f"{underflow.MIDDLE_UP_TO}, every {underflow.FAR_STEP}th to {underflow.MAX_TOSSES}, "
        f"and every n from {around}, where the products reach 0.0. Or drag the ring."
    )


N = touch.Control(
    label="Number of tosses n",
    param="n",
    values=underflow.underflow_positions(),
    default=1000,
    hint=_hint(),
)


@st.cache_data(max_entries=64, show_spinner=False)
def study(n: int) -> underflow.UnderflowStudy:
    return underflow.underflow_study(n)


def _window(n: int) -> int:
    return max(n, WINDOW)


def _y_range(window: int) -> tuple[float, float]:
    """The y range for n from 0 to `window`: down to log10(0.1^window) = -window, with margins."""
    return (-1.05 * window, 0.03 * window)


def _product_text(result: underflow.ProductVersusLogs) -> str:
    # The float64 product is a binary number: its exact value, not its short repr
    # (2^-1074 reads back from '5e-324', yet it is 4.94... × 10^-324).
    return "0.0 (underflow)" if result.product == 0 else about(Fraction(result.product))


def _metrics(result: underflow.ProductVersusLogs) -> list[tuple[str, str]]:
    p, n = numbers.text(result.p), result.n
    return [
        (f"{p}{superscript(n)} multiplied in float64", _product_text(result)),
        (f"sum of logs {n}·ln {p}", about(result.log_sum, 7)),
    ]


def _template(p: float) -> str:
    """p^n = e^{n ln p} ≈ e^{sum} ≈ m × 10^e, in two rows so that it fits a phone; @0 is n,
    @1 the sum of logs, @2 the mantissa, @3 the exponent."""
    p_tex = numbers.tex(p)
    return (
        rf"\begin{{aligned}}{p_tex}^{{@0}} &= e^{{@0\ln {p_tex}}} "
        r"\approx e^{@1}\\ &\approx @2\times 10^{@3}\end{aligned}"
    )


def _formula(k: int, result: underflow.ProductVersusLogs) -> dict:
    return touch.filled(
        k,
        [
            str(result.n),
            numbers.tex(result.log_sum, 7),
            numbers.tex(result.mantissa),
            str(result.exponent),
        ],
    )


def _alt(n: int, results: tuple[underflow.ProductVersusLogs, ...]) -> str:
    """The picture at this n in one sentence, for screen readers (the sums of logs are in the
    numbers below it)."""
    products = "; ".join(
        f"{numbers.text(r.p)}{superscript(n)} is {_product_text(r)}" for r in results
    )
    return f"At n = {n} in float64, {products}."


def _row(n: int, results: tuple[underflow.ProductVersusLogs, ...]) -> touch.Row:
    window = _window(n)
    low, high = _y_range(window)
    return touch.row(
        [touch.line([(n, low), (n, high)], charts.COLORS["point"], dash=True, width=2)],
        tex=[_formula(k, r) for k, r in enumerate(results)],
        metrics=[m for r in results for m in _metrics(r)],
        alt=_alt(n, results),
        window=touch.Window(x=(0, window), y=(low, high)) if window > WINDOW else None,
    )


def _handle(results: tuple[underflow.ProductVersusLogs, ...]) -> tuple[float, float]:
    """The drag's ring: on the 0.5 sum of logs at n (its log10, n log10 0.5)."""
    half = results[0]
    return (half.n, half.log_sum / math.log(10.0))


def _picture(grid: underflow.UnderflowGrid) -> touch.Picture:
    """What stays while n moves: the four curves (n from 1 to 5000: a row's window shows the
    part from 0 to its n), the smallest float64 and the underflow points."""
    curves = underflow.underflow_curves(underflow.MAX_TOSSES)
    layers = []
    # Logs first, so that the solid products are drawn on top of them.
    for method in ("sum of logs", "float64 product"):
        for p in underflow.UNDERFLOW_PROBABILITIES:
            part = curves[(curves["method"] == method) & (curves["p"] == p)]
            # a product is -inf (0.0) from its underflow point on: the line stops there
            part = part[part["log10"] > -math.inf]
            name = f"{numbers.text(p)}: {method}"
            layers.append(
                touch.line(
                    part[["n", "log10"]].to_numpy(), COLORS[name], dash=method == "sum of logs"
                )
            )
    smallest = underflow.SMALLEST_DOUBLE_LOG10
    layers.append(
        touch.line(
            [(0, smallest), (underflow.MAX_TOSSES, smallest)],
            charts.COLORS["muted"],
            dash=True,
            width=1.5,
        )
    )
    layers.append(
        touch.points([(r.underflows_at, smallest) for r in grid.results[0]], charts.COLORS["point"])
    )
    first, second = grid.results[0]
    description = (
        f"The float64 product (solid): {numbers.text(first.p)}ⁿ becomes 0.0 at n = "
        f"{first.underflows_at} and {numbers.text(second.p)}ⁿ at n = {second.underflows_at}; "
        "the sum of logs (dashed) goes on."
    )
    y = _y_range(WINDOW)
    return touch.Picture(
        x=(0, WINDOW),
        y=y,
        x_title="number of tosses n",
        y_title="log₁₀ of the probability",
        description=description,
        layers=tuple(layers),
        legend=(
            *(touch.Key(name, color, dash="sum" in name) for name, color in COLORS.items()),
            touch.Key(f"smallest float64, 2⁻¹⁰⁷⁴ {SMALLEST}", charts.COLORS["muted"], dash=True),
            touch.Key("your n", charts.COLORS["point"], dash=True),
        ),
        drags=(
            touch.Drag(
                control=0, at=tuple(_handle(r) for r in grid.results), color=charts.COLORS["point"]
            ),
        ),
        height=HEIGHT,
        tex=tuple(_template(p) for p in underflow.UNDERFLOW_PROBABILITIES),
    )


@st.cache_resource(show_spinner=False, max_entries=1)  # read only: the same objects each time
def _unit() -> tuple[touch.Picture, tuple[touch.Row, ...]]:
    """The picture and a row per position of n, worked out once (one core call)."""
    grid = underflow.underflow_grid()
    return _picture(grid), tuple(
        _row(n, results) for n, results in zip(grid.positions, grid.results, strict=True)
    )


@st.fragment
def underflow_game() -> None:
    picture, rows = _unit()
    touch.touch_unit(KEY, [N], picture, [rows])


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
