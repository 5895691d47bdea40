"""core.predictions: the least-squares line's prediction at every slider position, against
Fractions worked out here from the notes' table (slope 6500/11, intercept -1800)."""

from fractions import Fraction

from core.datasets import notes_table
from core.least_squares import least_squares
from core.line_fit import PredictionRange, prediction_range
from core.predictions import position_count, prediction_positions, predictions


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
