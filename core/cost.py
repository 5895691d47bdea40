"""The power-line problem: a house at x pays a cost for its distance to each power line.

Squared cost  C(x) = sum_i (x - a_i)^2, slope C'(x) = 2 sum_i (x - a_i), minimised at the mean.
Absolute cost C(x) = sum_i |x - a_i|, slope sum_i sign(x - a_i), minimised at the median.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from core import limits
from core.errors import LearnerError
from core.gradient_descent import DescentPath, gradient_descent

Kind = Literal["squared", "absolute"]
KINDS: tuple[Kind, ...] = ("squared", "absolute")

MIN_LINES = 1
MAX_LINES = limits.MAX_POWER_LINES
# Positions and the house live on a street from -POSITION_LIMIT to POSITION_LIMIT.
POSITION_LIMIT = 20.0

_SEPARATORS = re.compile(r"[,;\s]+")


def _check_kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise LearnerError(f"The cost must be 'squared' or 'absolute', not {kind!r}.")
    return kind  # type: ignore[return-value]


def format_position(value: float) -> str:
    """A position as a learner would write it: 1.5, 2, -0.25 (no trailing zeros)."""
    text = f"{value:.6g}"
    return "0" if text == "-0" else text


def format_lines(lines: Sequence[float], sep: str = ", ") -> str:
    """Positions back to text: '1, 2, 3' to read, or with sep="," '1,2,3' for a link."""
    return sep.join(format_position(a) for a in lines)


def validate_lines(values: Sequence[float]) -> tuple[float, ...]:
    """Check a list of positions: 1 to 8 of them, each finite with |a| <= POSITION_LIMIT."""
    lines = tuple(float(v) for v in values)
    if len(lines) < MIN_LINES:
        raise LearnerError(
            "There are no power lines yet. Enter at least one position, for example 1, 2."
        )
    if len(lines) > MAX_LINES:
        raise LearnerError(
            f"That is {len(lines)} power lines; the page takes at most {MAX_LINES}. "
            "Remove some positions."
        )
    for a in lines:
        if not math.isfinite(a) or abs(a) > POSITION_LIMIT:
            raise LearnerError(
                f"The position {format_position(a)} is off the street: keep every position "
                f"between {-POSITION_LIMIT:g} and {POSITION_LIMIT:g}."
            )
    return lines


def parse_lines(text: str) -> tuple[float, ...]:
    """Read positions typed as '1, 2, 3' (commas, semicolons or spaces between them)."""
    pieces = [p for p in _SEPARATORS.split(text.strip().replace("\u2212", "-")) if p]
    values: list[float] = []
    for piece in pieces:
        try:
            value = float(piece)
        except ValueError:
            shown = piece if len(piece) <= 20 else piece[:20] + "..."
            raise LearnerError(
                f"'{shown}' is not a number. Type positions as numbers separated by commas, "
                "for example 1, 2, 3."
            ) from None
        if not math.isfinite(value):
            raise LearnerError(
                f"'{piece}' is not a finite number. Keep every position between "
                f"{-POSITION_LIMIT:g} and {POSITION_LIMIT:g}."
            )
        values.append(value)
    if len(pieces) > MAX_LINES:
        raise LearnerError(
            f"That is {len(pieces)} power lines; the page takes at most {MAX_LINES}. "
            "Remove some positions."
        )
    return validate_lines(values)


def repeated_positions(lines: Sequence[float]) -> tuple[float, ...]:
    """Positions that occur more than once (each such line still adds its own cost)."""
    seen: set[float] = set()
    repeated: list[float] = []
    for a in lines:
        if a in seen and a not in repeated:
            repeated.append(a)
        seen.add(a)
    return tuple(repeated)


def power_line_cost(
    x: float | np.ndarray, lines: Sequence[float], kind: str = "squared"
) -> float | np.ndarray:
    """Total cost sum_i (x - a_i)^2 (squared) or sum_i |x - a_i| (absolute); x may be an array."""
    per_line = each_line_cost(x, lines, kind)
    total = per_line.sum(axis=0)
    return float(total) if np.ndim(x) == 0 else total


def each_line_cost(
    x: float | np.ndarray, lines: Sequence[float], kind: str = "squared"
) -> np.ndarray:
    """One row per line: (x - a_i)^2 or |x - a_i|, shape (n_lines, *shape of x)."""
    kind = _check_kind(kind)
    a = np.asarray(lines, dtype=float).reshape((-1,) + (1,) * np.ndim(x))
    gap = np.asarray(x, dtype=float)[np.newaxis, ...] - a
    return gap**2 if kind == "squared" else np.abs(gap)


def power_line_slope(
    x: float | np.ndarray, lines: Sequence[float], kind: str = "squared"
) -> float | np.ndarray:
    """Slope of the total: 2 sum_i (x - a_i) (squared) or sum_i sign(x - a_i) (absolute).

    At a corner of the absolute cost (x = a_i) that line contributes sign(0) = 0, the middle
    of its one-sided slopes -1 and +1: a subgradient, not a derivative.
    """
    kind = _check_kind(kind)
    a = np.asarray(lines, dtype=float).reshape((-1,) + (1,) * np.ndim(x))
    gap = np.asarray(x, dtype=float)[np.newaxis, ...] - a
    total = (2.0 * gap).sum(axis=0) if kind == "squared" else np.sign(gap).sum(axis=0)
    return float(total) if np.ndim(x) == 0 else total


@dataclass(frozen=True)
class Optimum:
    """Where the total cost is smallest.

    `low == high` when the best position is unique; otherwise every x in [low, high] is
    optimal (the absolute cost with an even number of lines whose two middle ones differ).
    `x` is the position the page marks: the mean (squared) or the median (absolute).
    """

    kind: Kind
    x: float
    low: float
    high: float
    cost: float

    @property
    def unique(self) -> bool:
        return self.low == self.high


def best_position(lines: Sequence[float], kind: str = "squared") -> Optimum:
    """The minimiser: the mean (a_1 + ... + a_n)/n for squared cost, the median for absolute.

    Squared: C'(x) = 2 (n x - sum a_i) = 0 gives x = mean. Absolute: the slope
    #(a_i < x) - #(a_i > x) is negative left of the middle line(s) and positive right of
    them, so for even n every x between the two middle lines is a minimiser.
    """
    kind = _check_kind(kind)
    a = np.sort(np.asarray(validate_lines(lines), dtype=float))
    n = len(a)
    if kind == "squared":
        low = high = x = float(a.mean())
    else:
        low, high = float(a[(n - 1) // 2]), float(a[n // 2])
        x = (low + high) / 2
    return Optimum(kind=kind, x=x, low=low, high=high, cost=power_line_cost(x, a, kind))


@dataclass(frozen=True)
class MeanDerivation:
    """The numbers of 'set the slope to zero': 2 (n x - sum a_i) = 0  =>  x = sum a_i / n."""

    n: int
    total: float
    mean: float


def mean_derivation(lines: Sequence[float]) -> MeanDerivation:
    """The terms of C'(x) = 2 sum (x - a_i) = 2 (n x - sum a_i) for the given lines."""
    a = validate_lines(lines)
    total = math.fsum(a)
    return MeanDerivation(n=len(a), total=total, mean=total / len(a))


