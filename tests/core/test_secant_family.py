"""The precomputed secants behind the in-browser dx slider."""

import numpy as np
import pytest

from core.secants import SLIDER_STEPS, example, secant_family


def test_family_for_square_at_1_has_the_notes_slopes():
    family = secant_family(example("x^2"), 1.0, SLIDER_STEPS, (-1.0, 3.0))
    slopes = family.drop_duplicates("step").set_index("dx")["slope"]
    assert slopes[1.0] == 3.0
    assert slopes[0.5] == 2.5
    assert slopes[0.001] == pytest.approx(2.001, abs=1e-12)
    assert len(family) == 2 * len(SLIDER_STEPS)


def test_every_secant_passes_through_x0_and_the_moving_point():
    ex = example("sin")
    x0 = 0.7
    family = secant_family(ex, x0, (1.0, 0.1, 0.01), (-1.0, 2.0))
    for _, line in family.groupby("step"):
        (xa, xb), (ya, yb) = line["x"].to_numpy(), line["y"].to_numpy()
        slope = (yb - ya) / (xb - xa)
        at_x0 = ya + slope * (x0 - xa)
        assert at_x0 == pytest.approx(np.sin(x0), abs=1e-12)
        x1, y1 = line["x1"].iloc[0], line["y1"].iloc[0]
        assert ya + slope * (x1 - xa) == pytest.approx(y1, abs=1e-9)


def test_secants_that_would_jump_over_the_pole_of_1_over_x_are_left_out():
    family = secant_family(example("1/x"), -0.5, (1.0, 0.5, 0.1), (-2.0, 1.0))
    assert sorted(family["dx"].unique()) == [0.1]
    assert family["slope"].iloc[0] == pytest.approx((1 / -0.4 - 1 / -0.5) / 0.1)
