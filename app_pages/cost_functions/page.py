"""Cost functions: the outline. A cost is smallest where its slope is zero, or at a corner."""

import streamlit as st

from app_pages.cost_functions import absolute_cost, power_lines
from core.cost import power_line_descent
from core.sauna import stationary_points
from dashboard import cost_views as views
from dashboard.layout import check_yourself, page_header, quiz_choice, section

page_header(
    "Cost functions",
    "Find the best choice where the cost's slope is zero, and learn when a zero slope is not "
    "the answer.",
    try_this="Drag the **house** until its slope reads 0; then switch to the **absolute** cost.",
)

section(
    "1. The sauna: where is it coldest?",
    "The notes walk across a sauna. At the coldest spot every step, left or right, gets "
    "warmer: the slope there is zero.",
)
views.sauna_walk()
views.sauna_stationary_points()
with check_yourself():
    flat = next(p for p in stationary_points() if p.kind == "no extremum")
    quiz_choice(
        "cost_flat",
        f"In the sauna the slope is zero at x = {flat.x:g} m. Is that a cold spot?",
        [
            "Yes: zero slope always means a minimum.",
            "No: it is colder just to the right, so it is no minimum.",
            "It is the warmest place in the room.",
        ],
        answer=1,
        explanation="The slope is negative on both sides of that point, so it keeps getting "
        "colder to the right. A zero slope only narrows the search; check the sign on each side.",
    )

setup = power_lines.setup_section()
power_lines.draw(setup)

absolute_cost.draw(setup)

section(
    "4. Walking downhill",
    "Gradient descent steps against the slope, x ← x − (learning rate) · C′(x), again and again.",
)
if setup is None:
    power_lines.waiting_for_lines()
else:
    views.power_line_descent(setup)
views.sauna_descent()
with check_yourself():
    runaway = power_line_descent([1, 3], "squared", 0.0, 2.0, 2)
    quiz_choice(
        "cost_lr2",
        "Gradient descent on (x − 1)² + (x − 3)² starts at x = 0 with learning rate 2. "
        "What happens?",
        [
            "It lands on the minimum x = 2 in one step.",
            "It creeps slowly towards x = 2.",
            "It jumps past x = 2 by more each step: it diverges.",
            "It does not move.",
        ],
        answer=2,
        explanation=f"The first steps go to x = {runaway.xs[1]:g}, then {runaway.xs[2]:g}: each "
        "step multiplies the distance to 2 by 1 − 2·2·2 = −7. With two lines the learning rate "
        "must stay below 1/2.",
        hints={0: "That happens with learning rate 1/4, not 2."},
    )

section("5. Two suppliers")
views.two_suppliers()

st.page_link("app_pages/log_loss.py", label="Next: Log loss", icon="🪙")
