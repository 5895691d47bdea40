"""The coin game against closed forms, exact Fraction arithmetic, SymPy and the notes' numbers."""

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core.coin_tosses import (
    MAX_SEQUENCE_TOSSES,
    count_tosses,
    order_study,
    order_table,
    sequence_log_likelihood,
    sorted_tosses,
)
from core.coins import (
    BEST,
    FLAT,
    LOWER,
    RAISE,
    best_p,
    best_p_fraction,
    binary_cross_entropy,
    coin_grid,
    coin_working,
    likelihood,
    likelihood_derivative,
    likelihood_derivative_zeros,
    log_likelihood,
    log_likelihood_derivative,
    log_likelihood_derivative_zeros,
    log_likelihood_tangent,
    log_loss,
    toss_log_loss,
)
from core.course_coins import COURSE_COINS, course_coins_table, course_figures
from core.errors import LearnerError

counts = st.integers(min_value=0, max_value=60)
probabilities = st.fractions(min_value=0, max_value=1, max_denominator=1000)
# On a busy machine an example can take longer than Hypothesis's 200 ms: slow is not wrong.
no_deadline = settings(deadline=None)


def exact_likelihood(heads: int, tails: int, p: Fraction) -> Fraction:
    return p**heads * (1 - p) ** tails


# g(p) and L(p)


def test_likelihood_of_7_heads_3_tails_at_half_is_1_over_1024() -> None:
    assert likelihood(7, 3, 0.5) == pytest.approx(1 / 1024, rel=1e-15)
    assert f"{likelihood(7, 3, 0.5):.3g}" == "0.000977"


def test_log_likelihood_of_7_heads_3_tails_at_half_is_minus_6_93() -> None:
    assert log_likelihood(7, 3, 0.5) == pytest.approx(10 * math.log(0.5), rel=1e-15)
    assert f"{log_likelihood(7, 3, 0.5):.3g}" == "-6.93"


@no_deadline
@given(counts, counts, probabilities)
def test_likelihood_matches_exact_fraction_arithmetic(heads: int, tails: int, p: Fraction) -> None:
    exact = exact_likelihood(heads, tails, p)
    assert likelihood(heads, tails, float(p)) == pytest.approx(float(exact), rel=1e-12, abs=1e-300)


@no_deadline
@given(counts, counts, probabilities)
def test_log_likelihood_is_ln_of_the_exact_likelihood_or_minus_infinity(
    heads: int, tails: int, p: Fraction
) -> None:
    exact = exact_likelihood(heads, tails, p)
    value = log_likelihood(heads, tails, float(p))
    if exact == 0:
        assert value == -math.inf
    else:
        expected = heads * math.log(p) if heads else 0.0
        expected += tails * math.log(1 - p) if tails else 0.0
        assert value == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_log_likelihood_is_minus_infinity_at_an_end_that_contradicts_the_data() -> None:
    assert log_likelihood(7, 3, 0.0) == -math.inf
    assert log_likelihood(7, 3, 1.0) == -math.inf
    assert log_loss(7, 3, 1.0) == math.inf


def test_zero_log_zero_is_zero_when_a_side_was_never_seen() -> None:
    assert log_likelihood(0, 5, 0.0) == 0.0
    assert log_likelihood(5, 0, 1.0) == 0.0
    assert likelihood(0, 5, 0.0) == 1.0
    assert likelihood(5, 0, 1.0) == 1.0
    assert log_likelihood(0, 5, 1.0) == -math.inf


def test_no_tosses_make_every_p_equally_likely() -> None:
    grid = np.linspace(0, 1, 11)
    assert np.array_equal(likelihood(0, 0, grid), np.ones(11))
    assert np.array_equal(log_likelihood(0, 0, grid), np.zeros(11))


def test_log_likelihood_on_an_array_is_never_nan_and_keeps_its_shape() -> None:
    grid = np.linspace(0, 1, 101)
    for heads, tails in [(7, 3), (0, 4), (4, 0), (0, 0), (100, 100)]:
        values = log_likelihood(heads, tails, grid)
        assert values.shape == grid.shape
        assert not np.isnan(values).any()


