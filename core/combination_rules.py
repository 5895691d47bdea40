"""Scalar multiple and sum rule: (c f)' = c f' and (f1 + f2)' = f1' + f2'.

The notes' cruise: the ship sails at 0.6 nautical miles per hour and a passenger walks forward
on deck at 0.05; relative to the water she moves at 0.6 + 0.05 = 0.65 nautical miles per hour.
Positions add (x_total = x_ship + x_walk), so their rates of change add too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property

import numpy as np
import pandas as pd

from core.errors import LearnerError
from core.exact import slider_value

SHIP_SPEED = 0.6  # nautical miles per hour, the notes' cruise ship
WALK_SPEED = 0.05  # nautical miles per hour, the passenger walking forward on deck
KM_PER_NAUTICAL_MILE = 1.852  # a change of unit is a scalar multiple


@dataclass(frozen=True)
class Cruise:
    """Where the ship and the walker are after `hours`, and how fast each moves."""

    ship_speed: float
    walk_speed: float
    hours: float
    ship_position: float  # nautical miles from the start, relative to the water
    walk_position: float  # nautical miles walked along the deck, relative to the ship
    total_position: float  # nautical miles from the start, relative to the water
    total_speed: float  # measured as a difference quotient of total_position

    @property
    def summed_speed(self) -> float:
        """The sum rule's prediction: ship speed + walking speed."""
        return self.ship_speed + self.walk_speed


def cruise(ship_speed: float, walk_speed: float, hours: float, dt: float = 0.25) -> Cruise:
    """Positions after `hours` and the passenger's speed, measured over [hours, hours + dt].

    x_ship(t) = v_ship t and x_walk(t) = v_walk t, so x_total(t) = x_ship(t) + x_walk(t) and
    (x_total(t + dt) - x_total(t)) / dt = v_ship + v_walk.
    """
    if dt <= 0:
        raise LearnerError("The time step dt must be positive.")
    if hours < 0:
        raise LearnerError("The cruise starts at t = 0 hours; pick a time after that.")

    def total(t: float) -> float:
        return ship_speed * t + walk_speed * t

    speed = (total(hours + dt) - total(hours)) / dt
    return Cruise(
        ship_speed,
        walk_speed,
        hours,
        ship_speed * hours,
        walk_speed * hours,
        total(hours),
        speed,
    )


def cruise_positions(
    ship_speed: float, walk_speed: float, hours: float, scale: float = 1.0, points: int = 41
) -> pd.DataFrame:
    """Distance against time for the ship, the walk on deck and the passenger (long format).

    Every distance is multiplied by `scale` (1.852 turns nautical miles into km): c x(t).
    """
    if hours <= 0:
        raise LearnerError("Show at least a moment of the cruise: hours must be positive.")
    ts = np.linspace(0.0, hours, points)
    lines = {
        "ship": ship_speed * ts,
        "walk on deck": walk_speed * ts,
        "passenger": (ship_speed + walk_speed) * ts,
    }
    return pd.concat(
        [
            pd.DataFrame({"t": ts, "distance": scale * d, "series": name})
            for name, d in lines.items()
        ],
        ignore_index=True,
    )


def scaled_speed(c: float, speed: float) -> float:
    """Scalar multiple rule: if x(t) moves at speed v, then c x(t) moves at c v."""
    return c * speed


def scaled_quotient(
    c: float, ship_speed: float, walk_speed: float, hours: float, dt: float
) -> float:
    """The difference quotient of c * x_total(t), which equals c * (v_ship + v_walk)."""
    if dt <= 0:
        raise LearnerError("The time step dt must be positive.")

    def scaled(t: float) -> float:
        return c * (ship_speed * t + walk_speed * t)

    return (scaled(hours + dt) - scaled(hours)) / dt


