"""Product rule, seen on a growing house: (g h)' = g' h + g h'.

A house under construction has length g(t) and width h(t) (metres, t in days). Its floor area
is F(t) = g(t) h(t). In a short time dt the sides grow by dg and dh, and the area grows by
three strips: dg * h (along the width), g * dh (along the length) and the corner dg * dh.
Divided by dt, the first two tend to g' h and g h'; the corner dg dh / dt tends to 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pandas as pd
import sympy

from core.errors import LearnerError
from core.exact import slider_value

x = sympy.Symbol("x", real=True)

Number = Fraction | float

HOUSE_DAYS = (0.0, 6.0)
MAX_HOUSE_STEP = 2.0  # days


def house_length(day: float) -> float:
    """g(t) = 4 + t metres: the house gets 1 m longer each day."""
    return 4 + day


def house_width(day: float) -> float:
    """h(t) = 2 + t^2 / 8 metres: the width grows faster as the walls go up."""
    return 2 + day**2 / 8


def house_length_rate(day: float) -> float:
    """g'(t) = 1 metre per day."""
    return 1


def house_width_rate(day: float) -> float:
    """h'(t) = t / 4 metres per day."""
    return day / 4


@dataclass(frozen=True)
class HouseGrowth:
    """The house at day t and dt later: sides, the three new strips, and rates."""

    t: Number
    dt: Number
    length: Number  # g(t)
    width: Number  # h(t)
    d_length: Number  # dg = g(t + dt) - g(t)
    d_width: Number  # dh = h(t + dt) - h(t)
    length_rate: Number  # g'(t)
    width_rate: Number  # h'(t)

    @property
    def area(self) -> float:
        """F(t) = g(t) h(t)."""
        return self.length * self.width

    @property
    def strip_length(self) -> float:
        """dg * h: the strip added where the house got longer."""
        return self.d_length * self.width

    @property
    def strip_width(self) -> float:
        """g * dh: the strip added where the house got wider."""
        return self.length * self.d_width

    @property
    def strip_corner(self) -> float:
        """dg * dh: the small corner; divided by dt it still shrinks to 0."""
        return self.d_length * self.d_width

    @property
    def corner_quotient(self) -> float:
        """dg * dh / dt, which tends to 0 as dt -> 0 (it is about g' h' dt)."""
        return self.strip_corner / self.dt

    @property
    def area_change(self) -> float:
        """dF = F(t + dt) - F(t) = dg h + g dh + dg dh."""
        return (self.length + self.d_length) * (self.width + self.d_width) - self.area

    @property
    def quotient(self) -> float:
        """dF / dt, the average rate of change of the area over [t, t + dt]."""
        return self.area_change / self.dt

    @property
    def product_rule_rate(self) -> float:
        """F'(t) = g'(t) h(t) + g(t) h'(t), the limit of dF / dt."""
        return self.length_rate * self.width + self.length * self.width_rate


def house_plan_extent() -> tuple[float, float]:
    """The largest floor plan the picture shows, (length, width) at the last day plus the
    largest step: a fixed frame, so that the house is seen to grow."""
    end = HOUSE_DAYS[1] + MAX_HOUSE_STEP
    return house_length(end), house_width(end)


def house_growth(day: float, dt: float) -> HouseGrowth:
    """The growing house at day `day` with time step dt (both in days)."""
    if dt <= 0:
        raise LearnerError("The time step dt must be positive.")
    if not HOUSE_DAYS[0] <= day <= HOUSE_DAYS[1]:
        raise LearnerError(f"Pick a day from {HOUSE_DAYS[0]:g} to {HOUSE_DAYS[1]:g}.")
    g, h = house_length(day), house_width(day)
    return HouseGrowth(
        day,
        dt,
        g,
        h,
        house_length(day + dt) - g,
        house_width(day + dt) - h,
        house_length_rate(day),
        house_width_rate(day),
    )


def house_strips(house: HouseGrowth) -> pd.DataFrame:
    """Rectangles for a floor plan: the house and its three new strips (x, x2, y, y2 in metres)."""
    g, h, dg, dh = house.length, house.width, house.d_length, house.d_width
    return pd.DataFrame(
        [
            {"piece": "house g·h", "x": 0.0, "x2": g, "y": 0.0, "y2": h, "area": house.area},
            {
                "piece": "strip dg·h",
                "x": g,
                "x2": g + dg,
                "y": 0.0,
                "y2": h,
                "area": house.strip_length,
            },
            {
                "piece": "strip g·dh",
                "x": 0.0,
                "x2": g,
                "y": h,
                "y2": h + dh,
                "area": house.strip_width,
            },
            {
                "piece": "corner dg·dh",
                "x": g,
                "x2": g + dg,
                "y": h,
                "y2": h + dh,
                "area": house.strip_corner,
            },
        ]
    )


