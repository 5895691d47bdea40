"""Forward-mode automatic differentiation with dual numbers, and three ways to get f'(x0).

A dual number a + b·ε with ε² = 0 carries a value and a slope together:
    f(a + b·ε) = f(a) + f'(a)·b·ε,
so evaluating f on Dual(x0, 1) returns f(x0) and f'(x0) at once, exactly up to rounding, with no
formula for f' and no step size. This is the idea behind the autodiff of ML frameworks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import sympy

from core.expressions import ExpressionError, X, numeric_function


@dataclass(frozen=True)
class Dual:
    """value + slope·ε, with ε² = 0."""

    value: float
    slope: float = 0.0

    def __add__(self, other: Dual | float) -> Dual:
        o = lift(other)
        return Dual(self.value + o.value, self.slope + o.slope)

    __radd__ = __add__

    def __neg__(self) -> Dual:
        return Dual(-self.value, -self.slope)

    def __sub__(self, other: Dual | float) -> Dual:
        return self + (-lift(other))

    def __rsub__(self, other: float) -> Dual:
        return lift(other) - self

    def __mul__(self, other: Dual | float) -> Dual:  # (a + a'ε)(b + b'ε) = ab + (a'b + ab')ε
        o = lift(other)
        return Dual(self.value * o.value, self.slope * o.value + self.value * o.slope)

    __rmul__ = __mul__

    def __truediv__(self, other: Dual | float) -> Dual:  # (a/b)' = (a'b - ab') / b²
        o = lift(other)
        return Dual(
            self.value / o.value, (self.slope * o.value - self.value * o.slope) / o.value**2
        )

    def __rtruediv__(self, other: float) -> Dual:
        return lift(other) / self

    def __pow__(self, other: Dual | float) -> Dual:
        if isinstance(other, Dual):  # u^v = e^(v ln u)
            return exp(other * log(self))
        value = real_power_value(self.value, other)  # (u^n)' = n u^(n-1) u'
        return Dual(value, other * real_power_value(self.value, other - 1) * self.slope)

    def __rpow__(self, other: float) -> Dual:  # (a^u)' = a^u ln(a) u'
        value = other**self.value
        return Dual(value, value * math.log(other) * self.slope)

    def __abs__(self) -> Dual:
        return absolute(self)


def lift(value: Dual | float) -> Dual:
    """A plain number is a dual number with slope 0 (a constant)."""
    return value if isinstance(value, Dual) else Dual(float(value), 0.0)


def real_power_value(base: float, exponent: float) -> float:
    """base^exponent, using the real root for p/q with odd q: (-8)^(1/3) = -2."""
    if base < 0 and not float(exponent).is_integer():
        fraction = Fraction(exponent).limit_denominator(1000)
        if fraction.denominator % 2 == 1:
            return (-1.0) ** fraction.numerator * abs(base) ** exponent
        return math.nan
    if base == 0 and exponent < 0:
        return math.nan
    return base**exponent


def sin(u: Dual) -> Dual:
    return Dual(math.sin(u.value), math.cos(u.value) * u.slope)


def cos(u: Dual) -> Dual:
    return Dual(math.cos(u.value), -math.sin(u.value) * u.slope)


def tan(u: Dual) -> Dual:
    return Dual(math.tan(u.value), (1 + math.tan(u.value) ** 2) * u.slope)


def exp(u: Dual) -> Dual:
    return Dual(math.exp(u.value), math.exp(u.value) * u.slope)


def log(u: Dual) -> Dual:
    return Dual(math.log(u.value), u.slope / u.value)


def sqrt(u: Dual) -> Dual:
    return Dual(math.sqrt(u.value), u.slope / (2 * math.sqrt(u.value)))


def absolute(u: Dual) -> Dual:  # |u|' = sign(u) u'; at u = 0 this takes 0, one of the subgradients
    return Dual(abs(u.value), math.copysign(1.0, u.value) * u.slope if u.value else 0.0)


_FUNCTIONS = {
    sympy.sin: sin,
    sympy.cos: cos,
    sympy.tan: tan,
    sympy.exp: exp,
    sympy.log: log,
    sympy.Abs: absolute,
}


DualFunction = Callable[[Dual], Dual]


def evaluate_dual(expr: sympy.Expr, x: Dual) -> Dual:
    """Evaluate the expression tree on a dual number, node by node (no lambdify)."""
    return compile_dual(expr)(x)


def compile_dual(expr: sympy.Expr) -> DualFunction:
    """The expression tree as a function of one dual number, walked once (no lambdify): the
    same operations, in the same order, as a walk of the tree at every call, so that calling
    it at many points costs no SymPy work. An error a node meets (a number that is not real,
    a function dual numbers do not cover) is raised when it is called, as the walk would."""
    if expr == X:
        return lambda x: x
    if expr.is_Number or isinstance(expr, sympy.NumberSymbol):
        return _constant(expr)
    parts = [compile_dual(arg) for arg in expr.args]

    def args_at(x: Dual) -> list[Dual]:
        return [part(x) for part in parts]

    if isinstance(expr, sympy.Add):

        def add(x: Dual) -> Dual:
            args = args_at(x)
            return sum(args[1:], args[0])

        return add
    if isinstance(expr, sympy.Mul):

        def multiply(x: Dual) -> Dual:
            args = args_at(x)
            product = args[0]
            for factor in args[1:]:
                product = product * factor
            return product

        return multiply
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.args
        if exponent.is_number:
            if exponent == sympy.Rational(1, 2):
                return lambda x: sqrt(args_at(x)[0])
            power = _float_or_error(exponent)
            return lambda x: args_at(x)[0] ** power()
        if base.is_number:
            number = _float_or_error(base)

            def number_power(x: Dual) -> Dual:
                args = args_at(x)
                return number() ** args[1]

            return number_power
        return lambda x: (lambda args: args[0] ** args[1])(args_at(x))
    function = _FUNCTIONS.get(expr.func)
    if function is not None:
        return lambda x: function(args_at(x)[0])
    message = f"dual numbers do not cover {type(expr).__name__}"

    def uncovered(x: Dual) -> Dual:
        args_at(x)
        raise ExpressionError(message)

    return uncovered


def _float_or_error(number: sympy.Expr) -> Callable[[], float]:
    """float(number), computed once; where it fails, the failure is raised at each call."""
    try:
        value = float(number)
    except Exception as error:  # raised where the walk would have met it
        failure = error

        def fail() -> float:
            raise failure

        return fail
    return lambda: value


def _constant(number: sympy.Expr) -> DualFunction:
    value = _float_or_error(number)
    return lambda x: Dual(value(), 0.0)


def derivative_at(expr: sympy.Expr, x0: float) -> float:
    """f'(x0) by forward-mode autodiff: the slope part of f(Dual(x0, 1)); nan where undefined."""
    return dual_slope(compile_dual(expr), x0)


