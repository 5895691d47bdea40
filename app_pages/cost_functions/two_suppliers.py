"""Section 5, going further: split a purchase between two suppliers so that the monthly bill
varies least. One call: `core.suppliers.supplier_split(seed, w)`."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.cost_functions.values import shown
from core import suppliers
from core.power_lines import exact_input
from dashboard import charts, live_chart
from dashboard.controls import url_slider
from dashboard.layout import latex, numbers_table, section
from dashboard.numbers import eq_tex, eq_text, tex, text

EXPANDER_KEY = "suppliers"  # ?suppliers=true opens it
MIX, MIX_COLOR = "your mix", charts.COLORS["tangent"]
STAT_DIGITS = 6  # Var A, Var B and Cov in the worked formula: enough that they give w* again


@st.cache_data(max_entries=100)
def _split(seed: int, w: float) -> suppliers.SupplierSplit:
    return suppliers.supplier_split(seed, w)


def _charts(split: suppliers.SupplierSplit, seed: int) -> None:
    prices, w = split.prices, split.w
    series = pd.concat(
        [
            pd.DataFrame({"x": prices.months, "y": prices.price_a, "curve": "supplier A"}),
            pd.DataFrame({"x": prices.months, "y": prices.price_b, "curve": "supplier B"}),
            pd.DataFrame({"x": prices.months, "y": split.monthly, "curve": MIX}),
        ],
        ignore_index=True,
    )
    price_description = (
        f"Monthly prices of A and B over {len(prices.months)} months (history {seed}) and the "
        f"cost of buying {text(w)} from A and {text(1 - exact_input(w))} from B; its variance is "
        f"{shown(split.loss)}."
    )
    # The legend's live label ("your mix, w = 0.5") travels in the data (live_chart), under a
    # fixed series name, so a move of w keeps the chart's spec.
    charts.show_chart(
        live_chart.compose_live(
            charts.function_plot(
                series,
                series="curve",
                x_title="month",
                y_title="price per unit",
                colors={MIX: MIX_COLOR},
                dashed=["supplier A", "supplier B"],
            ),
            legend={MIX: f"{MIX}, w = {text(w)}"},
            description=price_description,
            height=260,
        ),
        price_description,
    )
    loss_description = (
        f"The loss L(w), the variance of the monthly cost, for every split w: lowest at "
        f"w* {eq_text(split.closed_w, 3)}. At your "
        f"w = {text(w)} it is {shown(split.loss)} with slope {shown(split.slope)}."
    )
    charts.show_chart(
        charts.compose(
            charts.function_plot(
                pd.DataFrame({"x": split.ws, "y": split.losses}),
                x_title="share from A, w",
                y_title="loss L(w)",
            ),
            charts.vertical_rule(
                split.closed_w,
                label=f"w* {eq_text(split.closed_w, 3)}",
                color=charts.COLORS["tangent"],
            ),
            charts.line_through(
                w,
                split.loss,
                split.slope,
                (max(w - 0.15, 0), min(w + 0.15, 1)),
                label="tangent",
                color=charts.COLORS["tangent"],
            ),
            charts.points(
                pd.DataFrame({"x": [w], "y": [split.loss], "who": ["your w"]}), label="who"
            ),
            description=loss_description,
            height=260,
        ),
        loss_description,
    )


@st.fragment
def _suppliers() -> None:
    cols = st.columns(2)
    with cols[0]:
        w = url_slider(
            "Share bought from supplier A, w",
            "w",
            min_value=0.0,
            max_value=1.0,
            default=0.5,
            step=0.01,
        )
    with cols[1]:
        seed = url_slider(
            "Price history number (seed)",
            "seed",
            min_value=min(suppliers.SEEDS),
            max_value=max(suppliers.SEEDS),
            default=suppliers.DEFAULT_SEED,
            step=1,
        )
    split = _split(seed, w)
    m = st.columns(3)
    m[0].metric("loss at w: variance of the monthly cost", shown(split.loss))
    m[1].metric("slope L′(w)", shown(split.slope))
    m[2].metric("best split w*", shown(split.closed_w, sig=3))
    _charts(split, seed)
    numbers_table(
        pd.DataFrame(
            {
                "way": ["grid search over 1001 splits", "where L′(w) changes sign", "closed form"],
                "best w": [shown(v) for v in (split.grid_w, split.sign_w, split.closed_w)],
            }
        ),
        caption="Three ways to the best split. They agree: the grid to its spacing (0.001), the "
        "other two exactly.",
    )
    s = split.stats
    d = STAT_DIGITS
    # One formula, a row per step, so that it fits a phone.
    latex(
        r"\begin{aligned} w^* &= \frac{\operatorname{Var} B - \operatorname{Cov}}"
        r"{\operatorname{Var} A + \operatorname{Var} B - 2\operatorname{Cov}} \\ "
        rf"&\approx \frac{{{tex(s.var_b, d)} - {tex(s.cov, d)}}}"
        rf"{{{tex(s.var_a, d)} + {tex(s.var_b, d)} - 2 \cdot {tex(s.cov, d)}}} \\ "
        rf"&{eq_tex(split.closed_w)} \end{{aligned}}"
    )


def draw() -> None:
    """The section: one sentence, and the problem in a closed 'Going further' expander."""
    section("5. Two suppliers")
    st.markdown("A richer cost, solved three ways.")
    _going_further()


@st.fragment
def _going_further() -> None:
    """The closed expander, built only while open (?suppliers=true): closed, its thirteen
    elements would be redrawn hidden on every slider move elsewhere on the page. Opening it
    reruns only this fragment."""
    further = st.expander(
        "Going further: split a purchase between two suppliers",
        expanded=False,
        key=EXPANDER_KEY,
        bind="query-params",
    )
    with further:
        if further.open:
            st.markdown(
                "Buy a share w from supplier A and 1 − w from B. The monthly cost is "
                "w·pA + (1 − w)·pB; the loss is its variance over the months. Find the "
                "steadiest w."
            )
            _suppliers()
