"""Section 1, part 3: what the zoom shows at every scale, the rule, the verdict, the questions.

None of it depends on dx (the verdict reads the slopes at dx = 1e-4 ... 1e-7), so it stays
outside the dx fragment. One call, `core.differentiability.point_study(f, x0, 1e-6)`, made by
`study` before the zoom unit, which shows the verdict's kind beside its picture.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pandas as pd
import streamlit as st

from app_pages.non_differentiability.point import Target
from app_pages.non_differentiability.zoom import DX_STEPS, LEFT, RIGHT
from core.corner_gallery import QUIZ_PICTURE
from core.differentiability import PointKind, PointReport, PointStudy, evaluate, point_study
from core.errors import LearnerError
from core.zoom import curve_sides
from dashboard import charts, numbers
from dashboard.layout import friendly_error, quiz_choice, verdict
from dashboard.markup import message_text


def _limit(value: float, verb: str) -> str:
    """Where one side's slopes go: '+∞', 'go to −1', or 'settle near −2' when the number
    read at dx = 1e-7 is only close to it."""
    if math.isinf(value):
        return f"{verb} {numbers.text(value)}"
    if numbers.is_exact(value, 4):
        return f"{verb} {numbers.text(value, 4)}"
    return f"settle near {numbers.text(value, 4)}"


def derivative_sentence(report: PointReport) -> str:
    """What f'(x0) is: exact where SymPy decided it or the slopes shrink to 0, "≈" where it
    is read off the slopes at dx = 1e-7."""
    straight = "and the zoomed graph becomes a straight line."
    exact = report.exact_derivative
    if exact is not None:
        value = (
            numbers.eq_text(exact) if isinstance(exact, Fraction) else (f"≈ {numbers.text(exact)}")
        )
        return f"Both slopes approach the same number, f'(x0) {value}, {straight}"
    if report.slopes_vanish:
        return f"Both slopes shrink towards 0 as dx shrinks, so f'(x0) = 0, {straight}"
    return (
        "Both slopes approach the same number, f'(x0) "
        f"≈ {numbers.text(report.derivative, 4)}, {straight}"
    )


def verdict_sentence(report: PointReport) -> str:
    """The one-line verdict, naming the kind of point and what the slopes do."""
    at = f"x0 = {numbers.text(report.x0)}"
    kind = report.kind
    if kind is PointKind.DIFFERENTIABLE:
        return f"Verdict: differentiable at {at}. {derivative_sentence(report)}"
    if kind is PointKind.CORNER:
        return (
            f"Verdict: corner at {at}. The left slopes {_limit(report.left_limit, 'go to')}, "
            f"the right slopes {_limit(report.right_limit, 'go to').replace('go to ', 'to ')}: "
            "two directions, no single tangent."
        )
    if kind is PointKind.OSCILLATING:
        return (
            f"Verdict: no limit at {at}. The slopes keep swinging as dx shrinks and never "
            "settle on one number (nor run off to infinity), so there is no tangent."
        )
    if kind is PointKind.CUSP:
        return (
            f"Verdict: cusp at {at}. The left slopes run off to {numbers.text(report.left_limit)}"
            f" and the right slopes to {numbers.text(report.right_limit)}: the two sides meet "
            "in a sharp point."
        )
    if kind is PointKind.VERTICAL_TANGENT:
        return (
            f"Verdict: vertical tangent at {at}. Both slopes run off to "
            f"{numbers.text(report.right_limit)}: the tangent is a vertical line, and a "
            "vertical line has no (finite) slope."
        )
    if kind is PointKind.JUMP:
        side = "left" if math.isinf(report.left_limit) else "right"
        return (
            f"Verdict: jump at {at}. f is not continuous there, so the {side} slope blows up "
            "like (size of the jump) / dx."
        )
    if math.isnan(report.f_x0):
        return (
            f"Verdict: undefined at {at}. f(x0) does not exist, so the graph has no point "
            "there to zoom into and there is no derivative."
        )
    return (
        f"Verdict: undefined beside {at}. f is not defined on one side of x0 however small "
        "dx is, so there is no two-sided slope and no derivative."
    )


def study(target: Target) -> PointStudy | None:
    """The verdict at the target's point with its slopes for every dx (None after a friendly
    error when the point cannot be studied)."""
    try:
        return point_study(target.function, target.x0, min(DX_STEPS), target.expression)
    except LearnerError as problem:
        friendly_error(message_text(problem))
        return None


def draw(study: PointStudy) -> None:
    """The slopes for every dx at once, the rule, and the verdict."""
    smallest = min(DX_STEPS)
    if study.slopes.empty:
        st.caption("No slopes to draw: f is undefined at x0.")
    else:
        description = (
            f"Left and right slopes for dx from 1 to {numbers.text(smallest)}: the "
            "derivative exists only where both approach one finite number."
        )
        chart = charts.function_plot(
            study.slopes,
            x="dx",
            y="slope",
            series="side",
            x_title="dx (log scale)",
            y_title="slope",
            x_domain=(smallest, max(DX_STEPS)),
            log_x=True,
            colors={"left slope": LEFT, "right slope": RIGHT},
            dashed=["right slope"],
        )
        charts.show_chart(charts.compose(chart, description=description, height=260), description)
    st.markdown(
        "The derivative f'(x0) exists only if both slopes approach **one** finite number as "
        "dx → 0. Two different numbers (a corner), ±∞ (a cusp or a vertical tangent), a "
        "slope that grows like 1/dx (a jump) or no f(x0) at all: no derivative."
    )
    kind = "success" if study.report.kind is PointKind.DIFFERENTIABLE else "warning"
    verdict(verdict_sentence(study.report), kind=kind)


def _quiz_picture() -> None:
    """The graph the first question asks about, without naming its kind: one line, no legend
    (the y axis title g(x) and the caption name it). A cusp is continuous: one piece."""
    frame = curve_sides(QUIZ_PICTURE.function, QUIZ_PICTURE.x0, 2.0)[["x", "y"]]
    description = f"The graph of {QUIZ_PICTURE.text} around x = {numbers.text(QUIZ_PICTURE.x0)}."
    point = pd.DataFrame(
        {"x": [QUIZ_PICTURE.x0], "y": evaluate(QUIZ_PICTURE.function, [QUIZ_PICTURE.x0])}
    )
    chart = charts.compose(
        charts.function_plot(frame, x_title="x", y_title="g(x)"),
        charts.points(point),
        description=description,
        height=220,
    )
    charts.show_chart(chart, description)


def questions() -> None:
    """The section's questions, right after its pictures."""
    st.subheader("Check yourself")  # the picture below belongs to the first question
    _quiz_picture()
    quiz_choice(
        "picture",
        "What kind of point does the graph above have at x = −1?",
        ["differentiable", "corner", "cusp", "jump", "vertical tangent"],
        answer=2,
        explanation="g(x) = (x + 1)^(2/3): the left slopes run off to −∞ and the right "
        "slopes to +∞ (like −dx^(−1/3) and dx^(−1/3)), and the sides meet in a sharp point.",
        hints={
            1: "At a corner both slopes stay finite; here they grow without bound.",
            4: "At a vertical tangent both slopes run off with the same sign; here the left "
            "slopes are negative and the right ones positive.",
        },
    )
    quiz_choice(
        "abs_shifted",
        "Is f(x) = |x − 2| differentiable at x = 2?",
        [
            "Yes: its derivative there is 0",
            "No: the left slopes are −1 and the right slopes 1, a corner",
            "No: it jumps at x = 2",
        ],
        answer=1,
        explanation="|x − 2| is the corner of |x| moved to 2. For every dx the left slope is "
        "−1 and the right slope is 1; they never meet.",
        hints={0: "0 is the average of −1 and 1, but no secant ever has slope 0 there."},
    )
    quiz_choice(
        "jump",
        "The step f(x) = 0 for x < 0, f(x) = 1 for x ≥ 0 (the 'Jump' case) jumps at 0. What "
        "do its left and right slopes at 0 do as dx shrinks?",
        [
            "They meet at one number",
            "They settle on two different numbers",
            "One of them blows up like (size of the jump) / dx",
            "Both run off to +∞ together",
        ],
        answer=2,
        explanation="The secant that crosses the jump rises by the jump's size over a run of "
        "dx, so its slope is about (size of the jump) / dx: 10, 100, 1000, ... as dx shrinks.",
    )
