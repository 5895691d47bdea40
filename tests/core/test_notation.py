"""Lagrange and Leibniz notation for the secant page's examples."""

from core.notation import derivative_notation, latex_number


def test_square_at_1_reads_f_prime_of_1_is_2_in_both_notations() -> None:
    n = derivative_notation("x^2", "2x", 1.0, 2.0)
    assert n.lagrange == r"f(x) = x^2 \qquad f'(x) = 2x"
    assert r"\frac{dy}{dx} = \frac{d}{dx}\left(x^2\right) = 2x" in n.leibniz
    assert n.lagrange_at == "f'(1) = 2"
    assert n.leibniz_at.endswith("_{x = 1} = 2")


def test_numbers_are_written_for_latex() -> None:
    assert latex_number(2.0009999999996975) == "2.001"
    assert latex_number(2.5) == "2.5"
    assert latex_number(1e-12) == r"1 \times 10^{-12}"
    assert latex_number(-0.0) == "0"
    assert latex_number(2.000177636, digits=10) == "2.000177636"