def test_log_likelihood_of_a_scalar_is_a_python_float() -> None:
    assert isinstance(log_likelihood(7, 3, 0.5), float)
    assert isinstance(likelihood(7, 3, np.float64(0.5)), float)


@pytest.mark.parametrize("p", [-0.1, 1.5, math.nan])
def test_probability_outside_0_1_is_refused_in_words(p: float) -> None:
    with pytest.raises(LearnerError, match="between 0 and 1"):
        log_likelihood(7, 3, p)


@pytest.mark.parametrize("heads", [-1, 2.5, True])
def test_counts_must_be_whole_and_not_negative(heads: object) -> None:
    with pytest.raises(LearnerError):
        likelihood(heads, 3, 0.5)  # type: ignore[arg-type]


# The maximiser


def test_best_p_for_7_heads_3_tails_is_0_7() -> None:
    assert best_p(7, 3) == 0.7
    assert best_p_fraction(7, 3) == Fraction(7, 10)


def test_best_p_for_the_courses_16_heads_4_tails_is_0_8() -> None:
    assert best_p(16, 4) == 0.8


def test_best_p_at_the_ends_when_one_side_was_never_seen() -> None:
    assert best_p(0, 5) == 0.0
    assert best_p(5, 0) == 1.0


def test_best_p_without_tosses_is_none() -> None:
    assert best_p(0, 0) is None
    assert best_p_fraction(0, 0) is None


@no_deadline
@given(counts, counts)
def test_best_p_beats_every_grid_point_in_exact_arithmetic(heads: int, tails: int) -> None:
    best = best_p_fraction(heads, tails)
    if best is None:
        return
    top = exact_likelihood(heads, tails, best)
    for k in range(0, 41):
        assert exact_likelihood(heads, tails, Fraction(k, 40)) <= top


# Derivatives, checked against SymPy


@pytest.mark.parametrize("heads,tails", [(7, 3), (16, 4), (0, 3), (3, 0), (1, 1), (1, 0), (0, 0)])
def test_likelihood_derivative_matches_sympy(heads: int, tails: int) -> None:
    p = sp.Symbol("p")
    derivative = sp.diff(p**heads * (1 - p) ** tails, p)
    for x in [Fraction(0), Fraction(1, 7), Fraction(1, 2), Fraction(7, 10), Fraction(1)]:
        expected = float(derivative.subs(p, sp.Rational(x.numerator, x.denominator)))
        assert likelihood_derivative(heads, tails, float(x)) == pytest.approx(expected, abs=1e-12)


def test_likelihood_derivative_factorises_as_in_the_notes() -> None:
    # g'(p) = p^6 (1-p)^2 (7 - 10p) for 7 heads and 3 tails
    for x in [0.1, 0.35, 0.7, 0.9]:
        factored = x**6 * (1 - x) ** 2 * (7 - 10 * x)
        assert likelihood_derivative(7, 3, x) == pytest.approx(factored, rel=1e-12, abs=1e-15)


def test_likelihood_derivative_zeros_for_7_3_are_0_then_0_7_then_1() -> None:
    zeros = likelihood_derivative_zeros(7, 3)
    assert zeros.points == (Fraction(0), Fraction(7, 10), Fraction(1))
    assert not zeros.everywhere


@pytest.mark.parametrize(
    "heads,tails,expected",
    [
        (1, 1, (Fraction(1, 2),)),
        (0, 1, ()),
        (0, 3, (Fraction(1),)),
        (3, 0, (Fraction(0),)),
        (1, 4, (Fraction(1, 5), Fraction(1))),
    ],
)
def test_likelihood_derivative_zeros_agree_with_sympy_solve(
    heads: int, tails: int, expected: tuple[Fraction, ...]
) -> None:
    p = sp.Symbol("p")
    roots = sp.solve(sp.diff(p**heads * (1 - p) ** tails, p), p)
    in_interval = sorted(Fraction(str(r)) for r in roots if 0 <= r <= 1)
    assert tuple(in_interval) == expected
    assert likelihood_derivative_zeros(heads, tails).points == expected


