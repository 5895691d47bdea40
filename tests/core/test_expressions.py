"""The safe parser: what it accepts, what it refuses and how it says so; the numeric evaluator."""

import math
import time

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from core import limits
from core.errors import LearnerError
from core.expressions import (
    ExpressionError,
    ExpressionTooExpensive,
    X,
    canonical_text,
    equivalent,
    expression_latex,
    numeric_function,
    parse_function,
    parse_tree,
    to_text,
)

x = X

ACCEPTED = [
    ("7", sympy.Integer(7)),
    ("0.25", sympy.Rational(1, 4)),
    (".5x", x / 2),
    ("x", x),
    ("x + 1", x + 1),
    ("x - 1", x - 1),
    ("2*x", 2 * x),
    ("x/3", x / 3),
    ("x^2", x**2),
    ("x**2", x**2),
    ("2^x^2", 2 ** (x**2)),
    ("-x^2", -(x**2)),
    ("(-x)^2", x**2),
    ("x^-1", 1 / x),
    ("2 * -x", -2 * x),
    ("2x", 2 * x),
    ("3(x+1)", 3 * (x + 1)),
    ("(x+1)(x-1)", (x + 1) * (x - 1)),
    ("x sin(x)", x * sympy.sin(x)),
    ("2x^2", 2 * x**2),
    ("xsin(x)", x * sympy.sin(x)),
    ("sin(x) + cos(x) + tan(x)", sympy.sin(x) + sympy.cos(x) + sympy.tan(x)),
    ("exp(x) + ln(x) + log(x)", sympy.exp(x) + 2 * sympy.log(x)),
    ("sqrt(x) + abs(x)", sympy.sqrt(x) + sympy.Abs(x)),
    ("e^x", sympy.exp(x)),
    ("e x", sympy.E * x),
    ("pi x", sympy.pi * x),
    ("x² + x³", x**2 + x**3),
    ("√x", sympy.sqrt(x)),
    ("√(x + 1)", sympy.sqrt(x + 1)),
    ("2√x", 2 * sympy.sqrt(x)),
    ("π", sympy.pi),
    ("2 − x", 2 - x),
    ("2 × x", 2 * x),
    ("3 · x", 3 * x),
    ("x ÷ 2", x / 2),
    ("sin(x)^2", sympy.sin(x) ** 2),
    ("sin(x)²", sympy.sin(x) ** 2),
    ("x^(1/3)", x ** sympy.Rational(1, 3)),
    ("  x\t+\n1 ", x + 1),
    ("((x))", x),
    ("--x", x),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTED, ids=[t for t, _ in ACCEPTED])
def test_accepted_text_parses_to_the_expected_function(text, expected):
    assert sympy.simplify(parse_function(text) - expected) == 0


def test_the_variable_is_the_real_symbol_x():
    assert sympy.Symbol("x", real=True) == X
    assert parse_function("x").is_real


def test_expression_error_is_a_learner_error_and_a_value_error():
    assert issubclass(ExpressionError, LearnerError)
    assert issubclass(ExpressionError, ValueError)
    assert issubclass(ExpressionTooExpensive, ExpressionError)


def test_three_times_bracket_keeps_the_constant_multiple_as_typed():
    assert parse_function("3(x+1)").is_Mul


