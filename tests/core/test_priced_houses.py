"""Section 1's houses priced by the line through the notes' two houses, against Fractions."""

from fractions import Fraction

from core.datasets import TWO_HOUSES
from core.line_fit import TwoPointLine, line_through_two
from core.priced_houses import PricedHouse, priced_houses


def test_the_notes_line_prices_0_to_10_bedrooms_at_100000_a_bedroom_plus_50000():
    houses = priced_houses(line_through_two(TWO_HOUSES), range(11))
    assert [h.bedrooms for h in houses] == list(range(11))
    assert [h.price for h in houses] == [Fraction(100_000 * k + 50_000) for k in range(11)]
    assert houses[3] == PricedHouse(3, Fraction(350_000))


def test_a_fractional_slope_prices_exactly():
    line = TwoPointLine(Fraction(1, 3), Fraction(-2, 7))
    (house,) = priced_houses(line, [4])
    assert house.price == Fraction(4, 3) - Fraction(2, 7)
    assert isinstance(house.price, Fraction)
