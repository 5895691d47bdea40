"""Section 5, going further: split a purchase between two suppliers so that the monthly bill
varies least. One call: `core.suppliers.supplier_split_grid(seed, w)`, the split at every share
with the history held and at every history with the share held: the two inputs of one touch
unit (a cross grid), so the loss curve, the tangent at w, the numbers and the worked w* follow
the hand in the browser; the prices chart and the table of three ways follow after the pause."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from app_pages.cost_functions.values import shown
from core import suppliers
from core.power_lines import exact_input
from dashboard import charts, live_chart, touch
from dashboard.layout import numbers_table, section
from dashboard.numbers import eq_tex, eq_text, tex, text

EXPANDER_KEY = "suppliers"  # ?suppliers=true opens it
KEY = "suppliers_touch"
MIX, MIX_COLOR = "your mix", charts.COLORS["tangent"]
STAT_DIGITS = 6  # Var A, Var B and Cov in the worked formula: enough that they give w* again
TANGENT_REACH = 0.15  # the tangent is drawn from w − 0.15 to w + 0.15, inside [0, 1]
HEIGHT = 280
C = charts.COLORS
# The worked w*, one formula a row per step so that it fits a phone: @0 Var B, @1 Cov, @2 Var A,
# @3 "= w*" or "≈ w*" (touch.filled).
W_STAR_TEX = (
    r"\begin{aligned} w^* &= \frac{\operatorname{Var} B - \operatorname{Cov}}"
    r"{\operatorname{Var} A + \operatorname{Var} B - 2\operatorname{Cov}} \\ "
    r"&\approx \frac{@0 - @1}{@2 + @0 - 2 \cdot @1} \\ "
    r"&@3 \end{aligned}"
)
LOSS, BEST, SLOPE = "loss at w: variance of the monthly cost", "best split w*", "slope L′(w)"


def controls() -> tuple[touch.Control, touch.Control]:
    """The share w and the price history: the old sliders' positions, in ?w= and ?seed=."""
    return (
        touch.Control(
            label="Share bought from supplier A, w",
            param="w",
            values=suppliers.SHARES,
            default=0.5,
            hint="Or drag the ring on the loss curve left or right.",
        ),
        touch.Control(
            label="Price history number (seed)",
            param="seed",
            values=tuple(suppliers.SEEDS),
            default=suppliers.DEFAULT_SEED,
        ),
    )


def w_star_values(split: suppliers.SupplierSplit) -> tuple[str, str, str, str]:
    """What fills W_STAR_TEX for this history: Var B, Cov, Var A (6 digits) and = or ≈ w*."""
    s, d = split.stats, STAT_DIGITS
    return tex(s.var_b, d), tex(s.cov, d), tex(s.var_a, d), eq_tex(split.closed_w)


def loss_window(split: suppliers.SupplierSplit) -> touch.Window:
    """The loss picture's window for this history: w from 0 to 1, the loss between round
    numbers (multiples of 5) below its lowest and above its largest value, with some room
    (each history has its own: its lowest loss is 16 to 33, its largest 35 to 70)."""
    low, high = float(min(split.losses)), float(max(split.losses))
    room = 0.06 * (high - low)
    return touch.Window(
        x=(0.0, 1.0), y=(math.floor((low - room) / 5) * 5, math.ceil((high + room) / 5) * 5)
    )


def loss_words(split: suppliers.SupplierSplit) -> str:
    """The picture's text alternative: the loss curve, the best split, the learner's w."""
    w = split.w
    return (
        f"The loss L(w), the variance of the monthly cost, for every split w (history "
        f"{split.prices.seed}): lowest at w* {eq_text(split.closed_w, 3)}. At your "
        f"w = {text(w)} it is {shown(split.loss)} with slope {shown(split.slope)}."
    )


