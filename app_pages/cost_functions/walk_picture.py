"""The walk downhill as a touch unit: the start x₀, the learning rate and the number of steps
are three range inputs of one cross grid (`dashboard.touch`); every row is a walk worked out
exactly by `core.house_walk.house_walk_grid`, drawn on the cost curve with what it did.

Each row carries its own window: the picture spans the lines, the start and the best position
(the walk's `window`), so a far start widens it, as the chart did before.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from app_pages.cost_functions.descent_picture import readable_labels, y_span
from app_pages.cost_functions.power_line_positions import STREET, position
from core.house_walk import HouseWalk, HouseWalkGrid
from dashboard import charts, touch
from dashboard.numbers import text

KEY = "walk_touch"
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.125, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6)
LEARNING_RATES += (0.75, 1.0, 1.5, 2.0)
MAX_SLIDER_STEPS = 200
STARTS = tuple(k / 2 for k in range(int(-2 * STREET), int(2 * STREET) + 1))
STEP_COUNTS = tuple(range(1, MAX_SLIDER_STEPS + 1))
# What the picture needs of a walk, in shares of its window: the line's corners are kept at
# least 1/LINE_CELLS apart (about a pixel), the dots 1/DOT_CELLS (about the dots' radius: closer
# ones overlap), and a coordinate travels to the nearest 1/PLACES of the window. A crawling
# walk's 200 tiny steps would otherwise travel as 200 points in each row of the steps input.
LINE_CELLS, DOT_CELLS, PLACES = 500, 200, 5000
COLOR = charts.COLORS["secant"]
HEIGHT = 320


def controls() -> tuple[touch.Control, touch.Control, touch.Control]:
    """Start, learning rate and steps: the old sliders' values, in ?start=, ?lr=, ?steps=."""
    return (
        touch.Control(label="Start at x₀", param="start", values=STARTS, default=-2.0),
        touch.Control(label="Learning rate", param="lr", values=LEARNING_RATES, default=0.1),
        touch.Control(label="Steps", param="steps", values=STEP_COUNTS, default=30),
    )