MESSAGES = [
    ("y", "unknown name 'y': use x as the variable"),
    ("sin(x))", "unbalanced parenthesis at position 7"),
    ("(x+1", "unbalanced parenthesis at position 1"),
    ("2*(x+1", "unbalanced parenthesis at position 3"),
    ("", "type a function of x"),
    ("   ", "type a function of x"),
    ("x +", "something is missing after '+' at position 3"),
    ("x*", "something is missing after '*' at position 2"),
    ("sin x", "sin needs parentheses"),
    ("sin^2(x)", "write sin(x)^2"),
    ("Sin(x)", "write names in lowercase"),
    ("X", "lowercase x"),
    ("foo(x)", "unknown name 'foo'"),
    ("x!", "factorials"),
    ("f(x) = x^2", "type only the right-hand side"),
    ("1,5", "use a point for decimals"),
    ("x2", "write numbers before what they multiply"),
    ("()", "empty parentheses at position 1"),
    ("1.2.3", "more than one point"),
    ("x_1", "unexpected character '_' at position 2"),
    ("ｘ", "U+FF58"),
    ("1/0", "a division by zero is undefined"),
    ("ln(-1)", "no real value"),
    ("sqrt(-4)", "no real value"),
    ("x/(x-x)", "undefined"),
]


@pytest.mark.parametrize(("text", "fragment"), MESSAGES, ids=[t or "empty" for t, _ in MESSAGES])
def test_bad_text_gets_an_actionable_message(text, fragment):
    with pytest.raises(ExpressionError) as caught:
        parse_function(text)
    assert fragment in str(caught.value)


def test_length_limit_is_checked_first():
    ok = "x+" * 99 + "x"  # 199 characters
    assert len(ok) <= limits.MAX_EXPRESSION_CHARS
    with pytest.raises(ExpressionTooExpensive, match="too long"):
        parse_function("x" * (limits.MAX_EXPRESSION_CHARS + 1))


def test_nesting_limit():
    depth = limits.MAX_NESTING_DEPTH
    parse_function("(" * (depth - 1) + "x" + ")" * (depth - 1))
    with pytest.raises(ExpressionTooExpensive, match="nested too deeply"):
        parse_function("(" * (depth + 1) + "x" + ")" * (depth + 1))


def test_node_count_limit():
    with pytest.raises(ExpressionTooExpensive, match="too large"):
        parse_function("+".join(["x"] * 70))


def test_literal_size_limit():
    parse_function("1" * limits.MAX_LITERAL_DIGITS)
    with pytest.raises(ExpressionTooExpensive, match="at most 12 digits"):
        parse_function("1" * (limits.MAX_LITERAL_DIGITS + 1))


def test_exponent_limit():
    assert parse_function(f"x^{limits.MAX_EXPONENT}") == x**limits.MAX_EXPONENT
    with pytest.raises(ExpressionTooExpensive, match="exponent"):
        parse_function(f"x^{limits.MAX_EXPONENT + 1}")
    with pytest.raises(ExpressionTooExpensive, match="exponent"):
        parse_function("9^9^9")


def test_constant_parts_larger_than_the_limit_are_refused_without_sympy():
    started = time.perf_counter()
    with pytest.raises(ExpressionTooExpensive, match="too large"):
        parse_function("sin(sin(3 + exp(exp(exp(3)))))")
    with pytest.raises(ExpressionTooExpensive):
        parse_function("exp(1000) x")
    assert time.perf_counter() - started < 0.5
    assert parse_function("exp(100) x") == sympy.exp(100) * x


def test_canonical_text_is_shared_by_spellings_of_one_function():
    assert canonical_text("2x") == canonical_text("2*x") == canonical_text(" 2 * x ") == "2*x"
    assert canonical_text("x²") == canonical_text("x**2") == "x^2"
    assert canonical_text("(x+1)(x-1)") == "(x+1)*(x-1)"


@pytest.mark.parametrize(
    "text",
    ["x^3 - 2x + 1", "-x^2", "(-x)^2", "2^x^2", "x^(-1)", "1/(x*2)", "x-(x-1)", "--x", "√x^3"],
)
def test_canonical_text_parses_back_to_the_same_tree(text):
    tree = parse_tree(text)
    assert parse_tree(to_text(tree)) == tree


def test_numeric_function_uses_the_real_cube_root_for_negative_x():
    f = numeric_function(parse_function("x^(1/3)"))
    np.testing.assert_allclose(f(np.array([-8.0, -1.0, 0.0, 27.0])), [-2.0, -1.0, 0.0, 3.0])
    g = numeric_function(parse_function("x^(2/3)"))
    assert float(g(-8.0)) == pytest.approx(4.0)


