"""The derivatives the course teaches next: sin, cos, e^x and ln x.

- sin' = cos and cos' = -sin, seen as difference quotients that settle onto the other curve.
- e = lim (1 + 1/n)^n = 2.71828... (interest compounded ever more often); e^x is its own slope.
- ln x is the inverse of e^x, so by the inverse-function rule g'(y) = 1 / f'(x) with y = f(x):
  ln'(y) = 1 / e^x = 1 / y. The same rule on f(x) = x^2 and g(y) = sqrt(y) gives 1 / (2 sqrt y).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.exact import slider_value
from core.limits import MAX_LINE_POINTS
from core.power_rule import Secant

WAVES: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]] = {
    # name: (function, its derivative)
    "sin": (np.sin, np.cos),
    "cos": (np.cos, lambda v: -np.sin(v)),
}
# Names the learner reads in legends: the true minus sign U+2212.
WAVE_DERIVATIVE_NAMES = {"sin": "cos x", "cos": "\u2212sin x"}

# Compounding periods per year for the limit that defines e.
COMPOUNDING_PERIODS: tuple[int, ...] = (1, 2, 4, 12, 52, 365, 8760, 525600, 31536000)


def _wave(
    name: str,
) -> tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]:
    if name not in WAVES:
        raise LearnerError(f"Unknown wave '{name}': choose sin or cos.")
    return WAVES[name]


def wave_quotient(name: str, at: float | np.ndarray, dx: float) -> np.ndarray:
    """(f(x + dx) - f(x)) / dx for f = sin or cos; tends to cos x or -sin x as dx -> 0."""
    if dx == 0:
        raise LearnerError("dx must not be 0: the secant needs two different points.")
    f, _ = _wave(name)
    at = np.asarray(at, dtype=float)
    return (f(at + dx) - f(at)) / dx


def wave_secant(name: str, at: float, dx: float) -> Secant:
    """The secant of sin or cos from x to x + dx, next to the exact slope cos x or -sin x."""
    f, _ = _wave(name)
    quotient = float(wave_quotient(name, at, dx))
    exact = float(wave_derivative(name, at))
    return Secant(at, dx, float(f(at)), float(f(at + dx)), quotient, exact)


def wave_derivative(name: str, at: float | np.ndarray) -> np.ndarray:
    """The exact derivative: sin' = cos, cos' = -sin."""
    _, derivative = _wave(name)
    return derivative(np.asarray(at, dtype=float))


def wave_curves(name: str, dx: float, points: int = MAX_LINE_POINTS // 3) -> pd.DataFrame:
    """f, its difference-quotient curve for this dx, and its exact derivative on [-2 pi, 2 pi]."""
    f, derivative = _wave(name)
    xs = np.linspace(-2 * math.pi, 2 * math.pi, points)
    quotient_name = f"({name}(x + dx) \u2212 {name} x) / dx"
    return pd.concat(
        [
            pd.DataFrame({"x": xs, "y": f(xs), "series": f"{name} x"}),
            pd.DataFrame({"x": xs, "y": derivative(xs), "series": WAVE_DERIVATIVE_NAMES[name]}),
            pd.DataFrame({"x": xs, "y": wave_quotient(name, xs, dx), "series": quotient_name}),
        ],
        ignore_index=True,
    )


def wave_quotient_table(name: str, at: float, steps: tuple[float, ...]) -> pd.DataFrame:
    """Difference quotients of sin or cos at one point for shrinking dx, with the exact slope."""
    exact = float(wave_derivative(name, at))
    rows = [
        {"dx": dx, "difference quotient": float(wave_quotient(name, at, dx)), "exact": exact}
        for dx in steps
    ]
    table = pd.DataFrame(rows)
    table["error"] = table["difference quotient"] - table["exact"]
    return table


def compound_interest(periods: int) -> float:
    """(1 + 1/n)^n: one unit at 100 % a year, compounded n times; tends to e = 2.71828..."""
    if periods < 1:
        raise LearnerError("Compound at least once a year: n must be 1 or more.")
    # log1p keeps 1 + 1/n accurate when n is huge
    return math.exp(periods * math.log1p(1.0 / periods))


def compound_interest_gap(periods: int) -> float:
    """e - (1 + 1/n)^n: how far n compoundings a year fall short of continuous growth."""
    return math.e - compound_interest(periods)


def compound_interest_table(periods: tuple[int, ...] = COMPOUNDING_PERIODS) -> pd.DataFrame:
    """(1 + 1/n)^n for growing n, and its distance from e."""
    values = [compound_interest(n) for n in periods]
    return pd.DataFrame(
        {"n": list(periods), "(1 + 1/n)^n": values, "e - (1 + 1/n)^n": [math.e - v for v in values]}
    )


def exponential_quotient(at: float, dx: float, base: float = math.e) -> float:
    """(a^(x + dx) - a^x) / dx = a^x (a^dx - 1) / dx; for a = e the factor tends to 1."""
    if dx == 0:
        raise LearnerError("dx must not be 0: the secant needs two different points.")
    if base <= 0:
        raise LearnerError("The base of an exponential must be positive.")
    return (base ** (at + dx) - base**at) / dx


def exponential_curve(
    x_range: tuple[float, float] = (-2.5, 2.5), points: int = 160
) -> pd.DataFrame:
    """e^x sampled on x_range (x, y)."""
    xs = np.linspace(x_range[0], x_range[1], points)
    return pd.DataFrame({"x": xs, "y": np.exp(xs)})


def exponential_tangent(at: float, dx: float = 1e-6) -> tuple[float, float]:
    """(e^x, the measured slope (e^(x + dx) - e^x) / dx) at x: the two agree, e^x is its own slope."""
    return math.exp(at), exponential_quotient(at, dx)


def slope_factor(base: float, dx: float) -> float:
    """(a^dx - 1) / dx, the slope of a^x at 0; tends to ln a, which is 1 exactly when a = e."""
    if dx == 0:
        raise LearnerError("dx must not be 0: the secant needs two different points.")
    if base <= 0:
        raise LearnerError("The base of an exponential must be positive.")
    return math.expm1(dx * math.log(base)) / dx


@dataclass(frozen=True)
class InversePair:
    """A function f, its inverse g, and their derivatives (all on x > 0)."""

    name: str
    f_name: str
    g_name: str
    f: Callable[[np.ndarray], np.ndarray]
    g: Callable[[np.ndarray], np.ndarray]
    f_prime: Callable[[np.ndarray], np.ndarray]
    g_prime: Callable[[np.ndarray], np.ndarray]
    domain: str = ""  # where f is invertible, when that is not everywhere: "for x ≥ 0"


INVERSE_PAIRS: dict[str, InversePair] = {
    "square": InversePair(
        "square",
        "x^2",
        "sqrt(y)",
        np.square,
        np.sqrt,
        lambda v: 2.0 * v,
        lambda v: 0.5 / np.sqrt(v),
        domain="for x ≥ 0",
    ),
    "exp": InversePair("exp", "e^x", "ln y", np.exp, np.log, np.exp, lambda v: 1.0 / v),
}


@dataclass(frozen=True)
class InverseSlope:
    """At a height y: x = g(y), the slope f'(x), and the slope of the inverse g'(y) = 1 / f'(x)."""

    pair: str
    y: float
    x: float
    f_slope: float  # f'(x)
    g_slope: float  # g'(y), the exact derivative of the inverse
    g_quotient: float  # (g(y + dy) - g(y - dy)) / (2 dy), measured (central: error ~ dy^2)
    dy: float

    @property
    def reciprocal(self) -> float:
        """1 / f'(x): the inverse-function rule's prediction for g'(y)."""
        return 1.0 / self.f_slope


