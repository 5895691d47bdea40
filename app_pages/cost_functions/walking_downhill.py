"""Section 4, walking downhill: gradient descent on the power lines' cost.

One call: `core.house_walk.house_walk_grid(...)` returns every walk of the unit (start, rate and
steps, a touch unit: `walk_picture`), exact, with why each stopped
and what it did (`stop`, `outcome`, `factor`); this module turns those fields into words.
"""

from __future__ import annotations

from itertools import groupby

import numpy as np
import pandas as pd
import streamlit as st

from app_pages.cost_functions import walk_picture
from app_pages.cost_functions.house_picture import best_words
from app_pages.cost_functions.power_line_positions import LineSetup, position, waiting_for_lines
from app_pages.cost_functions.values import shown
from app_pages.cost_functions.walk_picture import steps_words
from core.errors import LearnerError
from core.gradient_descent import OUTCOME_WORDS, check_descent_settings
from core.house_walk import STOP_STEP, HouseWalk, HouseWalkGrid, house_walk_grid, power_line_walk
from dashboard import touch
from dashboard.layout import (
    check_yourself,
    friendly_error,
    numbers_table,
    quiz_choice,
    section,
)
from dashboard.numbers import eq_text, text

# The iterates table shows 6 significant digits, so that x_18 ≈ 1.49964 does not read as 1.5.
TABLE_DIGITS = 6
ITERATES_KEY = "iterates"  # ?iterates=true opens the table of iterates
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def x_sub(k: int) -> str:
    """x₂₈: the iterate after k steps."""
    return "x" + str(k).translate(SUBSCRIPTS)


def _at(walk: HouseWalk, k: int) -> str:
    """'x₁₆ = 1.1' or 'x₂₈ ≈ 1.5'."""
    return f"{x_sub(k)} {eq_text(walk.xs[k])}"


def _step_runs(walk: HouseWalk) -> str:
    """The steps' sizes in order: '15 steps of 0.2, then 1 step of 0.1'."""
    runs = [(size, len(list(group))) for size, group in groupby(walk.step_sizes)]
    return ", then ".join(f"{steps_words(count)} of {text(size)}" for size, count in runs)


def absolute_words(walk: HouseWalk) -> str:
    """What the walk on the absolute cost did: its steps never shrink."""
    k = walk.steps_taken
    if k == 0:
        return f"It does not move: the slope at {_at(walk, 0)} is 0."
    runs = _step_runs(walk)
    corners = walk.corner_steps
    corner_note = (
        f" At the corner {_at(walk, corners[0])}, C′ does not exist; the step uses sign(0) = 0 "
        "for the line there."
        if corners
        else ""
    )
    shrink = (
        " Each step is the learning rate times a whole number (the slope), so the steps do not "
        "fade as the walk nears the bottom."
    )
    answer = walk.answer
    if walk.stop == "landed":
        if walk.landing == "flat bottom":
            return (
                f"It took {runs} and landed at {_at(walk, k)}, on the flat bottom between "
                f"{position(answer.low)} and {position(answer.high)}, where the slope is 0: "
                f"there it stops, at a minimum.{corner_note}{shrink}"
            )
        return (
            f"It took {runs} and landed at {_at(walk, k)}, the corner at the bottom: C′ does "
            "not exist there, the step uses sign(0) = 0 for that line, so the step is 0 and "
            f"the walk stops, at the minimum.{shrink}"
        )
    if walk.outcome == "oscillating":
        return (
            f"It took {runs}, and now bounces across the bottom: the slope's size does not "
            f"shrink near the bottom, so each step jumps over it ({_at(walk, k - 1)}, "
            f"{_at(walk, k)}).{corner_note}"
        )
    return f"After {runs} it is still walking downhill, at {_at(walk, k)}.{corner_note}"


def squared_words(walk: HouseWalk) -> str:
    """What the walk on the squared cost did, and the rule its factor r = 1 − 2n·lr gives."""
    k, n, lr = walk.steps_taken, walk.answer.n, walk.learning_rate
    if walk.stop == "small step":
        gap = abs(walk.answer.mean - walk.xs[k])
        said = (
            f"It stopped after {k} of {steps_words(walk.path.steps_requested)}: its next step, "
            f"{text(lr)} · |C′({x_sub(k)})| {eq_text(walk.next_step)}, is shorter than "
            f"{text(STOP_STEP)}, the stopping rule. Then {_at(walk, k)}, {shown(gap)} from the "
            f"mean, {best_words(walk.answer)}."
        )
    elif walk.stop == "landed" and k == 0:
        said = f"It starts on the mean, {_at(walk, 0)}, where the slope is 0, so it does not move."
    elif walk.stop == "landed":
        said = (
            f"It landed exactly on the mean, {_at(walk, k)}, after {steps_words(k)}, "
            "where the slope is 0."
        )
    else:
        said = f"With learning rate {text(lr)} the walk is {OUTCOME_WORDS[walk.outcome]}"
        if walk.crawling and walk.factor is not None:
            said += (
                f" With so small a rate it crawls: each step removes only "
                f"{text((1 - walk.factor) * 100)}% of the distance that is left."
            )
        if walk.stop == "escaped":
            said += f" It was stopped after {steps_words(k)}, far out of the picture."
        else:
            said += f" After {steps_words(k)}, {_at(walk, k)}."
    rate = walk.stable_rate
    return (
        f"{said} Each step multiplies the distance to the mean by 1 − 2·{n}·{text(lr)} "
        f"{eq_text(walk.factor)}: rates below 1/{n} {eq_text(rate)} settle, larger ones run "
        "away."
    )