def stable_learning_rate(lines: Sequence[float]) -> float:
    """The learning rate 1/n above which descent on the squared cost of n lines diverges.

    One step maps x - mean to (1 - 2 n lr)(x - mean): it shrinks while |1 - 2 n lr| < 1,
    i.e. 0 < lr < 1/n; at lr = 1/n it flips sign forever; above it grows.
    """
    return 1.0 / len(validate_lines(lines))


def descent_factor(lines: Sequence[float], learning_rate: float) -> float:
    """r = 1 - 2 n lr: one descent step on the squared cost maps x - mean to r (x - mean)."""
    return 1.0 - 2.0 * len(validate_lines(lines)) * learning_rate


def plot_window(lines: Sequence[float], *also: float, margin: float = 2.0) -> tuple[float, float]:
    """An x-range that shows every line (and any extra points) with some room on both sides."""
    values = [*lines, *also]
    return (min(values) - margin, max(values) + margin)


def with_outlier(lines: Sequence[float], far: float = POSITION_LIMIT) -> tuple[float, ...]:
    """The same lines with the rightmost one moved far away, to `far` (the outlier question)."""
    a = sorted(validate_lines(lines))
    return validate_lines([*a[:-1], far])


def power_line_descent(
    lines: Sequence[float], kind: str, start: float, learning_rate: float, steps: int
) -> DescentPath:
    """Gradient descent x <- x - lr * C'(x) on the total cost of the lines (see gradient_descent)."""
    kind = _check_kind(kind)
    a = validate_lines(lines)
    return gradient_descent(
        lambda x: power_line_cost(x, a, kind),
        lambda x: power_line_slope(x, a, kind),
        start,
        learning_rate,
        steps,
    )