def steps_words(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def y_window(walk: HouseWalk) -> tuple[float, float]:
    """The cost axis of this walk's window: 0 to the curve's top there, with room."""
    top = float(max(np.max(walk.curve_cost), 1.0))
    return (-0.06 * top, 1.08 * top)


def _rounding(low: float, high: float) -> Callable[[float], float]:
    """A coordinate to the nearest 1/PLACES of [low, high], as a short decimal."""
    digits = max(0, math.ceil(-math.log10((high - low) / PLACES)))
    return lambda v: round(float(v), digits) + 0.0


class Trace(NamedTuple):
    """A walk's iterates (x_k, cost at x_k) and the window they are drawn in."""

    xs: np.ndarray
    ys: np.ndarray
    x: tuple[float, float]
    y: tuple[float, float]


def trace(walk: HouseWalk) -> Trace:
    return Trace(walk.path.xs, walk.path.costs, walk.window, y_window(walk))


def inside(walk: Trace) -> list[tuple[float, float] | None]:
    """The iterates (x_k, cost) in order, rounded; None where one is out of the window."""
    (x0, x1), (y0, y1) = walk.x, walk.y
    rx, ry = _rounding(x0, x1), _rounding(y0, y1)
    return [
        (rx(x), ry(y)) if x0 <= x <= x1 and np.isfinite(y) else None
        for x, y in zip(walk.xs, walk.ys, strict=True)
    ]


def _cells(walk: Trace, cells: int) -> Callable[[tuple[float, float]], tuple[int, int]]:
    (x0, x1), (y0, y1) = walk.x, walk.y
    return lambda p: (
        round((p[0] - x0) / (x1 - x0) * cells),
        round((p[1] - y0) / (y1 - y0) * cells),
    )


def drawn_path(walk: Trace) -> list[tuple[float, float] | None]:
    return drawn_path_counts(walk)[0]


def drawn_path_counts(walk: Trace) -> tuple[list[tuple[float, float] | None], list[int]]:
    """The line through the iterates inside the window, in order, as it is drawn: a point in
    the same pixel as the last one adds nothing, and a segment drawn already (a walk bouncing
    between two places) is not drawn again (the pen lifts: None)."""
    cell = _cells(walk, LINE_CELLS)
    drawn: list[tuple[float, float] | None] = []
    seen: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    last: tuple[float, float] | None = None  # the last place reached (None: out of the window)
    pen: tuple[float, float] | None = None  # where the drawn line ends
    counts: list[int] = []  # how long the line is after each iterate (a shorter walk's line)
    for point in inside(walk):
        counts.append(len(drawn))
        if point is None or last is None:
            if point is not None and not drawn:
                drawn.append(point)
                pen = point
            last = point
            counts[-1] = len(drawn)
            continue
        a, b = cell(last), cell(point)
        if a == b:
            continue
        segment = (min(a, b), max(a, b))
        if segment not in seen:
            seen.add(segment)
            if pen != last:
                drawn += [None, last]
            drawn.append(point)
            pen = point
            counts[-1] = len(drawn)
        last = point
    return drawn, counts


def dots(walk: Trace) -> list[tuple[float, float]]:
    """A dot at each iterate inside the window, but one per place (closer ones overlap)."""
    return dots_counts(walk)[0]


def dots_counts(walk: Trace) -> tuple[list[tuple[float, float]], list[int]]:
    """The dots, and how many there are after each iterate (a shorter walk's dots)."""
    cell = _cells(walk, DOT_CELLS)
    kept: dict[tuple[int, int], tuple[float, float]] = {}
    counts: list[int] = []
    for point in inside(walk):
        if point is not None:
            kept.setdefault(cell(point), point)
        counts.append(len(kept))
    return list(kept.values()), counts


def _numbers(walk: HouseWalk) -> tuple[list[tuple[float, float]], list[str]]:
    """The steps that carry their number: the start, the end and the first three, where they
    do not overlap (as `descent_picture.path_layers` numbers them)."""
    xs, ys = walk.path.xs, walk.path.costs
    window = walk.window
    within = (xs >= window[0]) & (xs <= window[1])
    last = len(xs) - 1
    chosen = [k for k in (0, last, 1, 2, 3) if k <= last and within[k]]
    # kept apart on the chart's span as before (the picture's window is a little taller)
    labelled = readable_labels(xs, ys, chosen, window, y_span(walk.curve_cost))
    ks = [k for k in range(len(xs)) if labelled[k]]
    points = inside(trace(walk))
    return [points[k] for k in ks], [str(k) for k in ks]


def path_layers(
    walk: Trace, spots: list[tuple[float, float]], labels: list[str]
) -> list[touch.Layer]:
    """The walk on the curve: the line through its iterates, a dot at each, and the numbered
    ones (`spots`, each with its label)."""
    spread = touch.points(dots(walk), COLOR, size=3)
    del spread["labels"]  # no dot is labelled: the numbers are a layer of their own
    return [
        touch.line(drawn_path(walk), COLOR, width=2),
        spread,
        touch.points(spots, COLOR, labels=labels, size=4),
    ]


def pool(longest: HouseWalk) -> tuple[list[touch.Layer], list[int], list[int]]:
    """The longest walk of the steps input, sent once (the unit's pool): its line and its
    dots, and how much of each a walk of its first k steps draws (k = 0, 1, ...). Drawing
    goes iterate by iterate, so a shorter walk's line and dots are the first ones."""
    line, line_counts = drawn_path_counts(trace(longest))
    spots, dot_counts = dots_counts(trace(longest))
    spread = touch.points(spots, COLOR, size=3)
    del spread["labels"]
    return [touch.line(line, COLOR, width=2), spread], line_counts, dot_counts


def pooled_row(
    walk: HouseWalk, words: str, alt: str, counts: tuple[list[int], list[int]]
) -> touch.Row:
    """A row of the steps input: the first part of the pooled longest walk (the same start
    and rate, so the same iterates), its own numbers and words."""
    spots, labels = _numbers(walk)
    k = walk.steps_taken
    return touch.row(
        [
            touch.pooled(0, upto=counts[0][k]),
            touch.pooled(1, upto=counts[1][k]),
            touch.points(spots, COLOR, labels=labels, size=4),
        ],
        notes=[f"{alt} {words}"],
        alt=alt,
    )


def row(walk: HouseWalk, words: str, alt: str, *, own_window: bool) -> touch.Row:
    """What the unit shows for one walk: its path on the curve, its numbered steps, its words;
    with `own_window`, in the walk's own window (a row of the start's input: the window
    follows the start), else in the picture's (the held start's)."""
    spots, labels = _numbers(walk)
    shown = touch.row(
        path_layers(trace(walk), spots, labels),
        # the sentence the chart's caption read, then what the walk did
        notes=[f"{alt} {words}"],
        alt=alt,
    )
    if not own_window:
        return shown
    x, y = window(walk)
    # the window the row asks for (dashboard.touch's JS reads row.window)
    shown["window"] = {
        "x": list(x),
        "y": list(y),
        "x_ticks": [list(t) for t in touch.nice_ticks(*x)],
        "y_ticks": [list(t) for t in touch.nice_ticks(*y, count=6)],
    }
    return shown


def window(walk: HouseWalk) -> tuple[tuple[float, float], tuple[float, float]]:
    """The picture's x and y ranges for this walk (x: the lines, the start and the best)."""
    y = y_window(walk)
    rounded = _rounding(*y)
    return walk.window, (rounded(y[0]), rounded(y[1]))


def frame(grid: HouseWalkGrid) -> touch.Picture:
    """What stays: the total cost along the street (each row shows its part of it)."""
    x, y = window(grid.by_steps[0])
    return touch.Picture(
        x=x,
        y=y,
        x_title="house position x",
        y_title="total cost C(x)",
        description=(
            "The total cost C(x) along the street and the walk downhill on it: each step's "
            "x and cost, numbered from the start."
        ),
        layers=(
            touch.line(np.column_stack([grid.curve_x, grid.curve_cost]), charts.COLORS["function"]),
        ),
        legend=(
            touch.Key("total cost C(x)", charts.COLORS["function"]),
            touch.Key("the walk: x₀, x₁, x₂, …", COLOR),
        ),
        y_ticks=touch.nice_ticks(*y, count=6),
        height=HEIGHT,
    )


def description(walk: HouseWalk, steps: int, at: Callable[[HouseWalk, int], str]) -> str:
    """The walk in one sentence, for screen readers (the chart's description before)."""
    k = walk.steps_taken
    return (
        f"Gradient descent from x₀ = {position(walk.start)} with learning rate "
        f"{text(walk.learning_rate)}: {steps_words(k)} of {steps}, ending at {at(walk, k)}."
    )
