"""The home page's picture: this loss is smallest where its slope is zero.

A model with one parameter w has the loss L(w) = (w - 3)^2 + 1. Its derivative
L'(w) = 2 (w - 3) is negative left of w = 3, positive right of it, and zero at w = 3,
the best parameter. That zero slope means the minimum here because L is convex (a parabola);
in general a zero slope can also be a maximum or neither, and a minimum can sit at a corner
where there is no slope at all (|w|).
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

BEST_W = 3.0
LOWEST_LOSS = 1.0


def loss(w: float | np.ndarray) -> float | np.ndarray:
    """L(w) = (w - 3)^2 + 1."""
    return (np.asarray(w, dtype=float) - BEST_W) ** 2 + LOWEST_LOSS


def loss_slope(w: float | np.ndarray) -> float | np.ndarray:
    """L'(w) = 2 (w - 3)."""
    return 2.0 * (np.asarray(w, dtype=float) - BEST_W)


@dataclass(frozen=True)
class TangentAt:
    """The tangent of L at w: its point and slope."""

    w: float
    loss: float
    slope: float


def tangent_at(w: float) -> TangentAt:
    """The point (w, L(w)) and the slope L'(w) of the tangent there."""
    return TangentAt(w=float(w), loss=float(loss(w)), slope=float(loss_slope(w)))


def loss_curve(w_min: float = 0.0, w_max: float = 6.0, n: int = 121) -> pd.DataFrame:
    """Samples of L(w) on [w_min, w_max]: columns `w` and `loss`."""
    ws = np.linspace(w_min, w_max, n)
    return pd.DataFrame({"w": ws, "loss": loss(ws)})
