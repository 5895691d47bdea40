"""Each named step of the calculator is checked against SymPy's derivative of that step's input
(issue 18: the steps were named, but nothing said they had been verified)."""

import pytest
import sympy

from core.derivatives import Step, differentiate, step_checked
from core.expression_worker import analyse
from core.expressions import X, parse_function


@pytest.mark.parametrize(
    "text",
    ["x*exp(2*x)", "sin(x)^3 + ln(x)", "abs(x) + 1/x", "sqrt(x^2 + 1)", "x^(1/3) * cos(5*x)"],
)
def test_every_step_of_a_real_derivation_is_checked(text):
    derivation = differentiate(parse_function(text))
    steps = [step for _, step in derivation.walk()]
    assert steps and all(step_checked(step) for step in steps)
    # the oracle agrees with the whole result too
    assert sympy.simplify(derivation.result - sympy.diff(parse_function(text), X)) == 0


@pytest.mark.parametrize(
    ("expression", "wrong"),
    [
        (X * sympy.exp(X), sympy.exp(X)),  # one term of the product rule
        (sympy.exp(2 * X), sympy.exp(2 * X)),  # the chain rule without the inner derivative
        (sympy.sin(X), -sympy.cos(X)),
    ],
)
def test_a_wrong_step_is_not_checked(expression, wrong):
    assert not step_checked(Step("made up", expression, wrong))


def test_the_calculator_analysis_carries_a_check_per_step():
    analysis = analyse("x*e^x")
    assert analysis.error is None
    assert analysis.steps and all(step.checked for step in analysis.steps)
