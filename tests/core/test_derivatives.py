"""Derivatives step by step, checked against sympy.diff (an independent oracle) for every step,
and the three ways to f'(x0) agreeing where f is smooth."""

import pytest
import sympy

from core.autodiff import three_ways
from core.derivatives import RULES, differentiate
from core.expressions import X, expression_latex, parse_function

x = X

# (typed function, points where it is smooth)
POSITIVE = (0.4, 1.3, 2.6)
ANYWHERE = (-1.7, -0.3, 0.6, 2.1)
FUNCTIONS = [
    # polynomials
    ("5", ANYWHERE),
    ("x", ANYWHERE),
    ("3x", ANYWHERE),
    ("x^2", ANYWHERE),
    ("x^3", ANYWHERE),
    ("x^3 - 2x + 1", ANYWHERE),
    ("4x^5 - 3x^2 + 7", ANYWHERE),
    ("(x+1)^2", ANYWHERE),
    ("(2x-1)^3", ANYWHERE),
    ("(x^2+1)(x-3)", ANYWHERE),
    ("-x^4 + x", ANYWHERE),
    ("x^10", ANYWHERE),
    ("0.5x^2 - 1.5x", ANYWHERE),
    ("3(x+1)", ANYWHERE),
    # roots and other powers
    ("sqrt(x)", POSITIVE),
    ("x^(1/3)", (-2.5, -0.8, 0.8, 1.7)),
    ("x^(2/3)", (-2.5, -0.8, 0.8, 1.7)),
    ("1/x", ANYWHERE),
    ("1/x^2", ANYWHERE),
    ("x^(-3)", ANYWHERE),
    ("sqrt(1 + x^2)", ANYWHERE),
    ("√(4 - x^2)", (-1.7, -0.3, 0.6, 1.5)),
    ("x√x", POSITIVE),
    ("1/sqrt(x)", POSITIVE),
    ("(x^2+1)^(1/3)", ANYWHERE),
    ("x^1.5", POSITIVE),
    # products
    ("x*exp(x)", ANYWHERE),
    ("x sin(x)", ANYWHERE),
    ("x^2 cos(x)", ANYWHERE),
    ("exp(x) sin(x)", ANYWHERE),
    ("x ln(x)", POSITIVE),
    ("sin(x) cos(x)", ANYWHERE),
    ("x^2 exp(-x)", ANYWHERE),
    ("x sin(x) cos(x)", ANYWHERE),
    ("(x+1)(x-1)", ANYWHERE),
    ("sqrt(x) ln(x)", POSITIVE),
    # quotients
    ("ln(x)/x", POSITIVE),
    ("x/(x+1)", (-0.3, 0.6, 2.1)),
    ("(x^2-1)/(x^2+1)", ANYWHERE),
    ("sin(x)/x", ANYWHERE),
    ("exp(x)/x^2", ANYWHERE),
    ("1/(1+exp(-x))", ANYWHERE),
    ("x/sqrt(x^2+1)", ANYWHERE),
    ("(x+2)/(x-3)", ANYWHERE),
    ("tan(x)/x", (-0.3, 0.6, 1.2)),
    ("cos(x)/(2+sin(x))", ANYWHERE),
    # compositions
    ("exp(2x)", ANYWHERE),
    ("sin(x)^2", ANYWHERE),
    ("sin(x^2)", ANYWHERE),
    ("cos(3x+1)", ANYWHERE),
    ("exp(x^2)", ANYWHERE),
    ("ln(x^2+1)", ANYWHERE),
    ("sqrt(sin(x)^2+1)", ANYWHERE),
    ("sin(cos(x))", ANYWHERE),
    ("exp(sin(x))", ANYWHERE),
    ("ln(ln(x))", (1.3, 2.6, 4.0)),
    ("(3x^2+1)^5", ANYWHERE),
    ("e^(-x^2/2)", ANYWHERE),
    ("ln(1+exp(x))", ANYWHERE),
    ("tan(2x)", (-0.3, 0.6, 2.1)),
    ("2^x", ANYWHERE),
    ("x^x", POSITIVE),
    ("sin(exp(x)/3)", ANYWHERE),
    ("2^(x^2)", ANYWHERE),
    # exp, ln and trigonometry on their own
    ("exp(x)", ANYWHERE),
    ("ln(x)", POSITIVE),
    ("log(x)", POSITIVE),
    ("sin(x)", ANYWHERE),
    ("cos(x)", ANYWHERE),
    ("tan(x)", (-0.3, 0.6, 2.1)),
    ("e^x", ANYWHERE),
    ("pi sin(x)", ANYWHERE),
    # absolute value (away from its kinks)
    ("abs(x)", (-1.7, -0.3, 0.6, 2.1)),
    ("abs(x^2-1)", (-1.7, -0.3, 0.6, 2.1)),
    ("x abs(x)", (-1.7, -0.3, 0.6, 2.1)),
    ("abs(sin(x))", (-1.7, -0.3, 0.6, 2.1)),
    ("abs(x-1) + x", (-1.7, -0.3, 0.6, 2.1)),
]
IDS = [text for text, _ in FUNCTIONS]


