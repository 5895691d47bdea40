"""Regression: fit a line to the notes' house prices by minimising the squared error."""

from dashboard import regression_views as views
from dashboard.layout import check_yourself, page_header, section

page_header(
    "Regression",
    "Fit a straight line to data by making the mean squared error as small as possible: by "
    "hand, by gradient descent, and exactly, where both partial derivatives are zero.",
    try_this="Drag the **slope** slider in section 3 and watch the residuals and the mean "
    "squared error change; the purple dot moves across the loss landscape with you.",
)

section(
    "1. Two houses",
    "From the notes: a 1-bedroom house sells for 150,000 and a 2-bedroom house for 250,000. "
    "Two points fix a line: its slope is the price of one more bedroom.",
)
views.two_houses()

section(
    "2. The data",
    "The notes' table prices houses by number of bedrooms. Fit it, the two houses, or your "
    "own points (edit the table or upload a CSV file).",
)
data = views.choose_data()

section(
    "3. Fit it by hand",
    "Choose a slope and an intercept. Each dashed segment is a residual: the observed value "
    "minus the line's prediction. The mean squared error (MSE) averages their squares.",
)
views.fit_by_hand(data)

section(
    "5. Let gradient descent do it",
    "Start at slope 0 and intercept 0, and repeat: step downhill, against the gradient, by "
    "the learning rate times the gradient. Replay the path step by step.",
)
views.gradient_descent(data)

section(
    "6. The exact answer",
    "At the lowest point both partial derivatives of the MSE are zero. Setting them to zero "
    "gives two linear equations in the slope w and the intercept b.",
)
views.exact_answer(data)

with check_yourself():
    views.questions()
