"""The notes' gallery of points where a derivative fails, ReLU, and the quiz's picture.

Corner |x| at 0, cusp x^(2/3) at 0, jump (a step) at 0, vertical tangent x^(1/3) at 0, 1/x not
defined at 0, and x^2 at 1 for contrast; ReLU(x) = max(0, x) with its corner at 0 (left slope
0, right slope 1 for every dx).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.differentiability import RealFunction, one_sided_slopes
from core.zoom import curve_sides


def _absolute(x: np.ndarray) -> np.ndarray:
    """|x|: a corner at 0."""
    return np.abs(x)


def _two_thirds_power(x: np.ndarray) -> np.ndarray:
    """x^(2/3) = (real cube root of x)^2, defined for negative x too: a cusp at 0."""
    return np.cbrt(x) ** 2


def _step(x: np.ndarray) -> np.ndarray:
    """The step: 0 for x < 0 and 1 for x >= 0; a jump at 0."""
    return np.where(np.asarray(x) >= 0, 1.0, 0.0)


def _cube_root(x: np.ndarray) -> np.ndarray:
    """The real cube root x^(1/3) (numpy's x ** (1/3) would be nan for x < 0)."""
    return np.cbrt(x)


def _reciprocal(x: np.ndarray) -> np.ndarray:
    """1/x, undefined (nan) at 0."""
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x == 0, np.nan, 1.0 / np.where(x == 0, 1.0, x))


def _square(x: np.ndarray) -> np.ndarray:
    """x^2: smooth everywhere."""
    return np.asarray(x, dtype=float) ** 2


def relu(x: np.ndarray) -> np.ndarray:
    """ReLU(x) = max(0, x): a corner at 0 with slopes 0 (left) and 1 (right)."""
    return np.maximum(0.0, np.asarray(x, dtype=float))


# The value deep-learning libraries use for ReLU's derivative at 0: one subgradient,
# any number between the left slope 0 and the right slope 1 would do.
RELU_SUBGRADIENT_AT_0 = 0.0


@dataclass(frozen=True)
class GalleryCase:
    """One of the notes' examples: a function, the point to zoom into, and its formula."""

    key: str
    title: str
    latex: str
    text: str  # the formula in plain text, for captions and chart descriptions
    function: RealFunction
    x0: float
    half_width: float = 2.0


GALLERY: dict[str, GalleryCase] = {
    case.key: case
    for case in (
        GalleryCase("corner", "Corner", r"f(x) = |x|", "f(x) = |x|", _absolute, 0.0),
        GalleryCase("cusp", "Cusp", r"f(x) = x^{2/3}", "f(x) = x^(2/3)", _two_thirds_power, 0.0),
        GalleryCase(
            "jump",
            "Jump",
            r"f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \ge 0 \end{cases}",
            "The step f(x) = 0 for x < 0, f(x) = 1 for x ≥ 0",
            _step,
            0.0,
        ),
        GalleryCase(
            "vertical", "Vertical tangent", r"f(x) = x^{1/3}", "f(x) = x^(1/3)", _cube_root, 0.0
        ),
        GalleryCase(
            "undefined", "Not defined", r"f(x) = \frac{1}{x}", "f(x) = 1/x", _reciprocal, 0.0
        ),
        GalleryCase("smooth", "Smooth (for contrast)", r"f(x) = x^2", "f(x) = x²", _square, 1.0),
    )
}


def _shifted_two_thirds_power(x: np.ndarray) -> np.ndarray:
    """(x + 1)^(2/3) with the real cube root: a cusp at -1."""
    return np.cbrt(np.asarray(x, dtype=float) + 1) ** 2


# The point pictured in the "check yourself" question (a cusp, away from the gallery's 0).
QUIZ_PICTURE = GalleryCase(
    "quiz",
    "Which kind of point?",
    r"g(x) = (x + 1)^{2/3}",
    "g(x) = (x + 1)^(2/3)",
    _shifted_two_thirds_power,
    -1.0,
)


def relu_slopes(dxs: Sequence[float] | np.ndarray) -> pd.DataFrame:
    """ReLU's one-sided quotients at 0: left 0 and right 1 for every dx (a corner)."""
    return one_sided_slopes(relu, 0.0, dxs)


@dataclass(frozen=True)
class ReluCorner:
    """ReLU at 0: its one-sided slopes for a few dx (a table) and its graph on [-2, 2]."""

    table: pd.DataFrame  # dx, left_slope, right_slope
    curve: pd.DataFrame  # x, y, side ("left of x0", "right of x0")
    subgradient: float  # the value training code uses at 0


def relu_corner(dxs: Sequence[float] = (0.1, 0.001, 1e-6)) -> ReluCorner:
    """ReLU's corner at 0, for the ReLU section."""
    table = relu_slopes(dxs)[["dx", "left_slope", "right_slope"]]
    curve = curve_sides(relu, 0.0, 2.0, points=20)[["x", "y", "side"]]
    return ReluCorner(table=table, curve=curve, subgradient=RELU_SUBGRADIENT_AT_0)
