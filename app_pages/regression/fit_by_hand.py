"""Section 3, fit it by hand: the learner's line, its residuals and its MSE follow the hand
(the touch unit in `your_line`, one call to `core.line_fit.hand_fit_grid`); what the two
partial derivatives say follows the line Python holds once the learner pauses."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.regression import your_line
from app_pages.regression.katex_room import ROOM
from core.line_fit import FitData, HandFit
from dashboard import charts
from dashboard.controls import url_toggle
from dashboard.layout import numbers_table, quiz_number, section, show_maths
from dashboard.numbers import eq_tex, eq_text, text

C = charts.COLORS
MOVES = {"raise": "raise", "lower": "lower", "hold": "keep"}
# The caches below and in gradient_descent hash a FitData by what it is made from, not by
# its whole landscape (7-10 ms a call, twice on each gradient-descent move).
FIT_HASH = {FitData: FitData.cache_key}
SIGNS = {"raise": "< 0", "lower": "> 0", "hold": "= 0"}


def draw(data: FitData) -> None:
    """The MSE's definition (drawn once), the live unit, and the section's question."""
    section("3. Fit it by hand")
    # The introduction and the MSE's definition: one element (each costs every move).
    st.markdown(
        "Choose a slope and an intercept. Each dashed segment is a residual, observed minus "
        "predicted; the mean squared error (MSE) averages their squares.\n\n$$\n"
        rf"\begin{{aligned}} {ROOM}\mathrm{{MSE}} &= \frac{{1}}{{n}}\sum_{{i=1}}^{{n}} r_i^2, \\ "
        r"r_i &= y_i - (\text{slope}\cdot x_i + \text{intercept}) \end{aligned}"
        "\n$$"
    )
    _unit(data)
    quiz_number(
        "regression_pattern_mse",
        "MSE of the line price = 100 × bedrooms on the table as written?",
        8_100_000,
        tolerance=0.5,
        explanation="Nine residuals are 0; the tenth is 10,000 − 1000 = 9000, squared "
        "81,000,000, and divided by 10 points: 8,100,000.",
    )


@st.fragment
def _unit(data: FitData) -> None:
    """The touch unit (your line, its residuals, the MSE worked: they follow the hand), then
    what follows the line Python holds after the learner pauses."""
    squares = url_toggle(
        "Draw each squared residual as a square",
        "squares",
        default=False,
        help="The MSE is the average area of these squares.",
    )
    fit = your_line.draw(data, squares)
    st.caption(_drawn_caption(data, fit))
    with show_maths("Every residual and its square"):
        rows = fit.rows.map(text)
        numbers_table(
            rows,
            caption="Each point's residual (observed minus predicted) and its square"
            + (
                f"; {text(len(rows))} of the {text(fit.n)} rows, evenly spread."
                if len(rows) < fit.n
                else "."
            ),
        )
    st.markdown(
        "A **partial derivative** changes one knob and holds the other: ∂MSE/∂slope is the "
        "green tangent's slope, intercept held."
    )
    _slice_chart(data, fit)
    # The two partial derivatives and which way each says to move: one element.
    st.markdown(
        "$$\n"
        rf"\begin{{aligned}} {ROOM}\frac{{\partial\,\mathrm{{MSE}}}}{{\partial\,\text{{slope}}}} &= "
        rf"-\frac{{2}}{{n}}\sum_i r_i x_i {eq_tex(fit.d_slope)}, \\ "
        rf"{ROOM}\frac{{\partial\,\mathrm{{MSE}}}}{{\partial\,\text{{intercept}}}} &= "
        rf"-\frac{{2}}{{n}}\sum_i r_i {eq_tex(fit.d_intercept)} \end{{aligned}}"
        "\n$$\n\n" + _advice(fit)
    )
    with st.expander("Going further: the loss landscape"):
        _landscape(data, fit)


def _drawn_caption(data: FitData, fit: HandFit) -> str:
    """The least-squares line's MSE to beat, and how many points and residuals are drawn."""
    words = f"Least-squares line (section 5): MSE {eq_text(fit.best.smallest_mse)}."
    n, shown = data.points.n, data.shown().n
    drawn = data.spread(your_line.RESIDUALS_DRAWN).n
    if drawn < n:
        words += (
            f" The picture shows {text(shown)} of the {text(n)} points and the residuals of "
            f"{text(drawn)} of them, evenly spread; the MSE uses all {text(n)}."
        )
    return words


