"""The sauna's temperature curve: stationary points against SymPy and a dense grid."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from core.sauna import (
    _SLOPE,
    _TEMPERATURE,
    ROOM,
    exact_temperature,
    exact_temperature_slope,
    landing_point,
    sauna_descent,
    sauna_grid,
    sauna_spot,
    sauna_stationary_points,
    sauna_walk,
    temperature,
    temperature_slope,
    traps_below_shelf,
)

X = sp.symbols("x")
EXACT_T = (
    95 + sp.integrate((X - sp.Rational(3, 2)) ** 2 * (X - 4) * (X - 6) * (X - 8), (X, 0, X)) / 10
)
GRID = np.linspace(*ROOM, 90_001)


def test_temperature_matches_the_exact_polynomial_at_several_places():
    for x in [0, 1.5, 2.25, 4, 6, 8, 9]:
        assert temperature(float(x)) == pytest.approx(float(EXACT_T.subs(X, x)), rel=1e-12)


def test_slope_matches_sympy_derivative():
    exact = sp.lambdify(X, sp.diff(EXACT_T, X))
    xs = np.linspace(0, 9, 37)
    np.testing.assert_allclose(temperature_slope(xs), exact(xs), rtol=1e-9, atol=1e-9)


def test_room_has_four_stationary_points_at_1_5_4_6_8():
    points = sauna_stationary_points()
    exact = sorted(float(r) for r in sp.solve(sp.diff(EXACT_T, X), X))
    assert exact == [1.5, 4.0, 6.0, 8.0]
    np.testing.assert_allclose([p.x for p in points], exact, atol=1e-6)


def test_stationary_points_are_classified_by_the_sign_test():
    kinds = {round(p.x, 3): p.kind for p in sauna_stationary_points()}
    assert kinds == {
        1.5: "no extremum",
        4.0: "local minimum",
        6.0: "local maximum",
        8.0: "global minimum",
    }


def test_the_flat_point_has_zero_second_derivative_and_falls_on_both_sides():
    flat = next(p for p in sauna_stationary_points() if p.kind == "no extremum")
    assert (flat.sign_left, flat.sign_right) == (-1, -1)
    assert float(sp.diff(EXACT_T, X, 2).subs(X, sp.Rational(3, 2))) == 0.0
    assert temperature(flat.x - 0.1) > flat.value > temperature(flat.x + 0.1)


def test_global_minimum_is_the_coldest_place_on_a_dense_grid():
    coldest = next(p for p in sauna_stationary_points() if p.kind == "global minimum")
    temps = temperature(GRID)
    assert GRID[np.argmin(temps)] == pytest.approx(coldest.x, abs=1e-4)
    assert temps.min() == pytest.approx(coldest.value, abs=1e-6)


def test_local_minimum_is_the_coldest_place_between_the_shelf_and_the_bench():
    local = next(p for p in sauna_stationary_points() if p.kind == "local minimum")
    valley = GRID[(GRID > 1.5) & (GRID < 6)]
    assert valley[np.argmin(temperature(valley))] == pytest.approx(local.x, abs=1e-4)
    coldest = min(p.value for p in sauna_stationary_points())
    assert local.value > coldest


def test_the_two_cold_spots_have_different_depths():
    cold = sorted(p.value for p in sauna_stationary_points() if "minimum" in p.kind)
    assert cold[1] - cold[0] > 5


@pytest.mark.parametrize(
    ("x", "way"), [(0.5, "right"), (3.0, "right"), (5.0, "left"), (7.0, "right"), (8.5, "left")]
)
def test_colder_direction_is_against_the_slope(x, way):
    assert sauna_spot(x).colder == way
    step = 0.01 if way == "right" else -0.01
    assert temperature(x + step) < temperature(x)


def test_colder_direction_at_a_stationary_point_is_neither():
    spot = sauna_spot(4.0)
    assert spot.colder == "neither"
    assert spot.point is not None and spot.point.kind == "local minimum"


def test_close_to_the_shelf_the_slope_is_small_but_not_zero_so_colder_is_to_the_right():
    spot = sauna_spot(1.45)  # T' = (-0.05)^2 (-2.55)(-4.55)(-6.55)/10, tiny and negative
    assert spot.slope == sp.Rational(-607971, 32000000)
    assert spot.colder == "right" and spot.point is None


@pytest.mark.parametrize("x", ["0", "1.5", "2.5", "4", "6.05", "8", "9"])
def test_exact_temperature_and_slope_match_sympy(x):
    q = Fraction(x)
    assert exact_temperature(q) == Fraction(str(EXACT_T.subs(X, sp.Rational(x))))
    assert exact_temperature_slope(q) == Fraction(str(sp.diff(EXACT_T, X).subs(X, sp.Rational(x))))


def test_the_page_reads_the_exact_slope_at_2_5_not_float_residue():
    spot = sauna_spot(2.5)
    assert spot.slope == Fraction(-28875, 10000)  # the float polynomial gives -2.887500000000003
    assert spot.temperature == Fraction(str(EXACT_T.subs(X, sp.Rational(5, 2))))


def test_stationary_points_are_the_exact_roots():
    assert [p.x for p in sauna_stationary_points()] == [1.5, 4.0, 6.0, 8.0]


def test_sauna_grid_spans_the_room():
    grid = sauna_grid(301)
    assert (grid[0], grid[-1], len(grid)) == (0.0, 9.0, 301)


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        (3.0, "local minimum"),
        (5.5, "local minimum"),
        (6.5, "global minimum"),
        (1.5, "no extremum"),
    ],
)
def test_walks_from_different_starts_land_on_different_stationary_points(start, kind):
    landed = landing_point(sauna_descent(start, 0.01, 1000))
    assert landed is not None and landed.kind == kind


def test_a_walk_that_has_not_settled_lands_nowhere():
    assert landing_point(sauna_descent(3.0, 0.001, 5)) is None


@pytest.mark.parametrize("start", [6.5, 7.0])
def test_a_rate_too_large_for_the_coldest_spot_can_never_settle_there(start):
    # Review C8. Oracle: sympy's T''(8) and the step factor 1 - lr T''(8) = 1 - 0.1 * 33.8.
    x = sp.symbols("x")
    t2 = sp.diff((x - sp.Rational(3, 2)) ** 2 * (x - 4) * (x - 6) * (x - 8) / 10, x)
    curvature = Fraction(str(t2.subs(x, 8)))
    walk = sauna_walk(start, 0.1)
    assert curvature == Fraction(169, 5)
    assert walk.unstable is not None and walk.unstable.x == 8.0
    assert walk.curvature == curvature
    assert walk.factor == 1 - Fraction(1, 10) * curvature == Fraction(-238, 100)
    assert walk.path.outcome == "oscillating" and walk.landed is None


def test_a_stable_rate_reports_no_unstable_minimum():
    walk = sauna_walk(7.0, 0.05)  # 1 - 0.05 * 33.8 = -0.69: settles at 8
    assert walk.unstable is None and walk.landed is not None and walk.landed.x == 8.0


@pytest.mark.parametrize(("start", "lr"), [(0.5, 0.001), (0.5, 0.01), (0.0, 0.02), (1.4, 0.05)])
def test_a_walk_left_of_the_shelf_at_a_small_rate_creeps_towards_it_and_never_passes(start, lr):
    # The page said "more steps or a larger learning rate would get it there" (to the bottom).
    # Oracle: the notes' slope written out (not core's coefficients), 2000 steps in floats.
    walk = sauna_walk(start, lr)
    assert walk.shelf_trap and traps_below_shelf(start, lr)
    here = start
    for _ in range(2000):
        after = here - lr * (here - 1.5) ** 2 * (here - 4) * (here - 6) * (here - 8) / 10
        assert here < after < 1.5
        here = after


def test_a_larger_rate_is_not_claimed_to_be_trapped_by_the_shelf():
    # lr (3/2 − x0)(4 − x0)(6 − x0)(8 − x0)/10 = 0.1 · 1 · 3.5 · 5.5 · 7.5 / 10 > 1: no claim.
    assert not traps_below_shelf(0.5, 0.1)
    assert not traps_below_shelf(3.0, 0.001)  # right of the shelf


def test_one_x_at_a_time_gives_the_same_double_as_numpys_polynomial():
    # The walks evaluate T and T' one x at a time by Horner on Python floats (fast); every
    # value must be the very double numpy's Polynomial gives, so the walks do not change.
    xs = np.concatenate(
        [np.linspace(-1.0, 10.0, 20_001), np.random.default_rng(7).uniform(0.0, 9.0, 20_000)]
    )
    assert [temperature(float(x)) for x in xs] == _TEMPERATURE(xs).tolist()
    assert [temperature_slope(float(x)) for x in xs] == _SLOPE(xs).tolist()
    assert temperature(np.float64(2.5)) == temperature(2.5) == float(_TEMPERATURE(2.5))
    assert np.array_equal(temperature(xs[:5]), _TEMPERATURE(xs[:5]))
