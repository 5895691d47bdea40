"""Houses priced by a line: price = slope · bedrooms + intercept, exactly, at each number of
bedrooms a learner can ask about (section 1 of the regression page)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from core.line_fit import TwoPointLine


@dataclass(frozen=True)
class PricedHouse:
    """A house with `bedrooms` bedrooms and the price the line gives it, exactly."""

    bedrooms: int
    price: Fraction


def priced_houses(line: TwoPointLine, bedrooms: Sequence[int]) -> tuple[PricedHouse, ...]:
    """The line's price for each number of bedrooms: slope · bedrooms + intercept."""
    return tuple(PricedHouse(int(k), line.value_at(int(k))) for k in bedrooms)
