"""Exact one-sided limits of the difference quotient (issue 16, review N1): f'(0) of x|x|,
x³ and x√|x| is exactly 0, not the quotient at dx = 1e-7."""

from fractions import Fraction

import numpy as np
import pytest
import sympy

from core.differentiability import PointKind, describe_point, point_study
from core.expressions import numeric_function, parse_function
from core.one_sided_limits import exact_slopes, one_sided_limits


def _oracle(text: str, x0: str) -> tuple:
    """The one-sided limits by sympy, written independently (symbol h > 0, limit from +)."""
    x, h = sympy.Symbol("x", real=True), sympy.Symbol("h", positive=True)
    f = sympy.sympify(text.replace("^", "**"), locals={"x": x})
    a = sympy.Rational(x0)
    right = sympy.limit((f.subs(x, a + h) - f.subs(x, a)) / h, h, 0, "+")
    left = sympy.limit((f.subs(x, a) - f.subs(x, a - h)) / h, h, 0, "+")
    return left, right


@pytest.mark.parametrize(
    ("text", "x0"),
    [
        ("x*abs(x)", "0"),
        ("x^3", "0"),
        ("x*sqrt(abs(x))", "0"),
        ("abs(x^2 - 1)", "1"),
        ("abs(x)", "0"),
        ("x^2", "0.1"),
    ],
)
def test_rational_limits_are_exact_fractions_equal_to_sympy(text, x0):
    left, right = one_sided_limits(parse_function(text), x0)
    expected = _oracle(text, x0)
    assert (left, right) == tuple(Fraction(int(v.p), int(v.q)) for v in expected)
    assert isinstance(left, Fraction) and isinstance(right, Fraction)


def test_an_irrational_limit_is_a_float_and_no_limit_is_none():
    left, right = one_sided_limits(parse_function("exp(x)"), "1")
    assert isinstance(left, float) and left == right == pytest.approx(float(sympy.E), abs=0)
    assert one_sided_limits(parse_function("x*sin(1/x)"), "0") == (None, None)
    assert one_sided_limits(parse_function("1/x"), "0") == (None, None)


@pytest.mark.parametrize("text", ["x*abs(x)", "x^3", "x*sqrt(abs(x))"])
def test_point_study_states_the_exact_derivative_zero(text):
    expression = parse_function(text)
    study = point_study(numeric_function(expression), 0.0, 1e-6, expression)
    assert study.report.kind is PointKind.DIFFERENTIABLE
    assert study.report.exact_derivative == 0
    assert isinstance(study.report.derivative, Fraction)
    assert study.report.derivative == Fraction(0)


@pytest.mark.parametrize(
    "f",
    [lambda x: x * np.abs(x), lambda x: x**3, lambda x: x * np.sqrt(np.abs(x))],
)
def test_without_sympy_quotients_shrinking_to_zero_give_derivative_zero(f):
    report = describe_point(f, 0.0)
    assert report.kind is PointKind.DIFFERENTIABLE
    assert report.slopes_vanish
    assert report.derivative == 0


def test_quotients_that_settle_on_a_nonzero_number_do_not_vanish():
    report = describe_point(lambda x: x**2, 1.0)
    assert report.kind is PointKind.DIFFERENTIABLE
    assert not report.slopes_vanish
    assert report.exact_derivative is None


def test_exact_slopes_goes_through_the_worker():
    assert exact_slopes(parse_function("abs(x - 2)"), 2.0) == (Fraction(-1), Fraction(1))


def test_a_timeout_is_remembered_so_the_learner_waits_once(monkeypatch):
    import core.expression_worker as worker

    calls = []

    def slow(job, argument, timeout=None):
        calls.append(job)
        return "timeout", None

    monkeypatch.setattr(worker, "run_job", slow)
    expression = parse_function("x^7 + abs(x - 3)")
    assert exact_slopes(expression, 0.7) == (None, None)
    assert exact_slopes(expression, 0.7) == (None, None)
    assert calls == ["one_sided"]
