"""The power rule, seen through difference quotients: d/dx x^n = n x^(n-1).

Also the worked cube from the notes: (x + dx)^3 = x^3 + 3x^2 dx + 3x dx^2 + dx^3, so the
secant of x^3 at x = 0.5 with dx = 1 has slope 3.25 and tends to 3 * 0.5^2 = 0.75.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.exact import slider_value
from core.limits import MAX_LINE_POINTS

# The exponents the gallery offers: the notes' -1, 2, 3, the roots 1/2 and 1/3, and a few more.
POWER_EXPONENTS: tuple[Fraction, ...] = (
    Fraction(-2),
    Fraction(-1),
    Fraction(1, 3),
    Fraction(1, 2),
    Fraction(1),
    Fraction(2),
    Fraction(3),
    Fraction(4),
)

# Shrinking steps for the convergence tables.
SHRINKING_STEPS: tuple[float, ...] = (1.0, 0.5, 0.1, 0.01, 0.001, 1e-4)


def as_exponent(value: float | Fraction | str) -> Fraction:
    """The exact exponent meant by a slider value such as 0.333333 (1/3) or the text '1/2'."""
    try:
        exponent = Fraction(value).limit_denominator(12)
    except (TypeError, ValueError, ZeroDivisionError) as error:
        raise LearnerError(
            f"'{value}' is not an exponent: use a number such as 2 or 1/2."
        ) from error
    if abs(exponent) > 12:
        raise LearnerError("Keep the exponent n between -12 and 12.")
    return exponent


def in_domain(x: float | np.ndarray, n: Fraction) -> np.ndarray:
    """Where x^n is real: x > 0 always; x < 0 only for odd denominators; x = 0 only for n >= 0."""
    x = np.asarray(x, dtype=float)
    ok = np.isfinite(x)
    if n.denominator % 2 == 0:
        ok &= x >= 0
    if n <= 0:
        ok &= x != 0
    return ok


def real_power(x: float | np.ndarray, n: Fraction) -> np.ndarray:
    """x^n over the reals: odd roots of negatives are negative (x^(1/3) at -8 is -2), else NaN."""
    x = np.asarray(x, dtype=float)
    ok = in_domain(x, n)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        magnitude = np.abs(x) ** float(n)
        # (-|x|)^(p/q) with q odd is (-1)^p |x|^(p/q)
        sign = np.where((x < 0) & (n.numerator % 2 == 1), -1.0, 1.0)
        result = sign * magnitude
    return np.where(ok, result, np.nan)


def power_derivative(x: float | np.ndarray, n: Fraction) -> np.ndarray:
    """The power rule: d/dx x^n = n x^(n-1); for n = 0 the derivative is 0 everywhere."""
    if n == 0:
        return np.where(in_domain(x, n), 0.0, np.nan)
    values = float(n) * real_power(x, n - 1)
    return np.where(in_domain(x, n), values, np.nan)


def exponent_latex(q: Fraction) -> str:
    """A rational number as LaTeX: 3, -1, \\tfrac{1}{3}."""
    if q.denominator == 1:
        return str(q.numerator)
    sign = "-" if q < 0 else ""
    return f"{sign}\\tfrac{{{abs(q.numerator)}}}{{{q.denominator}}}"


def _latex_power(q: Fraction) -> str:
    if q == 0:
        return "1"
    return "x" if q == 1 else f"x^{{{exponent_latex(q)}}}"


def _coefficient(n: Fraction, number: str) -> str:
    """How n multiplies x^(n-1): nothing for 1, a minus sign for -1, else the number itself."""
    return {1: "", -1: "-"}.get(n, number) if n.denominator == 1 else number


def power_rule_latex(n: Fraction) -> tuple[str, str]:
    """The LaTeX of x^n and of its derivative n x^(n-1), with n written as a fraction."""
    if n == 0:
        return "1", "0"
    rest = _latex_power(n - 1)
    if rest == "1":
        return _latex_power(n), exponent_latex(n)
    coefficient = _coefficient(n, exponent_latex(n))
    spacer = "\\," if coefficient not in ("", "-") else ""
    return _latex_power(n), f"{coefficient}{spacer}{rest}"


def _plain_number(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _plain_power(q: Fraction) -> str:
    if q == 0:
        return "1"
    if q == 1:
        return "x"
    return f"x^{q}" if q.denominator == 1 and q > 0 else f"x^({_plain_number(q)})"


MINUS = "\u2212"  # the minus sign of text the learner reads (LaTeX keeps "-")


def power_series_names(n: Fraction) -> tuple[str, str]:
    """Plain-text names of x^n and of its derivative (3x^2, (1/3)x^(−2/3)), for chart legends,
    with the true minus sign U+2212."""
    function, derivative = _series_names(n)
    return function.replace("-", MINUS), derivative.replace("-", MINUS)


def _series_names(n: Fraction) -> tuple[str, str]:
    if n == 0:
        return "f(x) = 1", "f'(x) = 0"
    rest = _plain_power(n - 1)
    if rest == "1":
        return f"f(x) = {_plain_power(n)}", f"f'(x) = {_plain_number(n)}"
    number = _plain_number(n) if n.denominator == 1 else f"({_plain_number(n)})"
    return f"f(x) = {_plain_power(n)}", f"f'(x) = {_coefficient(n, number)}{rest}"


@dataclass(frozen=True)
class Secant:
    """The secant of f between x and x + dx: rise over run, next to the exact slope f'(x)."""

    x: float
    dx: float
    y: float
    y_next: float
    slope: float
    exact: float

    @property
    def error(self) -> float:
        """How far the secant slope is from the tangent slope: slope - f'(x)."""
        return self.slope - self.exact


