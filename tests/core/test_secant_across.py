"""core.secant_pictures.secant_across and curve_across: the secant unit's rows at every point
x0 (dx held) and the one curve drawn under every window, against SymPy and exact Fractions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from core.limits import MAX_LINE_POINTS
from core.secant_pictures import (
    CURVE_POINTS_PER_WINDOW,
    X0_STEPS,
    curve_across,
    secant_across,
    secant_picture,
    secant_window,
)
from core.secants import example

x = sp.symbols("x")
SYMPY = {"x^2": x**2, "x^3": x**3, "1/x": 1 / x, "sin": sp.sin(x), "exp": sp.exp(x)}


def test_the_steps_are_the_old_sliders() -> None:
    assert len(X0_STEPS) == 61 and X0_STEPS[0] == -3.0 and X0_STEPS[-1] == 3.0
    assert all(Fraction(str(v)) == Fraction(k - 30, 10) for k, v in enumerate(X0_STEPS))


@pytest.mark.parametrize("fn", list(SYMPY))
@pytest.mark.parametrize("dx", [1.0, 0.01])
def test_every_x0_is_secant_picture_there(fn: str, dx: float) -> None:
    pictures = secant_across(fn, dx, X0_STEPS)
    derivative = sp.lambdify(x, sp.diff(SYMPY[fn], x))
    f = sp.lambdify(x, SYMPY[fn])
    for x0, picture in zip(X0_STEPS, pictures, strict=True):
        alone = secant_picture(fn, x0, dx)
        assert picture.view == alone.view and picture.x_range == alone.x_range
        assert picture.y_range == alone.y_range and picture.rows == alone.rows
        if fn == "1/x" and x0 == 0:
            assert picture.limit is None
            continue
        assert float(picture.limit) == pytest.approx(derivative(x0), rel=1e-12)
        if picture.view.secant_slope is not None:
            exact = (f(x0 + dx) - f(x0)) / dx
            assert picture.view.secant_slope == pytest.approx(exact, rel=1e-6)


@pytest.mark.parametrize("fn", list(SYMPY))
def test_the_curve_covers_every_window_at_its_density(fn: str) -> None:
    pieces = curve_across(fn, X0_STEPS)
    ex = example(fn)
    assert all(len(p) <= CURVE_POINTS_PER_WINDOW <= MAX_LINE_POINTS for p in pieces)
    xs = np.concatenate([p["x"].to_numpy() for p in pieces])
    low, high = secant_window(ex, -3.0)[0], secant_window(ex, 3.0)[1]
    assert xs.min() == low and xs.max() == high
    for a, b in zip(pieces, pieces[1:], strict=False):  # the pieces share their ends
        assert a["x"].iloc[-1] == b["x"].iloc[0]
    width = secant_window(ex, 1.0)[1] - secant_window(ex, 1.0)[0]
    spacing = width / (CURVE_POINTS_PER_WINDOW - 1)
    assert np.diff(pieces[0]["x"].to_numpy()).max() <= spacing + 1e-12
    f = sp.lambdify(x, SYMPY[fn])
    for piece in pieces:
        shown = piece.dropna()
        assert np.allclose(shown["y"], [f(v) for v in shown["x"]], rtol=1e-12)
    if fn == "1/x":  # a gap at the pole
        near = np.concatenate([p[abs(p["x"]) < 0.01]["y"].to_numpy() for p in pieces])
        assert np.isnan(near).all()