def test_there_are_at_least_sixty_functions():
    assert len(FUNCTIONS) >= 60


def equal(a: sympy.Expr, b: sympy.Expr) -> bool:
    return sympy.simplify(a - b) == 0


@pytest.mark.parametrize(("text", "points"), FUNCTIONS, ids=IDS)
def test_result_equals_sympy_diff(text, points):
    f = parse_function(text)
    assert equal(differentiate(f).result, sympy.diff(f, X))


@pytest.mark.parametrize(("text", "points"), FUNCTIONS, ids=IDS)
def test_every_step_is_correct_and_named_by_a_known_rule(text, points):
    derivation = differentiate(parse_function(text))
    assert derivation.steps[0] is derivation.root
    for step in derivation.steps:
        assert step.rule in RULES
        assert equal(step.derivative, sympy.diff(step.expression, X)), (step.rule, step.expression)
        if step.rule == "chain":
            assert step.outer in RULES and step.outer_derivative is not None
            assert len(step.substeps) == 1


@pytest.mark.parametrize(("text", "points"), FUNCTIONS, ids=IDS)
def test_three_ways_agree_where_f_is_smooth(text, points):
    f = parse_function(text)
    derivative = differentiate(f).result
    for x0 in points:
        ways = three_ways(f, derivative, x0)
        scale = max(1.0, abs(ways.exact))
        assert ways.central_error <= 1e-6 * scale, (x0, ways)
        assert ways.dual_error <= 1e-9 * scale, (x0, ways)


def rules_used(text: str) -> list[tuple[int, str, str]]:
    return [(depth, s.rule, s.outer) for depth, s in differentiate(parse_function(text)).walk()]


def test_notes_product_rule_example_is_e_to_the_x_times_x_plus_1():
    derivation = differentiate(parse_function("x*exp(x)"))
    assert derivation.result == (x + 1) * sympy.exp(x)
    assert expression_latex(derivation.result) == r"\left(x + 1\right) e^{x}"
    assert rules_used("x*exp(x)") == [(0, "product", ""), (1, "power", ""), (1, "exp", "")]


def test_notes_chain_rule_example_is_2_e_to_the_2x_not_2_e_to_the_x():
    derivation = differentiate(parse_function("exp(2x)"))
    assert derivation.result == 2 * sympy.exp(2 * x)
    assert derivation.result != 2 * sympy.exp(x)
    assert rules_used("exp(2x)") == [
        (0, "chain", "exp"),
        (1, "constant multiple", ""),
        (2, "power", ""),
    ]
    assert derivation.root.outer_derivative == sympy.exp(2 * x)


def test_sum_rule_splits_a_polynomial_into_its_terms():
    assert rules_used("x^3 - 2x + 1") == [
        (0, "sum", ""),
        (1, "constant", ""),
        (1, "power", ""),
        (1, "constant multiple", ""),
        (2, "power", ""),
    ]
    assert differentiate(parse_function("x^3 - 2x + 1")).result == 3 * x**2 - 2


def test_quotient_rule_for_ln_x_over_x():
    assert rules_used("ln(x)/x") == [(0, "quotient", ""), (1, "ln", ""), (1, "power", "")]
    assert differentiate(parse_function("ln(x)/x")).result == (1 - sympy.log(x)) / x**2


