"""simplify_curve keeps few samples, and the curve through them stays within the tolerance."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.polyline import simplify_curve


def worst_gap(x: np.ndarray, y: np.ndarray, keep: np.ndarray) -> float:
    """Oracle: the largest |y_i - (line through the kept samples)(x_i)| over finite samples,
    each finite run compared with its own kept samples (numpy's interp)."""
    worst = 0.0
    finite = np.isfinite(y)
    start = 0
    while start < len(y):
        if not finite[start]:
            start += 1
            continue
        stop = start
        while stop < len(y) and finite[stop]:
            stop += 1
        xs, ys, ks = x[start:stop], y[start:stop], keep[start:stop]
        if len(xs) > 1:
            worst = max(worst, float(np.max(np.abs(np.interp(xs, xs[ks], ys[ks]) - ys))))
        start = stop
    return worst


def test_a_straight_line_needs_only_its_two_ends() -> None:
    x = np.linspace(-3, 5, 400)
    keep = simplify_curve(x, 2.5 * x - 1, 1e-9)
    assert np.flatnonzero(keep).tolist() == [0, 399]


def test_a_parabola_keeps_about_as_many_samples_as_its_curvature_needs() -> None:
    # The chord of y = x^2 over a stretch of width h strays h^2/4 from the curve, so within
    # tolerance t the stretches can be at most 2 sqrt(t) wide: at least 2 / (2 sqrt(t)) of
    # them on [-1, 1]. The greedy search may need more, but not many more.
    x = np.linspace(-1, 1, 2001)
    tolerance = 1e-4
    keep = simplify_curve(x, x**2, tolerance)
    fewest = math.ceil(2 / (2 * math.sqrt(tolerance)))
    assert fewest <= keep.sum() - 1 <= 2 * fewest
    assert worst_gap(x, x**2, keep) <= tolerance


def test_the_log_loss_curve_shrinks_to_a_fraction_within_half_a_pixel() -> None:
    p = np.linspace(0, 1, 400)
    with np.errstate(divide="ignore"):
        loss = -(7 * np.log(p) + 3 * np.log1p(-p))
    tolerance = 40 / 640  # a y axis of 40 units drawn 320 px tall: half a pixel
    keep = simplify_curve(p, loss, tolerance)
    assert keep.sum() < 100
    assert worst_gap(p, loss, keep) <= tolerance
    # The infinite ends stay, so the chart still shows where the loss has no value.
    assert keep[0] and keep[-1]


def test_gaps_stay_gaps_with_their_edges() -> None:
    x = np.linspace(-2, 2, 401)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = np.where(np.abs(x) < 0.5, np.nan, 1 / x)
    keep = simplify_curve(x, y, 1e-3)
    gap = np.flatnonzero(~np.isfinite(y))
    assert keep[gap].all()
    assert keep[gap[0] - 1] and keep[gap[-1] + 1]
    assert worst_gap(x, y, keep) <= 1e-3


def test_a_vertical_jump_keeps_both_of_its_samples() -> None:
    x = np.array([0.0, 1.0, 1.0, 2.0, 3.0])
    y = np.array([0.0, 0.0, 5.0, 5.0, 5.0])
    keep = simplify_curve(x, y, 0.1)
    assert keep.tolist() == [True, True, True, False, True]


@pytest.mark.parametrize("n", [0, 1, 2])
def test_two_samples_or_fewer_are_all_kept(n: int) -> None:
    assert simplify_curve(np.arange(n, dtype=float), np.ones(n), 0.5).tolist() == [True] * n


@pytest.mark.parametrize("tolerance", [-1.0, float("nan"), float("inf")])
def test_a_tolerance_must_be_a_finite_non_negative_number(tolerance: float) -> None:
    with pytest.raises(ValueError):
        simplify_curve(np.arange(5.0), np.arange(5.0), tolerance)


@settings(max_examples=150, deadline=None)
@given(
    ys=st.lists(
        st.one_of(
            st.floats(-1e6, 1e6, allow_nan=False), st.just(float("nan")), st.just(float("inf"))
        ),
        min_size=3,
        max_size=120,
    ),
    tolerance=st.floats(0, 100),
)
def test_every_sample_stays_within_the_tolerance(ys: list[float], tolerance: float) -> None:
    y = np.array(ys)
    x = np.arange(len(y), dtype=float)
    keep = simplify_curve(x, y, tolerance)
    assert keep[0] and keep[-1]
    assert worst_gap(x, y, keep) <= tolerance * (1 + 1e-9) + 1e-9
