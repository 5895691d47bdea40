"""Section 2: why machine learning does not mind corners (ReLU, |x|, subgradients).

One call, `core.corner_gallery.relu_corner()`: ReLU's slopes at 0 for a few dx and its graph.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.non_differentiability.zoom import LEFT, RIGHT, value_text
from core.corner_gallery import relu_corner
from dashboard import charts, numbers
from dashboard.layout import numbers_table, quiz_number, section


def draw() -> None:
    """ReLU's corner, what training code does at it, and the section's question."""
    section(
        "Why machine learning does not mind corners",
        "If a derivative can fail to exist, how can training, which follows slopes, use ReLU?",
    )
    corner = relu_corner()
    st.markdown(
        "ReLU(x) = max(0, x) and the L1 loss |x| both have a **corner at 0**, yet models train "
        "with them every day: at the corner the training code simply picks a slope, usually "
        f"**{numbers.text(corner.subgradient)}**. Both are **convex**, and for a convex "
        "function any number between the left and the right slope is a **subgradient**: its "
        "line through the corner never rises above the graph."
    )
    with st.expander("Going further: why 0 is a good pick"):
        st.markdown(
            "For |x| the pick 0 says rightly that 0 is the minimum of |x|: every step away from "
            "0 goes up, so a walk that lands there stays. For a function that is not convex, "
            "such as −|x|, a number between the two slopes is no longer a subgradient. Hitting "
            "exactly 0 is rare with real-valued data anyway."
        )
    left, right = st.columns([2, 3])
    with left:
        numbers_table(
            pd.DataFrame(
                {
                    "dx": [numbers.text(v) for v in corner.table["dx"]],
                    "ReLU left slope": [value_text(v) for v in corner.table["left_slope"]],
                    "ReLU right slope": [value_text(v) for v in corner.table["right_slope"]],
                }
            ),
            caption="ReLU at 0: left slope 0 and right slope 1 for every dx, a corner.",
        )
    with right:
        names = {"left of x0": "ReLU for x < 0: slope 0", "right of x0": "ReLU for x > 0: slope 1"}
        description = "ReLU(x) = max(0, x): flat (slope 0) left of 0, slope 1 right of 0."
        chart = charts.function_plot(
            corner.curve.assign(side=corner.curve["side"].map(names)),
            series="side",
            x_title="x",
            y_title="ReLU(x)",
            colors={names["left of x0"]: LEFT, names["right of x0"]: RIGHT},
        )
        charts.show_chart(charts.compose(chart, description=description, height=220), description)
    quiz_number(
        "relu_right",
        "ReLU(x) = max(0, x). What is its right slope at 0 with dx = 0.001?",
        answer=1.0,
        tolerance=1e-9,
        explanation="(ReLU(0.001) − ReLU(0)) / 0.001 = 0.001 / 0.001 = 1, for every dx.",
    )
