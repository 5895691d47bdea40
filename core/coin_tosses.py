"""Sequences of tosses: the order of heads and tails does not change the likelihood.

ln P(a sequence) is a sum over its tosses, ln p for a head and ln(1 - p) for a tail, and a sum
does not care about order: it equals k ln p + (n - k) ln(1 - p) for k heads in n tosses. A
typed sequence is scored at the course's three coins both ways.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from core import limits
from core.coins import check_counts, log_likelihood, log_loss, toss_log_loss
from core.course_coins import COURSE_COINS
from core.errors import LearnerError

# A typed sequence of tosses longer than this is refused (it also fits in one URL value).
MAX_SEQUENCE_TOSSES = limits.MAX_SEQUENCE_TOSSES


@dataclass(frozen=True)
class TossCount:
    """The counts in a typed sequence of tosses, and the tosses themselves ("H"/"T")."""

    heads: int
    tails: int
    tosses: str


def count_tosses(sequence: str) -> TossCount:
    """Count the heads (H) and tails (T) in a typed sequence like "HHTHTHHHTH".

    Lower case is accepted; spaces and commas are ignored. Anything else is a LearnerError.
    """
    tosses: list[str] = []
    for position, char in enumerate(sequence, start=1):
        if char in " ,\t\n":
            continue
        upper = char.upper()
        if upper not in ("H", "T"):
            shown = char if char.isprintable() else repr(char)
            raise LearnerError(
                f"Use only H (heads) and T (tails): character {position} is “{shown}”."
            )
        tosses.append(upper)
        if len(tosses) > MAX_SEQUENCE_TOSSES:
            raise LearnerError(
                f"That is more than {MAX_SEQUENCE_TOSSES} tosses; type a shorter sequence."
            )
    text = "".join(tosses)
    return TossCount(heads=text.count("H"), tails=text.count("T"), tosses=text)


def sequence_log_likelihood(tosses: str, p: float) -> float:
    """ln P(this sequence) = sum over the tosses, in their order, of ln p (H) or ln(1-p) (T).

    Addition does not care about order, so this equals H ln p + T ln(1-p).
    """
    log_loss(0, 0, p)  # checks p
    total = 0.0
    for toss in tosses:
        total += -toss_log_loss(toss == "H", p)
    return total


def sorted_tosses(heads: int, tails: int, heads_first: bool = True) -> str:
    """The same counts in another order: all heads first (or all tails first)."""
    check_counts(heads, tails)
    return "H" * heads + "T" * tails if heads_first else "T" * tails + "H" * heads


def order_table(tosses: str) -> pd.DataFrame:
    """A typed sequence at the course's three coins: ln P(the sequence), summed toss by toss in
    the typed order, beside the closed form k ln p + (n-k) ln(1-p) from the counts alone.

    Columns p, in your order, from the counts. The two agree: addition does not care about order.
    """
    counted = count_tosses(tosses)
    rows = [
        {
            "p": coin_p,
            "in your order": sequence_log_likelihood(counted.tosses, coin_p),
            "from the counts": float(log_likelihood(counted.heads, counted.tails, coin_p)),
        }
        for coin_p, _ in COURSE_COINS
    ]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class OrderRow:
    """One of the course's coins scored on a typed sequence: ln P summed toss by toss in the
    typed order, and the closed form k ln p + (n - k) ln(1 - p) from the counts alone."""

    p: Fraction
    in_your_order: float
    from_the_counts: float


@dataclass(frozen=True)
class OrderStudy:
    """A typed sequence: its tosses ("H"/"T"), counts, and its score at the course's coins."""

    tosses: str
    heads: int
    tails: int
    rows: tuple[OrderRow, ...]


def order_study(sequence: str) -> OrderStudy:
    """Count a typed sequence and score it at the course's three coins, in the typed order and
    from the counts (they agree: addition does not care about order). Bad text: LearnerError."""
    counted = count_tosses(sequence)
    table = order_table(counted.tosses) if counted.tosses else None
    rows = (
        ()
        if table is None
        else tuple(
            OrderRow(Fraction(str(p)), float(ordered), float(closed))
            for p, ordered, closed in zip(
                table["p"], table["in your order"], table["from the counts"], strict=True
            )
        )
    )
    return OrderStudy(counted.tosses, counted.heads, counted.tails, rows)