def _learning_rate_link_problem() -> None:
    """A link such as ?lr=0 or ?lr=-1 gets the reason, not only 'not one of the values'."""
    note_key = "_cost_lr_problem"
    if "lr" not in st.session_state:
        try:
            asked = float(st.query_params.get("lr", "nan"))
        except ValueError:
            asked = float("nan")
        if not np.isnan(asked):
            try:
                check_descent_settings(asked, 1)
            except LearnerError as problem:
                st.session_state[note_key] = str(problem)
    problem = st.session_state.get(note_key)
    if problem:
        friendly_error(f"{problem} The link's learning rate was replaced by a usable one.")


def _slope_cell(walk: HouseWalk, k: int) -> str:
    """C′(x_k), or at a corner of the absolute cost: none, and the direction the step used."""
    if k in walk.corners:
        return f"none (corner); the step uses {text(walk.slopes[k])}"
    return shown(walk.slopes[k], sig=TABLE_DIGITS)


def iterates_table(walk: HouseWalk) -> pd.DataFrame:
    """x_k, C(x_k) and C′(x_k), from the exact walk: '≈' marks a rounded value (6 digits)."""
    return pd.DataFrame(
        {
            "step k": np.arange(len(walk.xs)),
            "x_k": [shown(x, sig=TABLE_DIGITS) for x in walk.xs],
            "cost C(x_k)": [shown(c, sig=TABLE_DIGITS) for c in walk.costs],
            "slope C′(x_k)": [_slope_cell(walk, k) for k in range(len(walk.xs))],
        }
    )


@st.cache_data(max_entries=20)
def _grid(
    lines: tuple[float, ...], kind: str, start: float, lr: float, steps: int
) -> HouseWalkGrid:
    return house_walk_grid(
        lines,
        kind,
        start,
        lr,
        steps,
        starts=walk_picture.STARTS,
        rates=walk_picture.LEARNING_RATES,
        step_counts=walk_picture.STEP_COUNTS,
    )


def _words(walk: HouseWalk, kind: str) -> str:
    return squared_words(walk) if kind == "squared" else absolute_words(walk)


def _row(walk: HouseWalk, kind: str, own_window: bool = False) -> touch.Row:
    steps = walk.path.steps_requested
    alt = walk_picture.description(walk, steps, _at)
    return walk_picture.row(walk, _words(walk, kind), alt, own_window=own_window)


@st.cache_data(max_entries=20)
def walk_unit(
    lines: tuple[float, ...], kind: str, start: float, lr: float, steps: int
) -> tuple[touch.Picture, list[list[touch.Row]], list[touch.Layer], HouseWalk]:
    """The picture, every row of the cross through (start, lr, steps), the pool (the longest
    walk's line and dots) and the walk there: one core call, formatted once."""
    grid = _grid(lines, kind, start, lr, steps)
    # the steps' walks are the first steps of the longest: its line and dots travel once
    pool, *counts = walk_picture.pool(grid.by_steps[-1])

    def pooled(walk: HouseWalk) -> touch.Row:
        alt = walk_picture.description(walk, walk.path.steps_requested, _at)
        return walk_picture.pooled_row(walk, _words(walk, kind), alt, (counts[0], counts[1]))

    rows = [
        [_row(w, kind, own_window=True) for w in grid.by_start],
        [_row(w, kind) for w in grid.by_rate],
        [pooled(w) for w in grid.by_steps],
    ]
    return walk_picture.frame(grid), rows, pool, grid.by_steps[grid.step_counts.index(steps)]


@st.fragment
def _descent(setup: LineSetup) -> None:
    """Start, learning rate, steps (one touch unit): the path on the cost curve and what it
    did; the table of iterates follows after the pause."""
    _learning_rate_link_problem()
    units = walk_picture.controls()
    start, lr, steps = (touch.value(c) for c in units)
    if lr != st.session_state.get("_cost_lr_seen", lr):
        st.session_state.pop("_cost_lr_problem", None)
    st.session_state["_cost_lr_seen"] = lr
    picture, rows, pool, walk = walk_unit(setup.lines, setup.kind, start, lr, steps)
    touch.touch_unit(walk_picture.KEY, list(units), picture, rows, pool=pool)
    k = walk.steps_taken
    # The table is built only while the expander is open (?iterates=true): closed, its rows
    # would be redrawn hidden on every move of the three inputs.
    iterates = st.expander(
        f"📋 The iterates x₀ … {x_sub(k)}", key=ITERATES_KEY, bind="query-params"
    )
    with iterates:
        if iterates.open:
            numbers_table(iterates_table(walk))


def draw(setup: LineSetup | None) -> None:
    """The section: the walk, then its question."""
    section(
        "4. Walking downhill",
        "Gradient descent steps against the slope: x ← x − (learning rate) · C′(x).",
    )
    if setup is None:
        waiting_for_lines()
    else:
        _descent(setup)
    runaway = power_line_walk([1, 3], "squared", 0.0, 2.0, 2)
    with check_yourself():
        quiz_choice(
            "cost_lr2",
            "Gradient descent on (x − 1)² + (x − 3)² starts at x = 0 with learning rate 2. "
            "What happens?",
            [
                "It lands on the minimum x = 2 in one step.",
                "It creeps slowly towards x = 2.",
                "It jumps past x = 2 by more each step: it diverges.",
                "It does not move.",
            ],
            answer=2,
            explanation=f"The first steps go to x = {text(runaway.xs[1])}, then "
            f"{text(runaway.xs[2])}: each step multiplies the distance to 2 by 1 − 2·2·2 "
            f"= {text(runaway.factor)}. With two lines the learning rate must stay below 1/2.",
            hints={0: "That happens with learning rate 1/4, not 2."},
        )