def test_no_tosses_make_the_derivative_zero_everywhere() -> None:
    assert likelihood_derivative_zeros(0, 0).everywhere
    assert log_likelihood_derivative_zeros(0, 0).everywhere


def test_log_likelihood_derivative_is_7_over_p_minus_3_over_1_minus_p() -> None:
    assert log_likelihood_derivative(7, 3, 0.5) == pytest.approx(14 - 6)
    assert log_likelihood_derivative(7, 3, 0.7) == pytest.approx(0.0, abs=1e-12)
    assert log_likelihood_derivative(7, 3, 0.0) == math.inf
    assert log_likelihood_derivative(7, 3, 1.0) == -math.inf


def test_log_likelihood_derivative_without_heads_is_finite_at_0() -> None:
    assert log_likelihood_derivative(0, 3, 0.0) == -3.0


def test_log_likelihood_derivative_has_one_zero_only_with_both_sides_seen() -> None:
    assert log_likelihood_derivative_zeros(16, 4).points == (Fraction(4, 5),)
    assert log_likelihood_derivative_zeros(0, 4).points == ()
    assert log_likelihood_derivative_zeros(4, 0).points == ()


# The course's coins


def test_three_coins_give_the_courses_figures_to_the_courses_precision() -> None:
    for coin_p, printed in COURSE_COINS:
        exact = exact_likelihood(7, 3, Fraction(str(coin_p)))
        assert abs(float(exact) - float(printed)) < 1e-5
        assert likelihood(7, 3, coin_p) == pytest.approx(float(exact), rel=1e-14)


def test_three_coins_exact_values() -> None:
    assert exact_likelihood(7, 3, Fraction(7, 10)) == Fraction(22235661, 10**10)
    assert exact_likelihood(7, 3, Fraction(1, 2)) == Fraction(1, 1024)
    assert exact_likelihood(7, 3, Fraction(3, 10)) == Fraction(750141, 10**10)


def test_the_course_truncates_0_5_to_the_10_and_rounds_0_3_to_the_7_times_0_7_cubed() -> None:
    # The page said "the course rounds 0.0009765625 to 0.00097": rounded it is 0.00098.
    figures = course_figures()
    assert [f.printed for f in figures] == ["0.00222", "0.00097", "0.00008"]
    assert [f.exact for f in figures] == [
        Fraction(22235661, 10**10),
        Fraction(1, 1024),
        Fraction(750141, 10**10),
    ]
    assert [f.how for f in figures] == ["rounded or truncated", "truncated", "rounded"]
    assert (figures[1].rounded, figures[1].truncated) == (Fraction("0.00098"), Fraction("0.00097"))


def test_course_coins_table_has_the_three_coins_with_the_courses_figures() -> None:
    table = course_coins_table()
    assert list(table["p"]) == [0.7, 0.5, 0.3]
    assert list(table["course figure"]) == ["0.00222", "0.00097", "0.00008"]
    exact = [exact_likelihood(7, 3, Fraction(str(p))) for p in table["p"]]
    assert list(table["P(7 H then 3 T)"]) == pytest.approx([float(e) for e in exact], rel=1e-14)


# Typed sequences


def test_counting_the_notes_sequence() -> None:
    counted = count_tosses("HHTHTHHHTH")
    assert (counted.heads, counted.tails) == (7, 3)


def test_counting_accepts_lower_case_spaces_and_commas() -> None:
    counted = count_tosses("h, t  H,t")
    assert (counted.heads, counted.tails, counted.tosses) == (2, 2, "HTHT")


def test_an_empty_sequence_has_no_tosses() -> None:
    assert (count_tosses("").heads, count_tosses("  ").tails) == (0, 0)


def test_counting_names_the_first_wrong_character_and_its_position() -> None:
    with pytest.raises(LearnerError, match="character 4 is “X”"):
        count_tosses("HHTXH")


