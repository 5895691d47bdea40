"""Why we take logs: products of many probabilities underflow, and derivatives of products are long.

A float64 cannot hold a positive number below 2^-1074 (about 4.9e-324): multiplying n probabilities
one after another reaches exactly 0.0 at some n, while the sum of their logarithms stays an ordinary
number. And ln turns the notes' product F(p) = p^6 (1-p)^2 (3-p)^9 (4-p)^13 (10-p)^500 into a sum,
whose derivative is one short term per factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy as sp

from core import limits
from core.errors import LearnerError

# The probabilities the page multiplies: a fair coin, and a rarer outcome.
UNDERFLOW_PROBABILITIES: tuple[float, ...] = (0.5, 0.1)
MAX_TOSSES = limits.MAX_UNDERFLOW_TOSSES

# The smallest positive float64 (a subnormal, 2^-1074) and its log10, about -323.3.
SMALLEST_DOUBLE = 2.0**-1074
SMALLEST_DOUBLE_LOG10 = -1074 * math.log10(2.0)


def _check(p: float, n: int) -> None:
    if not 0.0 < p < 1.0:
        raise LearnerError("The probability of one toss must lie strictly between 0 and 1.")
    if n < 0 or n > MAX_TOSSES:
        raise LearnerError(f"The number of tosses must be between 0 and {MAX_TOSSES}.")


def running_products(p: float, n: int) -> np.ndarray:
    """p, p*p, p*p*p, ... : the first n running products, multiplied one by one in float64."""
    _check(p, n)
    return np.cumprod(np.full(n, p, dtype=np.float64))


def running_log_sums(p: float, n: int) -> np.ndarray:
    """ln p, 2 ln p, ... : the first n running sums of ln p, added one by one in float64."""
    _check(p, n)
    return np.cumsum(np.full(n, math.log(p), dtype=np.float64))


def underflow_point(p: float) -> int:
    """The smallest n for which p * p * ... * p (n factors, float64, left to right) is exactly 0.0.

    For p = 0.5 it is 1075, since 2^-1074 is the smallest positive float64 and 2^-1075 rounds to 0.
    """
    products = running_products(p, MAX_TOSSES)
    zeros = np.flatnonzero(products == 0.0)
    if zeros.size == 0:
        raise LearnerError(f"{p:g} multiplied {MAX_TOSSES} times does not reach 0.0 in float64.")
    return int(zeros[0]) + 1


@dataclass(frozen=True)
class ProductVersusLogs:
    """n tosses each of probability p: the float64 product, the sum of logs, and the true size.

    The true value is mantissa x 10^exponent, read off the sum of logs: log10(p^n) = n log10 p.
    """

    p: float
    n: int
    product: float
    log_sum: float
    mantissa: float
    exponent: int
    underflows_at: int


def product_versus_logs(p: float, n: int) -> ProductVersusLogs:
    """Multiply n probabilities p one by one and add their logs one by one, and compare."""
    _check(p, n)
    product = float(running_products(p, n)[-1]) if n else 1.0
    log_sum = float(running_log_sums(p, n)[-1]) if n else 0.0
    # Rounded to 9 decimals so that 0.1^1000 reads 1 x 10^-1000, not 9.99999 x 10^-1001.
    log10_value = round(log_sum / math.log(10.0), 9)
    exponent = math.floor(log10_value)
    mantissa = 10.0 ** (log10_value - exponent)
    return ProductVersusLogs(p, n, product, log_sum, mantissa, exponent, underflow_point(p))


def underflow_curves(n_max: int, points: int = 400) -> pd.DataFrame:
    """For each p in UNDERFLOW_PROBABILITIES, log10 of the float64 product and of the true value.

    Long format: columns n, p, method ('float64 product' or 'sum of logs'), log10 (-inf once the
    product has underflowed to 0.0).
    """
    if n_max < 1 or n_max > MAX_TOSSES:
        raise LearnerError(f"The number of tosses must be between 1 and {MAX_TOSSES}.")
    ns = np.unique(np.linspace(1, n_max, min(points, n_max)).round().astype(int))
    frames = []
    for p in UNDERFLOW_PROBABILITIES:
        products = running_products(p, n_max)[ns - 1]
        with np.errstate(divide="ignore"):
            product_log10 = np.log10(products)
        sums_log10 = running_log_sums(p, n_max)[ns - 1] / math.log(10.0)
        for method, values in (("float64 product", product_log10), ("sum of logs", sums_log10)):
            frames.append(pd.DataFrame({"n": ns, "p": p, "method": method, "log10": values}))
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class UnderflowStudy:
    """n tosses at each of UNDERFLOW_PROBABILITIES, the same at the notes' 1000 tosses, and the
    curves of log10 of the product and of the sum of logs for n from 1 to `window` (the larger
    of n and 1100, so that both underflow points stay in view)."""

    results: tuple[ProductVersusLogs, ...]
    at_1000: tuple[ProductVersusLogs, ...]
    window: int
    curves: pd.DataFrame


def underflow_study(n: int, points: int = 400) -> UnderflowStudy:
    """Everything the underflow section shows for n tosses."""
    window = max(n, 1100)
    curves = underflow_curves(MAX_TOSSES, points=points)
    return UnderflowStudy(
        results=tuple(product_versus_logs(p, n) for p in UNDERFLOW_PROBABILITIES),
        at_1000=tuple(product_versus_logs(p, 1000) for p in UNDERFLOW_PROBABILITIES),
        window=window,
        curves=curves[curves["n"] <= window].reset_index(drop=True),
    )


# The notes' example of a product whose derivative is long.
NOTES_FACTORS: tuple[tuple[int, int], ...] = ((0, 6), (1, 2), (3, 9), (4, 13), (10, 500))
"""(a, k) for each factor (a - p)^k of F; a = 0 stands for the factor p^k."""


@dataclass(frozen=True)
class LogDerivativeStudy:
    """F, its product-rule derivative, ln F, its derivative (as signed LaTeX terms: the first
    bare, the others starting with "+ " or "- "), and the maximiser found both ways."""

    f_latex: str
    direct_terms_latex: tuple[str, ...]
    log_terms_latex: tuple[str, ...]
    log_derivative_terms_latex: tuple[str, ...]
    log_numerator_latex: str
    maximiser_direct: float
    maximiser_log: float


def _notes_factors(p: sp.Symbol) -> list[tuple[sp.Expr, int]]:
    """(base, k) for each factor base^k of F, in the notes' order."""
    return [(p if a == 0 else a - p, k) for a, k in NOTES_FACTORS]


