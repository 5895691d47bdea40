"""The derivative calculator in AppTest: defaults, deep links, examples, bad and hostile input."""

import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import numbers
from tests.core.test_expression_security import CODE_EXECUTION, SENTINEL
from tests.pages.helpers import all_text, touch_data, touch_row, unescaped

APP = str(Path(__file__).parent / "apps" / "calculator_app.py")
SUPERSCRIPTS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
TWO_E = f"≈ {2 * math.e:.5f}"  # f'(1) for x e^x, to six digits
PRODUCT_LATEX = r"f'(x) = \left(x + 1\right) e^{x}"


def run_with(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def formulas(at: AppTest) -> list[str]:
    return [el.value.strip("$\n") for el in at.latex]


# x0 is the one input of this touch unit: f'(x0), the verdict and the tangent are in its rows.
UNIT = "calculator_touch"


def slope_metric(at: AppTest) -> str:
    """f'(x0) as the unit shows it at the position Python holds."""
    return next(v for label, v in touch_row(at, UNIT)["metrics"] if label.startswith("f'(x₀)"))


def page_text(at: AppTest) -> str:
    """all_text, and what the unit shows at Python's position: its numbers, notes and text
    alternative."""
    row = touch_row(at, UNIT)
    unit = [f"{label} {value}" for label, value in row["metrics"]] + row["notes"] + [row["alt"]]
    return "\n".join([all_text(at), *unit])


def table(at: AppTest):
    return at.table[0].value


def test_default_is_the_notes_product_example_at_x0_equal_1():
    at = run_with()
    assert not at.exception
    assert formulas(at) == ["f(x) = x e^{x}", PRODUCT_LATEX]
    assert slope_metric(at) == TWO_E
    assert not at.error


def test_deep_link_shows_e_to_the_x_times_x_plus_1_and_5_4366():
    at = run_with({"f": "x*exp(x)", "x0": "1"})
    assert PRODUCT_LATEX in formulas(at)
    assert slope_metric(at) == TWO_E


def test_deep_link_to_the_chain_rule_example_at_0_gives_2():
    at = run_with({"f": "exp(2x)", "x0": "0"})
    assert "f'(x) = 2 e^{2 x}" in formulas(at)
    assert slope_metric(at) == "2"


def test_steps_are_nested_and_name_their_rules():
    at = run_with({"f": "exp(2x)"})
    steps = next(m.value for m in at.markdown if "rule**" in m.value)
    # the list of steps, after its heading paragraph ("**Step by step**, each step naming...")
    heading, steps = steps.split("\n\n", 1)
    assert heading.startswith("**Step by step**")
    lines = steps.splitlines()
    # each step starts with ✓ where SymPy confirmed it (issue 18), then names its rule
    assert lines[0].startswith("- ✓ **chain rule**")
    assert "outside, the exp rule gives $e^{2 x}$" in lines[0]
    assert lines[1].startswith("    - ✓ **constant multiple rule**")
    assert lines[2].startswith("        - ✓ **power rule**")


def test_two_ways_table_has_the_formula_value_and_a_small_difference():
    frame = table(run_with({"f": "x*exp(x)", "x0": "1"}))
    assert list(frame["f′(x₀)"])[0] == f"{2 * math.e:.12g}"  # 5.43656365692
    assert (
        float(
            list(frame["difference"])[1]
            .replace(" × 10", "e")
            .replace("⁻", "-")
            .translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
        )
        < 1e-8
    )
    assert list(frame["difference"])[0] == "0 (reference)"


def test_the_dual_numbers_row_is_in_a_closed_going_further_expander():
    at = run_with({"f": "x*exp(x)", "x0": "1"})
    expander = next(e for e in at.expander if "dual numbers" in e.label)
    assert not expander.proto.expanded
    assert [m.value for m in expander.get("metric")] == [f"{2 * math.e:.12g}"]


def test_chart_draws_f_f_prime_and_the_tangent_at_x0():
    at = run_with({"f": "x^2", "x0": "2"})
    assert not at.get("vega_lite_chart")  # the picture is the touch unit's
    picture = touch_data(at, UNIT)["picture"]
    assert [k["name"] for k in picture["legend"]] == ["f(x)", "f'(x)", "tangent"]
    assert len(picture["static"]) == 2  # f and f'
    assert "tangent" in touch_row(at, UNIT)["alt"]
    assert "where f(x₀) = 4, with slope f′(x₀) = 4." in page_text(at)


@pytest.mark.parametrize(
    ("example", "derivative"),
    [
        ("exp(2x)", "f'(x) = 2 e^{2 x}"),
        ("sin(x)^2", r"f'(x) = 2 \sin{\left(x \right)} \cos{\left(x \right)}"),
        ("x^3 - 2x + 1", "f'(x) = 3 x^{2} - 2"),
        ("ln(x)/x", r"f'(x) = \frac{1 - \ln{\left(x \right)}}{x^{2}}"),
        ("sqrt(1 + x^2)", r"f'(x) = \frac{x}{\sqrt{x^{2} + 1}}"),
    ],
)
def test_each_example_button_loads_its_function(example, derivative):
    at = run_with()
    at.button(key=f"example_{example}").click().run()
    assert not at.exception
    assert at.text_input(key="f").value == example
    assert derivative in formulas(at)


def test_typing_a_function_updates_the_derivative():
    at = run_with()
    at.text_input(key="f").set_value("x sin(x)").run()
    assert r"f'(x) = x \cos{\left(x \right)} + \sin{\left(x \right)}" in formulas(at)


def test_bad_input_gets_a_friendly_message_and_the_last_good_function_stays():
    at = run_with()
    at.text_input(key="f").set_value("2y").run()
    assert not at.exception
    assert "unknown name 'y': use x as the variable" in unescaped(at.error[0].value)
    assert PRODUCT_LATEX in formulas(at)
    assert "Still showing the last function that worked" in all_text(at)


def test_a_function_undefined_at_x0_says_so_instead_of_drawing_a_tangent():
    at = run_with({"f": "ln(x)", "x0": "-1"})
    assert not at.exception
    assert "f′(−1) does not exist: f is not defined at x₀ or on one side of it" in page_text(at)
    assert slope_metric(at) == "does not exist"


def test_too_expensive_input_is_called_too_expensive():
    at = run_with({"f": "sin(sin(3 + exp(exp(exp(3)))))"})
    assert not at.exception
    assert at.error[0].value.startswith("Too expensive")


@pytest.mark.parametrize(
    "hostile",
    [
        *CODE_EXECUTION[:12],
        "9^9^9",
        "x" * 500,
        "nan",
        "",
        "\x00",
        "<script>alert(1)</script>",
        "$\\href{javascript:alert(1)}{x}$",
        "[link](javascript:alert(1))",
    ],
    ids=lambda t: repr(t)[:30],
)
def test_hostile_f_in_the_link_is_refused_without_a_traceback(hostile):
    at = run_with({"f": hostile, "x0": "1"})
    assert not at.exception
    shown = all_text(at)
    assert "<script>" not in shown
    assert "javascript:" not in shown
    assert not Path(SENTINEL).exists()


@pytest.mark.parametrize("raw", ["nan", "inf", "-inf", "1e309", "abc", "99", "1,5", ""])
def test_hostile_x0_in_the_link_falls_back_or_is_clamped(raw):
    at = run_with({"x0": raw})
    assert not at.exception
    assert slope_metric(at) == TWO_E  # the default x0 = 1


def test_an_unreadable_x0_in_the_link_is_noted():
    at = run_with({"x0": "abc"})
    assert "The link asked for point x₀ = “abc”" in all_text(at)


def test_rules_page_deep_link_shows_the_product_example_and_2e():
    from tests.pages.helpers import open_page

    at = open_page("app_pages/rules/page.py", {"f": "x*exp(x)", "x0": "1"})
    assert not at.exception
    assert PRODUCT_LATEX in formulas(at)
    assert slope_metric(at) == TWO_E


def tangent_rows(at: AppTest) -> int:
    """Points of the tangent (the row's line layers) in the unit at Python's position."""
    row = touch_row(at, UNIT)
    return sum(len(layer["points"]) for layer in row["layers"] if layer["kind"] == "line")


def test_abs_at_0_has_no_derivative_and_says_why_with_the_one_sided_slopes():
    """Issue 16, finding 3: abs(x) at 0 showed f'(x0) = 0, a tangent and 'Three ways to the
    same slope' (every row 0), while the next page uses |x| at 0 as its corner."""
    at = run_with({"f": "abs(x)", "x0": "0"})
    assert not at.exception
    assert slope_metric(at) == "does not exist"
    text = page_text(at)
    assert "f′(0) does not exist: x₀ = 0 is a corner." in text
    assert "from the left they settle near −1, from the right they settle near 1" in text
    assert "Three ways to the same slope" not in text
    assert tangent_rows(at) == 0
    links = at.get("page_link")
    assert [link.proto.page for link in links] == ["non-differentiability"]


def test_abs_formula_sign_x_is_said_to_hold_only_for_x_not_0():
    at = run_with({"f": "abs(x)", "x0": "1"})
    assert slope_metric(at) == "1"
    assert "only where x ≠ 0" in all_text(at)


@pytest.mark.parametrize(
    ("f", "kind", "never"),
    [
        ("1/x", "f is not defined at x₀ or on one side of it", "10000000000"),
        ("x^(1/3)", "the tangent there is vertical", "2154"),
    ],
)
def test_one_over_x_and_cube_root_at_0_have_no_derivative(f, kind, never):
    """1/x at 0 printed a numerical slope of 10000000000, x^(1/3) at 0 one of 2154.43."""
    at = run_with({"f": f, "x0": "0"})
    assert slope_metric(at) == "does not exist"
    text = page_text(at) + " ".join(str(t.value) for t in at.table)
    assert kind in text
    assert never not in text
    assert tangent_rows(at) == 0


def test_the_central_difference_caption_does_not_promise_an_error_of_about_h_squared():
    """Review R1: for x|x| at 0 the central quotient is exactly h (not about h²), under a
    caption 'Two ways to the same slope ... off by about h²'."""
    at = run_with({"f": "x*abs(x)", "x0": "0"})
    assert not at.exception
    text = all_text(at)
    assert "off by about h² (and by rounding)" not in text
    assert "Two ways to the same slope" not in text
    assert "Two ways to f′(x₀)" in text
    h = 1e-5
    central = ((h * abs(h)) - (-h * abs(-h))) / (2 * h)  # the quotient, by hand: h
    rows = table(at) if "method" in table(at).columns else at.table[1].value
    assert list(rows["difference"])[-1] == numbers.text(central, 2)
    assert "for x·|x| at 0 it is h itself" in text


def test_rounded_one_sided_quotients_are_marked_approx():
    """Review R4: x^(1/3) at 0 showed '21.54', '464.2' (h^(−2/3): 21.5443…, 464.158…)."""
    at = run_with({"f": "x^(1/3)", "x0": "0"})
    assert not at.exception
    frame = next(t.value for t in at.table if "h" in t.value.columns)
    for h, right in zip(frame["h"], frame["right (f(x₀ + h) − f(x₀)) / h"], strict=True):
        value = float(h.replace("−", "-").replace(" × 10", "e").translate(SUPERSCRIPTS))
        oracle = value ** (-2 / 3)  # the quotient h^(1/3) / h
        assert right == (
            numbers.text(oracle) if numbers.is_exact(oracle) else f"≈ {numbers.text(oracle)}"
        )
