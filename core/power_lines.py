"""The power-line problem worked exactly, as the page shows it.

A house at x pays (x - a_i)^2 (squared) or |x - a_i| (absolute) to each line a_i.
Squared:  C'(x) = 2 sum (x - a_i) = 2 (n x - sum a_i) = 0  =>  x = (a_1 + ... + a_n) / n.
Absolute: away from the lines C'(x) = #(a_i < x) - #(a_i > x); at a line C has a corner:
C'(a) does not exist, and the one-sided slopes there differ by 2 for each line at a.

The learner's positions are decimals, so every cost, slope, mean and median is an exact
rational: all of them are Fractions here, and every verdict is decided on them exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np

from core.cost import (
    POSITION_LIMIT,
    Kind,
    check_kind,
    each_line_cost,
    power_line_cost,
    validate_lines,
)
from core.errors import LearnerError

GRID_POINTS = 201  # samples of each curve: smooth at any width, small to send
FAR = Fraction(int(POSITION_LIMIT))  # where the outlier question moves the rightmost line


def exact_input(value: float | int | Fraction) -> Fraction:
    """A decimal input as the rational it stands for. A float is read to 12 significant
    digits: a slider's 0.30000000000000004 is the 0.3 it shows, and 1.5 is exactly 3/2."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    number = float(value)
    if not math.isfinite(number):
        raise LearnerError("A position must be a finite number.")
    return Fraction(f"{number:.12g}")


@dataclass(frozen=True)
class SlopeAt:
    """C'(x) where it exists (`value`), and the one-sided slopes lim C'(t) as t -> x from the
    left and from the right. They differ exactly at a corner, where `value` is None."""

    x: Fraction
    value: Fraction | None
    left: Fraction
    right: Fraction

    @property
    def exists(self) -> bool:
        return self.value is not None


def slope_at(lines: Sequence[Fraction], kind: Kind, x: Fraction) -> SlopeAt:
    """The slope of the total cost at x, exactly; at a corner of the absolute cost, none."""
    if kind == "squared":
        value = 2 * sum((x - a for a in lines), Fraction(0))
        return SlopeAt(x, value, value, value)
    left = sum(1 for a in lines if a < x) - sum(1 for a in lines if a >= x)
    right = sum(1 for a in lines if a <= x) - sum(1 for a in lines if a > x)
    value = Fraction(left) if left == right else None
    return SlopeAt(x, value, Fraction(left), Fraction(right))


def cost_at(lines: Sequence[Fraction], kind: Kind, x: Fraction) -> Fraction:
    """C(x) = sum (x - a_i)^2 or sum |x - a_i|, exactly."""
    if kind == "squared":
        return sum(((x - a) ** 2 for a in lines), Fraction(0))
    return sum((abs(x - a) for a in lines), Fraction(0))


@dataclass(frozen=True)
class PowerLineAnswer:
    """Where the total cost is smallest, and the facts its derivation shows.

    Every x in [low, high] minimises C (low == high: one best position, `unique`). `marked`
    is the position the page marks: the mean (squared) or the median, the middle of [low,
    high] (absolute). For the absolute cost, `flat` is the open interval (low, high) on which
    C' = 0 (None when low == high: then C' is never 0 and the minimum sits on a corner), and
    `ends` holds the slope at low and at high: corners, where C' does not exist.
    """

    lines: tuple[Fraction, ...]
    kind: Kind
    n: int
    total: Fraction  # a_1 + ... + a_n
    low: Fraction
    high: Fraction
    marked: Fraction
    cost: Fraction
    flat: tuple[Fraction, Fraction] | None
    ends: tuple[SlopeAt, ...]

    @property
    def unique(self) -> bool:
        return self.low == self.high

    @property
    def mean(self) -> Fraction:
        return self.total / self.n


