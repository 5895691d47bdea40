"""Sum and scalar multiple, on the notes' cruise: positions add, so speeds add,
(f1 + f2)' = f1' + f2'; every distance times c makes every speed times c, (c f)' = c f'.

The ship speed, the walking speed and the multiple c are one touch unit (`dashboard.touch`)
with three inputs, a cross grid: `core.combination_rules.cruise_grid` works out the cruise at
every position of each input with the other two held, so the distance lines, the working and
the numbers follow the hand in the browser; Python hears the values when the learner pauses.
The picture's distance axis is c times a fixed window: moving c relabels it (every distance
times c, as a change of unit does), moving a speed turns its line.

URL keys: `ship` and `walk` speeds (nautical miles per hour), `c` multiple.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from app_pages.rules.picture import factor_tex, question_heading
from core.combination_rules import (
    SHIP_SPEED,
    WALK_SPEED,
    CruiseGrid,
    CruiseWorking,
    cruise_grid,
    cruise_working,
)
from core.line_fit import slider_values
from dashboard import charts, numbers, touch
from dashboard.layout import quiz_number

C = charts.COLORS
KEY = "cruise_touch"
HOURS = 4.0
HEIGHT = 320
SHIP = touch.Control(
    label="ship speed (nmi/h)",
    param="ship",
    values=slider_values(0.0, 1.5, 0.05),
    default=0.6,
    hint="Or drag the ring at the end of the ship's line up or down.",
)
WALK = touch.Control(
    label="walking speed on deck (nmi/h)",
    param="walk",
    values=slider_values(-0.2, 0.3, 0.01),
    default=0.05,
    hint="Negative: she walks towards the stern. Or drag the ring at the end of the walk.",
)
MULTIPLE = touch.Control(
    label="multiple c",
    param="c",
    values=slider_values(0.5, 3.0, 0.1),
    default=1.0,
    hint="Every distance times c; c = 1.852 would turn nautical miles into km.",
)
LINES = (  # the distance lines, as the legend names them, in drawing order
    ("ship", C["function"], False),
    ("walk on deck", C["derivative"], True),
    ("passenger", C["accent"], False),
)
# The working, as formulas() drew it (one element): @0..@2 the sum, @3..@5 the multiple.
WORKING = (
    r"\begin{gathered}\begin{aligned}x_{total} &= x_{ship} + x_{walk} \\ "
    r"v_{total} &= v_{ship} + v_{walk} = @0 @1 @2\end{aligned} \\[2em] "
    r"(c\,f)' = c\,f' : \quad @3 \times @4 @5\end{gathered}"
)
# Exact by construction (the speeds and c are decimals): ten digits print them whole.
text, tex, eq = (partial(f, sig=10) for f in (numbers.text, numbers.tex, numbers.eq_tex))


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


@st.cache_resource(show_spinner=False, max_entries=64)
def _unit(ship: float, walk: float, c: float) -> tuple[touch.Picture, list[list[touch.Row]]]:
    """The unit's picture and rows for the cross through (ship, walk, c), once per crossing."""
    grid = cruise_grid(
        ship,
        walk,
        c,
        ships=SHIP.values,
        walks=WALK.values,
        multiples=MULTIPLE.values,
        hours=HOURS,
    )
    rows = [[_row(w, grid) for w in trips] for trips in (grid.by_ship, grid.by_walk, grid.by_c)]
    return _frame(grid), rows


@st.fragment
def cruise_picture() -> None:
    ship, walk, c = (touch.value(control) for control in (SHIP, WALK, MULTIPLE))
    picture, rows = _unit(ship, walk, c)
    touch.touch_unit(KEY, [SHIP, WALK, MULTIPLE], picture, rows)


def _window(trip: CruiseWorking, grid: CruiseGrid) -> touch.Window:
    """The hours shown and c times the distance window at c = 1 (`CruiseGrid.window`)."""
    low, high = grid.window(trip.c)
    return touch.Window(
        x=(0.0, HOURS),
        y=(float(low), float(high)),
        x_ticks=touch.nice_ticks(0.0, HOURS, count=8),
    )


def _frame(grid: CruiseGrid) -> touch.Picture:
    """What stays while the inputs move: the axes' titles, the legend and the two rings (the
    window comes with each row: it follows c)."""
    window = _window(grid.by_ship[0], grid)
    return touch.Picture(
        x=window.x,
        y=window.y,
        x_title="time t (hours)",
        y_title="c × distance (nmi)",  # c itself is in the row's words: the title stays put
        description="Distance against time for the ship, the walk on deck and the passenger, "
        "every distance times c.",
        legend=tuple(touch.Key(name, color, dash) for name, color, dash in LINES),
        drags=(
            touch.Drag(
                control=0,
                at=tuple(_handles(w)[0] for w in grid.by_ship),
                axis="y",
                color=C["function"],
            ),
            touch.Drag(
                control=1,
                at=tuple(_handles(w)[1] for w in grid.by_walk),
                axis="y",
                color=C["derivative"],
            ),
        ),
        height=HEIGHT,
        x_ticks=window.x_ticks,
        tex=(WORKING,),
    )


def _handles(trip: CruiseWorking) -> list[tuple[float, float]]:
    """The two rings: at the end of the ship's line and of the walk's, after the hours shown
    (inside the window for every position: it holds every line at this c)."""
    ends = trip.distances(trip.hours)
    return [(HOURS, float(ends["ship"])), (HOURS, float(ends["walk on deck"]))]


def _row(trip: CruiseWorking, grid: CruiseGrid) -> touch.Row:
    """What the unit shows for one cruise: the three distance lines, the working, the four
    numbers and the words (the old chart's caption), in the window for its c."""
    ends = trip.distances(trip.hours)
    return touch.row(
        [
            touch.line([(0.0, 0.0), (HOURS, float(ends[name]))], color, dash=dash)
            for name, color, dash in LINES
        ],
        tex=[
            touch.filled(
                0,
                [
                    tex(trip.ship),
                    numbers.signed_tex(trip.walk, 10),
                    eq(trip.total),
                    tex(trip.c),
                    factor_tex(trip.total),
                    eq(trip.scaled),
                ],
            )
        ],
        metrics=[
            ("ship (nmi/h)", text(trip.ship)),
            ("walk on deck (nmi/h)", text(trip.walk)),
            ("passenger (nmi/h)", text(trip.total)),
            (f"{text(trip.c)} × passenger", text(trip.scaled)),
        ],
        alt=(
            f"Distances times c = {text(trip.c)}: the ship at {text(trip.ship)}, the walk on "
            f"deck at {text(trip.walk)}, the passenger at {text(trip.total)} nautical miles per "
            "hour before scaling."
        ),
        window=_window(trip, grid),
        handles=_handles(trip),
    )
