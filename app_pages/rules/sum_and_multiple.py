"""Sum and scalar multiple, on the notes' cruise: positions add, so speeds add,
(f1 + f2)' = f1' + f2'; every distance times c makes every speed times c, (c f)' = c f'.

URL keys: `ship` and `walk` speeds (nautical miles per hour), `c` multiple.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.rules.picture import chart, factor_tex, formulas, metrics, question_heading
from core.combination_rules import SHIP_SPEED, WALK_SPEED, cruise_working
from dashboard import charts, numbers
from dashboard.controls import url_slider
from dashboard.layout import quiz_number

C = charts.COLORS


def draw() -> None:
    st.markdown(
        "The notes' cruise: the ship sails at 0.6 nautical miles per hour, a passenger walks "
        "forward on deck at 0.05. Distances add, so speeds add: **(f₁ + f₂)′ = f₁′ + f₂′**. "
        "Every distance times c makes every speed times c: **(c f)′ = c f′**."
    )
    cruise_picture()
    question_heading()
    notes = cruise_working(SHIP_SPEED, WALK_SPEED, 1.0)
    quiz_number(
        "cruise",
        "The ship sails at 0.6 nautical miles per hour; a passenger walks forward on deck at "
        "0.05. How fast does she move relative to the water?",
        float(notes.total),
        tolerance=0.001,
        unit="nautical miles per hour",
        explanation=f"Sum rule: 0.6 + 0.05 = {numbers.text(notes.total)} nautical miles per hour.",
    )


@st.fragment
def cruise_picture() -> None:
    cols = st.columns(3)
    with cols[0]:
        ship = url_slider(
            "ship speed (nmi/h)", "ship", min_value=0.0, max_value=1.5, default=0.6, step=0.05
        )
    with cols[1]:
        walk = url_slider(
            "walking speed on deck (nmi/h)",
            "walk",
            min_value=-0.2,
            max_value=0.3,
            default=0.05,
            step=0.01,
            help="Negative: she walks towards the stern.",
        )
    with cols[2]:
        c = url_slider(
            "multiple c",
            "c",
            min_value=0.5,
            max_value=3.0,
            default=1.0,
            step=0.1,
            help="Every distance times c; c = 1.852 would turn nautical miles into km.",
        )
    trip = cruise_working(ship, walk, c)
    # Exact by construction (the speeds and c are decimals): ten digits print them whole.
    text, tex, eq = (partial(f, sig=10) for f in (numbers.text, numbers.tex, numbers.eq_tex))
    chart(
        charts.function_plot(
            trip.positions,
            x="t",
            y="distance",
            series="series",
            x_title="time t (hours)",
            y_title="c × distance (nmi)",  # c itself is in the caption: the spec stays put
            colors={
                "ship": C["function"],
                "walk on deck": C["derivative"],
                "passenger": C["accent"],
            },
            dashed=["walk on deck"],
        ),
        description=(
            f"Distances times c = {text(trip.c)}: the ship at {text(trip.ship)}, the walk on "
            f"deck at {text(trip.walk)}, the passenger at {text(trip.total)} nautical miles per "
            "hour before scaling."
        ),
    )
    metrics(
        ("ship (nmi/h)", text(trip.ship)),
        ("walk on deck (nmi/h)", text(trip.walk)),
        ("passenger (nmi/h)", text(trip.total)),
        (f"{text(trip.c)} × passenger", text(trip.scaled)),
    )
    formulas(
        (
            r"x_{total} &= x_{ship} + x_{walk}",
            rf"v_{{total}} &= v_{{ship}} + v_{{walk}} = {tex(trip.ship)} "
            rf"{numbers.signed_tex(trip.walk, 10)} {eq(trip.total)}",
        ),
        (
            rf"(c\,f)' = c\,f' : \quad {tex(trip.c)} \times {factor_tex(trip.total)} {eq(trip.scaled)}",
        ),
    )