def test_counting_refuses_a_sequence_longer_than_the_bound() -> None:
    count_tosses("H" * MAX_SEQUENCE_TOSSES)
    with pytest.raises(LearnerError, match=str(MAX_SEQUENCE_TOSSES)):
        count_tosses("H" * (MAX_SEQUENCE_TOSSES + 1))


@no_deadline
@given(st.text(alphabet="HT", max_size=60), st.floats(min_value=0, max_value=1))
def test_order_does_not_matter(sequence: str, p: float) -> None:
    counted = count_tosses(sequence)
    in_order = sequence_log_likelihood(counted.tosses, p)
    sorted_order = sequence_log_likelihood(sorted_tosses(counted.heads, counted.tails), p)
    closed_form = log_likelihood(counted.heads, counted.tails, p)
    if math.isinf(closed_form):
        assert in_order == sorted_order == closed_form
    else:
        assert in_order == pytest.approx(closed_form, rel=1e-12, abs=1e-12)
        assert sorted_order == pytest.approx(closed_form, rel=1e-12, abs=1e-12)


def test_order_table_sums_the_typed_order_at_the_course_coins() -> None:
    table = order_table("HHTHTHHHTH")
    assert list(table["p"]) == [0.7, 0.5, 0.3]
    # 7 heads and 3 tails, summed toss by toss: 7 ln p + 3 ln(1-p)
    expected = [7 * math.log(p) + 3 * math.log(1 - p) for p in (0.7, 0.5, 0.3)]
    assert list(table["in your order"]) == pytest.approx(expected, rel=1e-12)
    assert list(table["from the counts"]) == pytest.approx(expected, rel=1e-12)
    assert table["in your order"].iloc[1] == pytest.approx(10 * math.log(0.5), rel=1e-12)


def test_order_table_of_one_tail_is_ln_of_one_minus_p() -> None:
    table = order_table("t")
    assert list(table["in your order"]) == pytest.approx(
        [math.log(0.3), math.log(0.5), math.log(0.7)]
    )


@no_deadline
@given(st.text(alphabet="HT", max_size=60))
def test_order_table_agrees_with_the_closed_form_in_any_order(sequence: str) -> None:
    table = order_table(sequence)
    assert list(table["in your order"]) == pytest.approx(
        list(table["from the counts"]), rel=1e-12, abs=1e-12
    )


def test_order_table_refuses_a_wrong_letter_in_words() -> None:
    with pytest.raises(LearnerError, match="character 2"):
        order_table("HX")


# Toward machine learning


def test_binary_cross_entropy_is_the_average_log_loss() -> None:
    expected = -(7 * math.log(0.7) + 3 * math.log(0.3)) / 10
    assert binary_cross_entropy(7, 3, 0.7) == pytest.approx(expected, rel=1e-14)
    assert binary_cross_entropy(7, 3, 0.7) == pytest.approx(0.6109, abs=1e-4)


def test_binary_cross_entropy_without_tosses_is_none_and_infinite_for_impossible_data() -> None:
    assert binary_cross_entropy(0, 0, 0.5) is None
    assert binary_cross_entropy(7, 3, 1.0) == math.inf


def test_log_loss_of_one_tail_at_p_1_is_infinite_and_of_one_head_at_half_is_ln_2() -> None:
    assert toss_log_loss(False, 1.0) == math.inf
    assert toss_log_loss(True, 0.5) == pytest.approx(math.log(2))


# The worked numbers


def test_working_for_7_3_at_half_matches_the_worked_maths() -> None:
    work = coin_working(7, 3, 0.5)
    half = Fraction(1, 2)
    assert (work.total, work.best, work.p) == (10, Fraction(7, 10), half)
    assert (work.p_power, work.q_power, work.bracket) == (half**6, half**2, 2)
    assert work.g == Fraction(1, 1024)
    assert work.g_prime == half**6 * half**2 * 2
    assert (work.head_term, work.tail_term, work.log_g_prime) == (14, 6, 8)
    assert work.log_g_prime_limit is None and work.direction == RAISE
    assert work.g_best == Fraction(7, 10) ** 7 * Fraction(3, 10) ** 3
    assert work.bce == pytest.approx(math.log(2))
    assert work.loss == pytest.approx(10 * math.log(2))