def notes_product_rule_terms(p: sp.Symbol) -> list[sp.Expr]:
    """F' by the product rule: one term per factor, that factor differentiated, the rest kept."""
    factors = _notes_factors(p)
    terms = []
    for i, (base, k) in enumerate(factors):
        others = [b**e for j, (b, e) in enumerate(factors) if j != i]
        terms.append(sp.Mul(k * sp.diff(base, p), base ** (k - 1), *others))
    return terms


def _bisect_sign_change(expr: sp.Expr, p: sp.Symbol, low: sp.Rational, high: sp.Rational) -> float:
    """A zero of expr in (low, high) by halving the interval 60 times on the sign of expr.

    The product-rule derivative holds numbers near 10^500, beyond float64; evalf at 40 digits
    evaluates it reliably, and only its sign is used.
    """

    def sign(x: sp.Rational) -> int:
        return 1 if expr.evalf(40, subs={p: x}) > 0 else -1

    sign_low = sign(low)
    if sign_low == sign(high):
        raise ArithmeticError("no sign change of F' in the interval")
    for _ in range(60):
        middle = (low + high) / 2
        if sign(middle) == sign_low:
            low = middle
        else:
            high = middle
    return float((low + high) / 2)


def _signed_terms_latex(terms: list[sp.Expr]) -> tuple[str, ...]:
    """Each term as LaTeX in the order given (sympy would reorder a sum), signs in front."""
    pieces: list[str] = []
    for term in terms:
        piece = sp.latex(term, ln_notation=True)
        if pieces:
            piece = "- " + piece[1:].lstrip() if piece.startswith("-") else "+ " + piece
        pieces.append(piece)
    return tuple(pieces)


