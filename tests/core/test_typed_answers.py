"""Typed derivative answers: right, a named slip, or a hint with a counterexample."""

import sympy

from core.typed_answers import DerivativeQuestion, Slip, judge_derivative

x = sympy.Symbol("x", real=True)
PRODUCT = DerivativeQuestion(
    derivative=sympy.diff(x * sympy.exp(x), x),  # the oracle: SymPy's own derivative
    rule_hint="Hint: x·eˣ is a product, so (f·g)′ = f′·g + f·g′.",
    slips=(
        Slip(sympy.exp(x), "eˣ is only the first term, (x)′·eˣ."),
        Slip(x * sympy.exp(x), "x·eˣ is only the second term, x·(eˣ)′."),
    ),
)
CHAIN = DerivativeQuestion(
    derivative=sympy.diff(sympy.exp(2 * x), x),
    rule_hint="Hint: e^(2x) is e^u with u = 2x, so multiply by the inner derivative u′.",
    slips=(Slip(sympy.exp(2 * x), "the inner derivative (2x)′ = 2 is missing."),),
)


def test_the_right_answer_in_any_form_is_right():
    for text in ("e^x*(x+1)", "x*exp(x) + exp(x)", "exp(x)*x + e^x"):
        correct, _ = judge_derivative(text, PRODUCT)
        assert correct, text


def test_one_term_of_the_product_rule_is_named_with_the_rule():
    correct, message = judge_derivative("e^x", PRODUCT)
    assert not correct
    assert message == f"Not quite: eˣ is only the first term, (x)′·eˣ. {PRODUCT.rule_hint}"
    correct, message = judge_derivative("x*e^x", PRODUCT)
    assert not correct and "only the second term" in message


def test_the_chain_rule_without_the_inner_derivative_is_named():
    correct, message = judge_derivative("exp(2*x)", CHAIN)
    assert not correct and "inner derivative (2x)′ = 2 is missing" in message
    assert judge_derivative("2*e^(2*x)", CHAIN)[0]


def test_another_wrong_answer_gets_the_hint_then_a_counterexample():
    correct, message = judge_derivative("x^2", PRODUCT)
    assert not correct
    assert message.startswith(f"Not quite. {PRODUCT.rule_hint} Check: at x = ")
    # the counterexample is true: the point and both values come from the checker
    point = float(message.split("at x = ")[1].split(" ")[0].rstrip(","))
    exact = float(PRODUCT.derivative.subs(x, sympy.Float(point)))
    assert f"not {exact:.6g}" in message


def test_unreadable_text_gets_no_hint():
    correct, message = judge_derivative("e^^x", PRODUCT)
    assert not correct and message.startswith("That answer could not be read")
