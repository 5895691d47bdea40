"""Derivatives step by step, each step named by the rule a person would use.

The derivative is computed by the rules themselves (not by asking SymPy for the answer):

    constant     c' = 0                      power     (x^n)' = n x^(n-1)
    sum          (f + g)' = f' + g'          constant multiple  (c f)' = c f'
    product      (f g)' = f' g + f g'        quotient  (f / g)' = (f' g - f g') / g^2
    chain        (F(u))' = F'(u) u'          with F one of sin, cos, tan, exp, ln, sqrt, abs, power
    sin' = cos   cos' = -sin   tan' = 1 + tan^2   exp' = exp   ln' = 1/x   sqrt' = 1/(2 sqrt)
    abs' = sign  (a^x)' = a^x ln a (an "exp" step, since a^x = e^(x ln a))

The tests check every step against sympy.diff, an independent oracle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sympy

from core.expressions import ExpressionError, X, numeric_function
from core.limits import MAX_LINE_POINTS

RULES: tuple[str, ...] = (
    "constant",
    "constant multiple",
    "sum",
    "power",
    "product",
    "quotient",
    "chain",
    "exp",
    "ln",
    "sin",
    "cos",
    "tan",
    "sqrt",
    "abs",
)


@dataclass(frozen=True)
class Step:
    """One rule applied: `expression` turns into `derivative` (both functions of x).

    `substeps` are the derivatives this rule needs (the terms of a sum, the factors of a
    product, the inner function of a chain). For a chain step, `outer` names the rule of the
    outer function F and `outer_derivative` is F'(u) written in x.
    """

    rule: str
    expression: sympy.Expr
    derivative: sympy.Expr
    substeps: tuple[Step, ...] = ()
    outer: str = ""
    outer_derivative: sympy.Expr | None = None


@dataclass(frozen=True)
class Derivation:
    """f, its derivative in a tidy form, and the tree of steps that produced it."""

    expression: sympy.Expr
    result: sympy.Expr
    root: Step

    @property
    def steps(self) -> list[Step]:
        """Every step, in the order a person writes them (each rule before the ones it needs)."""
        return [step for _, step in self.walk()]

    def walk(self) -> list[tuple[int, Step]]:
        """(depth, step) pairs in writing order; depth 0 is the whole function."""
        pairs: list[tuple[int, Step]] = []

        def visit(step: Step, depth: int) -> None:
            pairs.append((depth, step))
            for substep in step.substeps:
                visit(substep, depth + 1)

        visit(self.root, 0)
        return pairs


def differentiate(expr: sympy.Expr) -> Derivation:
    """d/dx of expr, by the rules above; `.result` equals sympy.diff(expr, X), tidied."""
    root = _step(expr)
    return Derivation(expression=expr, result=tidy(root.derivative), root=root)


def tidy(expr: sympy.Expr) -> sympy.Expr:
    """The shortest of expr, together(expr) and factor(expr): e^x + x e^x -> (x + 1) e^x.

    No simplify(): it can loop for minutes on short inputs, and it rewrites 2 sin x cos x as
    sin 2x, which is not how the rules produce it.
    """
    candidates = [expr]
    if not _cheap_to_factor(expr):
        return expr
    for transform in (sympy.together, sympy.factor):
        try:
            candidates.append(transform(expr))
        except (sympy.PolynomialError, NotImplementedError, ValueError, TypeError):
            continue
    return min(candidates, key=sympy.count_ops)


def _cheap_to_factor(expr: sympy.Expr) -> bool:
    """factor() is fast on small expressions with small powers and numbers.

    It takes minutes on ((x+1)^100 + 1)^100 (huge expansions) and on e^(x(x/2 - 10^10)), which it
    treats as a polynomial of degree 10^10 in e^x.
    """
    if sympy.count_ops(expr) > 80:
        return False
    if any(abs(n.p) > 1000 or n.q > 1000 for n in expr.atoms(sympy.Rational)):
        return False
    return all(
        not (power.exp.is_Integer and abs(int(power.exp)) > 12) for power in expr.atoms(sympy.Pow)
    )


_OUTER_RULES = {
    sympy.sin: ("sin", lambda u: sympy.cos(u)),
    sympy.cos: ("cos", lambda u: -sympy.sin(u)),
    sympy.tan: ("tan", lambda u: 1 + sympy.tan(u) ** 2),
    sympy.exp: ("exp", lambda u: sympy.exp(u)),
    sympy.log: ("ln", lambda u: 1 / u),
    sympy.Abs: ("abs", lambda u: sympy.sign(u)),
}


def _step(expr: sympy.Expr) -> Step:
    if not expr.has(X):
        return Step("constant", expr, sympy.Integer(0))
    if expr == X:
        return Step("power", expr, sympy.Integer(1))
    if isinstance(expr, sympy.Add):
        terms = tuple(_step(term) for term in expr.args)
        return Step("sum", expr, sympy.Add(*(t.derivative for t in terms)), terms)
    if isinstance(expr, sympy.Mul):
        return _product_step(expr)
    if isinstance(expr, sympy.Pow):
        return _power_step(expr)
    if expr.func in _OUTER_RULES and len(expr.args) == 1:
        rule, outer = _OUTER_RULES[expr.func]
        return _chain(rule, expr, expr.args[0], outer(expr.args[0]))
    raise ExpressionError(
        f"the step-by-step view does not cover {type(expr).__name__}; try writing it differently"
    )


def _chain(rule: str, expr: sympy.Expr, inner: sympy.Expr, outer_derivative: sympy.Expr) -> Step:
    """F(x) -> F'(x) directly when the inner function is x itself, else the chain rule."""
    if inner == X:
        return Step(rule, expr, outer_derivative)
    inner_step = _step(inner)
    return Step(
        "chain",
        expr,
        outer_derivative * inner_step.derivative,
        (inner_step,),
        outer=rule,
        outer_derivative=outer_derivative,
    )


