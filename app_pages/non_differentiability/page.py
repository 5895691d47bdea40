"""Non-differentiability: corners, cusps, jumps, vertical tangents and holes, by zooming in.

The outline: pick a point, zoom in (the dx touch unit), what the slopes do at every scale and the
verdict, the section's questions; then why machine learning does not mind corners; a recap.
"""

import streamlit as st

from app_pages.non_differentiability import point, relu, verdict, zoom
from dashboard.layout import page_header, section
from dashboard.site import registered_pages

SCRIPT = "app_pages/non_differentiability/page.py"

page_header(
    "Non-differentiability: where the derivative does not exist",
    "See why a derivative needs the left and the right slope to agree on one number, and "
    "recognise the points where they do not: corners, cusps, jumps, vertical tangents, holes.",
)

section(
    "Zoom in on a point",
    "The notes' recap: corners and cusps, jump discontinuities and vertical tangents are not "
    "differentiable, and 1/x is not even defined at 0. Choose a case, then shrink dx: the "
    "**left secant** joins x0 − dx to x0, the **right secant** x0 to x0 + dx.",
)
target = point.choose()
study = verdict.study(target) if target is not None else None
if target is not None and study is not None:
    zoom.draw(target, study.report)
    verdict.draw(study)
verdict.questions()

relu.draw()

section("Recap")
st.markdown(
    "- f′(x0) exists only when the left and right slopes approach one finite number.\n"
    "- Corners, cusps, jumps, vertical tangents and points where f has no value break that.\n"
    "- At ReLU's convex corner any slope between the two sides is a subgradient."
)
pages = registered_pages()
following = pages[[p.script for p in pages].index(SCRIPT) + 1]  # the order of the menu
st.page_link(following.script, label=f"Next: {following.title}", icon=following.icon)
