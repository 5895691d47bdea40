"""Numbers from a parsed function: numpy evaluation by walking the SymPy tree (no lambdify),
and the bounded check that a typed answer is the expected function."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import sympy

from core.expressions.to_sympy import X, parse_function
from core.expressions.tokenizer import ExpressionError

NumericFunction = Callable[[np.ndarray | float], np.ndarray]

_NUMPY_FUNCTIONS: dict[type, Callable[[np.ndarray], np.ndarray]] = {
    sympy.sin: np.sin,
    sympy.cos: np.cos,
    sympy.tan: np.tan,
    sympy.exp: np.exp,
    sympy.log: np.log,
    sympy.Abs: np.abs,
    sympy.sign: np.sign,
}


def numeric_function(expr: sympy.Expr) -> NumericFunction:
    """A numpy function for expr, made by walking its tree; nan wherever f is undefined.

    x^(p/q) with q odd uses the real root, so x^(1/3) is -1 at x = -1 (numpy would give nan).
    """
    compiled = _compile(expr)

    def evaluate(x: np.ndarray | float) -> np.ndarray:
        values = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            result = np.asarray(compiled(values), dtype=float) + np.zeros_like(values)
        return np.where(np.isfinite(result), result, np.nan)

    return evaluate


def _compile(expr: sympy.Expr) -> Callable[[np.ndarray], np.ndarray]:
    if expr == X:
        return lambda x: x
    if expr.is_Atom and not expr.free_symbols:  # a number; i, zoo and nan have no real value
        value = float(expr) if expr.is_real and expr.is_finite else math.nan
        return lambda x: np.full_like(x, value)
    if isinstance(expr, sympy.Add | sympy.Mul):
        parts = [_compile(arg) for arg in expr.args]
        combine = np.add if isinstance(expr, sympy.Add) else np.multiply

        def reduce(x: np.ndarray) -> np.ndarray:
            total = parts[0](x)
            for part in parts[1:]:
                total = combine(total, part(x))
            return total

        return reduce
    if isinstance(expr, sympy.Pow):
        return _compile_power(*expr.args)
    function = _NUMPY_FUNCTIONS.get(expr.func)
    if function is not None and len(expr.args) == 1:
        argument = _compile(expr.args[0])
        return lambda x: function(argument(x))
    raise ExpressionError(f"cannot evaluate {type(expr).__name__} numerically")


def _compile_power(base_expr: sympy.Expr, exponent_expr: sympy.Expr):
    base = _compile(base_expr)
    if exponent_expr.is_Rational and not exponent_expr.is_Integer and exponent_expr.q % 2 == 1:
        p, q = int(exponent_expr.p), int(exponent_expr.q)
        return lambda x: np.sign(base(x)) ** (p % 2) * np.abs(base(x)) ** (p / q)
    if exponent_expr.is_Integer:
        n = float(exponent_expr)
        return lambda x: np.power(base(x), n)
    exponent = _compile(exponent_expr)
    return lambda x: np.power(base(x), exponent(x))


_SAMPLE_POINTS = np.array(
    [-2.7, -1.9, -1.3, -0.8, -0.35, 0.15, 0.45, 0.9, 1.35, 1.75, 2.2, 2.95, 3.6, 4.4, 5.3]
)


def equivalent(answer_text: str, expected_expr: sympy.Expr) -> tuple[bool, str]:
    """Is the typed answer the same function as expected_expr? Returns (correct, message).

    The answer goes through parse_function (same limits). The comparison is bounded: a
    symbolic check, expand(answer - expected) == 0 (only for small expressions, whose expansion
    is small), then an identity test that evaluates both exact trees at fixed points where the
    expected function is defined: two different elementary functions almost never agree at all of
    them, and one disagreement is a definite "no", reported with the point.
    For typed text on the server, call core.expression_worker.check_equivalent, which runs this
    in the time-limited worker.
    """
    try:
        answer = parse_function(answer_text)
    except ExpressionError as error:
        return False, f"That answer could not be read: {error}"
    if _small(answer) and _small(expected_expr) and sympy.expand(answer - expected_expr) == 0:
        return True, "Correct: your answer equals the derivative."
    mine = numeric_function(answer)(_SAMPLE_POINTS)
    theirs = numeric_function(expected_expr)(_SAMPLE_POINTS)
    defined = np.isfinite(theirs)
    if defined.sum() < 3:
        return (
            False,
            "This cannot be checked: the expected function is undefined at the test points.",
        )
    for point, a, b in zip(_SAMPLE_POINTS[defined], mine[defined], theirs[defined], strict=True):
        if not np.isfinite(a) or abs(a - b) > 1e-8 * max(1.0, abs(b)):
            shown = "undefined" if not np.isfinite(a) else f"{a:.6g}"
            return False, f"Not quite: at x = {point:g} your answer gives {shown}, not {b:.6g}."
    return True, "Correct: your answer agrees with the derivative everywhere we checked."


def _small(expr: sympy.Expr) -> bool:
    """Small enough that expand() stays cheap: few operations and only small integer powers."""
    if sympy.count_ops(expr) > 40:
        return False
    return all(not (p.exp.is_Integer and abs(int(p.exp)) > 12) for p in expr.atoms(sympy.Pow))