def _product_step(expr: sympy.Mul) -> Step:
    coefficient, rest = expr.as_independent(X, as_Add=False)
    if coefficient != 1:
        inner = _step(rest)
        return Step("constant multiple", expr, coefficient * inner.derivative, (inner,))
    factors = expr.args
    numerator = [f for f in factors if not _is_reciprocal(f)]
    denominator = [1 / f for f in factors if _is_reciprocal(f)]
    if numerator and denominator:
        top, bottom = sympy.Mul(*numerator), sympy.Mul(*denominator)
        top_step, bottom_step = _step(top), _step(bottom)
        derivative = (top_step.derivative * bottom - top * bottom_step.derivative) / bottom**2
        return Step("quotient", expr, derivative, (top_step, bottom_step))
    steps = tuple(_step(f) for f in factors)
    terms = []
    for i, step in enumerate(steps):
        others = [f for j, f in enumerate(factors) if j != i]
        terms.append(step.derivative * sympy.Mul(*others))
    return Step("product", expr, sympy.Add(*terms), steps)


def _is_reciprocal(factor: sympy.Expr) -> bool:
    """A factor written under a fraction bar: g^(-n) with a negative constant exponent."""
    return (
        isinstance(factor, sympy.Pow)
        and factor.exp.is_number
        and bool(factor.exp.is_negative)
        and factor.base.has(X)
    )


def _power_step(expr: sympy.Pow) -> Step:
    base, exponent = expr.args
    if not exponent.has(X):
        if exponent == sympy.Rational(1, 2):
            return _chain("sqrt", expr, base, 1 / (2 * sympy.sqrt(base)))
        return _chain("power", expr, base, exponent * base ** (exponent - 1))
    if not base.has(X):
        return _chain("exp", expr, exponent, expr * sympy.log(base))
    # u^v with x in both: u^v = e^(v ln u), so (u^v)' = u^v (v ln u)'
    inner_step = _step(exponent * sympy.log(base))
    return Step(
        "chain",
        expr,
        expr * inner_step.derivative,
        (inner_step,),
        outer="exp",
        outer_derivative=expr,
    )


