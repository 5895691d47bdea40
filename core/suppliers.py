"""Two suppliers: buy a share w from A and 1 - w from B, and keep the monthly bill steady.

Monthly cost c_t(w) = w pA_t + (1 - w) pB_t. Loss L(w) = Var_t c_t(w) (population variance
over the months) = w^2 Var A + (1 - w)^2 Var B + 2 w (1 - w) Cov(A, B).
L'(w) = 2 [w (Var A + Var B - 2 Cov) - (Var B - Cov)], zero at
w* = (Var B - Cov) / (Var A + Var B - 2 Cov).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import LearnerError

MONTHS = 50
DEFAULT_SEED = 1
SEEDS = range(1, 21)


@dataclass(frozen=True)
class SupplierPrices:
    """Month numbers 1..n and each supplier's price per unit that month."""

    months: np.ndarray
    price_a: np.ndarray
    price_b: np.ndarray
    seed: int


def make_prices(seed: int = DEFAULT_SEED, months: int = MONTHS) -> SupplierPrices:
    """Two reproducible noisy monthly price series (numpy default_rng(seed)), rounded to cents.

    Both suppliers feel a shared market swing; A swings more and has more noise of its own.
    """
    if not 12 <= months <= 240:
        raise LearnerError("Choose between 12 and 240 months of prices.")
    rng = np.random.default_rng(seed)
    market = rng.normal(0.0, 4.0, months)
    price_a = 100.0 + market + rng.normal(0.0, 6.0, months)
    price_b = 92.0 + 0.6 * market + rng.normal(0.0, 5.0, months)
    return SupplierPrices(
        months=np.arange(1, months + 1),
        price_a=np.round(price_a, 2),
        price_b=np.round(price_b, 2),
        seed=int(seed),
    )


@dataclass(frozen=True)
class PriceStats:
    """Population variances of both series and their covariance (divide by n, not n - 1)."""

    var_a: float
    var_b: float
    cov: float


def price_stats(prices: SupplierPrices) -> PriceStats:
    """Var A = mean((pA - mean pA)^2), Var B likewise, Cov = mean((pA - mean)(pB - mean))."""
    da = prices.price_a - prices.price_a.mean()
    db = prices.price_b - prices.price_b.mean()
    return PriceStats(
        var_a=float(np.mean(da * da)), var_b=float(np.mean(db * db)), cov=float(np.mean(da * db))
    )


def _check_share(w: float | np.ndarray) -> np.ndarray:
    values = np.asarray(w, dtype=float)
    if not np.all(np.isfinite(values)) or np.any(values < 0) or np.any(values > 1):
        raise LearnerError("The share bought from supplier A must be between 0 and 1.")
    return values


def monthly_cost(w: float, prices: SupplierPrices) -> np.ndarray:
    """c_t = w pA_t + (1 - w) pB_t for every month t."""
    share = float(_check_share(w))
    return share * prices.price_a + (1.0 - share) * prices.price_b


def split_loss(w: float | np.ndarray, prices: SupplierPrices) -> float | np.ndarray:
    """L(w) = variance over the months of the monthly cost, computed from the months' costs."""
    share = _check_share(w)
    costs = (
        share[..., np.newaxis] * prices.price_a + (1.0 - share[..., np.newaxis]) * prices.price_b
    )
    loss = costs.var(axis=-1)
    return float(loss) if np.ndim(w) == 0 else loss


def split_loss_slope(w: float | np.ndarray, prices: SupplierPrices) -> float | np.ndarray:
    """L'(w) = 2 [w (Var A + Var B - 2 Cov) - (Var B - Cov)]."""
    share = _check_share(w)
    s = price_stats(prices)
    slope = 2.0 * (share * (s.var_a + s.var_b - 2.0 * s.cov) - (s.var_b - s.cov))
    return float(slope) if np.ndim(w) == 0 else slope