def notes_log_derivative_study() -> LogDerivativeStudy:
    """F(p) = p^6 (1-p)^2 (3-p)^9 (4-p)^13 (10-p)^500 differentiated two ways.

    Direct: the product rule gives five terms of five factors each; F' = 0 is solved numerically
    at high precision (mpmath copes with 10^500). Logs: (ln F)' = 6/p - 2/(1-p) - 9/(3-p)
    - 13/(4-p) - 500/(10-p); over a common denominator its numerator is a quartic, whose root in
    (0, 1) is the maximiser. Fixed expressions only: nothing here comes from user text.
    """
    p = sp.Symbol("p", positive=True)
    factors = _notes_factors(p)
    f = sp.Mul(*[base**k for base, k in factors])
    terms = notes_product_rule_terms(p)
    direct = sp.Add(*terms)
    log_terms = [k * sp.log(base) for base, k in factors]
    log_derivative_terms = [sp.diff(term, p) for term in log_terms]
    log_derivative = sp.Add(*log_derivative_terms)
    numerator, _ = sp.fraction(sp.together(log_derivative))
    quartic = sp.Poly(sp.expand(numerator), p)
    log_roots = [float(root) for root in quartic.real_roots() if 0 < root < 1]
    if len(log_roots) != 1:
        raise ArithmeticError("expected one root of (ln F)' in (0, 1)")
    maximiser_direct = _bisect_sign_change(direct, p, sp.Rational(1, 100), sp.Rational(99, 100))
    return LogDerivativeStudy(
        f_latex=sp.latex(f),
        direct_terms_latex=_signed_terms_latex(terms),
        log_terms_latex=_signed_terms_latex(log_terms),
        log_derivative_terms_latex=_signed_terms_latex(log_derivative_terms),
        log_numerator_latex=sp.latex(quartic.as_expr()),
        maximiser_direct=maximiser_direct,
        maximiser_log=log_roots[0],
    )


# The positions of the underflow section's touch input n (a grid of 1..MAX_TOSSES would be 5000
# rows): every n where the section teaches something, coarser steps between.
EVERY_N_UP_TO = 100  # every n from 1 to 100: the first tosses, one by one
MIDDLE_STEP, MIDDLE_UP_TO = 10, 1100  # then every 10th n up to 1100 (the picture's first window)
AROUND_UNDERFLOW = 12  # every n within 12 of each underflow point (324 for 0.1, 1075 for 0.5)
FAR_STEP = 50  # then every 50th n up to MAX_TOSSES


def underflow_positions() -> tuple[int, ...]:
    """The n the section's input offers, increasing: 1, 2, ..., 100; every 10th n to 1100 (so
    300, 330 and the default 1000); every n from u - 12 to u + 12 around each underflow point u
    of UNDERFLOW_PROBABILITIES (312..336 and 1063..1087: the last n whose product is a number
    and the first whose product is 0.0, and their neighbours); every 50th n to MAX_TOSSES
    (1150, ..., 5000)."""
    kept = set(range(1, EVERY_N_UP_TO + 1))
    kept |= set(range(EVERY_N_UP_TO, MIDDLE_UP_TO + 1, MIDDLE_STEP))
    kept |= set(range(MIDDLE_UP_TO, MAX_TOSSES + 1, FAR_STEP))
    for p in UNDERFLOW_PROBABILITIES:
        u = underflow_point(p)
        kept |= set(range(u - AROUND_UNDERFLOW, u + AROUND_UNDERFLOW + 1))
    kept.add(MAX_TOSSES)
    return tuple(sorted(n for n in kept if 1 <= n <= MAX_TOSSES))


@dataclass(frozen=True)
class UnderflowGrid:
    """The section at every position of its input: `results[i]` holds, for n = positions[i],
    one ProductVersusLogs per p of UNDERFLOW_PROBABILITIES (in that order)."""

    positions: tuple[int, ...]
    results: tuple[tuple[ProductVersusLogs, ...], ...]


def underflow_grid() -> UnderflowGrid:
    """product_versus_logs(p, n) for every p and every n of underflow_positions(), in one call."""
    positions = underflow_positions()
    results = tuple(
        tuple(product_versus_logs(p, n) for p in UNDERFLOW_PROBABILITIES) for n in positions
    )
    return UnderflowGrid(positions, results)
