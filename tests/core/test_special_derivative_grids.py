"""The grid calls behind the Rules tabs' touch units (sin-cos, e, ln): each position equals the
one-position call the tabs made before (wave_working, exp_working, inverse_working) and
mpmath at 40 digits."""

from __future__ import annotations

from fractions import Fraction

import mpmath
import numpy as np
import pytest

from core.special_derivatives import (
    WAVE_QUOTIENT_SAMPLES,
    exp_slopes,
    exp_working,
    inverse_grid,
    inverse_working,
    wave_grid,
    wave_working,
)

mpmath.mp.dps = 40
ANGLES = tuple(round(i / 10, 1) for i in range(-60, 61))
STEPS = (1.0, 0.5, 0.1, 0.01, 0.001)


def exact(value: float) -> mpmath.mpf:
    return mpmath.mpf(repr(value))


@pytest.mark.parametrize(("name", "at", "dx"), [("sin", 1.0, 0.5), ("cos", -2.3, 0.001)])
def test_wave_grid_is_wave_working_at_every_x_and_every_dx(name, at, dx) -> None:
    grid = wave_grid(name, ANGLES, STEPS, at, dx)
    f = mpmath.sin if name == "sin" else mpmath.cos
    d = mpmath.cos if name == "sin" else (lambda v: -mpmath.sin(v))
    for x, secant in zip(ANGLES, grid.by_angle, strict=True):
        assert secant == wave_working(name, x, dx).secant
        truth = (f(exact(x) + exact(dx)) - f(exact(x))) / exact(dx)
        assert secant.slope == pytest.approx(float(truth), rel=1e-9, abs=1e-12)
        assert secant.exact == pytest.approx(float(d(exact(x))), rel=1e-12, abs=1e-15)
    for h, secant, quotient in zip(STEPS, grid.by_step, grid.quotients, strict=True):
        assert secant == wave_working(name, at, h).secant
        truth = [
            float((f(exact(float(x)) + exact(h)) - f(exact(float(x)))) / exact(h))
            for x in WAVE_QUOTIENT_SAMPLES
        ]
        assert quotient == pytest.approx(truth, rel=1e-9, abs=1e-12)
    # the curves f and f' drawn once: wave_working's own, without the quotient
    curves = wave_working(name, at, dx).curves
    assert grid.curves.equals(curves[curves["series"] != curves["series"].iloc[-1]])
    assert np.all(np.diff(WAVE_QUOTIENT_SAMPLES) == pytest.approx(0.2))


def test_exp_slopes_are_exp_workings_and_mpmaths() -> None:
    positions = tuple(round(i / 10, 1) for i in range(-20, 21))
    for x, slope in zip(positions, exp_slopes(positions), strict=True):
        work = exp_working(1, x)
        assert (slope.x, slope.height, slope.slope) == (work.x, work.height, work.slope)
        assert slope.x == Fraction(repr(x))
        assert float(slope.height) == pytest.approx(float(mpmath.exp(exact(x))), rel=1e-15)
        assert slope.slope == pytest.approx(float(mpmath.exp(exact(x))), rel=1e-9)
    assert exp_slopes((0.0,))[0].height == 1 and isinstance(exp_slopes((0.0,))[0].height, Fraction)


@pytest.mark.parametrize("pair", ["square", "exp"])
def test_inverse_grid_is_inverse_working_at_every_y(pair) -> None:
    positions = tuple(round(i / 10, 1) for i in range(2, 41))
    for y, work in zip(positions, inverse_grid(pair, positions), strict=True):
        one = inverse_working(pair, y)
        assert (work.y, work.x, work.f_slope, work.reciprocal) == (
            one.y,
            one.x,
            one.f_slope,
            one.reciprocal,
        )
        assert work.measured == one.measured
        g_slope = 1 / exact(y) if pair == "exp" else 1 / (2 * mpmath.sqrt(exact(y)))
        assert float(work.reciprocal) == pytest.approx(float(g_slope), rel=1e-14)
