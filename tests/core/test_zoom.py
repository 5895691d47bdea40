"""The zoom unit's one call: slopes, values, what is missing, the two pictures' frames."""

import math

import numpy as np
import pytest

from core.corner_gallery import GALLERY, relu_corner
from core.differentiability import PointKind, point_study
from core.zoom import zoom_view


def test_abs_at_0_with_dx_tenth_has_slopes_minus_1_and_1_and_both_secants():
    view = zoom_view(np.abs, 0.0, 0.1)
    assert (view.left_slope, view.right_slope, view.gap) == (-1.0, 1.0, 2.0)
    assert view.missing == () and view.shifted
    assert set(view.wide["side"]) == {"left of x0", "right of x0", "left secant", "right secant"}
    assert view.table["dx"].tolist() == [1.0, 0.1]
    # the zoomed frame spans exactly x0 - dx .. x0 + dx
    assert (view.zoomed["x"].min(), view.zoomed["x"].max()) == pytest.approx((-0.1, 0.1))


def test_reciprocal_at_0_misses_f_x0_only_and_draws_no_secant():
    view = zoom_view(GALLERY["undefined"].function, 0.0, 0.1)
    assert view.missing == ("x0",)
    assert (view.f_left, view.f_right) == pytest.approx((-10.0, 10.0))
    assert math.isnan(view.left_slope) and not view.shifted
    assert not {"left secant", "right secant"} & set(view.wide["side"])


def test_point_study_of_the_cusp_names_it_and_lists_slopes_from_1_to_1e_6():
    study = point_study(GALLERY["cusp"].function, 0.0, 1e-6)
    assert study.report.kind is PointKind.CUSP
    left = study.slopes[study.slopes["side"] == "left slope"]
    assert left["dx"].iloc[0] == pytest.approx(1e-6) and left["dx"].iloc[-1] == 1.0
    # x^(2/3): left slope -dx^(-1/3)
    assert left["slope"].iloc[0] == pytest.approx(-(1e-6 ** (-1 / 3)), rel=1e-9)


def test_relu_corner_has_left_0_and_right_1_for_every_dx():
    corner = relu_corner()
    assert corner.table["left_slope"].tolist() == [0.0, 0.0, 0.0]
    assert corner.table["right_slope"].tolist() == [1.0, 1.0, 1.0]
    assert corner.subgradient == 0.0
