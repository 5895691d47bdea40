"""Section 4, let gradient descent do it: the learning rate, the steps, a replay, and the
verdict.

The learning rate, the iterations and the replay are a touch unit (`dashboard.touch`, a
cross grid): `core.descent_grid.descent_grid` gives the line after the replayed step at
every rate (iterations held) and at every number of iterations (rate held, the replay
following the run's end as the learner expects), `core.descent_grid.replay_grid` the held
run's line after each of the replay's steps, so the line, its three numbers and the legend
follow the hand in the browser. The replay's positions depend on the iterations Python
holds (`replay_positions`: every step up to 200, every 10th up to 1000, every 100th beyond,
and the last step; one per step, up to 3001, would pass Streamlit's 1 MB message limit),
so the unit is rebuilt after a pause of the iterations. Feature scaling stays a Streamlit
toggle that rebuilds the unit. The verdict and the MSE-and-path charts follow the run and
the step Python holds after the pause."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.regression.fit_by_hand import FIT_HASH, landscape_layers
from app_pages.regression.katex_room import ROOM
from core import limits
from core.descent_grid import (
    EVERY_STEP_UP_TO,
    TENS_UP_TO,
    DescentGrid,
    Replayed,
    descent_grid,
    followed_replay,
    replay_grid,
    replay_positions,
)
from core.line_fit import FitData
from core.regression import (
    DescentStep,
    LineDescent,
    ScalingStory,
    line_descent,
    scaling_story,
)
from dashboard import charts, touch
from dashboard.controls import url_toggle
from dashboard.layout import quiz_choice, section, verdict
from dashboard.numbers import eq_text, text

C = charts.COLORS
LEARNING_RATES = [1e-6, 1e-5, 1e-4, 0.001, 0.003, 0.01, 0.02, 0.025, 0.03, 0.1, 0.3, 0.5, 1.0, 1.5]
DEFAULT_LEARNING_RATE = 0.01
DEFAULT_ITERATIONS = 1000
LINE = "gradient descent's line"
PATH_EXPANDER = "descent_path"  # ?descent_path=true opens the MSE-and-path expander
KEY = "descent_touch"
RATE = touch.Control(
    label="Learning rate",
    param="lr",
    values=tuple(LEARNING_RATES),
    default=DEFAULT_LEARNING_RATE,
    hint="How far each step goes along minus the gradient.",
)
ITERATIONS = touch.Control(
    label="Iterations",
    param="iters",
    values=tuple(range(0, limits.MAX_REGRESSION_ITERATIONS + 1, 10)),
    default=DEFAULT_ITERATIONS,
    hint="How many steps to take from (0, 0).",
)
REPLAY = "replay"


def _replay(iterations: int) -> touch.Control:
    """The replay input of a run of `iterations` steps; its hint says which steps it has."""
    positions = replay_positions(iterations)
    if len(positions) == iterations + 1:
        hint = "The line after each step, from the start (step 0) to the last."
    elif iterations <= TENS_UP_TO:
        hint = f"Steps 0–{text(EVERY_STEP_UP_TO)}, then every 10th."
    else:
        hint = (
            f"Steps 0–{text(EVERY_STEP_UP_TO)}, every 10th to {text(TENS_UP_TO)}, "
            "then every 100th, and the last."
        )
    return touch.Control(
        label="Replay the steps",
        param=REPLAY,
        values=positions,
        default=iterations,
        hint=hint,
    )


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


def _follow_end(iterations: int) -> None:
    """Keep the replay at the last step when it was there before `iterations` changed, and
    inside 0 ... iterations; elsewhere it stays where the learner put it (the unit's rows
    for other iterations follow the same rule, `core.descent_grid.followed_replay`). A step
    the replay keeps is one of the new run's positions too (`replay_positions`)."""
    memory = f"_{REPLAY}_iterations"
    previous = st.session_state.get(memory)
    st.session_state[memory] = iterations
    value = st.session_state.get(REPLAY)
    if previous is None or not isinstance(value, int) or isinstance(value, bool):
        return
    followed = followed_replay(value, previous, iterations)
    if followed != value:
        st.session_state[REPLAY] = followed


def _longest(data: FitData, scaled: bool):
    return lambda rate: _longest_descent(data, rate, scaled)


