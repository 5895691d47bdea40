"""Power rule, constant, line and the notes' cube, checked against SymPy and closed forms."""

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
import sympy

from core.errors import LearnerError
from core.line_rule import line_curves, line_rise_run, line_secant_slope, line_window
from core.power_rule import (
    CUBE_COEFFICIENTS,
    NOTES_SLIP_CUBE_COEFFICIENT,
    POWER_EXPONENTS,
    as_exponent,
    cube_expansion,
    exponent_latex,
    power_curves,
    power_derivative,
    power_plot_range,
    power_rule_latex,
    power_secant,
    power_secant_table,
    power_series_names,
    power_working,
    real_power,
)

X = sympy.Symbol("x", positive=True)
NOTES_EXPONENTS = [Fraction(-1), Fraction(1, 2), Fraction(1, 3), Fraction(2), Fraction(3)]


@pytest.mark.parametrize("n", NOTES_EXPONENTS + [Fraction(-2), Fraction(4)], ids=str)
@pytest.mark.parametrize("at", [0.3, 1.0, 2.5])
def test_power_derivative_equals_sympy_diff(n: Fraction, at: float) -> None:
    exact = float(sympy.diff(X ** sympy.Rational(n.numerator, n.denominator), X).subs(X, at))
    assert float(power_derivative(at, n)) == pytest.approx(exact, rel=1e-12)


@pytest.mark.parametrize("n", NOTES_EXPONENTS, ids=str)
def test_difference_quotient_of_x_to_the_n_converges_to_n_x_to_the_n_minus_1(n: Fraction) -> None:
    at = 1.7
    errors = [abs(power_secant(n, at, dx).error) for dx in (0.1, 0.01, 0.001)]
    # forward differences: the error shrinks roughly in proportion to dx
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 0.01
    assert power_secant(n, at, 1e-6).slope == pytest.approx(float(n) * at ** float(n - 1), rel=1e-5)


def test_the_gallery_offers_the_notes_exponents() -> None:
    assert set(NOTES_EXPONENTS) <= set(POWER_EXPONENTS)


def test_x_cubed_at_half_with_dx_1_has_secant_slope_3_25() -> None:
    secant = power_secant(Fraction(3), 0.5, 1.0)
    assert secant.slope == pytest.approx(3.25)
    assert secant.exact == pytest.approx(0.75)


def test_x_cubed_at_half_secant_table_tends_to_0_75() -> None:
    table = power_secant_table(Fraction(3), 0.5)
    # 3x^2 + 3x dx + dx^2 at x = 0.5: 3.25, 1.75, 0.91, 0.7651, 0.751501, ...
    expected = [0.75 + 1.5 * dx + dx**2 for dx in table["dx"]]
    assert table["secant slope"].tolist() == pytest.approx(expected, rel=1e-9)
    assert table["secant slope"].iloc[:4].tolist() == pytest.approx([3.25, 1.75, 0.91, 0.7651])
    assert abs(table["error"].iloc[-1]) < 2e-4


def test_x_squared_at_1_secants_from_the_notes() -> None:
    assert power_secant(Fraction(2), 1.0, 1.0).slope == pytest.approx(3.0)
    assert power_secant(Fraction(2), 1.0, 0.5).slope == pytest.approx(2.5)
    assert power_secant(Fraction(2), 1.0, 0.001).slope == pytest.approx(2.001)


def test_cube_expansion_coefficients_match_sympy_expand() -> None:
    x, dx = sympy.symbols("x dx")
    poly = sympy.Poly(sympy.expand((x + dx) ** 3), dx)
    coefficients = [poly.coeff_monomial(dx**k).as_coeff_Mul()[0] for k in range(4)]
    assert tuple(int(c) for c in coefficients) == CUBE_COEFFICIENTS == (1, 3, 3, 1)


def test_the_notes_slip_2x2dx_is_not_the_expansion() -> None:
    assert NOTES_SLIP_CUBE_COEFFICIENT == 2
    assert CUBE_COEFFICIENTS[1] != NOTES_SLIP_CUBE_COEFFICIENT
    # with 2x^2 dx the limit would be 2x^2, not 3x^2: at x = 0.5 that is 0.5, not 0.75
    assert cube_expansion(0.5, 1e-9).slope == pytest.approx(0.75, rel=1e-6)


