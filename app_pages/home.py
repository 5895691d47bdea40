"""Home: what the app teaches, in what order, and how to use it."""

import pandas as pd
import streamlit as st

from core.why_derivatives import BEST_W, loss_curve, tangent_at
from dashboard import charts, numbers
from dashboard.layout import page_header, section
from dashboard.progress import show_progress

page_header(
    "Calculus for Machine Learning, made touchable",
    "See what a derivative is by moving it, and why machine learning needs it: "
    "a model is found by making a loss as small as possible, and the slope of the loss says "
    "which way is downhill.",
    try_this="Open **Slopes** and drag the dx slider towards 0: the secant turns into the tangent.",
    touch_units=False,
)

st.markdown(
    "For anyone meeting derivatives for machine learning: self-study, a class, or a teacher "
    "at the front of the room. Every number on the screen is worked out live, and every page "
    "ends with a few questions to check yourself."
)

section("The path", "Six steps through week 1 of the course, from slopes to a fitted line.")
show_progress()

section(
    "Why derivatives matter in machine learning",
    "A model has parameters; a **loss** says how far its predictions are from the data. "
    "Training means finding the parameters with the smallest loss. The **slope** says which "
    "way to go: where it is negative, step right; where it is positive, step left. That is all "
    "gradient descent does. At the bottom of a smooth loss, like this one, the slope is zero. "
    "The converse fails: a zero slope can also sit at a maximum or at a point that is neither "
    "(x³ at 0), and at a corner, like the absolute cost |w| at 0, the lowest point has no slope "
    "at all.",
)
left = tangent_at(1.5)
right = tangent_at(4.5)
best = tangent_at(BEST_W)


def _slope(value: float) -> str:
    """A tangent's slope for a label: −3, 0, +3 (a sign on every non-zero slope)."""
    return ("+" if value > 0 else "") + numbers.text(value)


loss_text = f"(w − {numbers.text(BEST_W)})² + {numbers.text(best.loss)}"
chart = charts.compose(
    charts.function_plot(loss_curve(), x="w", y="loss", x_title="parameter w", y_title="loss L(w)"),
    charts.line_through(
        left.w,
        left.loss,
        left.slope,
        (0.6, 2.4),
        label=f"slope {_slope(left.slope)}",
        color=charts.COLORS["secant"],
    ),
    charts.line_through(
        right.w,
        right.loss,
        right.slope,
        (3.6, 5.4),
        label=f"slope {_slope(right.slope)}",
        color=charts.COLORS["derivative"],
        dashed=True,
    ),
    charts.line_through(
        best.w,
        best.loss,
        best.slope,
        (2.0, 4.0),
        label=f"slope {_slope(best.slope)}",
        color=charts.COLORS["tangent"],
    ),
    charts.points(
        pd.DataFrame({"w": [left.w, best.w, right.w], "loss": [left.loss, best.loss, right.loss]}),
        x="w",
        y="loss",
    ),
    # The labels on their own (invisible dots): the minimum's sits higher, off its tangent.
    charts.points(
        pd.DataFrame(
            {
                "w": [left.w, best.w, right.w],
                "loss": [left.loss, best.loss + 0.9, right.loss],
                "label": [  # short, so that the right one fits a phone's chart
                    f"slope {_slope(left.slope)}: go right",
                    f"slope {_slope(best.slope)}: the minimum",
                    f"{_slope(right.slope)}: go left",
                ],
            }
        ),
        x="w",
        y="loss",
        label="label",
        size=0,
    ),
    description=(
        f"The loss L(w) = {loss_text} with three tangents: slope {_slope(left.slope)} at w = "
        f"{numbers.text(left.w)}, slope {_slope(best.slope)} at the minimum w = "
        f"{numbers.text(best.w)}, slope {_slope(right.slope)} at w = {numbers.text(right.w)}."
    ),
    height=260,
)
charts.show_chart(
    chart,
    f"The loss {loss_text}: its tangent has slope {_slope(left.slope)} at w = "
    f"{numbers.text(left.w)}, {_slope(best.slope)} at the minimum w = {numbers.text(best.w)}, "
    f"and {_slope(right.slope)} at w = {numbers.text(right.w)}.",
)

section("How to use it")
st.markdown(
    "- **Sliders** change the picture and the worked numbers at once. Use the arrow keys "
    "for fine steps.\n"
    "- **Links**: every slider and choice is stored in the address bar, so a link shows "
    "exactly your view. Use *🔗 Link to this view* at the top of each page.\n"
    "- **Show the maths** opens a derivation with the current numbers; **Going further** holds "
    "what a first reading can skip.\n"
    "- **Dark mode**: open the ⋮ menu at the top right and pick *Dark* (*System* follows your "
    "device, *Light* switches back)."
)