def _row(split: suppliers.SupplierSplit, curve: int, window: touch.Window | None) -> touch.Row:
    """What the unit shows for one split: its history's loss curve (from the pool), the w*
    rule, the tangent and the point at w, the three numbers and the worked w*."""
    w, loss, slope = split.w, split.loss, split.slope
    y = (window or loss_window(split)).y
    ends = (max(w - TANGENT_REACH, 0.0), min(w + TANGENT_REACH, 1.0))
    return touch.row(
        [
            touch.pooled(curve),
            touch.segments([[split.closed_w, y[0], split.closed_w, y[1]]], C["tangent"], dash=True),
            touch.line([(x, loss + slope * (x - w)) for x in ends], C["tangent"]),
            touch.points([(w, loss)], C["point"], size=6),
        ],
        tex=[touch.filled(0, w_star_values(split))],
        metrics=[
            (LOSS, shown(loss)),
            (SLOPE, shown(slope)),
            (BEST, shown(split.closed_w, sig=3)),
        ],
        legend=["loss L(w)", f"best split w* {eq_text(split.closed_w, 3)}", "tangent", "your w"],
        # the sentence the loss chart's caption read, under the picture as before
        notes=[loss_words(split)],
        alt=loss_words(split),
        handles=[(w, loss)],
        window=window,
    )


@st.cache_data(max_entries=40)
def suppliers_unit(
    seed: int, w: float
) -> tuple[touch.Picture, list[list[touch.Row]], list[touch.Layer], suppliers.SupplierSplit]:
    """The picture, every row of the cross through (seed, w), the pool (each history's loss
    curve, sent once) and the split Python holds: one core call, formatted once."""
    grid = suppliers.supplier_split_grid(seed, w)
    pool = [
        touch.line(list(zip(s.ws[::2], s.losses[::2], strict=True)), C["function"])
        for s in grid.by_seed
    ]
    here = grid.seeds.index(seed)
    held = grid.by_share[grid.shares.index(w)]
    window = loss_window(held)
    picture = touch.Picture(
        x=window.x,
        y=window.y,
        x_title="share from A, w",
        y_title="loss L(w)",
        description="The loss L(w) for every split w, its lowest point w*, and the tangent at "
        "your w.",
        legend=(
            touch.Key("loss L(w)", C["function"]),
            touch.Key("best split w*", C["tangent"], dash=True),
            touch.Key("tangent", C["tangent"]),
            touch.Key("your w", C["point"]),
        ),
        drags=(
            touch.Drag(control=0, at=tuple((s.w, s.loss) for s in grid.by_share), color=C["point"]),
        ),
        height=HEIGHT,
        tex=(W_STAR_TEX,),
    )
    rows = [
        [_row(s, here, None) for s in grid.by_share],
        [_row(s, i, loss_window(s)) for i, s in enumerate(grid.by_seed)],
    ]
    return picture, rows, pool, held


def _prices_chart(split: suppliers.SupplierSplit) -> None:
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
        f"Monthly prices of A and B over {len(prices.months)} months (history {prices.seed}) "
        f"and the cost of buying {text(w)} from A and {text(1 - exact_input(w))} from B; its "
        f"variance is {shown(split.loss)}."
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


@st.fragment
def _suppliers() -> None:
    """w and the history move the unit in the browser; after the pause Python hears them and
    redraws the prices and the table of three ways."""
    units = controls()
    w, seed = (touch.value(c) for c in units)
    picture, rows, pool, split = suppliers_unit(seed, w)
    touch.touch_unit(KEY, list(units), picture, rows, pool=pool)
    _prices_chart(split)
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


def draw() -> None:
    """The section: one sentence, and the problem in a closed 'Going further' expander."""
    section("5. Two suppliers")
    st.markdown("A richer cost, solved three ways.")
    _going_further()


@st.fragment
def _going_further() -> None:
    """The closed expander, built only while open (?suppliers=true): closed, its elements
    would be redrawn hidden on every move elsewhere on the page. Opening it reruns only this
    fragment."""
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
