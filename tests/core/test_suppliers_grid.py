"""The two suppliers' cross grid (core.suppliers.supplier_split_grid): every share with the
history held and every history with the share held, each checked against an independent
oracle, exact Fractions of the cent prices and numpy's variance and covariance."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from core.suppliers import (
    DEFAULT_SEED,
    SEEDS,
    SHARES,
    make_prices,
    supplier_split,
    supplier_split_grid,
)


def exact(seed: int) -> tuple[Fraction, Fraction, Fraction]:
    """Var A, Var B and Cov(A, B) (divide by n) as Fractions of the cent prices."""
    prices = make_prices(seed)
    a = [Fraction(round(p * 100), 100) for p in prices.price_a]
    b = [Fraction(round(p * 100), 100) for p in prices.price_b]
    n = len(a)
    mean_a, mean_b = sum(a) / n, sum(b) / n
    var_a = sum((x - mean_a) ** 2 for x in a) / n
    var_b = sum((y - mean_b) ** 2 for y in b) / n
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True)) / n
    return var_a, var_b, cov


def oracle(seed: int, w: Fraction) -> tuple[Fraction, Fraction, Fraction]:
    """L(w), L'(w) and w* exactly: the variance of w·A + (1 − w)·B and its derivative."""
    var_a, var_b, cov = exact(seed)
    loss = w**2 * var_a + (1 - w) ** 2 * var_b + 2 * w * (1 - w) * cov
    slope = 2 * w * var_a - 2 * (1 - w) * var_b + 2 * (1 - 2 * w) * cov
    best = (var_b - cov) / (var_a + var_b - 2 * cov)
    return loss, slope, min(max(best, Fraction(0)), Fraction(1))


def check(split, seed: int, w: Fraction) -> None:
    loss, slope, best = oracle(seed, w)
    assert split.prices.seed == seed
    assert split.w == float(w)
    assert split.loss == pytest.approx(float(loss), rel=1e-9)
    assert split.slope == pytest.approx(float(slope), rel=1e-9, abs=1e-9)
    assert split.closed_w == pytest.approx(float(best), rel=1e-12)
    assert split.sign_w == pytest.approx(float(best), rel=1e-9)
    assert abs(split.grid_w - float(best)) <= 0.0005 + 1e-12  # the grid's spacing is 0.001
    prices = make_prices(seed)
    cost = float(w) * prices.price_a + (1 - float(w)) * prices.price_b
    assert split.loss == pytest.approx(np.var(cost), rel=1e-12)
    covariance = np.cov(prices.price_a, prices.price_b, bias=True)
    assert split.stats.var_a == pytest.approx(covariance[0, 0], rel=1e-12)
    assert split.stats.var_b == pytest.approx(covariance[1, 1], rel=1e-12)
    assert split.stats.cov == pytest.approx(covariance[0, 1], rel=1e-12)


def test_the_shares_are_the_old_sliders_positions():
    assert len(SHARES) == 101
    assert SHARES[0] == 0.0 and SHARES[-1] == 1.0
    assert SHARES[47] == 0.47 and SHARES[29] == float("0.29")  # the literals a link writes


@pytest.mark.parametrize(("seed", "w"), [(DEFAULT_SEED, 50), (3, 20), (20, 0), (7, 100)])
def test_the_cross_holds_every_share_for_the_seed_and_every_seed_for_the_share(seed, w):
    share = w / 100
    grid = supplier_split_grid(seed, share)
    assert grid.shares == SHARES and grid.seeds == tuple(SEEDS)
    assert len(grid.by_share) == 101 and len(grid.by_seed) == 20
    for k in (0, 1, 29, 37, 50, 99, 100):
        check(grid.by_share[k], seed, Fraction(k, 100))
    for i, s in enumerate(SEEDS):
        check(grid.by_seed[i], s, Fraction(w, 100))
    # where the two arms cross, both hold the same split as the one call
    one = supplier_split(seed, share)
    for split in (grid.by_share[w], grid.by_seed[list(SEEDS).index(seed)]):
        assert (split.loss, split.slope, split.closed_w) == (one.loss, one.slope, one.closed_w)


def test_the_loss_curve_of_each_row_is_its_seeds_parabola():
    grid = supplier_split_grid(DEFAULT_SEED, 0.5)
    for split in grid.by_seed[::5]:
        seed = split.prices.seed
        for w, value in zip(split.ws[::40], split.losses[::40], strict=True):
            assert value == pytest.approx(float(oracle(seed, Fraction(w))[0]), rel=1e-9)


def test_the_notes_numbers_history_3_has_its_best_split_at_0_2887():
    split = supplier_split_grid(3, 0.2).by_share[20]
    assert round(split.closed_w, 4) == 0.2887 and split.grid_w == 0.289
    assert split.slope < 0  # w = 0.2 is left of the best split
