"""Two suppliers: the variance loss, its slope, and three ways to the best split that agree."""

import numpy as np
import pytest

from core.errors import LearnerError
from core.suppliers import (
    DEFAULT_SEED,
    MONTHS,
    SEEDS,
    best_split_closed_form,
    best_split_grid,
    best_split_sign_change,
    make_prices,
    monthly_cost,
    price_stats,
    split_loss,
    split_loss_slope,
    supplier_split,
)

PRICES = make_prices(DEFAULT_SEED)


def test_prices_are_reproducible_for_a_seed_and_differ_between_seeds():
    again = make_prices(DEFAULT_SEED)
    np.testing.assert_array_equal(PRICES.price_a, again.price_a)
    assert not np.array_equal(PRICES.price_a, make_prices(DEFAULT_SEED + 1).price_a)


def test_about_fifty_months_of_positive_prices_rounded_to_cents():
    assert len(PRICES.months) == MONTHS == 50
    assert PRICES.months[0] == 1 and PRICES.months[-1] == 50
    assert np.all(PRICES.price_a > 0) and np.all(PRICES.price_b > 0)
    np.testing.assert_allclose(PRICES.price_a * 100, np.round(PRICES.price_a * 100), atol=1e-6)


def test_stats_match_numpy_population_variance_and_covariance():
    s = price_stats(PRICES)
    assert s.var_a == pytest.approx(np.var(PRICES.price_a))
    assert s.var_b == pytest.approx(np.var(PRICES.price_b))
    assert s.cov == pytest.approx(np.cov(PRICES.price_a, PRICES.price_b, ddof=0)[0, 1])


def test_monthly_cost_at_w_1_is_supplier_a_and_at_w_0_supplier_b():
    np.testing.assert_allclose(monthly_cost(1.0, PRICES), PRICES.price_a)
    np.testing.assert_allclose(monthly_cost(0.0, PRICES), PRICES.price_b)
    np.testing.assert_allclose(
        monthly_cost(0.25, PRICES), 0.25 * PRICES.price_a + 0.75 * PRICES.price_b
    )


def test_loss_from_the_months_equals_the_quadratic_in_w():
    s = price_stats(PRICES)
    w = np.linspace(0, 1, 11)
    quadratic = w**2 * s.var_a + (1 - w) ** 2 * s.var_b + 2 * w * (1 - w) * s.cov
    np.testing.assert_allclose(split_loss(w, PRICES), quadratic, rtol=1e-10)
    assert split_loss(0.0, PRICES) == pytest.approx(s.var_b)


def test_loss_slope_matches_central_difference():
    w = np.array([0.05, 0.3, 0.5, 0.9])
    h = 1e-6
    numeric = (split_loss(w + h, PRICES) - split_loss(w - h, PRICES)) / (2 * h)
    np.testing.assert_allclose(split_loss_slope(w, PRICES), numeric, rtol=1e-6)


@pytest.mark.parametrize("seed", [DEFAULT_SEED, *SEEDS])
def test_grid_sign_change_and_closed_form_agree_for_every_offered_seed(seed):
    prices = make_prices(seed)
    closed = best_split_closed_form(prices)
    assert 0 < closed < 1
    assert best_split_sign_change(prices) == pytest.approx(closed, abs=1e-12)
    assert best_split_grid(prices, 1001) == pytest.approx(closed, abs=0.5e-3 + 1e-12)


def test_closed_form_is_the_formula_with_the_numbers_filled_in():
    s = price_stats(PRICES)
    expected = (s.var_b - s.cov) / (s.var_a + s.var_b - 2 * s.cov)
    assert best_split_closed_form(PRICES) == pytest.approx(expected)
    assert split_loss_slope(expected, PRICES) == pytest.approx(0, abs=1e-9)


def test_best_split_beats_buying_from_one_supplier_only():
    best = split_loss(best_split_closed_form(PRICES), PRICES)
    assert best < split_loss(0.0, PRICES) and best < split_loss(1.0, PRICES)


@pytest.mark.parametrize("w", [-0.1, 1.5, float("nan")])
def test_a_share_outside_0_to_1_is_refused(w):
    with pytest.raises(LearnerError, match="between 0 and 1"):
        split_loss(w, PRICES)


def test_too_few_months_are_refused():
    with pytest.raises(LearnerError, match="months"):
        make_prices(1, months=3)


@pytest.mark.parametrize(("seed", "shown"), [(3, "0.289"), (7, "0.41"), (19, "0.286")])
def test_the_grid_answer_is_the_grid_point_itself_not_float_residue(seed, shown):
    # np.linspace(0, 1, 1001)[410] is 0.41000000000000003: the table printed it as such
    assert repr(best_split_grid(make_prices(seed))) == shown


def test_supplier_split_holds_everything_the_unit_shows_and_the_three_ways_agree():
    split = supplier_split(3, 0.2)
    assert split.grid_w == 0.289
    assert abs(split.sign_w - split.closed_w) < 1e-12
    assert abs(split.grid_w - split.closed_w) <= 0.0005  # the grid's half spacing
    assert split.slope == split_loss_slope(0.2, split.prices) < 0  # w = 0.2 is left of w*
    assert split.loss == split_loss(0.2, split.prices)
    assert len(split.ws) == len(split.losses) == 201