def test_numeric_function_is_nan_where_f_is_undefined():
    values = numeric_function(parse_function("sqrt(x) + ln(x) + 1/x"))(np.array([-1.0, 0.0, 1.0]))
    assert math.isnan(values[0]) and math.isnan(values[1])
    assert values[2] == pytest.approx(2.0)


def test_numeric_function_matches_closed_forms():
    f = numeric_function(parse_function("x e^x - 3 sin(2x) + abs(x - 1) / (1 + x^2)"))
    points = np.linspace(-3, 3, 13)
    expected = (
        points * np.exp(points) - 3 * np.sin(2 * points) + np.abs(points - 1) / (1 + points**2)
    )
    np.testing.assert_allclose(f(points), expected, rtol=1e-12)


def test_numeric_function_keeps_the_shape_of_its_input_for_constants():
    assert numeric_function(sympy.Integer(5))(np.zeros(4)).shape == (4,)
    assert float(numeric_function(sympy.pi)(1.0)) == pytest.approx(math.pi)


def test_numeric_function_evaluates_sign_from_derivatives_of_abs():
    f = numeric_function(sympy.sign(x))
    np.testing.assert_array_equal(f(np.array([-2.0, 0.0, 3.0])), [-1.0, 0.0, 1.0])


def test_latex_uses_ln_and_says_undefined_instead_of_zoo():
    assert expression_latex(parse_function("ln(x)/x")) == r"\frac{\ln{\left(x \right)}}{x}"
    assert expression_latex(sympy.zoo) == r"\text{undefined}"


def test_equivalent_accepts_the_notes_chain_rule_answer_and_refuses_the_slip():
    expected = 2 * sympy.exp(2 * x)
    assert equivalent("2e^(2x)", expected)[0]
    assert equivalent("exp(2x) * 2", expected)[0]
    correct, message = equivalent("2e^x", expected)
    assert not correct
    assert "Not quite" in message


def test_equivalent_accepts_other_forms_of_the_same_function():
    assert equivalent("0.5 x^(-0.5)", 1 / (2 * sympy.sqrt(x)))[0]
    assert equivalent("2 sin(x) cos(x)", sympy.sin(2 * x))[0]
    assert equivalent("e^x (x + 1)", x * sympy.exp(x) + sympy.exp(x))[0]


def test_equivalent_explains_an_unreadable_answer():
    correct, message = equivalent("2y", x)
    assert not correct
    assert "unknown name 'y'" in message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_tree_or_an_expression_error(text):
    try:
        parse_tree(text)
    except ExpressionError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="x0123456789.+-*/^() sincoexptalgqrb²³√π", max_size=40))
def test_formula_like_text_is_an_expression_or_an_expression_error_quickly(text):
    started = time.perf_counter()
    try:
        result = parse_function(text)
    except ExpressionError:
        pass
    else:
        assert isinstance(result, sympy.Expr)
        assert result.free_symbols <= {X}
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("x/ln(sqrt(1))", "division by zero"),
        ("x/sin(pi)", "division by zero"),
        ("(-1)^x", "a base of 0 or below with x in the exponent"),
        ("cos(2)^x", "a base of 0 or below"),
        ("0^x", "a base of 0 or below"),
    ],
)
def test_functions_with_no_real_value_for_most_x_are_refused(text, fragment):
    with pytest.raises(ExpressionError, match=fragment):
        parse_function(text)


def test_numeric_function_gives_nan_for_constants_without_a_real_value():
    values = numeric_function(x + sympy.I)(np.array([1.0, 2.0]))
    assert np.isnan(values).all()
    assert np.isnan(numeric_function(sympy.zoo * x)(np.array([1.0]))).all()