@st.fragment
def _unit(data: FitData) -> None:
    """Feature scaling (a Streamlit toggle that rebuilds the unit), and the unit: the learning
    rate, the iterations and the replay move the line and its numbers in the browser; the
    verdict and the MSE-and-path charts follow the run and the step Python holds after the
    pause."""
    scaled = url_toggle(
        "Feature scaling",
        "scale",
        default=False,
        help="Take the steps on standardised x, x' = (x - mean) / standard deviation; the "
        "line is mapped back to your units.",
    )
    learning_rate, iterations = touch.value(RATE), touch.value(ITERATIONS)
    _follow_end(iterations)
    replay = _replay(iterations)
    step = touch.value(replay)
    longest = _longest(data, scaled)
    grid = descent_grid(
        data,
        longest,
        RATE.values,
        ITERATIONS.values,
        learning_rate,
        iterations,
        step,
    )
    replays = replay_grid(longest(learning_rate), replay.values)
    touch.touch_unit(KEY, [RATE, ITERATIONS, replay], _picture(data), _rows(data, grid, replays))
    run, shown = grid.held, grid.shown.shown
    line = run.best
    st.caption(
        f"Exact (section 5): slope {eq_text(line.slope)}, intercept {eq_text(line.intercept)}."
    )
    _verdict(run)
    # Its two charts are built only while it is open (?descent_path=true): closed, they were
    # sent (the path's 79 kB loss landscape) and redrawn hidden on every move.
    further = st.expander(
        "Going further: the MSE and the path", key=PATH_EXPANDER, bind="query-params"
    )
    with further:
        if further.open:
            _loss_chart(run, shown)
            _path_chart(data, run, shown)


def _picture(data: FitData) -> touch.Picture:
    """What stays while the inputs move: the data, the least-squares line (dashed), the
    window and the legend."""
    points = data.shown()
    best = data.line
    ends = [float(v) for v in data.x_domain]
    least = [(x, float(best.slope) * x + float(best.intercept)) for x in ends]
    return touch.Picture(
        x=data.x_domain,
        y=data.y_domain,
        x_title=points.x_name,
        y_title=points.y_name,
        description="The data, gradient descent's line and, dashed, the least-squares line.",
        layers=(
            touch.line(least, C["tangent"], dash=True),
            touch.points(list(zip(points.x, points.y, strict=True)), C["point"], size=5),
        ),
        legend=(
            touch.Key(LINE, C["function"]),
            touch.Key("least-squares line", C["tangent"], dash=True),
        ),
        height=340,
        x_ticks=touch.nice_ticks(*data.x_domain, 10),
        y_ticks=touch.nice_ticks(*data.y_domain, 6),
    )


def _rows(data: FitData, grid: DescentGrid, replays: tuple[Replayed, ...]) -> list[list[touch.Row]]:
    """The unit's rows: the runs at every rate and at every number of iterations, and the
    held run after each of the replay's steps."""
    ends = tuple(float(v) for v in data.x_domain)
    return [
        [_row(r, ends) for r in grid.by_rate],
        [_row(r, ends) for r in grid.by_iterations],
        [_row(r, ends) for r in replays],
    ]


def _row(replayed: Replayed, ends: tuple[float, ...]) -> touch.Row:
    """What the unit shows for one run at one step: its line, its numbers, the legend's
    live name and, where the run was stopped before that step, which step it shows."""
    shown = replayed.shown
    slope, intercept = float(shown.slope), float(shown.intercept)
    after = _steps(shown.step)
    notes = (
        [
            f"The run was stopped at step {text(shown.step + 1)}; showing step "
            f"{text(shown.step)}, the last one kept."
        ]
        if replayed.cut_short
        else []
    )
    return touch.row(
        [touch.line([(x, slope * x + intercept) for x in ends], C["function"])],
        metrics=[
            (f"Slope after {after}", _about(shown.slope)),
            (f"Intercept after {after}", _about(shown.intercept)),
            (f"MSE after {after}", _about(shown.mse)),
        ],
        notes=notes,
        legend=[f"{LINE} after {after}"],
        alt=f"The data, the line after {after} and, dashed, the least-squares line.",
    )


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
