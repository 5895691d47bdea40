"""The coin game: how likely are H heads and T tails if P(heads) = p, and which p fits them best.

g(p) = p^H (1-p)^T is the likelihood, L(p) = ln g(p) = H ln p + T ln(1-p) the log-likelihood and
-L(p) the log loss. Throughout, 0^0 = 1 and 0 * ln 0 = 0: a side of the coin that was never seen
puts no factor into g and no term into L, so L(0) is finite when H = 0 and L(1) when T = 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from core.errors import LearnerError

FloatOrArray = float | npt.NDArray[np.float64]

# The course's coin: 7 heads and 3 tails (its three coins are in core/course_coins.py).
COURSE_HEADS = 7
COURSE_TAILS = 3


def check_counts(heads: int, tails: int) -> None:
    for name, count in (("heads", heads), ("tails", tails)):
        if isinstance(count, bool) or not isinstance(count, int | np.integer):
            raise LearnerError(f"The number of {name} must be a whole number, not {count!r}.")
        if count < 0:
            raise LearnerError(f"The number of {name} cannot be negative (got {count}).")


def _as_probability(p: float | Sequence[float] | npt.NDArray[np.float64]) -> np.ndarray:
    values = np.asarray(p, dtype=float)
    if not np.all((values >= 0.0) & (values <= 1.0)):
        raise LearnerError("A probability p must lie between 0 and 1 (inclusive).")
    return values


def _same_shape(result: np.ndarray, p: object) -> FloatOrArray:
    return float(result) if np.ndim(p) == 0 else result


def likelihood(heads: int, tails: int, p: float | npt.ArrayLike) -> FloatOrArray:
    """g(p) = p^H (1-p)^T: the chance of one given order of H heads and T tails (0^0 = 1)."""
    check_counts(heads, tails)
    q = _as_probability(p)
    return _same_shape(np.power(q, heads) * np.power(1.0 - q, tails), p)


def log_likelihood(heads: int, tails: int, p: float | npt.ArrayLike) -> FloatOrArray:
    """L(p) = H ln p + T ln(1-p), with 0 ln 0 = 0; -inf where g(p) = 0 (never nan)."""
    check_counts(heads, tails)
    q = _as_probability(p)
    total = np.zeros_like(q)
    with np.errstate(divide="ignore"):
        if heads:
            total = total + heads * np.log(q)
        if tails:
            total = total + tails * np.log1p(-q)
    return _same_shape(total, p)


def log_loss(heads: int, tails: int, p: float | npt.ArrayLike) -> FloatOrArray:
    """The log loss -L(p) = -H ln p - T ln(1-p): +inf where the data are impossible."""
    return -log_likelihood(heads, tails, p) + 0.0  # + 0.0 turns -0.0 into 0.0


def best_p(heads: int, tails: int) -> float | None:
    """The maximiser of g (and of L) on [0, 1]: p = H/(H+T); None when there are no tosses,
    because then g(p) = 1 for every p and no p is better than another."""
    exact = best_p_fraction(heads, tails)
    return None if exact is None else float(exact)


def best_p_fraction(heads: int, tails: int) -> Fraction | None:
    """p = H/(H+T) as an exact fraction (None with no tosses)."""
    check_counts(heads, tails)
    total = heads + tails
    return None if total == 0 else Fraction(int(heads), int(total))


def likelihood_derivative(heads: int, tails: int, p: float | npt.ArrayLike) -> FloatOrArray:
    """g'(p) = H p^(H-1) (1-p)^T - T p^H (1-p)^(T-1) = p^(H-1) (1-p)^(T-1) (H - (H+T) p).

    Computed from the product rule's two terms so that H = 0 or T = 0 gives no 0 * inf.
    """
    check_counts(heads, tails)
    q = _as_probability(p)
    result = np.zeros_like(q)
    if heads:
        result = result + heads * np.power(q, heads - 1) * np.power(1.0 - q, tails)
    if tails:
        result = result - tails * np.power(q, heads) * np.power(1.0 - q, tails - 1)
    return _same_shape(result, p)


def log_likelihood_derivative(heads: int, tails: int, p: float | npt.ArrayLike) -> FloatOrArray:
    """L'(p) = H/p - T/(1-p): +inf at p = 0 when H > 0, -inf at p = 1 when T > 0."""
    check_counts(heads, tails)
    q = _as_probability(p)
    result = np.zeros_like(q)
    with np.errstate(divide="ignore"):
        if heads:
            result = result + heads / q
        if tails:
            result = result - tails / (1.0 - q)
    return _same_shape(result, p)


@dataclass(frozen=True)
class DerivativeZeros:
    """Where a derivative is zero on [0, 1]; `everywhere` when it is identically zero."""

    points: tuple[Fraction, ...]
    everywhere: bool = False


