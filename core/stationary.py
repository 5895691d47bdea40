"""Stationary points: where f'(x) = 0, and what they are.

The first-derivative test names a stationary point from the sign of f' just left and just
right of it: - then + is a minimum, + then - a maximum, the same sign on both sides no extremum
at all (a flat inflection or a shelf, like x^3 at 0). That test is local: it speaks of small
steps. A minimum is *global* on a window only if no value on the whole window is lower (and a
maximum only if none is higher), which is a separate comparison with every other candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["global minimum", "local minimum", "global maximum", "local maximum", "no extremum"]


@dataclass(frozen=True)
class StationaryPoint:
    """A point x where f'(x) = 0, with f(x), the signs of f' either side, and its kind."""

    x: float
    value: float
    kind: Kind
    sign_left: int
    sign_right: int

    @property
    def is_minimum(self) -> bool:
        return self.kind in ("global minimum", "local minimum")

    @property
    def is_maximum(self) -> bool:
        return self.kind in ("global maximum", "local maximum")


def point_kind(sign_left: int, sign_right: int, *, lowest: bool, highest: bool) -> Kind:
    """The kind of a stationary point from the signs of f' either side (first-derivative test)
    and whether its value is the lowest / highest on the window (decided by the caller)."""
    if sign_left < 0 < sign_right:
        return "global minimum" if lowest else "local minimum"
    if sign_left > 0 > sign_right:
        return "global maximum" if highest else "local maximum"
    return "no extremum"