def _advice(fit: HandFit) -> str:
    if fit.at_best:
        return "Both partial derivatives are 0: this is the least-squares line, the lowest point."
    return (
        f"Here ∂MSE/∂slope {SIGNS[fit.slope_move]}: {MOVES[fit.slope_move]} the slope; "
        f"∂MSE/∂intercept {SIGNS[fit.intercept_move]}: {MOVES[fit.intercept_move]} the "
        "intercept. Both are 0 only at the lowest point."
    )


def _slice_chart(data: FitData, fit: HandFit) -> None:
    window = data.window
    slope, loss, d_slope = float(fit.slope), float(fit.mse), float(fit.d_slope)
    reach = (window.slope_max - window.slope_min) / 6
    description = (
        f"The MSE across slopes at intercept {text(fit.intercept)}, and its tangent at slope "
        f"{text(fit.slope)}."
    )
    chart = charts.compose(
        charts.function_plot(
            fit.slice,
            x="slope",
            y="MSE",
            x_title="slope",
            y_title="MSE at your intercept",
            colors={"MSE": C["function"]},
            x_domain=[window.slope_min, window.slope_max],
        ),
        charts.line_through(
            slope,
            loss,
            d_slope,
            (slope - reach, slope + reach),
            label="tangent",
            color=C["tangent"],
        ),
        charts.points(pd.DataFrame({"slope": [slope], "MSE": [loss]}), x="slope", y="MSE"),
        description=description,
        height=320,
    )
    charts.show_chart(chart, description)


def _landscape(data: FitData, fit: HandFit) -> None:
    st.markdown(
        "Every (slope, intercept) pair is one line with one MSE. Dark is small, bright is "
        "large; the white cross is the least-squares line, the lowest point; the purple dot "
        "is your line."
    )
    description = (
        f"The MSE over slope and intercept; your line (slope {text(fit.slope)}, intercept "
        f"{text(fit.intercept)}) has MSE {eq_text(fit.mse)}."
    )
    chart = charts.compose(
        *landscape_layers(data),
        charts.marker(
            pd.DataFrame({"slope": [float(fit.slope)], "intercept": [float(fit.intercept)]}),
            x="slope",
            y="intercept",
        ),
        description=description,
        height=380,
    )
    charts.show_chart(chart, description)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=FIT_HASH)
def _landscape_bytes(data: FitData) -> bytes:
    """The landscape's cells as the Arrow bytes the chart sends: made once per data set."""
    return charts.arrow_bytes(data.landscape)


def landscape_layers(data: FitData) -> list[charts.Layer]:
    """The loss landscape as a heat map with a white cross at its lowest point."""
    window, line = data.window, data.line
    best = pd.DataFrame(
        {"slope": [float(line.slope)], "intercept": [float(line.intercept)], "what": ["minimum"]}
    )
    return [
        charts.heatmap(
            _landscape_bytes(data),
            value="MSE",
            x="slope",
            x2="slope2",
            y="intercept",
            y2="intercept2",
            x_title="slope",
            y_title="intercept",
            x_domain=[window.slope_min, window.slope_max],
            y_domain=[window.intercept_min, window.intercept_max],
            legend_title="MSE (log)",
        ),
        charts.marker(
            best,
            x="slope",
            y="intercept",
            color="white",
            shape="cross",
            size=220,
            tooltip=["what", "slope", "intercept"],
        ),
    ]