def power_secant(n: Fraction, x: float, dx: float) -> Secant:
    """Difference quotient ((x + dx)^n - x^n) / dx of x^n, with the exact slope n x^(n-1)."""
    if dx == 0:
        raise LearnerError("dx must not be 0: the secant needs two different points.")
    if not (in_domain(x, n) and in_domain(x + dx, n)):
        raise LearnerError(f"x^{n} is not defined at both x = {x:g} and x + dx = {x + dx:g}.")
    if n < 0 and min(x, x + dx) < 0 < max(x, x + dx):
        raise LearnerError(f"x^{n} has no value at 0, between x = {x:g} and x + dx = {x + dx:g}.")
    y = float(real_power(x, n))
    y_next = float(real_power(x + dx, n))
    return Secant(x, dx, y, y_next, (y_next - y) / dx, float(power_derivative(x, n)))


def power_secant_table(
    n: Fraction, x: float, steps: tuple[float, ...] = SHRINKING_STEPS
) -> pd.DataFrame:
    """Secant slopes of x^n at x for shrinking dx: they approach n x^(n-1)."""
    rows = []
    for dx in steps:
        secant = power_secant(n, x, dx)
        rows.append(
            {
                "dx": dx,
                "secant slope": secant.slope,
                "n x^(n-1)": secant.exact,
                "error": secant.error,
            }
        )
    return pd.DataFrame(rows)