def likelihood_derivative_zeros(heads: int, tails: int) -> DerivativeZeros:
    """Zeros of g'(p) = p^(H-1) (1-p)^(T-1) (H - (H+T) p) on [0, 1].

    p = 0 is a zero when H >= 2, p = 1 when T >= 2, p = H/(H+T) when H > 0 and T > 0.
    With no tosses g = 1 and g' = 0 everywhere.
    """
    check_counts(heads, tails)
    if heads == 0 and tails == 0:
        return DerivativeZeros(points=(), everywhere=True)
    points: list[Fraction] = []
    if heads >= 2:
        points.append(Fraction(0))
    if heads > 0 and tails > 0:
        points.append(Fraction(int(heads), int(heads + tails)))
    if tails >= 2:
        points.append(Fraction(1))
    return DerivativeZeros(points=tuple(points))


def log_likelihood_derivative_zeros(heads: int, tails: int) -> DerivativeZeros:
    """Zeros of L'(p) = H/p - T/(1-p) on (0, 1): only p = H/(H+T), and only when H, T > 0.

    With H = 0 (or T = 0) L' has one sign throughout, so the maximum sits at an end of [0, 1].
    """
    check_counts(heads, tails)
    if heads == 0 and tails == 0:
        return DerivativeZeros(points=(), everywhere=True)
    if heads > 0 and tails > 0:
        return DerivativeZeros(points=(Fraction(int(heads), int(heads + tails)),))
    return DerivativeZeros(points=())


# Which way the learner's p should move to raise g (and L), decided exactly.
BEST, RAISE, LOWER, FLAT = "best", "raise", "lower", "flat"


def exact_p(p: float | Fraction | str) -> Fraction:
    """The learner's p as an exact fraction: a slider's 0.7 is 7/10, not the double nearest it."""
    exact = p if isinstance(p, Fraction) else Fraction(str(p))
    if not 0 <= exact <= 1:
        raise LearnerError("A probability p must lie between 0 and 1 (inclusive).")
    return exact


@dataclass(frozen=True)
class CoinWorking:
    """Every number and decision the coin game shows for H heads, T tails at the learner's p.

    Exact (Fraction) where the maths is rational: p, g(p) = p^H (1-p)^T,
    g'(p) = p^(H-1) (1-p)^(T-1) (H - (H+T) p), `bracket` = H - (H+T) p, and
    L'(p) = H/p - T/(1-p) with its two terms. Floats for the logarithms (irrational), which may
    be -inf where g(p) = 0, never nan. p_power and q_power are p^(H-1) and (1-p)^(T-1), None when
    that exponent would be negative. Where L'(p) has no value (p = 0 with a head seen, p = 1 with
    a tail seen: ln 0 is undefined there) `log_g_prime` and the undefined term are None and
    `log_g_prime_limit` is the one-sided limit, +inf as p -> 0+ or -inf as p -> 1-.
    `direction` says exactly which way to move p: BEST (p is the best p), RAISE, LOWER, or FLAT
    (no tosses: every p is as good as another).
    """

    heads: int
    tails: int
    total: int
    p: Fraction
    g: Fraction
    g_prime: Fraction
    p_power: Fraction | None
    q_power: Fraction | None
    bracket: Fraction
    head_term: Fraction | None
    tail_term: Fraction | None
    log_g_prime: Fraction | None
    log_g_prime_limit: float | None
    log_g: float
    log_p: float
    log_q: float
    best: Fraction | None
    direction: str
    g_zeros: DerivativeZeros
    log_g_zeros: DerivativeZeros
    g_best: Fraction | None
    log_g_best: float | None
    loss: float
    loss_best: float | None
    bce: float | None
    bce_best: float | None

    @property
    def at_best(self) -> bool:
        return self.direction == BEST

    @property
    def impossible(self) -> bool:
        """The learner's p makes the tosses seen impossible: g(p) = 0 and L(p) has no value."""
        return self.g == 0


def exact_likelihood(heads: int, tails: int, p: Fraction) -> Fraction:
    """g(p) = p^H (1-p)^T in exact arithmetic (0^0 = 1)."""
    return p**heads * (1 - p) ** tails


def exact_likelihood_derivative(heads: int, tails: int, p: Fraction) -> Fraction:
    """g'(p) = H p^(H-1) (1-p)^T - T p^H (1-p)^(T-1), each term only where its count is > 0."""
    result = Fraction(0)
    if heads:
        result += heads * p ** (heads - 1) * (1 - p) ** tails
    if tails:
        result -= tails * p**heads * (1 - p) ** (tails - 1)
    return result


def _direction(heads: int, tails: int, p: Fraction, best: Fraction | None) -> str:
    """Which way p should move to raise L: the sign of H - (H+T) p, which is the sign of
    L'(p) = (H - (H+T) p) / (p (1-p)) on (0, 1) and of its one-sided limits at the ends."""
    if best is None:
        return FLAT
    if p == best:
        return BEST
    return RAISE if heads - (heads + tails) * p > 0 else LOWER


