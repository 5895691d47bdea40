"""core.coins.coin_cross: the coin game at every position of H, T and p, one moved at a time,
against exact Fractions (the oracle) and the one-point coin_working."""

from __future__ import annotations

from fractions import Fraction

import pytest

from core.coins import coin_cross, coin_working
from core.errors import LearnerError

COUNTS = tuple(range(101))
PS = tuple(k / 100 for k in range(101))


def test_each_line_of_the_cross_moves_one_input_and_holds_the_others() -> None:
    cross = coin_cross(16, 4, 0.3, COUNTS, COUNTS, PS)
    assert [(w.heads, w.tails, w.p) for w in cross.by_heads] == [
        (h, 4, Fraction(3, 10)) for h in COUNTS
    ]
    assert [(w.heads, w.tails, w.p) for w in cross.by_tails] == [
        (16, t, Fraction(3, 10)) for t in COUNTS
    ]
    assert [(w.heads, w.tails, w.p) for w in cross.by_p] == [
        (16, 4, Fraction(k, 100)) for k in COUNTS
    ]


@pytest.mark.parametrize("h", [0, 1, 7, 16, 100])
def test_the_heads_line_holds_exact_g_and_l_prime_at_each_count(h: int) -> None:
    work = coin_cross(7, 3, 0.5, COUNTS, COUNTS, PS).by_heads[h]
    p = Fraction(1, 2)
    assert work.g == p**h * (1 - p) ** 3
    assert work.log_g_prime == Fraction(h) / p - Fraction(3) / (1 - p)
    assert work.best == Fraction(h, h + 3)
    assert work == coin_working(h, 3, p)


@pytest.mark.parametrize("t", [0, 1, 3, 50, 100])
def test_the_tails_line_holds_exact_g_and_the_best_p_at_each_count(t: int) -> None:
    work = coin_cross(7, 3, 0.25, COUNTS, COUNTS, PS).by_tails[t]
    p = Fraction(1, 4)
    assert work.g == p**7 * (1 - p) ** t
    assert work.best == Fraction(7, 7 + t)
    assert work == coin_working(7, t, p)


def test_a_negative_count_is_refused_in_words() -> None:
    with pytest.raises(LearnerError, match="cannot be negative"):
        coin_cross(-1, 3, 0.5, COUNTS, COUNTS, PS)