def power_curves(
    n: Fraction,
    x_range: tuple[float, float],
    *,
    y_limit: float = 10.0,
    points: int = MAX_LINE_POINTS // 2,
) -> pd.DataFrame:
    """x^n and n x^(n-1) sampled on x_range, long format (x, y, series, piece).

    Where x^n is undefined or |y| > y_limit, y is NaN: a chart leaves a gap there, so 1/x is
    drawn as two branches instead of being joined across 0. `piece` numbers the unbroken runs.
    """
    xs = np.linspace(x_range[0], x_range[1], points)
    function_name, derivative_name = power_series_names(n)
    frames = []
    for name, ys in (
        (function_name, real_power(xs, n)),
        (derivative_name, power_derivative(xs, n)),
    ):
        keep = np.isfinite(ys) & (np.abs(ys) <= y_limit)
        piece = np.cumsum(np.concatenate([[1], np.diff(keep.astype(int)) == 1]))
        frames.append(
            pd.DataFrame(
                {
                    "x": xs,
                    "y": np.where(keep, ys, np.nan),
                    "series": name,
                    "piece": piece.astype(int),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def power_plot_range(n: Fraction) -> tuple[float, float]:
    """An x-range that shows x^n well: only x >= 0 for even roots, both sides otherwise."""
    return (0.0, 3.0) if n.denominator % 2 == 0 else (-3.0, 3.0)


@dataclass(frozen=True)
class CubeExpansion:
    """(x + dx)^3 - x^3 split into its three pieces: 3x^2 dx + 3x dx^2 + dx^3."""

    x: float
    dx: float
    linear: float  # 3 x^2 dx: the only piece that survives division by dx as dx -> 0
    square: float  # 3 x dx^2
    cube: float  # dx^3

    @property
    def change(self) -> float:
        """Delta f = (x + dx)^3 - x^3, the sum of the three pieces."""
        return self.linear + self.square + self.cube

    @property
    def slope(self) -> float:
        """Delta f / dx = 3x^2 + 3x dx + dx^2, which tends to 3x^2."""
        return self.change / self.dx

    @property
    def limit(self) -> float:
        """3x^2, what the slope tends to as dx -> 0."""
        return CUBE_COEFFICIENTS[1] * self.x**2


# The coefficients of (x + dx)^3 = 1 x^3 + 3 x^2 dx + 3 x dx^2 + 1 dx^3 (binomial, row 3 of
# Pascal's triangle). The notes wrote 2 x^2 dx for the second term: a slip.
CUBE_COEFFICIENTS: tuple[int, int, int, int] = (1, 3, 3, 1)
NOTES_SLIP_CUBE_COEFFICIENT = 2


def cube_expansion(x: float, dx: float) -> CubeExpansion:
    """The pieces of (x + dx)^3 - x^3 for given x and dx."""
    if dx == 0:
        raise LearnerError("dx must not be 0: the secant needs two different points.")
    _, c1, c2, c3 = CUBE_COEFFICIENTS
    return CubeExpansion(x, dx, c1 * x**2 * dx, c2 * x * dx**2, c3 * dx**3)


# ---------------------------------------------------------------- what each picture shows


Number = Fraction | float


@dataclass(frozen=True)
class PowerWorking:
    """The power-rule picture at (n, x, dx): the secant slope ((x+dx)^n - x^n)/dx beside
    n x^(n-1), exact (Fractions) for whole n, floats for roots; the curves (series "f(x)" and
    "f'(x)"), names, the shrinking-dx table and, for n = 3, the cube's three pieces."""

    n: Fraction
    x: Fraction
    dx: Fraction
    y: Number
    y_next: Number
    slope: Number
    exact: Number
    f_latex: str
    d_latex: str
    f_name: str
    d_name: str
    cube: CubeExpansion | None

    @property
    def error(self) -> Number:
        return self.slope - self.exact

    # The curves, the window and the table are worked out when first read: the power-rule
    # grid makes a PowerWorking for each of 37 exponents at every new point x or step dx,
    # and the page reads the table of one of them only (and the curves of none).
    @cached_property
    def curves(self) -> pd.DataFrame:
        y_limit = min(
            100.0, max(8.0, 1.3 * max(abs(float(v)) for v in (self.y, self.y_next, self.exact)))
        )
        curves = power_curves(self.n, power_plot_range(self.n), y_limit=y_limit)
        curves["series"] = curves["series"].map({self.f_name: "f(x)", self.d_name: "f'(x)"})
        return curves

    @cached_property
    def window(self) -> tuple[float, float]:
        return (
            max(power_plot_range(self.n)[0], float(self.x) - 0.8),
            float(self.x + self.dx) + 0.6,
        )

    @cached_property
    def table(self) -> pd.DataFrame:
        rows = []
        for step in SHRINKING_STEPS:
            _, _, s, e = secant_numbers(self.n, self.x, slider_value(step))
            rows.append({"dx": step, "secant slope": s, "n x^(n-1)": e, "error": s - e})
        return pd.DataFrame(rows)


def secant_numbers(n: Fraction, x: Fraction, dx: Fraction) -> tuple[Number, ...]:
    """(y, y_next, slope, exact) of x^n at x and x + dx, slope = (y_next - y) / dx and
    exact = n x^(n-1): exact rationals for a whole exponent, floats otherwise (no domain
    check: `power_working` makes it)."""
    if n.denominator == 1:
        power = int(n)
        y, y_next = x**power, (x + dx) ** power
        exact = n * x ** (power - 1) if power != 0 else Fraction(0)
        return y, y_next, (y_next - y) / dx, exact
    secant = power_secant(n, float(x), float(dx))
    return secant.y, secant.y_next, secant.slope, secant.exact


def power_working(raw_n: float | Fraction, x: float, dx: float) -> PowerWorking:
    """Everything the power-rule picture shows; raises LearnerError where x^n is undefined."""
    n = as_exponent(raw_n)
    x_q, dx_q = slider_value(x), slider_value(dx)
    power_secant(n, float(x_q), float(dx_q))  # the domain checks, with their messages
    y, y_next, slope, exact = secant_numbers(n, x_q, dx_q)
    f_latex, d_latex = power_rule_latex(n)
    f_name, d_name = power_series_names(n)
    return PowerWorking(
        n,
        x_q,
        dx_q,
        y,
        y_next,
        slope,
        exact,
        f_latex,
        d_latex,
        f_name,
        d_name,
        cube_expansion(x_q, dx_q) if n == 3 else None,
    )