def coin_working(heads: int, tails: int, p: float | Fraction | str) -> CoinWorking:
    """The coin's likelihood, log-likelihood and both derivatives at p, with their pieces."""
    check_counts(heads, tails)
    heads, tails = int(heads), int(tails)
    q = exact_p(p)
    x = float(q)
    total = heads + tails
    best = best_p_fraction(heads, tails)
    head_term = None if heads and q == 0 else Fraction(heads) / q if heads else Fraction(0)
    tail_term = None if tails and q == 1 else Fraction(tails) / (1 - q) if tails else Fraction(0)
    if head_term is not None and tail_term is not None:
        slope, limit = head_term - tail_term, None
    else:
        slope, limit = None, (math.inf if head_term is None else -math.inf)
    with np.errstate(divide="ignore"):
        log_p, log_q = float(np.log(x)), float(np.log1p(-x)) + 0.0
    g_best = None if best is None else exact_likelihood(heads, tails, best)
    return CoinWorking(
        heads=heads,
        tails=tails,
        total=total,
        p=q,
        g=exact_likelihood(heads, tails, q),
        g_prime=exact_likelihood_derivative(heads, tails, q),
        p_power=q ** (heads - 1) if heads >= 1 else None,
        q_power=(1 - q) ** (tails - 1) if tails >= 1 else None,
        bracket=heads - total * q,
        head_term=head_term,
        tail_term=tail_term,
        log_g_prime=slope,
        log_g_prime_limit=limit,
        log_g=float(log_likelihood(heads, tails, x)),
        log_p=log_p,
        log_q=log_q,
        best=best,
        direction=_direction(heads, tails, q, best),
        g_zeros=likelihood_derivative_zeros(heads, tails),
        log_g_zeros=log_likelihood_derivative_zeros(heads, tails),
        g_best=g_best,
        log_g_best=None if best is None else float(log_likelihood(heads, tails, float(best))),
        loss=float(log_loss(heads, tails, x)),
        loss_best=None if best is None else float(log_loss(heads, tails, float(best))),
        bce=binary_cross_entropy(heads, tails, x),
        bce_best=None if best is None else binary_cross_entropy(heads, tails, float(best)),
    )


def coin_grid(
    heads: int, tails: int, ps: Sequence[float | Fraction | str]
) -> tuple[CoinWorking, ...]:
    """The coin game at every position of the p control, in the control's order: one
    `coin_working(H, T, p)` per p, the rows a touch unit picks from as the learner drags p."""
    check_counts(heads, tails)
    return tuple(coin_working(heads, tails, p) for p in ps)


def log_likelihood_tangent(work: CoinWorking, ps: Sequence[float]) -> tuple[float, ...] | None:
    """The tangent to L at the learner's p0, y = L(p0) + L'(p0) (p - p0), at each p of `ps`.

    None where L'(p0) does not exist (p0 = 0 with a head seen, p0 = 1 with a tail seen)."""
    if work.log_g_prime is None:
        return None
    slope, start = float(work.log_g_prime), float(work.p)
    return tuple(work.log_g + slope * (float(p) - start) + 0.0 for p in ps)


def binary_cross_entropy(heads: int, tails: int, p: float) -> float | None:
    """Average log loss per toss: -(1/n) sum [y ln p + (1-y) ln(1-p)] = -L(p)/(H+T), y = 1 a head.

    None with no tosses (an average over nothing is undefined); +inf where the data are impossible.
    """
    check_counts(heads, tails)
    total = heads + tails
    if total == 0:
        _as_probability(p)
        return None
    return float(log_loss(heads, tails, p)) / total


def toss_log_loss(is_head: bool, p: float) -> float:
    """The log loss of one toss: -ln p for a head, -ln(1-p) for a tail (+inf if impossible)."""
    return float(log_loss(1, 0, p) if is_head else log_loss(0, 1, p))


@dataclass(frozen=True)
class CoinCross:
    """The coin game around the learner's (H, T, p), one control moved at a time: `by_heads[i]`
    is `coin_working(heads_values[i], T, p)`, `by_tails[j]` is `coin_working(H, tails_values[j],
    p)` and `by_p[k]` is `coin_working(H, T, ps[k])`: the rows of a touch unit's cross grid."""

    by_heads: tuple[CoinWorking, ...]
    by_tails: tuple[CoinWorking, ...]
    by_p: tuple[CoinWorking, ...]


def coin_cross(
    heads: int,
    tails: int,
    p: float | Fraction | str,
    heads_values: Sequence[int],
    tails_values: Sequence[int],
    ps: Sequence[float | Fraction | str],
) -> CoinCross:
    """The coin game at every position of each control with the other two held: H over
    `heads_values`, T over `tails_values`, p over `ps` (a cross through (H, T, p))."""
    check_counts(heads, tails)
    return CoinCross(
        by_heads=tuple(coin_working(h, tails, p) for h in heads_values),
        by_tails=tuple(coin_working(heads, t, p) for t in tails_values),
        by_p=coin_grid(heads, tails, ps),
    )
