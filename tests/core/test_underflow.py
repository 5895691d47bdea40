"""Underflow of products and the log derivative of the notes' F, against exact arithmetic."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from core.errors import LearnerError
from core.underflow import (
    MAX_TOSSES,
    notes_log_derivative_study,
    notes_product_rule_terms,
    product_versus_logs,
    running_log_sums,
    running_products,
    underflow_curves,
    underflow_point,
    underflow_study,
)


def test_half_to_the_1000_is_9_3e_minus_302_and_still_fits() -> None:
    result = product_versus_logs(0.5, 1000)
    assert result.product == 2.0**-1000
    assert f"{result.product:.2g}" == "9.3e-302"
    assert (round(result.mantissa, 2), result.exponent) == (9.33, -302)


def test_a_tenth_to_the_1000_becomes_exactly_zero_but_its_log_sum_is_finite() -> None:
    result = product_versus_logs(0.1, 1000)
    assert result.product == 0.0
    assert 0.1**1000 == 0.0
    assert result.log_sum == pytest.approx(-1000 * math.log(10), rel=1e-12)
    assert (round(result.mantissa, 6), result.exponent) == (1.0, -1000)


def test_halves_underflow_at_1075_because_2_to_minus_1074_is_the_smallest_double() -> None:
    assert underflow_point(0.5) == 1075
    products = running_products(0.5, 1075)
    assert products[1073] == 2.0**-1074 == 5e-324
    assert products[1074] == 0.0


def test_tenths_underflow_where_the_product_first_reads_zero() -> None:
    n = underflow_point(0.1)
    products = running_products(0.1, n)
    assert products[n - 2] > 0.0 and products[n - 1] == 0.0
    # the exact value 10^-n is still far from nothing: about 10^-324
    assert n == 324


def test_underflow_point_is_where_the_exact_product_drops_below_half_the_smallest_double() -> None:
    # For 0.5 the float64 product is exact, so it agrees with Fraction arithmetic.
    smallest = Fraction(2) ** -1074
    n = next(k for k in range(1, 2000) if Fraction(1, 2) ** k <= smallest / 2)
    assert underflow_point(0.5) == n


def test_sum_of_logs_stays_close_to_n_ln_p_all_the_way_to_5000() -> None:
    sums = running_log_sums(0.5, MAX_TOSSES)
    assert np.isfinite(sums).all()
    assert sums[-1] == pytest.approx(MAX_TOSSES * math.log(0.5), rel=1e-12)


def test_the_true_size_of_half_to_the_5000_comes_from_the_logs() -> None:
    result = product_versus_logs(0.5, 5000)
    assert result.product == 0.0
    exact = Fraction(1, 2**5000)
    exponent = len(str(2**5000))  # 2^5000 has 1506 digits, so 2^-5000 ~ 7.08e-1506
    assert result.exponent == -exponent
    assert result.mantissa == pytest.approx(float(exact * 10**exponent), rel=1e-9)


def test_no_tosses_have_product_one_and_log_zero() -> None:
    result = product_versus_logs(0.5, 0)
    assert (result.product, result.log_sum, result.mantissa, result.exponent) == (1.0, 0.0, 1.0, 0)


def test_tosses_beyond_the_bound_are_refused() -> None:
    with pytest.raises(LearnerError):
        product_versus_logs(0.5, MAX_TOSSES + 1)


def test_underflow_curves_go_to_minus_infinity_for_the_product_only() -> None:
    curves = underflow_curves(5000)
    product = curves[(curves["p"] == 0.5) & (curves["method"] == "float64 product")]
    logs = curves[(curves["p"] == 0.5) & (curves["method"] == "sum of logs")]
    assert np.isneginf(product[product["n"] >= 1075]["log10"]).all()
    assert np.isfinite(product[product["n"] < 1075]["log10"]).all()
    assert np.isfinite(logs["log10"]).all()
    assert logs["log10"].iloc[-1] == pytest.approx(5000 * math.log10(0.5))
    assert len(curves) <= 4 * 400


def test_notes_f_has_five_product_rule_terms_equal_to_sympys_derivative() -> None:
    study = notes_log_derivative_study()
    assert len(study.direct_terms_latex) == len(study.log_derivative_terms_latex) == 5
    p = sp.Symbol("p")
    f = p**6 * (1 - p) ** 2 * (3 - p) ** 9 * (4 - p) ** 13 * (10 - p) ** 500
    derivative = sp.diff(f, p)
    by_hand = sp.Add(*notes_product_rule_terms(p))
    for x in [sp.Rational(1, 3), sp.Rational(1, 10), sp.Rational(7, 8), sp.Integer(2)]:
        assert by_hand.subs(p, x) == derivative.subs(p, x) != 0
    # the LaTeX shows the first product-rule term as in the notes: 6 p^5 (1-p)^2 ...
    assert study.direct_terms_latex[0].startswith("6 p^{5} \\left(1 - p\\right)^{2}")
    assert study.direct_terms_latex[1].startswith("- 2 p^{6} \\left(1 - p\\right) ")


def test_notes_log_derivative_is_the_short_sum() -> None:
    study = notes_log_derivative_study()
    assert " ".join(study.log_derivative_terms_latex) == (
        "\\frac{6}{p} - \\frac{2}{1 - p} - \\frac{9}{3 - p} - \\frac{13}{4 - p}"
        " - \\frac{500}{10 - p}"
    )
    assert study.log_terms_latex[0] == "6 \\ln{\\left(p \\right)}"
    assert study.log_numerator_latex == "530 p^{4} - 4459 p^{3} + 11303 p^{2} - 8202 p + 720"


def test_both_routes_find_the_same_maximiser_of_f_in_0_1() -> None:
    study = notes_log_derivative_study()
    assert study.maximiser_direct == pytest.approx(study.maximiser_log, abs=1e-12)
    assert 0.1013 < study.maximiser_log < 0.1014

    # Exact check: (ln F)' changes sign around it (a rational function, Fraction arithmetic).
    def log_derivative(x: Fraction) -> Fraction:
        return 6 / x - 2 / (1 - x) - 9 / (3 - x) - 13 / (4 - x) - 500 / (10 - x)

    root = Fraction(study.maximiser_log)
    assert log_derivative(root - Fraction(1, 10**9)) > 0 > log_derivative(root + Fraction(1, 10**9))


def test_maximiser_beats_its_neighbours_in_exact_arithmetic() -> None:
    study = notes_log_derivative_study()

    def f(x: Fraction) -> Fraction:
        return x**6 * (1 - x) ** 2 * (3 - x) ** 9 * (4 - x) ** 13 * (10 - x) ** 500

    best = Fraction(study.maximiser_direct)
    assert f(best) > f(best - Fraction(1, 1000))
    assert f(best) > f(best + Fraction(1, 1000))


def test_underflow_study_holds_both_coins_at_n_and_at_1000_and_a_window_of_curves() -> None:
    study = underflow_study(1500)
    assert [r.p for r in study.results] == [0.5, 0.1] and {r.n for r in study.results} == {1500}
    assert [r.n for r in study.at_1000] == [1000, 1000]
    assert study.at_1000[0].product == 0.5**1000  # 2^-1000 is exact in float64
    assert study.window == 1500 and study.curves["n"].max() <= 1500
    assert underflow_study(10).window == 1100