def power_line_answer(lines: Sequence[float], kind: str = "squared") -> PowerLineAnswer:
    """The minimisers of C, exactly: the mean for squared cost; for absolute cost every x
    between the two middle lines (n even) or the middle line (n odd)."""
    checked = check_kind(kind)
    a = tuple(exact_input(v) for v in validate_lines(lines))
    n, total = len(a), sum(a, Fraction(0))
    if checked == "squared":
        low = high = marked = total / n
        flat, ends = None, ()
    else:
        ordered = sorted(a)
        low, high = ordered[(n - 1) // 2], ordered[n // 2]
        marked = (low + high) / 2
        flat = (low, high) if low < high else None
        ends = tuple(slope_at(a, checked, x) for x in dict.fromkeys((low, high)))
    return PowerLineAnswer(
        lines=a,
        kind=checked,
        n=n,
        total=total,
        low=low,
        high=high,
        marked=marked,
        cost=cost_at(a, checked, marked),
        flat=flat,
        ends=ends,
    )


HOUSE_ROOM = 3  # whole units of street on each side beyond the outermost line (or 0)
# The house moves in steps of 0.1, or 0.2 on a stretch longer than 20: at most 201 positions,
# each a row the browser receives at once.
HOUSE_STEPS = ((20, Fraction(1, 10)), (2 * int(POSITION_LIMIT), Fraction(1, 5)))


def house_window(lines: Sequence[float]) -> tuple[int, int]:
    """The stretch of street the house moves on, in whole numbers: from the leftmost of the
    lines and 0, less HOUSE_ROOM, to the rightmost plus HOUSE_ROOM, kept on the street."""
    values = [*validate_lines(lines), 0.0]
    limit = int(POSITION_LIMIT)
    return (
        max(-limit, math.floor(min(values)) - HOUSE_ROOM),
        min(limit, math.ceil(max(values)) + HOUSE_ROOM),
    )


def house_step(lines: Sequence[float]) -> Fraction:
    """How far the house moves in one step: 0.1, or 0.2 on a stretch longer than 20."""
    low, high = house_window(lines)
    return next(step for longest, step in HOUSE_STEPS if high - low <= longest)


def house_positions(lines: Sequence[float]) -> tuple[Fraction, ...]:
    """Every position of the house on its stretch of street, one step apart (0 is one)."""
    low, high = house_window(lines)
    step = house_step(lines)
    count = int((high - low) / step)
    return tuple(low + k * step for k in range(count + 1))


Downhill = Literal["right", "left", "neither"]


def downhill(slope: SlopeAt) -> Downhill:
    """Which way a small step of the house lowers C: "right" where the slope just right of x
    is negative, "left" where the slope just left of x is positive, "neither" where x is a
    best position (left <= 0 <= right; C is convex). Decided on the exact one-sided slopes."""
    if slope.right < 0:
        return "right"
    if slope.left > 0:
        return "left"
    return "neither"


@dataclass(frozen=True)
class PowerLineHouse:
    """Everything the house's unit shows at one position: the answer, the cost and slope at
    the house (exact), which way is downhill, and the curves over the house's stretch of
    street (the same arrays at every position: they do not move with the house)."""

    answer: PowerLineAnswer
    x: Fraction
    cost: Fraction
    slope: SlopeAt
    downhill: Downhill
    window: tuple[float, float]
    xs: np.ndarray  # GRID_POINTS over the window, and every line (the corners exactly)
    line_costs: np.ndarray  # one row per line
    total_costs: np.ndarray


def power_line_house(lines: Sequence[float], kind: str, x: float) -> PowerLineHouse:
    """The house at x: C(x) = sum (x - a_i)^2 or sum |x - a_i|, C'(x) = 2 sum (x - a_i) (or
    the one-sided slopes at a corner), and the curves over `house_window(lines)`."""
    return _houses(lines, kind, (exact_input(x),))[0]


def power_line_houses(lines: Sequence[float], kind: str) -> tuple[PowerLineHouse, ...]:
    """`power_line_house` at every one of `house_positions(lines)`, in order; the answer and
    the curves are worked once and shared."""
    return _houses(lines, kind, house_positions(lines))


def _houses(
    lines: Sequence[float], kind: str, positions: Sequence[Fraction]
) -> tuple[PowerLineHouse, ...]:
    answer = power_line_answer(lines, kind)
    floats = [float(a) for a in answer.lines]
    low, high = house_window(lines)
    window = (float(low), float(high))
    xs = np.union1d(np.linspace(*window, GRID_POINTS), floats)  # every line is in the window
    line_costs = each_line_cost(xs, floats, answer.kind)
    total_costs = np.asarray(power_line_cost(xs, floats, answer.kind))
    houses = []
    for here in positions:
        slope = slope_at(answer.lines, answer.kind, here)
        houses.append(
            PowerLineHouse(
                answer=answer,
                x=here,
                cost=cost_at(answer.lines, answer.kind, here),
                slope=slope,
                downhill=downhill(slope),
                window=window,
                xs=xs,
                line_costs=line_costs,
                total_costs=total_costs,
            )
        )
    return tuple(houses)


MedianChange = Literal["one line", "stays", "stretches", "moves"]


@dataclass(frozen=True)
class OutlierEffect:
    """One line moved far to the right: how the mean and the median answer.

    `before` and `after` differ in one line, moved from `moved_from` to `moved_to` (None
    and equal tuples when there is nothing to compare: every line already at the far end).
    The mean moves by (moved_to - moved_from)/n. The absolute cost's minimisers ([low, high]
    of each) `median_change`: "stays" when the far line is not one of the middle ones,
    "stretches" when it is one of two middle ones (two lines: [a_1, a_2] grows to [a_1, 20]),
    "moves" when it is the middle line itself (1, 20, 20 from 1, 2, 20), "one line" when the
    single line is itself the median and moves all the way.
    """

    before: tuple[Fraction, ...]
    after: tuple[Fraction, ...]
    moved_from: Fraction | None
    moved_to: Fraction | None
    mean_before: Fraction
    mean_after: Fraction
    median_before: tuple[Fraction, Fraction]
    median_after: tuple[Fraction, Fraction]
    median_change: MedianChange

    @property
    def compared(self) -> bool:
        return self.moved_from is not None

    @property
    def mean_shift(self) -> Fraction:
        return self.mean_after - self.mean_before


def outlier_effect(lines: Sequence[float]) -> OutlierEffect:
    """Move the rightmost line to the far end of the street (20). If it is there already,
    compare with that line brought back to one past its neighbour instead, so that the two
    rows always differ; with every line at the far end there is nothing to compare."""
    a = sorted(exact_input(v) for v in validate_lines(lines))
    moved_from: Fraction | None = a[-1]
    moved_to: Fraction | None = FAR
    if a[-1] < FAR:
        before, after = tuple(a), (*a[:-1], FAR)
    else:
        below = [v for v in a if v < FAR]
        if below:
            moved_from = below[-1] + 1
        elif len(a) == 1:
            moved_from = FAR - 1
        else:
            moved_from = moved_to = None
        after = tuple(a)
        before = after if moved_from is None else tuple(sorted((*a[:-1], moved_from)))
    squared_before = power_line_answer(before, "squared")
    squared_after = power_line_answer(after, "squared")
    absolute_before = power_line_answer(before, "absolute")
    absolute_after = power_line_answer(after, "absolute")
    median_before = (absolute_before.low, absolute_before.high)
    median_after = (absolute_after.low, absolute_after.high)
    if len(a) == 1:
        change: MedianChange = "one line"
    else:
        if median_before == median_after:
            change = "stays"
        elif median_before[0] == median_before[1] and median_after[0] == median_after[1]:
            change = "moves"
        else:
            change = "stretches"
    return OutlierEffect(
        before=before,
        after=after,
        moved_from=moved_from,
        moved_to=moved_to,
        mean_before=squared_before.mean,
        mean_after=squared_after.mean,
        median_before=median_before,
        median_after=median_after,
        median_change=change,
    )