def inverse_slope(pair_name: str, y: float, dy: float = 1e-4) -> InverseSlope:
    """The inverse-function rule at y: the graph of g is f's graph mirrored in the line y = x,
    so a rise-over-run of f becomes a run-over-rise of g: g'(y) = 1 / f'(x), where y = f(x)
    and f'(x) != 0. g'(y) is also measured by the central quotient (g(y+dy) - g(y-dy)) / 2dy."""
    if pair_name not in INVERSE_PAIRS:
        raise LearnerError(f"Unknown pair '{pair_name}': choose square or exp.")
    if y <= 0:
        raise LearnerError("Pick y > 0: sqrt and ln are drawn for positive y only.")
    if not 0 < dy < y:
        raise LearnerError("The step dy must be positive and smaller than y.")
    pair = INVERSE_PAIRS[pair_name]
    at = float(pair.g(y))
    # Central, not forward: a forward quotient is off by about dy |g''| / 2 (0.3535 beside
    # 1/f'(x) = 0.3536 for sqrt at 2); the central one by about dy^2 |g'''| / 6.
    quotient = float((pair.g(y + dy) - pair.g(y - dy)) / (2 * dy))
    return InverseSlope(
        pair_name, y, at, float(pair.f_prime(at)), float(pair.g_prime(y)), quotient, dy
    )