def test_square_of_sine_is_a_chain_with_the_power_rule_outside():
    assert rules_used("sin(x)^2") == [(0, "chain", "power"), (1, "sin", "")]
    assert differentiate(parse_function("sin(x)^2")).result == 2 * sympy.sin(x) * sympy.cos(x)


def test_square_root_of_one_plus_x_squared():
    assert rules_used("sqrt(1 + x^2)")[0] == (0, "chain", "sqrt")
    assert differentiate(parse_function("sqrt(1 + x^2)")).result == x / sympy.sqrt(1 + x**2)


@pytest.mark.parametrize(
    ("text", "rule", "derivative"),
    [
        ("7", "constant", sympy.Integer(0)),
        ("x^4", "power", 4 * x**3),
        ("sin(x)", "sin", sympy.cos(x)),
        ("cos(x)", "cos", -sympy.sin(x)),
        ("tan(x)", "tan", 1 + sympy.tan(x) ** 2),
        ("exp(x)", "exp", sympy.exp(x)),
        ("ln(x)", "ln", 1 / x),
        ("sqrt(x)", "sqrt", 1 / (2 * sympy.sqrt(x))),
        ("abs(x)", "abs", sympy.sign(x)),
        ("2^x", "exp", 2**x * sympy.log(2)),
        ("5 sin(x)", "constant multiple", 5 * sympy.cos(x)),
    ],
)
def test_each_basic_rule_by_name(text, rule, derivative):
    derivation = differentiate(parse_function(text))
    assert derivation.root.rule == rule
    assert equal(derivation.root.derivative, derivative)


def test_constant_multiple_of_a_bracket_as_typed():
    assert rules_used("3(x+1)")[:2] == [(0, "constant multiple", ""), (1, "sum", "")]


def test_x_to_the_x_goes_through_e_to_the_x_ln_x():
    root = differentiate(parse_function("x^x")).root
    assert (root.rule, root.outer) == ("chain", "exp")
    assert root.substeps[0].expression == x * sympy.log(x)
    assert root.substeps[0].rule == "product"


def test_every_rule_name_is_used_by_some_example():
    used = {
        step.rule for text, _ in FUNCTIONS for step in differentiate(parse_function(text)).steps
    }
    assert used == set(RULES)


def test_tidy_form_is_not_longer_than_sympys_own_derivative():
    for text in IDS:
        f = parse_function(text)
        result = differentiate(f).result
        assert sympy.count_ops(result) <= sympy.count_ops(sympy.diff(f, X)), text


def test_tangent_picture_of_x_squared_at_2_touches_at_4_with_slope_4():
    from core.derivatives import tangent_picture

    picture = tangent_picture(x**2, 2 * x, 2.0)
    assert (picture.f_x0, picture.slope) == (4.0, 4.0)
    assert set(picture.frame["curve"]) == {"f(x)", "f'(x)"}
    low, high = picture.y_domain
    assert low < -10 + 1 and high > 25 - 1  # f' reaches -10 and f reaches 25 on [-5, 5]


def test_tangent_picture_breaks_the_line_at_a_pole_instead_of_jumping():
    from core.derivatives import tangent_picture

    picture = tangent_picture(1 / x, -1 / x**2, 1.0)
    f_values = picture.frame[picture.frame["curve"] == "f(x)"]["y"]
    assert f_values.isna().any()
    low, high = picture.y_domain
    assert high < 100  # the asymptote does not flatten the rest of the picture


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("exp(x(x/2 - 10^10))", (sympy.Rational(-1, 10**10), sympy.Rational(1, 10**10))),
        ("((x+1)^100 + (x+2)^99)^100", (sympy.Integer(-1),)),
        ("((((x+1)^100+1)^100+1)^100+1)^100", (sympy.Integer(-1),)),
    ],
)
def test_inputs_that_make_factor_run_for_minutes_are_differentiated_quickly(text, points):
    import time

    f = parse_function(text)
    started = time.perf_counter()
    result = differentiate(f).result
    assert time.perf_counter() - started < 1.0
    oracle = sympy.diff(f, X)
    for point in points:  # exact values, where they stay of a manageable size
        assert sympy.N(result.subs(X, point) - oracle.subs(X, point), 30) == 0
