"""Section 1, two houses: the notes' two prices fix a line, and the line prices any house.

The house to price is a touch unit (`dashboard.touch`): one call,
`core.priced_houses.priced_houses`, prices every number of bedrooms the input reaches, so the
asked house, its price and the working follow the hand in the browser; the number goes to
Python when the learner pauses."""

from __future__ import annotations

import streamlit as st

from app_pages.regression.katex_room import ROOM
from core.datasets import TWO_HOUSES
from core.line_fit import TwoPointLine, line_through_two
from core.priced_houses import PricedHouse, priced_houses
from dashboard import charts, touch
from dashboard.layout import quiz_number, section
from dashboard.numbers import tex, text

C = charts.COLORS
KEY = "two_houses_touch"
BEDROOMS = touch.Control(
    label="Bedrooms of the house to price",
    param="bedrooms",
    values=tuple(range(11)),
    default=3,
    hint="Or drag the ring along the line.",
)
X_RANGE = (0.0, 10.0)
_TWO = [(float(x), float(y)) for x, y in zip(TWO_HOUSES.x, TWO_HOUSES.y, strict=True)]
Y_RANGE = (0.0, 1_100_000.0)
# The y axis labelled in thousands (its title says so): "1,000,000" is wider than the
# picture's margin for labels, on a phone too.
Y_TICKS = tuple((float(v), text(v // 1000)) for v in range(0, 1_000_001, 200_000))


def draw() -> None:
    """The slope and intercept through the two houses, a priced house, and a question."""
    section("1. Two houses")
    line = line_through_two(TWO_HOUSES)
    # The introduction and the line's two numbers: one element (each costs every move).
    st.markdown(
        "From the notes: 1 bedroom sells for 150,000, 2 bedrooms for 250,000. Two points fix "
        "a line.\n\n$$\n"
        rf"\begin{{aligned}} {ROOM}\text{{slope}} &= \frac{{250{{,}}000 - 150{{,}}000}}{{2 - 1}} = "
        rf"{tex(line.slope)}, \\ \text{{intercept}} &= 150{{,}}000 - {tex(line.slope)}"
        rf"\cdot 1 = {tex(line.intercept)} \end{{aligned}}"
        "\n$$"
    )
    _priced_house(line)
    quiz_number(
        "regression_houses",
        "What price does the line through the two houses predict for 4 bedrooms?",
        450_000,
        tolerance=0.5,
        explanation="Slope 100,000 per bedroom, intercept 50,000: 100,000 × 4 + 50,000 = 450,000.",
    )


@st.cache_resource(show_spinner=False, max_entries=1)  # read only: the same objects each time
def _unit() -> tuple[touch.Picture, list[touch.Row]]:
    """The unit's frame and its row for every number of bedrooms (the line never changes)."""
    line = line_through_two(TWO_HOUSES)
    houses = priced_houses(line, BEDROOMS.values)
    return _frame(line, houses), [_row(h) for h in houses]


@st.fragment
def _priced_house(line: TwoPointLine) -> None:
    """The house to price follows the hand: its point, its price and the working."""
    picture, rows = _unit()
    touch.touch_unit(KEY, [BEDROOMS], picture, [rows])


def _frame(line: TwoPointLine, houses: tuple[PricedHouse, ...]) -> touch.Picture:
    """What stays while the bedrooms move: the line, the two houses, the ring on the line."""
    ends = [(x, float(line.value_at(x))) for x in (0, 10)]
    return touch.Picture(
        x=X_RANGE,
        y=Y_RANGE,
        x_title="bedrooms",
        y_title="price (thousands)",
        description="The line through the two houses and the house to price on it.",
        layers=(touch.line(ends, C["function"]),),
        legend=(
            touch.Key("the line through the two houses", C["function"]),
            touch.Key("the two houses", C["point"]),
            touch.Key("the house to price", C["derivative"]),
        ),
        drags=(
            touch.Drag(
                control=0,
                at=tuple((float(h.bedrooms), float(h.price)) for h in houses),
                axis="x",
                color=C["derivative"],
            ),
        ),
        height=300,
        x_ticks=tuple((float(k), text(k)) for k in range(11)),
        y_ticks=Y_TICKS,
        tex=(rf"\text{{price}} = {tex(line.slope)} \cdot @0 + {tex(line.intercept)} = @1",),
    )


def _row(house: PricedHouse) -> touch.Row:
    """What the unit shows for one house: its point on the line, its price, the working."""
    k, price = house.bedrooms, house.price
    return touch.row(
        [
            # the two houses travel in each row (a few bytes): a static layer's labels are
            # not drawn again after a move
            touch.points(_TWO, C["point"], labels=["house 1", "house 2"], size=6),
            touch.points(
                [(float(k), float(price))], C["derivative"], labels=[f"{k} bedrooms?"], size=6
            ),
        ],
        tex=[touch.filled(0, (tex(k), tex(price)))],
        metrics=[(f"Predicted price for {k} bedrooms", text(price))],
        alt=f"The line through the two houses prices {k} bedrooms at {text(price)}.",
    )
