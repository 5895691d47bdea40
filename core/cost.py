"""The power-line problem: a house at x pays a cost for its distance to each power line.

Squared cost  C(x) = sum_i (x - a_i)^2, slope C'(x) = 2 sum_i (x - a_i), minimised at the mean.
Absolute cost C(x) = sum_i |x - a_i|, slope sum_i sign(x - a_i) away from the lines, minimised
at the median. This module reads the positions and gives the curves (floats, for drawing);
`core.power_lines` works the answer out exactly and `core.house_walk` walks downhill.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Literal

import numpy as np

from core import limits
from core.errors import LearnerError

Kind = Literal["squared", "absolute"]
KINDS: tuple[Kind, ...] = ("squared", "absolute")

MIN_LINES = 1
MAX_LINES = limits.MAX_POWER_LINES
# Positions and the house live on a street from -POSITION_LIMIT to POSITION_LIMIT.
POSITION_LIMIT = 20.0

_SEPARATORS = re.compile(r"[,;\s]+")


def check_kind(kind: str) -> Kind:
    """'squared' or 'absolute', else a LearnerError."""
    if kind not in KINDS:
        raise LearnerError(f"The cost must be 'squared' or 'absolute', not {kind!r}.")
    return kind  # type: ignore[return-value]


def _typed(value: float) -> str:
    """A position in an error message, as the learner typed it (up to 12 digits)."""
    return f"{value:.12g}".replace("-", "\u2212")


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
                f"The position {_typed(a)} is off the street: keep every position "
                f"between {_typed(-POSITION_LIMIT)} and {_typed(POSITION_LIMIT)}."
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
                f"{_typed(-POSITION_LIMIT)} and {_typed(POSITION_LIMIT)}."
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
    kind = check_kind(kind)
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
    kind = check_kind(kind)
    a = np.asarray(lines, dtype=float).reshape((-1,) + (1,) * np.ndim(x))
    gap = np.asarray(x, dtype=float)[np.newaxis, ...] - a
    total = (2.0 * gap).sum(axis=0) if kind == "squared" else np.sign(gap).sum(axis=0)
    return float(total) if np.ndim(x) == 0 else total


def street_window(lines: Sequence[float], *also: float, margin: float = 2.0) -> tuple[float, float]:
    """An x-range that shows every line (and any extra points) with some room on both sides."""
    values = [*lines, *also]
    return (min(values) - margin, max(values) + margin)