@pytest.mark.parametrize(("heads", "tails", "p"), [(7, 3, 0.7), (16, 4, 0.8), (1, 2, "1/3")])
def test_at_the_best_p_both_derivatives_are_exactly_zero_and_the_verdict_is_best(
    heads: int, tails: int, p: float | str
) -> None:
    # In floats g'(0.7) came out 6.94e-18 and L'(0.7) = 10 - 10 = 1.78e-15 ("raise p"), and at
    # 16 and 4, p = 0.8: -2.17e-19 and -3.55e-15 ("lower p").
    work = coin_working(heads, tails, Fraction(p) if isinstance(p, str) else p)
    assert work.g_prime == 0 and work.log_g_prime == 0 and work.bracket == 0
    assert work.direction == BEST and work.at_best
    assert work.head_term == work.tail_term


def exact_slope(heads: int, tails: int, p: Fraction) -> Fraction:
    return Fraction(heads) / p - Fraction(tails) / (1 - p)


@no_deadline
@given(counts, counts, st.integers(min_value=1, max_value=99))
def test_the_direction_is_the_exact_sign_of_the_log_likelihoods_slope(
    heads: int, tails: int, hundredths: int
) -> None:
    p = Fraction(hundredths, 100)
    work = coin_working(heads, tails, hundredths / 100)
    assert work.p == p
    assert work.log_g_prime == exact_slope(heads, tails, p)
    x = sp.Symbol("x")
    oracle = sp.diff(x**heads * (1 - x) ** tails, x).subs(x, sp.Rational(hundredths, 100))
    assert work.g_prime == Fraction(int(oracle.p), int(oracle.q))
    expected = {1: RAISE, -1: LOWER}
    if heads + tails == 0:
        assert work.direction == FLAT
    elif work.log_g_prime == 0:
        assert work.direction == BEST and p == Fraction(heads, heads + tails)
    else:
        assert work.direction == expected[1 if work.log_g_prime > 0 else -1]


def test_working_at_p_1_with_tails_has_no_slope_only_its_limit_from_below() -> None:
    work = coin_working(7, 3, 1.0)
    assert work.g == 0 and work.impossible
    assert work.log_g == -math.inf and work.loss == math.inf and work.bce == math.inf
    assert work.log_q == -math.inf and work.tail_term is None and work.head_term == 7
    assert work.log_g_prime is None and work.log_g_prime_limit == -math.inf
    assert work.direction == LOWER
    numbers = [v for v in vars(work).values() if isinstance(v, float)]
    assert not any(math.isnan(v) for v in numbers)


def test_working_at_p_0_with_heads_has_no_slope_only_its_limit_from_above() -> None:
    work = coin_working(7, 3, 0.0)
    assert work.head_term is None and work.tail_term == 3
    assert work.log_g_prime is None and work.log_g_prime_limit == math.inf
    assert work.direction == RAISE


def test_working_without_tosses_has_no_best_and_no_average() -> None:
    work = coin_working(0, 0, 0.3)
    assert work.best is None and work.bce is None and work.loss_best is None
    assert (work.g, work.log_g, work.loss) == (1, 0.0, 0.0)
    assert work.p_power is None and work.q_power is None
    assert work.direction == FLAT


def test_working_without_heads_at_p_0_is_the_best_with_zero_loss() -> None:
    work = coin_working(0, 4, 0.0)
    assert work.best == 0 and work.loss == 0.0 and math.copysign(1, work.loss) == 1
    assert work.g_prime == -4 and work.log_g_prime == -4
    # L'(0) = -4 < 0, yet p cannot go lower: p = 0 is the best p, not "lower p"
    assert work.direction == BEST


# The grid a touch unit picks from: the working at every position of p

HUNDREDTHS = [k / 100 for k in range(101)]


