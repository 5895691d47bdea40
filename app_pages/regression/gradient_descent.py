"""Section 4, let gradient descent do it: the learning rate, the steps, a replay, and the
verdict, from one call, `core.regression.line_descent`."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.regression.fit_by_hand import FIT_HASH, landscape_layers
from app_pages.regression.katex_room import ROOM
from core import limits
from core.line_fit import FitData
from core.regression import (
    DescentStep,
    LineDescent,
    ScalingStory,
    line_descent,
    scaling_story,
    shorter_descent,
)
from dashboard import charts, live_chart
from dashboard.controls import url_log_slider, url_slider, url_toggle
from dashboard.layout import quiz_choice, section, verdict
from dashboard.numbers import eq_text, text

C = charts.COLORS
LEARNING_RATES = [1e-6, 1e-5, 1e-4, 0.001, 0.003, 0.01, 0.02, 0.025, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5]
DEFAULT_LEARNING_RATE = 0.01
DEFAULT_ITERATIONS = 1000
LINE = "gradient descent's line"
PATH_EXPANDER = "descent_path"  # ?descent_path=true opens the MSE-and-path expander


def _about(value: float) -> str:
    """A value inside a sentence: '≈ 5.302 × 10⁶' when rounded, '100' when exact."""
    return eq_text(value).removeprefix("= ")


def _steps(count: int) -> str:
    return f"{text(count)} step{'' if count == 1 else 's'}"


def _at_most(bound: float, before: str = "", bold: bool = False) -> str:
    """'at most 3,283 steps' (`before` = 'at most '); where the bound is too large for a double
    (x in the hundreds of billions: the slowest direction shrinks by less than a part in 10¹⁵
    a step, so the worst factor rounds to 1 and the count to infinity), what is still true:
    'more than 10¹⁵ steps'."""
    if not math.isfinite(bound):
        return "**more than 10¹⁵ steps**" if bold else "more than 10¹⁵ steps"
    count = _steps(int(bound))
    return f"{before}**{count}**" if bold else f"{before}{count}"


def draw(data: FitData) -> None:
    """The section: its live unit, then its question."""
    section(
        "4. Let gradient descent do it",
        "From slope 0 and intercept 0, step again and again against the gradient, times the "
        "learning rate.",
    )
    _unit(data)
    # Drawn once, after the live unit: it depends on the data alone, not on the sliders, so
    # a move of the rate, the iterations or the replay does not redraw it.
    with st.expander("Going further: why steps diverge; scaling"):
        _scaling(_scaling_story(data))
    quiz_choice(
        "regression_learning_rate",
        "The notes' table, no scaling, learning rate 0.03: what happens?",
        [
            "It converges faster than at 0.01.",
            "Each step overshoots further: it diverges.",
            "It stops at a worse line.",
        ],
        answer=1,
        explanation="Above 2/λ_max ≈ 0.02545 for this data (λ_max, the steepest curvature of "
        "the MSE), each step lands higher up the far side of the valley than it started.",
    )


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=FIT_HASH)
def _longest_descent(data: FitData, learning_rate: float, scaled: bool) -> LineDescent:
    return line_descent(data, learning_rate, limits.MAX_REGRESSION_ITERATIONS, scaled=scaled)


def _descent(data: FitData, learning_rate: float, iterations: int, scaled: bool) -> LineDescent:
    """The run of `iterations` steps, read off the longest run at this rate (computed once), so
    a new number of iterations costs no new steps."""
    return shorter_descent(_longest_descent(data, learning_rate, scaled), data, iterations)


def _follow_end(key: str, iterations: int) -> None:
    """Keep the replay slider at the last step when it was there before `iterations` changed,
    and inside 0 ... iterations; elsewhere it stays where the learner put it.

    A change of `iterations` changes the slider's maximum, which makes it a new widget, so
    moving it to the last step is a matter of forgetting the remembered value (the new
    widget starts at its default, the last step). Setting the value through Session State
    instead would give the widget its value from two places, which Streamlit warns about."""
    memory = f"_{key}_iterations"
    previous = st.session_state.get(memory)
    st.session_state[memory] = iterations
    value = st.session_state.get(key)
    if not isinstance(value, int | float):
        return
    followed = previous is not None and previous != iterations and value == previous
    if followed or value > iterations:
        del st.session_state[key]


@st.fragment
def _unit(data: FitData) -> None:
    left, right = st.columns(2)
    with left:
        learning_rate = url_log_slider(
            "Learning rate",
            "lr",
            options=LEARNING_RATES,
            default=DEFAULT_LEARNING_RATE,
            help="How far each step goes along minus the gradient.",
        )
    with right:
        iterations = url_slider(
            "Iterations",
            "iters",
            min_value=0,
            max_value=limits.MAX_REGRESSION_ITERATIONS,
            default=DEFAULT_ITERATIONS,
            step=10,
            help="How many steps gradient descent takes from the start (0, 0).",
        )
    scaled = url_toggle(
        "Feature scaling",
        "scale",
        default=False,
        help="Take the steps on standardised x, x' = (x - mean) / standard deviation; the "
        "line is mapped back to your units.",
    )
    run = _descent(data, learning_rate, iterations, scaled)
    step = 0
    # The replay slider (absent at 0 iterations) and the note of a stopped run sit in
    # containers that are always there, so the elements below keep their places.
    with st.container():
        if iterations > 0:
            _follow_end("replay", iterations)
            step = url_slider(
                "Replay the steps",
                "replay",
                min_value=0,
                max_value=iterations,
                default=iterations,
                step=1,
            )
    shown = run.at(step)
    with st.container():
        if shown.step < step:
            st.caption(
                f"The run was stopped at step {text(shown.step + 1)}; showing step "
                f"{text(shown.step)}, the last one kept."
            )
    after = _steps(shown.step)
    columns = st.columns(3)
    columns[0].metric(f"Slope after {after}", eq_text(shown.slope).removeprefix("= "))
    columns[1].metric(f"Intercept after {after}", eq_text(shown.intercept).removeprefix("= "))
    columns[2].metric(f"MSE after {after}", eq_text(shown.mse).removeprefix("= "))
    line = run.best
    st.caption(
        f"Exact (section 5): slope {eq_text(line.slope)}, intercept {eq_text(line.intercept)}."
    )
    _verdict(run)
    _line_chart(data, run, shown)
    # Its two charts are built only while it is open (?descent_path=true): closed, they were
    # sent (the path's 79 kB loss landscape) and redrawn hidden on every move.
    further = st.expander(
        "Going further: the MSE and the path", key=PATH_EXPANDER, bind="query-params"
    )
    with further:
        if further.open:
            _loss_chart(run, shown)
            _path_chart(data, run, shown)


def _verdict(run: LineDescent) -> None:
    rate = text(run.path.learning_rate)
    where = "On scaled x" if run.scaled else "For this data"
    limit = f"2/λ_max {eq_text(run.rate_limit)}"
    if run.outcome == "diverged":
        stopped = _stopped(run) if run.stopped_early else ""
        verdict(
            f"**Diverged: the learning rate {rate} is too large.** {stopped}{_runaway(run)} "
            f"{where} any learning rate "
            f"above {limit} does this (λ_max is the steepest curvature of the MSE). Lower the "
            "learning rate" + ("." if run.scaled else ", or turn on feature scaling."),
            "warning",
        )
    elif run.outcome == "oscillating":
        verdict(
            f"**Stuck: at learning rate {rate} the steps bounce** from one side of the valley "
            f"to the other without getting closer: {rate} is exactly {limit}, the largest "
            "rate that does not run away. Lower it.",
            "warning",
        )
    elif run.path.steps_requested == 0:
        verdict("No steps taken yet: the line is the start, slope 0 and intercept 0.", "info")
    elif run.outcome == "converged" and run.converged_step is not None:
        verdict(
            f"Converged: by step {text(run.converged_step)} the MSE above its minimum had "
            "fallen to a millionth of its start, so the line is close to the least-squares "
            "line.",
            "success",
        )
    else:
        verdict(
            "Not there yet. Converged means the MSE above its minimum is down to a millionth "
            f"of its start: {_at_most(run.steps_bound, 'at most ')} at rate {rate}. "
            + ("Try a larger learning rate." if run.scaled else "Feature scaling helps."),
            "info",
        )


def _stopped(run: LineDescent) -> str:
    """Which step stopped the run and why; the page shows the step before it."""
    kept = run.path.steps_taken
    cost = run.path.stopped_cost
    reached = (
        f"the MSE reached {_about(cost)}, past {_about(run.stop_mse)}"
        if cost is not None and math.isfinite(cost)
        else "the MSE was too large for a float"
    )
    return (
        f"At step {text(kept + 1)} {reached}, so the run was stopped there; the last step "
        f"shown is step {text(kept)}. "
    )


def _runaway(run: LineDescent) -> str:
    if run.rose_every_step:
        return "Each step jumps across the valley and lands higher up the other side."
    return (
        "The steps jump across the valley by more each time: the MSE can fall at first, "
        "but in the end it grows."
    )


def _line_chart(data: FitData, run: LineDescent, shown: DescentStep) -> None:
    live_label = f"{LINE} after {_steps(shown.step)}"
    line = run.best
    slope, intercept = float(shown.slope), float(shown.intercept)
    ends = [float(v) for v in data.x_domain]
    lines = pd.DataFrame(
        {
            "x": ends * 2,
            "y": [slope * x + intercept for x in ends]
            + [float(line.slope) * x + float(line.intercept) for x in ends],
            "line": [LINE] * 2 + ["least-squares line"] * 2,
        }
    )
    description = (
        f"The data, the line after {_steps(shown.step)} and, dashed, the least-squares line."
    )
    # The legend shows the live step count through the data (live_chart), under a fixed
    # series name, so moving the replay, the iterations or the rate keeps the chart's spec.
    chart = live_chart.compose_live(
        charts.function_plot(
            lines,
            series="line",
            x_title=data.points.x_name,
            y_title=data.points.y_name,
            x_domain=data.x_domain,
            y_domain=data.y_domain,
            colors={LINE: C["function"], "least-squares line": C["tangent"]},
            dashed=["least-squares line"],
        ),
        charts.points(pd.DataFrame({"x": data.shown().x, "y": data.shown().y})),
        legend={LINE: live_label},
        description=description,
        height=340,
    )
    charts.show_chart(chart, description)


def _thinned_steps(first: int, last: int) -> np.ndarray:
    """At most MAX_LINE_POINTS step indices from first to last, both included."""
    count = min(last - first + 1, limits.MAX_LINE_POINTS)
    return np.unique(np.linspace(first, last, count).round().astype(int))


def _loss_chart(run: LineDescent, shown: DescentStep) -> None:
    path = run.path
    keep = _thinned_steps(0, path.steps_taken)
    losses = path.costs[keep]
    best = run.best_mse
    # With an exact fit the minimum is 0 and both curves would be the same line.
    with_excess = run.best.smallest_mse > 0
    names = ["MSE", "MSE above its minimum"] if with_excess else ["MSE"]
    frame = pd.DataFrame(
        {
            "step": np.concatenate([keep, keep]) if with_excess else keep,
            "value": np.concatenate([losses, losses - best]) if with_excess else losses,
            "curve": np.repeat(names, keep.size),
        }
    )
    frame = frame[frame["value"] > 0]  # a log scale has no place for 0
    description = (
        f"The MSE after each step, log scale: it starts at {text(float(path.costs[0]))} and is "
        f"{_about(float(path.costs[-1]))} after {_steps(path.steps_taken)}"
        + ("; dashed, its height above the smallest MSE." if with_excess else ".")
    )
    chart = charts.compose(
        charts.function_plot(
            frame,
            x="step",
            y="value",
            series="curve",
            x_title="step",
            y_title="MSE (log scale)",
            log_y=True,
            colors={"MSE": C["function"], "MSE above its minimum": C["derivative"]},
            dashed=["MSE above its minimum"],
            y_axis_labels=charts.POWER_LABELS,
        ),
        charts.vertical_rule(shown.step, label=f"step {shown.step}", color=C["muted"]),
        description=description,
        height=300,
    )
    charts.show_chart(chart, description)


def _path_chart(data: FitData, run: LineDescent, shown: DescentStep) -> None:
    path, window = run.path, data.window
    slopes, intercepts = path.coordinate("slope"), path.coordinate("intercept")
    inside = [window.contains(float(w), float(b)) for w, b in zip(slopes, intercepts, strict=True)]
    last = path.steps_taken if all(inside) else inside.index(False)
    keep = _thinned_steps(0, last)
    trail = pd.DataFrame({"slope": slopes[keep], "intercept": intercepts[keep], "step": keep})
    left = (
        f" From step {text(last)} on, it is outside this picture."
        if last < path.steps_taken
        else ""
    )
    description = (
        f"The path of gradient descent (orange) on the loss landscape from (0, 0); step "
        f"{text(shown.step)} is the purple dot.{left}"
    )
    chart = charts.compose(
        *landscape_layers(data),
        charts.trail(trail, x="slope", y="intercept"),
        charts.marker(
            pd.DataFrame({"slope": [float(shown.slope)], "intercept": [float(shown.intercept)]}),
            x="slope",
            y="intercept",
        ),
        description=description,
        height=380,
    )
    charts.show_chart(chart, description)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs=FIT_HASH)
def _scaling_story(data: FitData) -> ScalingStory:
    return scaling_story(data.points.x)


def _scaling(story: ScalingStory) -> None:
    """Why plain x makes the steps crawl, the scaling formulas and what scaling changes: one
    element (two paragraphs and the displayed formula between them)."""
    st.markdown(
        "The MSE is a bowl whose steepness differs by direction: changing the slope moves "
        f"every prediction by x (up to {text(story.largest_x)}), changing the intercept moves "
        "them by 1. A step long enough for the gentle direction overshoots in the steep one, "
        f"so the learning rate must stay below 2/λ_max {eq_text(story.plain_limit)} here, and "
        "then the gentle direction crawls: even the best rate, n/(Σx² + n) "
        f"{eq_text(story.plain_best_rate)}, needs {_at_most(story.plain_steps, 'up to ', bold=True)} "
        "to bring the MSE above its minimum down to a millionth of its start.\n\n$$\n"
        rf"\begin{{aligned}} {ROOM}x' &= \frac{{x - m}}{{s}}, \\ \text{{slope}} &= \frac{{w'}}{{s}}, \\ "
        rf"{ROOM}\text{{intercept}} &= b' - \frac{{w'\,m}}{{s}} \end{{aligned}}"
        "\n$$\n\n"
        "**Feature scaling** centres x at its mean m and divides by its standard deviation "
        "s. On the scaled x the bowl is round, both directions are equally steep, and the "
        f"best learning rate, {text(story.scaled_best_rate)}, needs "
        f"{_at_most(story.scaled_steps, bold=True)}. The line found on scaled x is mapped back to "
        "your units with the formulas above, so the picture is the same line."
    )
