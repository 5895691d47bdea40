"""The exact one-sided limits of the difference quotient of a SymPy expression at a point.

    left  = lim_{h -> 0+} (f(x0) - f(x0 - h)) / h,   right = lim_{h -> 0+} (f(x0 + h) - f(x0)) / h

SymPy can take a long time on some inputs, so this runs only inside the time-limited worker of
core.expression_worker (job "one_sided"); the pages call core.differentiability.exact_slopes.
x0 is the decimal the learner typed, read exactly (0.1 is 1/10, not the double nearest it).
"""

from __future__ import annotations

from fractions import Fraction

import sympy


def exact_number(value: sympy.Expr) -> Fraction | float | None:
    """A finite real SymPy number as a Fraction (rational) or a float (irrational); None when it
    is not a finite real number (infinite, undefined, an interval of accumulation points)."""
    if not isinstance(value, sympy.Expr) or value.free_symbols:
        return None
    if value.is_real is not True or value.is_finite is not True:
        return None
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    number = complex(sympy.N(value, 30))
    return float(number.real)


def one_sided_limits(
    expression: sympy.Expr, x0_text: str
) -> tuple[Fraction | float | None, Fraction | float | None]:
    """(left, right): each one-sided limit of the quotient when SymPy decides it is a finite
    real number, else None (also when f(x0) is undefined)."""
    symbols = sorted(expression.free_symbols, key=str)
    if len(symbols) > 1:
        return None, None
    point = sympy.Rational(x0_text)
    if not symbols:
        return Fraction(0), Fraction(0)
    x = symbols[0]
    f_x0 = expression.subs(x, point)
    if exact_number(f_x0) is None:
        return None, None
    h = sympy.Symbol("h", positive=True)
    right = sympy.limit((expression.subs(x, point + h) - f_x0) / h, h, 0, "+")
    left = sympy.limit((f_x0 - expression.subs(x, point - h)) / h, h, 0, "+")
    return exact_number(left), exact_number(right)


_EXACT_CACHE: dict[tuple, tuple] = {}
_EXACT_CACHE_SIZE = 256


def exact_slopes(expression: object, x0: float) -> tuple[Fraction | float | None, ...]:
    """(left, right): the exact one-sided limits of f's quotient at x0 (the decimal x0 read
    exactly), each None where SymPy could not decide it in the worker's time limit."""
    from core.expression_worker import run_job

    key = (expression, repr(float(x0)))
    if key in _EXACT_CACHE:
        return _EXACT_CACHE[key]
    status, value = run_job("one_sided", (expression, repr(float(x0))))
    if status == "timeout":  # the worker computed for the whole limit: do not wait again
        value = (None, None)
    elif status != "ok":
        return None, None  # not cached: a busy machine may answer next time
    if len(_EXACT_CACHE) >= _EXACT_CACHE_SIZE:
        _EXACT_CACHE.clear()
    _EXACT_CACHE[key] = value
    return value