@pytest.mark.parametrize(("at", "dx"), [(0.5, 1.0), (2.0, 0.1), (-1.5, 0.3)])
def test_cube_expansion_pieces_add_up_to_the_change(at: float, dx: float) -> None:
    pieces = cube_expansion(at, dx)
    assert pieces.change == pytest.approx((at + dx) ** 3 - at**3, rel=1e-12)
    assert pieces.linear == pytest.approx(3 * at**2 * dx)
    assert pieces.square == pytest.approx(3 * at * dx**2)
    assert pieces.cube == pytest.approx(dx**3)


def test_cube_expansion_at_half_with_dx_1_gives_3_25() -> None:
    pieces = cube_expansion(0.5, 1.0)
    assert (pieces.linear, pieces.square, pieces.cube) == (0.75, 1.5, 1.0)
    assert pieces.slope == 3.25


@pytest.mark.parametrize("b", [-5.0, 0.0, 3.0, 100.0])
def test_line_slope_is_a_whatever_b(b: float) -> None:
    for at in (-2.0, 0.0, 1.5):
        for dx in (1.0, 0.25):
            assert line_secant_slope(2.5, b, at, dx) == pytest.approx(2.5)


def test_constant_has_slope_zero_everywhere() -> None:
    assert line_secant_slope(0.0, 7.0, -3.0, 0.5) == 0.0
    assert line_secant_slope(0.0, 7.0, 4.0, 2.0) == 0.0


def test_line_rise_over_run_from_the_notes_form() -> None:
    rise, run, slope = line_rise_run(-1.5, 2.0, 1.0, 2.0)
    assert (rise, run, slope) == (-3.0, 2.0, -1.5)


def test_real_power_takes_odd_roots_of_negatives_and_refuses_even_ones() -> None:
    assert float(real_power(-8.0, Fraction(1, 3))) == pytest.approx(-2.0)
    assert np.isnan(real_power(-4.0, Fraction(1, 2)))
    assert np.isnan(real_power(0.0, Fraction(-1)))
    assert float(real_power(-2.0, Fraction(2, 3))) == pytest.approx(2 ** (2 / 3))


def test_as_exponent_recovers_fractions_from_slider_text() -> None:
    assert as_exponent(0.333333) == Fraction(1, 3)
    assert as_exponent("1/2") == Fraction(1, 2)
    assert as_exponent(-1.0) == Fraction(-1)
    with pytest.raises(LearnerError):
        as_exponent("two")
    with pytest.raises(LearnerError):
        as_exponent(1e9)


def test_secant_refuses_dx_zero_and_points_outside_the_domain() -> None:
    with pytest.raises(LearnerError, match="dx must not be 0"):
        power_secant(Fraction(2), 1.0, 0.0)
    with pytest.raises(LearnerError, match="no value at 0"):
        power_secant(Fraction(-1), -0.5, 1.0)  # jumps over the pole at 0
    with pytest.raises(LearnerError):
        line_secant_slope(1.0, 2.0, 0.0, 0.0)


def test_power_curves_break_one_over_x_into_two_branches() -> None:
    data = power_curves(Fraction(-1), (-3.0, 3.0))
    function = data[(data["series"] == "f(x) = x^(−1)") & data["y"].notna()]
    assert set(function["piece"]) == {1, 2}
    assert (function[function["piece"] == 1]["x"] < 0).all()
    assert (function[function["piece"] == 2]["x"] > 0).all()
    assert data["y"].abs().max() <= 10.0
    near_zero = function["x"].abs().min()
    assert near_zero > 0.09  # |1/x| <= 10 needs |x| >= 0.1: the pole is a gap, not a line


def test_power_curves_carry_the_function_and_its_power_rule_derivative() -> None:
    data = power_curves(Fraction(3), power_plot_range(Fraction(3)))
    derivative = data[(data["series"] == "f'(x) = 3x^2") & data["y"].notna()]
    assert np.allclose(derivative["y"], 3 * derivative["x"] ** 2)
    assert len(data) <= 400


def test_square_root_is_plotted_for_nonnegative_x_only() -> None:
    assert power_plot_range(Fraction(1, 2))[0] == 0.0
    assert power_plot_range(Fraction(1, 3))[0] < 0.0


