"""The one-line verdicts on the non-differentiability page name the right kind of point."""

from __future__ import annotations

import math

from app_pages.non_differentiability.verdict import verdict_sentence
from core.differentiability import describe_point


def x_sin_inverse_x(x: float) -> float:
    return x * math.sin(1 / x) if x != 0 else 0.0


def test_a_point_whose_slopes_keep_swinging_is_called_no_limit_not_a_corner():
    sentence = verdict_sentence(describe_point(x_sin_inverse_x, 0.0))
    assert sentence.startswith("Verdict: no limit at x0 = 0.")
    assert "corner" not in sentence


def test_a_corner_names_its_two_one_sided_slopes():
    sentence = verdict_sentence(describe_point(abs, 0.0))
    assert sentence.startswith("Verdict: corner at x0 = 0.")
    assert "left slopes go to −1, the right slopes to 1:" in sentence
