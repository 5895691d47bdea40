"""Cost functions: a cost is smallest where its slope is zero (the sauna, power lines, suppliers)."""

from core.cost import best_position, format_lines, power_line_descent
from core.sauna import stationary_points
from dashboard import cost_views as views
from dashboard.layout import check_yourself, page_header, quiz_choice, quiz_number, section

page_header(
    "Cost functions",
    "Find the best choice by finding where the cost's slope is zero, and learn when a zero "
    "slope is not the answer.",
    try_this="Drag the **house** until the slope at the house reads 0; then switch to the "
    "**absolute** cost and try the outlier example.",
)

section(
    "1. The sauna: where is it coldest?",
    "The notes walk from left to right across a sauna. At the coldest spot every step, left "
    "or right, gets warmer: the slope there is zero. Walk along and watch the slope's sign.",
)
views.sauna_walk()
views.sauna_stationary_points()

section(
    "2. The power-line problem",
    "A house at x is connected to power lines at positions a₁ … aₙ; each connection costs "
    "(x − aᵢ)². Where should the house go so that the total cost is smallest?",
)
setup = views.power_line_setup()
if setup is not None:
    views.house_explorer(setup)
# Without valid positions sections 3 and 4 say so; the sauna and suppliers still work.

section(
    "3. Another cost, another answer",
    "Switch the cost of one connection to the distance |x − aᵢ| above. The squared cost is "
    "smallest at the **mean**, the absolute cost at the **median**, and one far-away line "
    "tells them apart.",
)
if setup is None:
    views.waiting_for_lines()
else:
    views.mean_or_median(setup)

section(
    "4. Walking downhill",
    "Gradient descent does not solve C′(x) = 0 on paper: it steps against the slope, "
    "x ← x − (learning rate) · C′(x), again and again.",
)
if setup is None:
    views.waiting_for_lines()
else:
    views.power_line_descent(setup)
section(
    "Downhill in the sauna",
    "On a curve with more than one valley, where you start decides where you end.",
)
views.sauna_descent()

section(
    "5. Two suppliers",
    "Buy a share w of what you need from supplier A and 1 − w from B. The monthly cost is "
    "w·pA + (1 − w)·pB; the loss is how much that cost varies from month to month (its "
    "variance). Find the w with the steadiest bill three ways.",
)
views.two_suppliers()

with check_yourself():
    quiz_number(
        "cost_min",
        "Where is the minimum of (x − 1)² + (x − 3)²?",
        best_position([1, 3]).x,
        tolerance=0.01,
        explanation="The slope 2(x − 1) + 2(x − 3) = 4x − 8 is zero at x = 2, the mean of 1 and 3.",
    )
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
    near, far = (1.0, 2.0, 3.0), (1.0, 2.0, 20.0)
    quiz_choice(
        "cost_outlier",
        f"Lines at {format_lines(near)}; then the line at 3 moves to 20. Which best "
        "position moves?",
        [
            "The mean (best for squared cost).",
            "The median (best for absolute cost).",
            "Both move the same.",
            "Neither.",
        ],
        answer=0,
        explanation=f"The mean goes from {best_position(near).x:g} to "
        f"{best_position(far).x:.4g}; the median stays at {best_position(far, 'absolute').x:g}, "
        "because one line is still on each side of it.",
    )
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