@pytest.mark.parametrize(
    ("n", "function", "derivative"),
    [
        (Fraction(3), "x^{3}", "3\\,x^{2}"),
        (Fraction(-1), "x^{-1}", "-x^{-2}"),
        (Fraction(1, 2), "x^{\\tfrac{1}{2}}", "\\tfrac{1}{2}\\,x^{-\\tfrac{1}{2}}"),
        (Fraction(1), "x", "1"),
        (Fraction(2), "x^{2}", "2\\,x"),
    ],
)
def test_power_rule_latex_writes_n_x_to_the_n_minus_1(
    n: Fraction, function: str, derivative: str
) -> None:
    assert power_rule_latex(n) == (function, derivative)


def test_series_names_read_like_the_formulas() -> None:
    assert power_series_names(Fraction(1, 3)) == ("f(x) = x^(1/3)", "f'(x) = (1/3)x^(−2/3)")
    assert power_series_names(Fraction(-1)) == ("f(x) = x^(−1)", "f'(x) = −x^(−2)")


def test_line_curves_draw_the_line_and_its_parallel_through_the_origin() -> None:
    data = line_curves(2.0, 1.0, (-3.0, 3.0))
    line = data[data["series"] == "f(x) = a x + b"]["y"].tolist()
    parallel = data[data["series"] == "a x (b = 0)"]["y"].tolist()
    assert line == [-5.0, 7.0]
    assert parallel == [-6.0, 6.0]


def test_line_window_holds_every_line_of_the_sliders_and_no_more() -> None:
    low, high = line_window((-3.0, 3.0), (-4.0, 4.0), (-3.0, 3.0))
    assert (low, high) == (-13.0, 13.0)
    # brute force over a grid of slopes, intercepts and x: every value inside, and the
    # extremes (a = ±3, b = ±4, x = ±3) on the border
    a, b, x = np.meshgrid(
        np.linspace(-3, 3, 13), np.linspace(-4, 4, 9), np.linspace(-3, 3, 7), indexing="ij"
    )
    ys = a * x + b
    assert ys.min() == low and ys.max() == high
    # lopsided ranges: the largest |a|, |b| and |x| decide
    assert line_window((-0.5, 2.0), (0.0, 1.0), (-4.0, 1.0)) == (-9.0, 9.0)


def test_cube_expansion_limit_is_3x_squared() -> None:
    assert cube_expansion(0.5, 1.0).limit == 0.75
    assert cube_expansion(-2.0, 0.1).limit == pytest.approx(12.0)


@pytest.mark.parametrize(
    ("q", "tex"), [(Fraction(3), "3"), (Fraction(-1), "-1"), (Fraction(-2, 3), "-\\tfrac{2}{3}")]
)
def test_exponent_latex_writes_fractions(q: Fraction, tex: str) -> None:
    assert exponent_latex(q) == tex


@pytest.mark.parametrize(
    "n", [Fraction(-2), Fraction(-1), Fraction(1, 3), Fraction(1, 2), Fraction(3)]
)
@pytest.mark.parametrize(("x", "dx"), [(0.5, 1.0), (1.3, 0.01)])
def test_the_workings_curves_window_and_table_read_late_are_those_worked_out_at_once(
    n: Fraction, x: float, dx: float
) -> None:
    """PowerWorking works out its curves, window and table when first read (the grid makes 37
    workings at every new point and reads one table): the same frames as computed directly,
    and the table's slopes those of power_secant_table."""
    working = power_working(n, x, dx)
    y_limit = min(
        100.0,
        max(8.0, 1.3 * max(abs(float(v)) for v in (working.y, working.y_next, working.exact))),
    )
    expected = power_curves(n, power_plot_range(n), y_limit=y_limit)
    expected["series"] = expected["series"].map({working.f_name: "f(x)", working.d_name: "f'(x)"})
    pd.testing.assert_frame_equal(working.curves, expected)
    assert set(working.curves["series"]) == {"f(x)", "f'(x)"}
    assert working.window == (max(power_plot_range(n)[0], x - 0.8), x + dx + 0.6)
    table = working.table
    direct = power_secant_table(n, x)
    assert list(table["dx"]) == list(direct["dx"])
    for column in ("secant slope", "n x^(n-1)", "error"):
        assert np.allclose([float(v) for v in table[column]], direct[column], rtol=1e-6, atol=1e-9)
    assert working.table is table  # worked out once
