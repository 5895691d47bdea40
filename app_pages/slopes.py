"""Slopes: from average to instantaneous rate of change (CURRICULUM.md section 1)."""

from dashboard import layout
from dashboard.slopes_views import (
    broken_speedometer,
    car_velocity_quiz,
    check_yourself_questions,
    secant_to_tangent,
    zero_slope_caveat,
    zero_slope_explorer,
)

layout.page_header(
    "Slopes: from average to instantaneous rate of change",
    goal="See how the slope of a secant, shrunk onto one point, becomes the derivative.",
    try_this="Switch to 1 s sampling and pick 12 s to 13 s: the estimate of the velocity at "
    "12.5 s drops from 16 m/s to 15 m/s.",
)

layout.section(
    "The broken speedometer",
    "The car's speedometer broke, so we only know the distance it had covered, measured every "
    "5 s (or, later, every second). The slope of the line through two measurements "
    "(a *secant*) is the average velocity between them: rise over run, Δd/Δt.",
)
broken_speedometer()

layout.section(
    "Secant to tangent",
    "The same idea on a function: the secant from x0 to x0 + dx has slope "
    "(f(x0 + dx) − f(x0)) / dx. Shrink dx and the secant swings onto the tangent; its slope "
    "tends to the derivative f'(x0).",
)
secant_to_tangent()

layout.section(
    "Zero slope",
    "Where the tangent is horizontal the slope is 0. That happens at a maximum, at a minimum, "
    "and at points that are neither.",
)
zero_slope_explorer()
zero_slope_caveat()
car_velocity_quiz()

check_yourself_questions()