def test_the_grid_for_7_3_holds_the_exact_working_at_every_hundredth() -> None:
    grid = coin_grid(7, 3, HUNDREDTHS)
    assert len(grid) == 101
    for k, work in enumerate(grid):
        p = Fraction(k, 100)  # the slider's 0.07 is 7/100, not the double nearest it
        assert work.p == p
        assert work.g == p**7 * (1 - p) ** 3
        assert work.g_prime == 7 * p**6 * (1 - p) ** 3 - 3 * p**7 * (1 - p) ** 2
        if 0 < k < 100:
            assert work.log_g_prime == Fraction(7) / p - Fraction(3) / (1 - p)
            assert work.log_g == pytest.approx(7 * math.log(k / 100) + 3 * math.log(1 - k / 100))
        else:
            assert work.log_g_prime is None and work.log_g == -math.inf
    directions = [work.direction for work in grid]
    assert directions == [RAISE] * 70 + [BEST] + [LOWER] * 30


@no_deadline
@given(counts, counts, st.lists(probabilities, min_size=1, max_size=5))
def test_the_grid_is_coin_working_at_each_p_in_order(
    heads: int, tails: int, ps: list[Fraction]
) -> None:
    assert coin_grid(heads, tails, ps) == tuple(coin_working(heads, tails, p) for p in ps)


def test_the_grid_refuses_counts_in_words_even_with_no_p() -> None:
    with pytest.raises(LearnerError, match="cannot be negative"):
        coin_grid(-1, 3, [])


def test_the_tangent_at_half_for_7_3_is_minus_10_ln_2_plus_8_times_p_minus_half() -> None:
    work = coin_working(7, 3, 0.5)
    ends = log_likelihood_tangent(work, (0.4, 0.5, 0.6))
    expected = [-10 * math.log(2) + 8 * (x - 0.5) for x in (0.4, 0.5, 0.6)]
    assert ends == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize(("heads", "tails", "p"), [(7, 3, 0.3), (16, 4, 0.8), (1, 99, 0.05)])
def test_the_tangent_touches_the_log_likelihood_to_second_order(heads, tails, p) -> None:
    work = coin_working(heads, tails, p)
    x = sp.Symbol("x")
    curve = heads * sp.log(x) + tails * sp.log(1 - x)
    for h in (1e-2, 1e-3):
        [line] = log_likelihood_tangent(work, (p + h,))  # type: ignore[misc]
        gap = abs(float(curve.subs(x, sp.Rational(p) + sp.Rational(h))) - line)
        bound = abs(float(sp.diff(curve, x, 2).subs(x, sp.Rational(p)))) * h**2  # ~ |L''| h^2 / 2
        assert gap <= bound


def test_the_tangent_at_the_best_p_is_flat_and_at_an_impossible_end_there_is_none() -> None:
    flat = log_likelihood_tangent(coin_working(7, 3, 0.7), (0.6, 0.8))
    assert flat is not None and flat[0] == flat[1] == coin_working(7, 3, 0.7).log_g
    assert log_likelihood_tangent(coin_working(7, 3, 1.0), (0.9, 1.0)) is None
    assert log_likelihood_tangent(coin_working(7, 3, 0.0), (0.0, 0.1)) is None
    # with no heads, L(0) = 0 and L'(0) = -4 exist: a tangent at the end p = 0
    assert log_likelihood_tangent(coin_working(0, 4, 0.0), (0.0, 0.1)) == (0.0, pytest.approx(-0.4))


def test_order_study_counts_and_scores_in_one_call() -> None:
    study = order_study("hhth T")
    assert (study.tosses, study.heads, study.tails) == ("HHTHT", 3, 2)
    assert [row.p for row in study.rows] == [Fraction(7, 10), Fraction(1, 2), Fraction(3, 10)]
    for row in study.rows:
        expected = 3 * math.log(row.p) + 2 * math.log(1 - row.p)
        assert row.in_your_order == pytest.approx(expected, rel=1e-14)
        assert row.from_the_counts == pytest.approx(expected, rel=1e-14)
    assert order_study("").rows == ()
    with pytest.raises(LearnerError):
        order_study("HHX")