def _break_at_sign_changes(
    derivative: sympy.Expr, xs: np.ndarray, slopes: np.ndarray
) -> np.ndarray:
    """f' with a gap where a sign(u) in it changes: |u|' = sign(u) u' holds only where u != 0,
    and a line drawn through sign(0) = 0 would join -1 and 1 by a false vertical stroke."""
    slopes = slopes.copy()
    for term in derivative.atoms(sympy.sign):
        inner = np.asarray(numeric_function(term.args[0])(xs), dtype=float) * np.ones_like(xs)
        signs = np.sign(inner)
        slopes[signs == 0] = np.nan
        changed = np.flatnonzero(signs[1:] * signs[:-1] < 0) + 1
        slopes[changed] = np.nan
    return slopes


@dataclass(frozen=True)
class TangentPicture:
    """f and f' sampled on an interval, a y-range that shows them, and the tangent at x0.

    `frame` is long-format (x, y, curve) with curve "f(x)" or "f'(x)"; values far outside
    `y_domain` (near a pole) are nan, so a line breaks there instead of jumping across.
    The tangent is y = f(x0) + f'(x0)(x - x0); `f_x0` and `slope` are nan where undefined.
    """

    frame: pd.DataFrame
    y_domain: tuple[float, float]
    x0: float
    f_x0: float
    slope: float


def tangent_picture(
    expr: sympy.Expr,
    derivative: sympy.Expr,
    x0: float,
    x_range: tuple[float, float] = (-5.0, 5.0),
    points: int = 301,
) -> TangentPicture:
    """Sample f and f' (through core.expressions.numeric_function) and choose a y-range.

    The y-range spans the 2nd to 98th percentile of the defined values plus f(x0), padded by
    10 %, so that an asymptote such as 1/x near 0 does not flatten the rest of the picture.
    """
    points = min(points, MAX_LINE_POINTS)
    xs = np.linspace(x_range[0], x_range[1], points)
    f = numeric_function(expr)
    f_prime = numeric_function(derivative)
    ys, slopes = f(xs), f_prime(xs)
    slopes = _break_at_sign_changes(derivative, xs, np.asarray(slopes, dtype=float))
    f_x0, slope = float(f(x0)), float(f_prime(x0))
    values = np.concatenate([ys, slopes, [f_x0]])
    values = values[np.isfinite(values)]
    if values.size == 0:
        low, high = -1.0, 1.0
    else:
        low, high = (float(v) for v in np.percentile(values, [2, 98]))
        if math.isfinite(f_x0):
            low, high = min(low, f_x0), max(high, f_x0)
    if high - low < 1e-9:
        low, high = low - 1.0, high + 1.0
    pad = 0.1 * (high - low)
    low, high = low - pad, high + pad
    span = high - low

    def visible(v: np.ndarray) -> np.ndarray:
        return np.where((v > low - span) & (v < high + span), v, np.nan)

    frame = pd.DataFrame(
        {
            "x": np.concatenate([xs, xs]),
            "y": np.concatenate([visible(ys), visible(slopes)]),
            "curve": ["f(x)"] * points + ["f'(x)"] * points,
        }
    )
    return TangentPicture(frame, (low, high), float(x0), f_x0, slope)


# Points at which a step's result is compared with SymPy's own derivative of its input.
STEP_CHECK_POINTS = np.array(
    [-2.7, -1.9, -1.3, -0.8, -0.35, 0.15, 0.45, 0.9, 1.35, 1.75, 2.2, 2.95]
)
# Two values agree when they differ by at most this, relative to the larger (or 1).
STEP_CHECK_TOLERANCE = 1e-9


def step_checked(step: Step) -> bool:
    """Is the step's result the derivative of its input? Checked against an independent
    derivative, sympy.diff of the step's expression: both are evaluated at STEP_CHECK_POINTS
    and must agree (within STEP_CHECK_TOLERANCE) wherever SymPy's is defined, at three points
    at least. Bounded: twelve evaluations, no simplification of large expressions."""
    oracle = numeric_function(sympy.diff(step.expression, X))(STEP_CHECK_POINTS)
    mine = numeric_function(step.derivative)(STEP_CHECK_POINTS)
    defined = np.isfinite(oracle)
    if defined.sum() < 3:
        return False
    scale = np.maximum(1.0, np.maximum(np.abs(oracle[defined]), np.abs(mine[defined])))
    return bool(np.all(np.abs(mine[defined] - oracle[defined]) <= STEP_CHECK_TOLERANCE * scale))