@dataclass(frozen=True)
class CruiseWorking:
    """The sum-and-multiple picture: the speeds as the exact decimals set, the passenger's
    speed v_ship + v_walk, the scaled speed c (v_ship + v_walk), and the distance lines over
    the first `hours` of the cruise."""

    ship: Fraction
    walk: Fraction
    c: Fraction
    total: Fraction  # the sum rule: v_ship + v_walk
    measured: Fraction  # (x_total(1 + dt) - x_total(1)) / dt with dt = 1/4 h, exactly
    scaled: Fraction  # the multiple rule: c (v_ship + v_walk)
    hours: Fraction

    def distances(self, t: Fraction) -> dict[str, Fraction]:
        """c x(t) for the ship, the walk on deck and the passenger at time t, exactly:
        c v_ship t, c v_walk t and c (v_ship + v_walk) t."""
        return {
            "ship": self.c * self.ship * t,
            "walk on deck": self.c * self.walk * t,
            "passenger": self.c * self.total * t,
        }

    @cached_property
    def positions(self) -> pd.DataFrame:
        """The three distance lines, sampled (`cruise_positions`), worked out when first read:
        a grid of cruises needs only their ends (`distances`)."""
        return cruise_positions(
            float(self.ship), float(self.walk), hours=float(self.hours), scale=float(self.c)
        )


def cruise_working(ship: float, walk: float, c: float, hours: float = 4.0) -> CruiseWorking:
    """Everything the cruise picture shows, computed exactly on the decimals set."""
    ship_q, walk_q, c_q = slider_value(ship), slider_value(walk), slider_value(c)
    trip = cruise(ship_q, walk_q, hours=Fraction(1), dt=Fraction(1, 4))
    return CruiseWorking(
        ship_q,
        walk_q,
        c_q,
        ship_q + walk_q,
        trip.total_speed,
        c_q * (ship_q + walk_q),
        slider_value(hours),
    )


@dataclass(frozen=True)
class CruiseGrid:
    """The cruise picture at every position of its three controls, as a cross through the
    learner's (ship, walk, c): `by_ship[i]` has ship speed `ships[i]` and the walk and c held,
    `by_walk[j]` walking speed `walks[j]`, `by_c[k]` the multiple `multiples[k]`.

    `unscaled` is the distance window (low, high) at c = 1 that holds every ship, walk and
    passenger line of the lists over the hours shown; `window(c)` is it times c, the window
    of the picture for that c (every line at that c fits it)."""

    ships: tuple[float, ...]
    walks: tuple[float, ...]
    multiples: tuple[float, ...]
    by_ship: tuple[CruiseWorking, ...]
    by_walk: tuple[CruiseWorking, ...]
    by_c: tuple[CruiseWorking, ...]
    unscaled: tuple[Fraction, Fraction]

    def window(self, c: Fraction) -> tuple[Fraction, Fraction]:
        """c x(t) stays in c times the unscaled window (c > 0)."""
        if c <= 0:
            raise LearnerError("The multiple c must be positive.")
        return c * self.unscaled[0], c * self.unscaled[1]


def cruise_window(
    ships: Sequence[float], walks: Sequence[float], hours: float
) -> tuple[Fraction, Fraction]:
    """The smallest distance window, with 0 in it, that holds every line v t for t in
    [0, hours] with v a ship speed, a walking speed or their sum: [hours min(0, v), hours
    max(0, v)] over every v."""
    ship_q, walk_q = [slider_value(v) for v in ships], [slider_value(v) for v in walks]
    speeds = [*ship_q, *walk_q, min(ship_q) + min(walk_q), max(ship_q) + max(walk_q), Fraction(0)]
    t = slider_value(hours)
    return t * min(speeds), t * max(speeds)


def cruise_grid(
    ship: float,
    walk: float,
    c: float,
    *,
    ships: Sequence[float],
    walks: Sequence[float],
    multiples: Sequence[float],
    hours: float = 4.0,
) -> CruiseGrid:
    """`cruise_working` at every ship speed, every walking speed and every multiple of the
    lists with the other two held (a cross through (ship, walk, c)), and their window."""
    ships, walks, multiples = tuple(ships), tuple(walks), tuple(multiples)
    return CruiseGrid(
        ships,
        walks,
        multiples,
        tuple(cruise_working(v, walk, c, hours) for v in ships),
        tuple(cruise_working(ship, v, c, hours) for v in walks),
        tuple(cruise_working(ship, walk, k, hours) for k in multiples),
        cruise_window(ships, walks, hours),
    )
