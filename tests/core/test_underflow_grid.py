"""core.underflow.underflow_grid: the underflow section at every position of its touch input n,
against an independent oracle: float64 multiplication emulated with exact Fractions (each
product rounded to the nearest double by Python's correctly rounded int division), p^n as an
exact Fraction, and n ln p from math.log."""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache

import pytest

from core.underflow import (
    AROUND_UNDERFLOW,
    MAX_TOSSES,
    UNDERFLOW_PROBABILITIES,
    underflow_grid,
    underflow_positions,
)

GRID = underflow_grid()
HALF, TENTH = UNDERFLOW_PROBABILITIES


@cache
def float64_products(p: float) -> tuple[Fraction, ...]:
    """products[k] = p * p * ... * p (k factors), each step rounded to a double: exact
    Fractions, Fraction -> float being the correctly rounded quotient of two integers."""
    factor, running, found = Fraction(p), Fraction(1), [Fraction(1)]
    for _ in range(MAX_TOSSES):
        running = Fraction(float(running * factor))
        found.append(running)
    return tuple(found)


def first_zero(p: float) -> int:
    return next(k for k, x in enumerate(float64_products(p)) if x == 0)


def test_the_underflow_points_are_324_and_1075() -> None:
    assert (first_zero(HALF), first_zero(TENTH)) == (1075, 324)
    # 0.5^n is exact until 2^-1074, the smallest double; 2^-1075 is half of it: rounds to 0
    assert float64_products(HALF)[1074] == Fraction(1, 2**1074)


def test_the_positions_keep_every_n_the_section_teaches() -> None:
    positions = underflow_positions()
    assert positions == GRID.positions
    assert list(positions) == sorted(set(positions))
    assert positions[0] == 1 and positions[-1] == MAX_TOSSES == 5000
    assert set(range(1, 101)) <= set(positions)  # small n, every one
    for u in (first_zero(TENTH), first_zero(HALF)):  # every n around each underflow point
        assert set(range(u - AROUND_UNDERFLOW, u + AROUND_UNDERFLOW + 1)) <= set(positions)
        assert AROUND_UNDERFLOW >= 10
    # the default, and every n the page's tests and links open
    assert {300, 330, 1000, 1073, 1074, 1075, 5000} <= set(positions)
    assert set(range(100, 1101, 10)) <= set(positions)
    assert set(range(1100, 5001, 50)) <= set(positions)
    assert len(positions) < 400  # one row each: the unit's JSON stays under 300 kB


def test_each_position_holds_one_result_per_probability_in_order() -> None:
    assert len(GRID.results) == len(GRID.positions)
    for n, results in zip(GRID.positions, GRID.results, strict=True):
        assert [(r.p, r.n) for r in results] == [(p, n) for p in UNDERFLOW_PROBABILITIES]
        assert [r.underflows_at for r in results] == [1075, 324]


@pytest.mark.parametrize("p", UNDERFLOW_PROBABILITIES)
def test_every_float64_product_is_the_fractions_rounded_one_by_one(p: float) -> None:
    products = float64_products(p)
    exact = Fraction(p)
    for n, results in zip(GRID.positions, GRID.results, strict=True):
        result = results[UNDERFLOW_PROBABILITIES.index(p)]
        assert Fraction(result.product) == products[n], n
        assert (result.product == 0) == (n >= first_zero(p)), n
        true = exact**n
        if result.product >= 2.0**-1022:  # a normal double: n roundings of at most 2^-53 each
            assert abs(Fraction(result.product) - true) <= true * n * Fraction(1, 2**52), n
        else:  # a subnormal (or 0.0): each rounding is off by at most half of 2^-1074
            assert abs(Fraction(result.product) - true) <= n * Fraction(1, 2**1074), n


@pytest.mark.parametrize("p", UNDERFLOW_PROBABILITIES)
def test_every_sum_of_logs_and_true_size_follows_n_ln_p(p: float) -> None:
    exact = Fraction(p)
    for n, results in zip(GRID.positions, GRID.results, strict=True):
        result = results[UNDERFLOW_PROBABILITIES.index(p)]
        assert result.log_sum == pytest.approx(n * math.log(p), rel=1e-12), n
        # mantissa x 10^exponent is p^n (exact Fraction) to 7 digits, 1 <= mantissa < 10
        assert 1 <= result.mantissa < 10, n
        shown = Fraction(result.mantissa) * Fraction(10) ** result.exponent
        assert abs(shown - exact**n) <= exact**n * Fraction(1, 10**7), n