def inverse_curves(pair_name: str, limit: float = 4.0, points: int = 120) -> pd.DataFrame:
    """f, its inverse g and the mirror line y = x, each drawn where its values stay <= limit."""
    if pair_name not in INVERSE_PAIRS:
        raise LearnerError(f"Unknown pair '{pair_name}': choose square or exp.")
    pair = INVERSE_PAIRS[pair_name]
    low = 0.0 if pair_name == "square" else -3.0
    f_inputs = np.linspace(low, float(pair.g(limit)), points)  # f(x) runs up to f(g(limit)) = limit
    g_inputs = np.linspace(float(pair.f(low)), limit, points)  # g(y) starts at g(f(low)) = low
    return pd.concat(
        [
            pd.DataFrame({"x": f_inputs, "y": pair.f(f_inputs), "series": f"f(x) = {pair.f_name}"}),
            pd.DataFrame({"x": g_inputs, "y": pair.g(g_inputs), "series": f"g(y) = {pair.g_name}"}),
            pd.DataFrame({"x": [low, limit], "y": [low, limit], "series": "mirror y = x"}),
        ],
        ignore_index=True,
    )


def ln_quotient(y: float, dy: float) -> float:
    """(ln(y + dy) - ln y) / dy, which tends to 1 / y."""
    if y <= 0 or y + dy <= 0:
        raise LearnerError("ln is defined for positive numbers only.")
    if dy == 0:
        raise LearnerError("dy must not be 0: the secant needs two different points.")
    return math.log1p(dy / y) / dy


# ---------------------------------------------------------------- what each picture shows

Number = Fraction | float

# (1 + 1/n)^n is computed as an exact Fraction up to this n (its digits grow like n log n).
EXACT_COMPOUNDING_UP_TO = 365


@dataclass(frozen=True)
class WaveWorking:
    """The sin/cos picture: the quotient (f(x + dx) - f(x)) / dx at x beside the exact slope,
    the three curves and the quotients at this x for shrinking dx."""

    name: str
    secant: Secant
    curves: pd.DataFrame
    table: pd.DataFrame


def wave_working(name: str, at: float, dx: float) -> WaveWorking:
    """Everything the sin/cos picture shows (floats: these values do not end, so they are
    printed rounded)."""
    x, step = float(slider_value(at)), float(slider_value(dx))
    return WaveWorking(
        name,
        wave_secant(name, x, step),
        wave_curves(name, step),
        wave_quotient_table(name, x, (1.0, 0.1, 0.01, 0.001, 1e-5)),
    )


@dataclass(frozen=True)
class ExpWorking:
    """The e picture: (1 + 1/n)^n (a Fraction up to n = EXACT_COMPOUNDING_UP_TO), its gap to
    e, the table over n; and e^x at x with its slope measured by a central quotient."""

    periods: int
    value: Number
    gap: float
    table: pd.DataFrame
    x: Fraction
    height: Number  # e^x (exactly 1 at x = 0)
    slope: float  # (e^(x + h) - e^(x - h)) / 2h, h = 1e-5: e^x to about 1e-10 relative
    curve: pd.DataFrame


def exp_working(periods: int, at: float) -> ExpWorking:
    """Everything the e picture shows."""
    n = int(periods)
    value: Number = compound_interest(n)
    if 1 <= n <= EXACT_COMPOUNDING_UP_TO:
        value = Fraction(n + 1, n) ** n
    x = slider_value(at)
    h = 1e-5
    slope = (math.exp(float(x) + h) - math.exp(float(x) - h)) / (2 * h)
    return ExpWorking(
        n,
        value,
        math.e - float(value),
        compound_interest_table(),
        x,
        Fraction(1) if x == 0 else math.exp(float(x)),
        slope,
        exponential_curve(),
    )