def dual_slope(compiled: DualFunction, x0: float) -> float:
    """derivative_at with the tree compiled once (compile_dual), for many points."""
    try:
        slope = compiled(Dual(float(x0), 1.0)).slope
    except (ValueError, TypeError, ZeroDivisionError, OverflowError):
        return math.nan
    return slope if math.isfinite(slope) else math.nan


@dataclass(frozen=True)
class ThreeWays:
    """f'(x0) computed three ways, and how far the two approximations are from the exact one."""

    x0: float
    exact: float  # the symbolic derivative's formula, evaluated at x0
    central_difference: float  # (f(x0 + h) - f(x0 - h)) / (2h)
    dual: float  # forward-mode autodiff
    h: float
    central_error: float  # |central_difference - exact|
    dual_error: float  # |dual - exact|


def expression_central_difference(expr: sympy.Expr, x0: float, h: float) -> float:
    """(f(x0 + h) - f(x0 - h)) / (2h): error about h²·f'''/6, plus rounding of about eps/h."""
    f = numeric_function(expr)
    return float((f(x0 + h) - f(x0 - h)) / (2 * h))


# The step of three_ways' central difference.
CENTRAL_H = 1e-5


def three_ways(
    expr: sympy.Expr, derivative: sympy.Expr, x0: float, h: float = CENTRAL_H
) -> ThreeWays:
    """Symbolic (exact formula), numerical (central difference) and dual numbers at x0.

    Where f itself is undefined at x0 there is no f'(x0), even if the formula for f' has a
    value there (ln x at x0 = -1: 1/x0 = -1, but ln(-1) is not a real number): all are nan.
    """
    f_defined = math.isfinite(float(numeric_function(expr)(x0)))
    exact = float(numeric_function(derivative)(x0)) if f_defined else math.nan
    numerical = expression_central_difference(expr, x0, h)
    dual = derivative_at(expr, x0)
    return ThreeWays(
        x0=float(x0),
        exact=exact,
        central_difference=numerical,
        dual=dual,
        h=h,
        central_error=abs(numerical - exact),
        dual_error=abs(dual - exact),
    )
