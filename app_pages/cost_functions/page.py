"""Cost functions: the outline. A cost is smallest where its slope is zero, or at a corner."""

import streamlit as st

from app_pages.cost_functions import (
    absolute_cost,
    downhill_in_the_sauna,
    power_line_positions,
    power_lines,
    two_suppliers,
    walking_downhill,
    zero_slope_and_the_sauna,
)
from dashboard.layout import page_header
from dashboard.site import registered_pages

page_header(
    "Cost functions",
    "Find where a cost is lowest, and when a zero slope misleads.",
    try_this="Drag the **house** until its slope reads 0.",
)

zero_slope_and_the_sauna.draw()

setup = power_line_positions.setup_section()
power_lines.draw(setup)

absolute_cost.draw(setup)

walking_downhill.draw(setup)
downhill_in_the_sauna.draw()

two_suppliers.draw()

st.header("Recap", divider="gray")
st.markdown(
    "- A zero slope narrows the search; the sign on each side decides. Corners count.\n"
    "- Squared cost: the mean. Absolute cost: the median (or, for an even count, anything "
    "between the two middle lines).\n"
    "- Descent steps downhill; too big a rate runs away."
)
next_page = next(spec for spec in registered_pages() if spec.url_path == "log-loss")
st.page_link(next_page.script, label="Next: Log loss, the coin", icon=next_page.icon)