def _exact_sqrt(q: Fraction) -> Fraction | None:
    """sqrt(q) when it is rational (both parts perfect squares), else None."""
    top, bottom = math.isqrt(q.numerator), math.isqrt(q.denominator)
    if q >= 0 and top * top == q.numerator and bottom * bottom == q.denominator:
        return Fraction(top, bottom)
    return None


@dataclass(frozen=True)
class InverseWorking:
    """The ln picture at y: x = g(y), f'(x), the rule's 1 / f'(x) (where y = f(x) and
    f'(x) != 0), exact where they are rational (e^x: f'(x) = y; x^2 at a square y), the
    central quotient measuring g'(y), and the curves."""

    pair: InversePair
    y: Fraction
    x: Number
    f_slope: Number
    reciprocal: Number
    measured: InverseSlope
    curves: pd.DataFrame


def inverse_working(pair_name: str, y: float) -> InverseWorking:
    """Everything the ln picture shows."""
    y_q = slider_value(y)
    measured = inverse_slope(pair_name, float(y_q))
    x: Number = measured.x
    f_slope: Number = measured.f_slope
    if pair_name == "exp":
        f_slope = y_q  # f'(x) = e^x = y
    else:
        root = _exact_sqrt(y_q)
        if root is not None:
            x, f_slope = root, 2 * root
    reciprocal: Number = 1 / f_slope
    return InverseWorking(
        INVERSE_PAIRS[pair_name],
        y_q,
        x,
        f_slope,
        reciprocal,
        measured,
        inverse_curves(pair_name),
    )


# ---------------------------------------------------------------- every position of a control

# The quotient curve in a touch unit's rows: every row carries its own, so it is sampled
# more coarsely than the curves drawn once (a chord strays at most 0.2^2 / 8 = 0.005 from a
# crest, under a pixel), at short decimals: x = -6.2, -6, ..., 6.2.
WAVE_QUOTIENT_SAMPLES = np.arange(-31, 32) / 5


@dataclass(frozen=True)
class WaveGrid:
    """The sin/cos picture for a cross of the point x and the step dx: the secant at every x
    with dx held (`by_angle`) and at every dx with x held (`by_step`); the curves f and f'
    (the same for all), and the quotient curve for each dx (`quotients[j]` at `samples`)."""

    name: str
    angles: tuple[Fraction, ...]
    steps: tuple[Fraction, ...]
    by_angle: tuple[Secant, ...]
    by_step: tuple[Secant, ...]
    samples: np.ndarray
    quotients: tuple[np.ndarray, ...]
    curves: pd.DataFrame  # f and f' (wave_curves' first two series)


def wave_grid(
    name: str, angles: tuple[float, ...], steps: tuple[float, ...], at: float, dx: float
) -> WaveGrid:
    """One call for the sin/cos unit: what `wave_working` shows, at every position of each
    control with the other held (x = at while dx moves, dx = dx while x moves)."""
    xs = tuple(slider_value(a) for a in angles)
    hs = tuple(slider_value(h) for h in steps)
    x_held, h_held = float(slider_value(at)), float(slider_value(dx))
    samples = WAVE_QUOTIENT_SAMPLES
    curves = wave_curves(name, h_held)
    derivative_name = WAVE_DERIVATIVE_NAMES[name]
    return WaveGrid(
        name,
        xs,
        hs,
        tuple(wave_secant(name, float(x), h_held) for x in xs),
        tuple(wave_secant(name, x_held, float(h)) for h in hs),
        samples,
        tuple(wave_quotient(name, samples, float(h)) for h in hs),
        curves[curves["series"].isin([f"{name} x", derivative_name])].reset_index(drop=True),
    )


@dataclass(frozen=True)
class ExpSlope:
    """e^x at x (exactly 1 at x = 0) and its slope measured by a central quotient."""

    x: Fraction
    height: Number
    slope: float  # (e^(x + h) - e^(x - h)) / 2h, h = 1e-5


def exp_slopes(positions: tuple[float, ...]) -> tuple[ExpSlope, ...]:
    """The e^x half of `exp_working` at every point x of the unit's control."""
    shown = []
    for at in positions:
        work = exp_working(1, at)
        shown.append(ExpSlope(work.x, work.height, work.slope))
    return tuple(shown)


def inverse_grid(pair_name: str, positions: tuple[float, ...]) -> tuple[InverseWorking, ...]:
    """`inverse_working` at every height y of the unit's control (one call for the unit)."""
    return tuple(inverse_working(pair_name, y) for y in positions)
