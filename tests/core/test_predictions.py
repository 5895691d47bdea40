"""core.predictions: the least-squares line's prediction at every slider position, against
Fractions worked out here from the notes' table (slope 6500/11, intercept -1800); the positions
a wide range offers (round multiples of its step, its ends and its default), against lists
written out here."""

import math
from fractions import Fraction

import pytest

from core.datasets import notes_table
from core.least_squares import least_squares
from core.line_fit import PredictionRange, prediction_range
from core.predictions import (
    offered_positions,
    position_count,
    prediction_positions,
    predictions,
)


def test_the_notes_table_predicts_at_0_to_14_bedrooms_exactly():
    points = notes_table("as-written")
    xs = [Fraction(k) for k in range(1, 11)]
    ys = [Fraction(100 * k) for k in range(1, 10)] + [Fraction(10_000)]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    intercept = my - slope * mx
    assert (slope, intercept) == (Fraction(6500, 11), -1800)
    positions = prediction_positions(prediction_range(points))
    assert positions == tuple(float(k) for k in range(15))
    found = predictions(least_squares(points), positions)
    assert [p.y for p in found] == [slope * k + intercept for k in range(15)]
    assert [p.x for p in found] == list(positions)


def test_decimal_positions_are_the_decimals_they_are_written_as():
    assert prediction_positions(PredictionRange(-0.3, 0.3, 0.1, 0.2)) == (
        -0.3,
        -0.2,
        -0.1,
        0.0,
        0.1,
        0.2,
        0.3,
    )


def test_the_count_is_known_without_listing_trillions_of_positions():
    assert position_count(PredictionRange(0.0, 14.0, 1.0, 10.0)) == 15
    assert position_count(PredictionRange(-0.3, 0.3, 0.1, 0.2)) == 7
    assert position_count(PredictionRange(-8.7e11, 1.614e12, 1.0, 7.86e11)) == 2_484_000_000_001


def test_a_range_of_at_most_401_positions_offers_each():
    for bounds in (
        PredictionRange(0.0, 14.0, 1.0, 10.0),
        PredictionRange(-0.3, 0.3, 0.1, 0.2),
        PredictionRange(-3.0, 397.0, 1.0, 265.0),  # 401 positions
    ):
        offered = offered_positions(bounds, 401)
        assert offered.positions == prediction_positions(bounds)
        assert offered.every == bounds.step and offered.also == ()


def test_years_offer_every_10_the_end_and_the_default():
    # 0 ... 2018 by 1 (2019 positions): every 5 gives 404 + 2 > 401, every 10 fits
    offered = offered_positions(PredictionRange(0.0, 2018.0, 1.0, 2009.0), 401)
    assert offered.positions == tuple(float(v) for v in sorted([*range(0, 2011, 10), 2009, 2018]))
    assert (offered.every, offered.first, offered.last) == (10.0, 0.0, 2010.0)
    assert offered.also == (2009.0, 2018.0)


@pytest.mark.parametrize(
    ("bounds", "every"),
    [
        (PredictionRange(0.0, 401.0, 1.0, 300.0), 2.0),  # 402 positions: every 2, and 401
        (PredictionRange(-1.0, 1000.0, 1.0, 700.0), 5.0),
        (PredictionRange(0.0, 1002.0, 0.01, 1001.5), 5.0),
        (PredictionRange(-0.05, 7.3, 0.01, 4.87), 0.02),
        (PredictionRange(-8.7e11, 1.614e12, 1.0, 7.86e11), 1e10),
        (PredictionRange(-1e12, 2e12, 1.0, 1e12), 1e10),
    ],
)
def test_a_wide_range_offers_round_positions_its_ends_and_its_default(bounds, every):
    offered = offered_positions(bounds, 401)
    positions = offered.positions
    assert offered.every == every
    assert len(positions) <= 401
    assert positions == tuple(sorted(set(positions)))
    assert positions[0] == bounds.low and positions[-1] == bounds.high
    assert bounds.start in positions
    # every other position is a whole multiple of `every`, written as the decimal it is
    step = Fraction(str(every))
    rounds = [Fraction(repr(p)) for p in positions if p not in offered.also]
    assert all(v % step == 0 for v in rounds)
    assert rounds == [Fraction(repr(offered.first)) + k * step for k in range(len(rounds))]
    assert float(rounds[-1]) == offered.last
    for v in offered.also:
        assert Fraction(repr(v)) % step != 0 and v in (bounds.low, bounds.high, bounds.start)
    # the smallest round factor that fits: the round step below (5 -> 2, 2 -> 1, 1 -> 0.5 of
    # the decade) offers more than 401
    lead = round(every / 10 ** math.floor(math.log10(every)))
    finer = Fraction(str(every)) * {1: Fraction(1, 2), 2: Fraction(1, 2), 5: Fraction(2, 5)}[lead]
    low, high = Fraction(repr(bounds.low)), Fraction(repr(bounds.high))
    start = Fraction(repr(bounds.start))
    count = math.floor(high / finer) - math.ceil(low / finer) + 1
    assert count + sum(v % finer != 0 for v in {low, high, start}) > 401


def test_the_wide_rows_are_the_exact_prediction():
    points = notes_table("as-written")
    offered = offered_positions(PredictionRange(0.0, 2018.0, 1.0, 2009.0), 401)
    found = predictions(least_squares(points), offered.positions)
    assert [p.y for p in found] == [
        Fraction(6500, 11) * Fraction(int(x)) - 1800 for x in offered.positions
    ]
