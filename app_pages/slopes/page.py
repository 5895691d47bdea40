"""Slopes: from average to instantaneous rate of change (CURRICULUM.md section 1).

The outline: the speedometer, the secant shrinking onto the tangent (with the notation and,
folded, the round-off study), zero slope, a recap, and the next page.
"""

import streamlit as st

from app_pages.slopes import secant_to_tangent, speedometer, zero_slope
from dashboard import layout
from dashboard.site import registered_pages

SCRIPT = "app_pages/slopes/page.py"

layout.page_header(
    "Slopes: from average to instantaneous rate of change",
    goal="See how the slope of a secant, shrunk onto one point, becomes the derivative.",
)
speedometer.draw()
secant_to_tangent.draw()
zero_slope.draw()

layout.section("Recap")
st.markdown(
    "- A secant's slope is an average rate of change: Δd/Δt, rise over run.\n"
    "- Shrink the interval and it closes in on the tangent's slope, the derivative: "
    "3 → 2.5 → 2.001 → 2 for x² at 1.\n"
    "- A horizontal tangent has slope 0: at a maximum, a minimum, or neither."
)
pages = registered_pages()
following = pages[[p.script for p in pages].index(SCRIPT) + 1]  # the order of the menu
st.page_link(following.script, label=f"Next: {following.title}", icon=following.icon)