def best_split_grid(prices: SupplierPrices, points: int = 1001) -> float:
    """Try w = 0, 1/(points-1), ..., 1 and keep the one with the smallest loss."""
    grid = np.linspace(0.0, 1.0, points)
    # k / (points - 1) in Python is the correctly rounded grid point: 0.289, not 0.28900000000000003
    return int(np.argmin(split_loss(grid, prices))) / (points - 1)


def best_split_sign_change(prices: SupplierPrices, points: int = 101) -> float:
    """Where L'(w) goes from negative to positive on a grid, refined by interpolation.

    L' is a straight line in w, so interpolating between the two grid points that bracket the
    sign change lands exactly on its zero. No sign change: the best end of [0, 1].
    """
    grid = np.linspace(0.0, 1.0, points)
    slopes = split_loss_slope(grid, prices)
    changes = np.flatnonzero((slopes[:-1] < 0) & (slopes[1:] >= 0))
    if len(changes) == 0:
        return 0.0 if slopes[0] >= 0 else 1.0
    i = int(changes[0])
    w0, w1, s0, s1 = grid[i], grid[i + 1], slopes[i], slopes[i + 1]
    return float(w0 - s0 * (w1 - w0) / (s1 - s0))


def best_split_closed_form(prices: SupplierPrices) -> float:
    """w* = (Var B - Cov) / (Var A + Var B - 2 Cov), kept inside [0, 1]."""
    s = price_stats(prices)
    curvature = s.var_a + s.var_b - 2.0 * s.cov  # = Var(A - B) >= 0
    if curvature <= 0:
        raise LearnerError("The two price series move identically; every split is as good.")
    return float(np.clip((s.var_b - s.cov) / curvature, 0.0, 1.0))


@dataclass(frozen=True)
class SupplierSplit:
    """Everything the two-suppliers unit shows for one price history and one share w: the
    prices, the monthly cost of the mix, the loss L(w) and its slope, the loss curve over
    `ws`, and the best split found three ways (grid, sign change of L', closed form)."""

    prices: SupplierPrices
    stats: PriceStats
    w: float
    monthly: np.ndarray
    loss: float
    slope: float
    ws: np.ndarray
    losses: np.ndarray
    grid_w: float
    sign_w: float
    closed_w: float


def supplier_split(seed: int, w: float) -> SupplierSplit:
    """The two-suppliers problem for history `seed` at the share w bought from A."""
    prices = make_prices(seed)
    ws = np.linspace(0.0, 1.0, 201)
    return SupplierSplit(
        prices=prices,
        stats=price_stats(prices),
        w=float(w),
        monthly=monthly_cost(w, prices),
        loss=float(split_loss(w, prices)),
        slope=float(split_loss_slope(w, prices)),
        ws=ws,
        losses=np.asarray(split_loss(ws, prices)),
        grid_w=best_split_grid(prices),
        sign_w=best_split_sign_change(prices),
        closed_w=best_split_closed_form(prices),
    )


# The share's positions, as the old slider's step 0.01: k/100 is the correctly rounded 0.47.
SHARES = tuple(k / 100 for k in range(101))


@dataclass(frozen=True)
class SupplierSplitGrid:
    """The two-suppliers problem at every share with the history held (`by_share`, one per
    `shares`) and at every history with the share held (`by_seed`, one per `seeds`): a cross
    through (seed, w), for a unit whose two inputs move one at a time."""

    shares: tuple[float, ...]
    seeds: tuple[int, ...]
    by_share: tuple[SupplierSplit, ...]
    by_seed: tuple[SupplierSplit, ...]


def supplier_split_grid(
    seed: int,
    w: float,
    *,
    shares: tuple[float, ...] = SHARES,
    seeds: tuple[int, ...] = tuple(SEEDS),
) -> SupplierSplitGrid:
    """`supplier_split` at every share of `shares` for history `seed`, and at every history of
    `seeds` for the share w."""
    return SupplierSplitGrid(
        shares=tuple(float(s) for s in shares),
        seeds=tuple(int(s) for s in seeds),
        by_share=tuple(supplier_split(seed, s) for s in shares),
        by_seed=tuple(supplier_split(s, w) for s in seeds),
    )
