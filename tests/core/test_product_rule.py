"""The growing house: the three strips, the vanishing corner, and (x e^x)' = e^x (x + 1)."""

import pytest
import sympy

from core.errors import LearnerError
from core.product_rule import (
    X_EXP_X,
    X_EXP_X_DERIVATIVE,
    corner_over_dt,
    house_growth,
    house_length,
    house_length_rate,
    house_plan_extent,
    house_strips,
    house_width,
    house_width_rate,
    product_rule,
    strip_table,
    x,
)

T = sympy.Symbol("t")
G = 4 + T
H = 2 + T**2 / 8


@pytest.mark.parametrize("day", [0.0, 1.5, 4.0, 6.0])
def test_house_sides_and_rates_match_sympy(day: float) -> None:
    assert house_length(day) == pytest.approx(float(G.subs(T, day)))
    assert house_width(day) == pytest.approx(float(H.subs(T, day)))
    assert house_length_rate(day) == pytest.approx(float(sympy.diff(G, T).subs(T, day)))
    assert house_width_rate(day) == pytest.approx(float(sympy.diff(H, T).subs(T, day)))


@pytest.mark.parametrize("day", [0.0, 2.0, 5.0])
def test_product_rule_rate_equals_sympy_diff_of_the_area(day: float) -> None:
    house = house_growth(day, 0.5)
    assert house.product_rule_rate == pytest.approx(float(sympy.diff(G * H, T).subs(T, day)))


@pytest.mark.parametrize(("day", "dt"), [(2.0, 1.0), (2.0, 0.01), (5.5, 0.5)])
def test_three_strips_add_up_to_the_change_in_area(day: float, dt: float) -> None:
    house = house_growth(day, dt)
    exact_change = float((G * H).subs(T, day + dt) - (G * H).subs(T, day))
    assert house.area_change == pytest.approx(exact_change, rel=1e-12)
    pieces = house.strip_length + house.strip_width + house.strip_corner
    assert pieces == pytest.approx(exact_change, rel=1e-12)


def test_house_at_day_2_with_dt_1_has_these_strips() -> None:
    # g(2) = 6, h(2) = 2.5; g(3) = 7, h(3) = 3.125: dg = 1, dh = 0.625
    house = house_growth(2.0, 1.0)
    assert (house.length, house.width) == (6.0, 2.5)
    assert (house.d_length, house.d_width) == (1.0, 0.625)
    assert house.strip_length == 2.5
    assert house.strip_width == 3.75
    assert house.strip_corner == 0.625
    assert house.product_rule_rate == 2.5 + 6 * 0.5  # g'h + gh' = 1 * 2.5 + 6 * 0.5 = 5.5


def test_corner_strip_over_dt_vanishes_as_dt_shrinks() -> None:
    table = corner_over_dt(2.0, (1.0, 0.1, 0.01, 0.001))
    corner = table["dg·dh / dt"].tolist()
    assert corner == sorted(corner, reverse=True)
    assert corner[-1] < 1e-3
    # dF/dt settles on g'h + gh' = 5.5
    assert table["dF / dt"].iloc[-1] == pytest.approx(5.5, abs=2e-3)


def test_strip_table_limits_are_g_prime_h_g_h_prime_zero_and_their_sum() -> None:
    table = strip_table(house_growth(2.0, 0.1)).set_index("piece")
    assert table.loc["dg·h", "limit as dt → 0"] == pytest.approx(2.5)
    assert table.loc["g·dh", "limit as dt → 0"] == pytest.approx(3.0)
    assert table.loc["dg·dh", "limit as dt → 0"] == 0.0
    assert table.loc["total dF", "limit as dt → 0"] == pytest.approx(5.5)


def test_house_strips_are_rectangles_that_tile_the_bigger_house() -> None:
    house = house_growth(3.0, 0.5)
    strips = house_strips(house)
    widths = strips["x2"] - strips["x"]
    heights = strips["y2"] - strips["y"]
    assert (widths * heights).tolist() == pytest.approx(strips["area"].tolist())
    new_area = house_length(3.5) * house_width(3.5)
    assert strips["area"].sum() == pytest.approx(new_area)


def test_x_exp_x_derivative_is_exp_x_times_x_plus_1() -> None:
    assert sympy.simplify(sympy.diff(X_EXP_X, x) - X_EXP_X_DERIVATIVE) == 0
    assert sympy.simplify(product_rule(x, sympy.exp(x)) - X_EXP_X_DERIVATIVE) == 0
    assert float(X_EXP_X_DERIVATIVE.subs(x, 1)) == pytest.approx(2 * float(sympy.E))


@pytest.mark.parametrize(
    ("g", "h"),
    [(x**2, sympy.sin(x)), (sympy.exp(x), sympy.log(x)), (x + 1, x - 1), (sympy.cos(x), x**3)],
)
def test_product_rule_matches_sympy_diff_of_the_product(g: sympy.Expr, h: sympy.Expr) -> None:
    assert sympy.simplify(product_rule(g, h) - sympy.diff(g * h, x)) == 0


def test_house_refuses_days_outside_the_build_and_nonpositive_dt() -> None:
    with pytest.raises(LearnerError):
        house_growth(7.0, 0.5)
    with pytest.raises(LearnerError):
        house_growth(1.0, 0.0)


def test_corner_quotient_is_dg_dh_over_dt() -> None:
    house = house_growth(2.0, 0.01)
    # dg = 0.01, dh = (2.01^2 - 4) / 8 = 0.0050125: dg dh / dt = 0.0050125
    assert house.corner_quotient == pytest.approx(0.0050125)


def test_house_plan_frame_holds_the_biggest_house() -> None:
    assert house_plan_extent() == (12.0, 10.0)  # day 6 plus a 2-day step: g(8), h(8)
    biggest = house_strips(house_growth(6.0, 2.0))
    assert biggest["x2"].max() == pytest.approx(12.0)
    assert biggest["y2"].max() == pytest.approx(10.0)