def strip_table(house: HouseGrowth) -> pd.DataFrame:
    """Each strip's area and its area divided by dt, with what that tends to as dt -> 0."""
    return pd.DataFrame(
        {
            "piece": ["dg·h", "g·dh", "dg·dh", "total dF"],
            "area (m²)": [
                house.strip_length,
                house.strip_width,
                house.strip_corner,
                house.area_change,
            ],
            "area / dt (m²/day)": [
                house.strip_length / house.dt,
                house.strip_width / house.dt,
                house.strip_corner / house.dt,
                house.quotient,
            ],
            "limit as dt → 0": [
                house.length_rate * house.width,
                house.length * house.width_rate,
                0.0,
                house.product_rule_rate,
            ],
        }
    )


def corner_over_dt(day: float, steps: tuple[float, ...]) -> pd.DataFrame:
    """dg dh / dt for shrinking dt: it goes to 0 (roughly in proportion to dt)."""
    rows = []
    for dt in steps:
        house = house_growth(day, dt)
        rows.append({"dt": dt, "dg·dh / dt": house.strip_corner / dt, "dF / dt": house.quotient})
    return pd.DataFrame(rows)


def product_rule(g: sympy.Expr, h: sympy.Expr, variable: sympy.Symbol = x) -> sympy.Expr:
    """(g h)' = g' h + g h', built term by term (not by differentiating the product)."""
    return sympy.diff(g, variable) * h + g * sympy.diff(h, variable)


# The notes' example: (x e^x)' = 1 * e^x + x * e^x = e^x (x + 1).
X_EXP_X = x * sympy.exp(x)
X_EXP_X_DERIVATIVE = sympy.exp(x) * (x + 1)


@dataclass(frozen=True)
class HouseWorking:
    """The product-rule picture at (t, dt): the house with exact sides and strips (t and dt
    as the decimals set), the rectangles to draw, the frame, and the strips in a table."""

    house: HouseGrowth
    strips: pd.DataFrame
    plan: tuple[float, float]
    table: pd.DataFrame


def house_working(day: float, dt: float) -> HouseWorking:
    """Everything the house picture shows; dF/dt, g'h + gh' and dg dh/dt are exact."""
    house = house_growth(slider_value(day), slider_value(dt))
    strips = house_strips(house)
    for column in ("x", "x2", "y", "y2", "area"):
        strips[column] = strips[column].astype(float)
    return HouseWorking(house, strips, house_plan_extent(), strip_table(house))


# The positions of the house's two controls, the old sliders' grids: day t from 0 to 6 in
# half days, and the time step dt from 2 days down to 0.01 (largest first, as the slider went).
HOUSE_DAY_STEPS = tuple(k / 2 for k in range(13))
HOUSE_TIME_STEPS = (MAX_HOUSE_STEP, 1.0, 0.5, 0.2, 0.1, 0.01)


@dataclass(frozen=True)
class HouseGrid:
    """The house at every position of both controls, as a cross through (t, dt): `by_day[i]`
    at day `days[i]` with dt held, `by_step[j]` at step `steps[j]` with t held; each exact (t
    and dt as the decimals set), with its rectangles (`house_strips`)."""

    days: tuple[float, ...]
    steps: tuple[float, ...]
    by_day: tuple[HouseGrowth, ...]
    by_step: tuple[HouseGrowth, ...]
    plan: tuple[float, float]


def house_grid(day: float, dt: float) -> HouseGrid:
    """One call for the touch unit: the house at every day with `dt` held and at every step
    with `day` held (the two must be positions of the grid)."""
    if not any(slider_value(day) == slider_value(d) for d in HOUSE_DAY_STEPS):
        raise LearnerError(f"Pick a day from {HOUSE_DAYS[0]:g} to {HOUSE_DAYS[1]:g}.")
    if not any(slider_value(dt) == slider_value(s) for s in HOUSE_TIME_STEPS):
        raise LearnerError("Pick one of the time steps dt.")
    held_day, held_step = slider_value(day), slider_value(dt)
    return HouseGrid(
        HOUSE_DAY_STEPS,
        HOUSE_TIME_STEPS,
        tuple(house_growth(slider_value(d), held_step) for d in HOUSE_DAY_STEPS),
        tuple(house_growth(held_day, slider_value(s)) for s in HOUSE_TIME_STEPS),
        house_plan_extent(),
    )
