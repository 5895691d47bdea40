"""Regression: fit a line to the notes' house prices by making the mean squared error small.

The outline, in the order the learner reads it; each section is one module beside this one.
"""

import streamlit as st

from app_pages.regression import (
    fit_by_hand,
    gradient_descent,
    least_squares,
    predict,
    the_data,
    two_houses,
)
from dashboard.layout import page_header, section

page_header(
    "Regression",
    "Fit a line to data by making its mean squared error small: by hand, by gradient descent, "
    "and exactly.",
    try_this="In section 3, drag the **slope** and watch the residuals and the MSE.",
)
two_houses.draw()
data, source, _ = the_data.draw()
fit_by_hand.draw(data)
gradient_descent.draw(data)
answer = least_squares.draw(data, source)
predict.draw(data, answer)

section("Recap")
st.markdown(
    "- A **residual** is observed minus predicted; the **MSE** averages their squares.\n"
    "- A **partial derivative** moves one knob and holds the other.\n"
    "- **Gradient descent** steps against both; the **least-squares line** has both zero."
)
st.page_link("app_pages/home.py", label="Back to Home: the whole path", icon="🏠")
