"""The course's three coins: P(7 heads then 3 tails) = p^7 (1 - p)^3 at p = 0.7, 0.5 and 0.3.

The course prints each to five decimals and does not cut them all the same way: 0.5^10 =
0.0009765625 is truncated to 0.00097 (rounded it is 0.00098), 0.3^7 0.7^3 = 0.0000750141 is
rounded to 0.00008. We show the course's figures next to the exact ones, and say which is which
(`CourseFigure.how`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from core.coins import COURSE_HEADS, COURSE_TAILS

COURSE_COINS: tuple[tuple[float, str], ...] = ((0.7, "0.00222"), (0.5, "0.00097"), (0.3, "0.00008"))


@dataclass(frozen=True)
class CourseFigure:
    """One of the course's coins: the exact P(7 heads then 3 tails) = p^7 (1-p)^3, the figure
    the course prints, and that exact value rounded (half up) and truncated to the printed
    figure's decimals, so that `how` can say which of the two the course did."""

    p: Fraction
    exact: Fraction
    printed: str
    rounded: Fraction
    truncated: Fraction

    @property
    def how(self) -> str:
        """'rounded', 'truncated', 'rounded or truncated' (both give it) or 'neither'."""
        shown = Fraction(self.printed)
        if shown == self.rounded == self.truncated:
            return "rounded or truncated"
        if shown == self.rounded:
            return "rounded"
        return "truncated" if shown == self.truncated else "neither"


def course_figures() -> tuple[CourseFigure, ...]:
    """The course's three coins with their exact values and how the course cut them."""
    figures = []
    for coin_p, printed in COURSE_COINS:
        p = Fraction(str(coin_p))
        exact = p**COURSE_HEADS * (1 - p) ** COURSE_TAILS
        scale = 10 ** len(printed.split(".")[1])
        figures.append(
            CourseFigure(
                p=p,
                exact=exact,
                printed=printed,
                rounded=Fraction(math.floor(exact * scale + Fraction(1, 2)), scale),
                truncated=Fraction(math.floor(exact * scale), scale),
            )
        )
    return tuple(figures)


def course_coins_table() -> pd.DataFrame:
    """P(7 heads then 3 tails) = p^7 (1-p)^3 for the course's three coins p = 0.7, 0.5, 0.3,
    with the figure the course prints for each and how it got there (columns p, course figure,
    how, P(7 H then 3 T))."""
    rows = [
        {
            "p": float(figure.p),
            "course figure": figure.printed,
            "how": figure.how,
            "P(7 H then 3 T)": float(figure.exact),
        }
        for figure in course_figures()
    ]
    return pd.DataFrame(rows)
