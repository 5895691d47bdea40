"""Going further in section 2: when a smaller dx gets worse (round-off), forward and central.

One call, `core.round_off.round_off_study(fn, x0)`, gives the errors for dx from 1 to 1e-12
and where each difference is most accurate; the learner's dx is marked on the chart.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.round_off import (
    CENTRAL_BEST_DX_ESTIMATE,
    FORWARD_BEST_DX_ESTIMATE,
    RoundOffStudy,
    round_off_study,
)
from dashboard import charts, layout, numbers

FORWARD, CENTRAL = "forward (f(x+dx) − f(x)) / dx", "central (f(x+dx) − f(x−dx)) / (2dx)"


@st.cache_resource(show_spinner=False, max_entries=64)  # holds functions: not picklable
def _study(fn: str, x0: float) -> RoundOffStudy:
    return round_off_study(fn, x0)


def draw(fn: str, x0: float, dx: float) -> None:
    """The error of both differences against dx, log-log, with the learner's dx marked."""
    chart, description = _chart(fn, x0, dx)
    charts.show_chart(chart, description)
    st.markdown(why_it_turns_round(_study(fn, x0)))


@st.cache_resource(show_spinner=False, max_entries=128)  # read only: the same chart each time
def _chart(fn: str, x0: float, dx: float) -> tuple[charts.Chart, str]:
    """The chart (its data as the Arrow bytes sent) and its description, made once per f, x0
    and dx."""
    study = _study(fn, x0)
    label = study.example.label
    frame = study.study.frame(FORWARD, CENTRAL)
    best_rows: dict[str, list] = {"x": [], "y": [], "label": []}
    if study.defined:
        forward = numbers.text(study.best_forward_dx, 2)
        central = numbers.text(study.best_central_dx, 2)
        description = (
            f"Error of both quotients of {label} at x0 = {numbers.text(x0)} against dx, both "
            f"axes logarithmic. Forward is best near dx ≈ {forward}"
            + (
                f". Central has no truncation error for {label}, so its error is round-off "
                "alone, and smallest at the largest dx."
                if study.central_exact
                else f", central near dx ≈ {central}."
            )
        )
        for name, best, error in (
            ("forward", study.best_forward_dx, study.best_forward_error),
            ("central", study.best_central_dx, study.best_central_error),
        ):
            if error is not None:  # an error of exactly 0 has no place on a log axis
                best_rows["x"].append(best)
                best_rows["y"].append(error)
                best_rows["label"].append(f"{name} best: dx ≈ {numbers.text(best, 2)}")
    else:
        description = (
            f"No errors to draw: {label} is not defined at x0 = {numbers.text(x0)}, so there is "
            "no f'(x0) to measure the quotients against."
        )
    best = pd.DataFrame(best_rows).astype({"x": float, "y": float})
    # Each method keeps its place in the legend (and the chart its spec) even with no errors
    # to draw: a row with no error, which the chart leaves out.
    absent = [m for m in (FORWARD, CENTRAL) if m not in set(frame["method"])]
    if absent:
        frame = pd.concat(
            [frame, pd.DataFrame({"dx": 1.0, "error": float("nan"), "method": absent})],
            ignore_index=True,
        ).sort_values("method", key=lambda m: m.map({FORWARD: 0, CENTRAL: 1}), kind="stable")
    chart = charts.compose(
        charts.function_plot(
            frame,
            x="dx",
            y="error",
            series="method",
            x_title="dx (log scale; smaller to the left)",
            y_title="|quotient − f'(x0)| (log scale)",
            log_x=True,
            log_y=True,
            colors={FORWARD: charts.COLORS["secant"], CENTRAL: charts.COLORS["function"]},
            dashed=[CENTRAL],
        ),
        charts.vertical_rule(
            dx, label=f"your dx = {numbers.text(dx)}", color=charts.COLORS["muted"]
        ),
        charts.points(best, label="label", color=charts.COLORS["point"]),
        description=description,
        height=340,
    )
    chart.datasets = {
        name: data if isinstance(data, bytes) else charts.arrow_bytes(data)
        for name, data in chart.datasets.items()
    }
    return chart, description


def why_it_turns_round(study: RoundOffStudy) -> str:
    """Why the error turns round, with this function's own best steps (the chart's)."""
    general = (
        "**Why it turns round:** a computer keeps about 16 significant digits, so when dx is "
        "tiny, f(x0 + dx) and f(x0) share almost all of them and their difference is mostly "
        "round-off, which dividing by the tiny dx then magnifies. The forward difference's "
        "own error shrinks like dx and meets the round-off near dx ≈ √ε ≈ "
        f"{numbers.text(FORWARD_BEST_DX_ESTIMATE, 2)}; the central difference's shrinks like "
        "dx², so it meets it sooner, near dx ≈ ∛ε ≈ "
        f"{numbers.text(CENTRAL_BEST_DX_ESTIMATE, 2)}, at a far smaller error."
    )
    if not study.defined or study.best_forward_dx is None:
        return general
    label, x0 = study.example.label, numbers.text(study.x0)
    forward = numbers.text(study.best_forward_dx, 2)
    if study.example.f(study.x0) == 0:  # exactly: x², x³, sin x at 0
        return (
            f"{general} But for {label} at x0 = {x0}, f(x0) = 0: f(x0 + dx) and f(x0) share "
            "no digits, nothing cancels, and the errors here are the curve's own (truncation): "
            "they do not turn round but shrink with dx (or are exactly 0, which the log axis "
            "has no place for)."
        )
    if study.central_exact:
        return (
            f"{general} For {label} at x0 = {x0} the forward difference is best near dx ≈ "
            f"{forward}; the central difference has **no truncation error** "
            "((x + dx)² − (x − dx)² = 4x·dx exactly), so only round-off is left: it is best at "
            "the largest dx and gets worse as dx shrinks. (Where its computed error is exactly "
            "0 the log axis has no place for the point.)"
        )
    assert study.best_central_dx is not None
    return (
        f"{general} For {label} at x0 = {x0} the smallest errors on the chart are forward near "
        f"dx ≈ {forward} and central near dx ≈ {numbers.text(study.best_central_dx, 2)}."
    )


def question() -> None:
    """The round-off question, inside 'Going further' with the study it asks about."""
    layout.quiz_choice(
        "which_dx",
        "For the forward difference of sin x at x = 1 on a computer, which dx gives the more "
        "accurate slope?",
        [f"dx = {numbers.text(1e-8)}", f"dx = {numbers.text(1e-12)}"],
        answer=0,
        explanation=(
            f"Below √ε ≈ {numbers.text(FORWARD_BEST_DX_ESTIMATE, 2)} (ε = 2⁻⁵²) round-off takes "
            "over: sin(1 + dx) and sin(1) share almost all their digits, and dividing their "
            "tiny difference by dx magnifies the noise."
        ),
    )
