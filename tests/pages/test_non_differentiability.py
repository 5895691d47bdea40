"""The non-differentiability page in AppTest: every case, deep links, bad links, bad typing.

The zoom is a touch unit (dashboard.touch): dx, the magnified picture, the worked quotients,
both slopes and the verdict's kind travel to the browser as one row per dx. The tests read the
row the browser shows (`touch_row`) and set dx as a link does (`?dx=`) or as the browser does
after a pause (`at.session_state["dx"]`).
"""

import json
import math
from fractions import Fraction

import pytest
import sympy

from app_pages.non_differentiability.zoom import DX_STEPS
from dashboard import numbers
from tests.pages.helpers import (
    all_text,
    chart_captions,
    open_page,
    touch_data,
    touch_row,
    unescaped,
)

PAGE = "app_pages/non_differentiability/page.py"
ZOOM = "zoom_touch"
# the dx slider before it became a touch unit: every link to one of these still works
OLD_DX_OPTIONS = [1.0, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 1e-4, 1e-5, 1e-6]


def verdict_text(at) -> str:
    verdicts = [el.value for el in [*at.success, *at.warning] if el.value.startswith("Verdict")]
    assert len(verdicts) == 1, verdicts
    return verdicts[0]


def shown_dx(dx: str) -> str:
    """dx as the page prints it: 0.001, or 1 × 10⁻⁶ for the link value 1e-06."""
    return numbers.text(float(dx))


def metrics(row: dict) -> dict[str, str]:
    return dict(row["metrics"])


def slopes_line(at, dx: str) -> dict[str, str]:
    """The numbers the zoom unit shows beside its picture (left slope, right slope,
    right − left), after checking that its dx input stands at dx (as in the link)."""
    data = touch_data(at, ZOOM)
    control = data["controls"][0]
    assert control["labels"][control["index"]] == shown_dx(dx)
    shown = metrics(touch_row(at, ZOOM))
    return {
        "left": shown["Left slope"],
        "right": shown["Right slope"],
        "gap": shown["Right − left"],
    }


def maths(at) -> str:
    """The worked quotients the zoom unit shows at the dx Python holds."""
    return " ".join(touch_row(at, ZOOM)["tex"])


def unit_text(at) -> str:
    """Every sentence of the zoom unit at the dx Python holds: notes, alt, legend, picture."""
    row = touch_row(at, ZOOM)
    picture = touch_data(at, ZOOM)["picture"]
    return " ".join([*row["notes"], row["alt"], *row["legend"], picture["description"]])


def slopes_at(at, dx: str) -> tuple[str, str]:
    """The two slopes' digits ('≈ ' dropped: a rounded value is marked so)."""
    shown = slopes_line(at, dx)
    return shown["left"].removeprefix("≈ "), shown["right"].removeprefix("≈ ")


def test_default_view_is_the_corner_of_abs_with_slopes_minus_1_and_1():
    at = open_page(PAGE)
    assert not at.exception
    assert at.radio(key="case").value == "corner"
    assert "corner" in verdict_text(at)
    assert slopes_at(at, "0.1") == ("−1", "1")


def test_deep_link_case_corner_shows_left_minus_1_right_1_and_the_verdict_corner():
    at = open_page(PAGE, {"case": "corner"})
    assert not at.exception
    assert verdict_text(at).startswith("Verdict: corner at x0 = 0.")
    assert "the left slopes go to −1, the right slopes to 1" in verdict_text(at).lower()
    assert slopes_at(at, "0.1") == ("−1", "1")
    assert slopes_line(at, "0.1")["gap"] == "2"


# case, dx, verdict words, left slope, right slope (independent closed forms at that dx)
CASES = [
    ("corner", "0.001", "corner at x0 = 0", "−1", "1"),  # |x|: -1 and 1 for every dx
    ("cusp", "0.001", "cusp at x0 = 0", "−10", "10"),  # x^(2/3): -+dx^(-1/3) = -+10
    ("jump", "0.001", "jump at x0 = 0", "1000", "0"),  # step: 1/dx on the left, 0 on the right
    ("vertical", "0.001", "vertical tangent at x0 = 0", "100", "100"),  # x^(1/3): dx^(-2/3)
    ("undefined", "0.001", "undefined at x0 = 0", "undefined", "undefined"),  # 1/x at 0
    ("smooth", "0.001", "differentiable at x0 = 1", "1.999", "2.001"),  # x^2 at 1: 2 -+ dx
    ("smooth", "1e-06", "differentiable at x0 = 1", "2", "2"),
    ("cusp", "1e-06", "cusp at x0 = 0", "−100", "100"),
    ("jump", "1e-06", "jump at x0 = 0", "1 × 10⁶", "0"),
]


@pytest.mark.parametrize(("case", "dx", "words", "left", "right"), CASES)
def test_each_case_names_its_point_and_shows_both_slopes(case, dx, words, left, right):
    at = open_page(PAGE, {"case": case, "dx": dx})
    assert not at.exception
    assert words in verdict_text(at)
    assert slopes_at(at, dx) == (left, right)


def test_smooth_point_gives_the_derivative_2_of_x_squared_at_1():
    at = open_page(PAGE, {"case": "smooth"})
    # exactly 2 (SymPy's one-sided limits of the quotient), not the quotient at dx = 1e-7
    assert "f'(x0) = 2," in verdict_text(at)
    assert at.success, "a differentiable point is shown as a success"


def test_cusp_and_vertical_verdicts_say_where_the_slopes_run_off():
    cusp = verdict_text(open_page(PAGE, {"case": "cusp"}))
    assert "left slopes run off to −∞ and the right slopes to ∞" in cusp
    vertical = verdict_text(open_page(PAGE, {"case": "vertical"}))
    assert "Both slopes run off to ∞" in vertical


def test_the_slopes_table_lists_dx_from_1_down_to_the_chosen_dx():
    at = open_page(PAGE, {"case": "corner", "dx": "0.001"})
    table = at.table[0].value
    assert table["dx"].tolist() == ["1", "0.1", "0.01", "0.001"]
    assert table["left slope"].tolist() == ["−1"] * 4
    assert table["right slope"].tolist() == ["1"] * 4


def test_jump_table_shows_the_left_slope_growing_like_one_over_dx():
    at = open_page(PAGE, {"case": "jump", "dx": "0.0001"})
    table = at.table[0].value
    assert table["left slope"].tolist() == ["1", "10", "100", "1000", "10,000"]
    assert table["right slope"].tolist() == ["0"] * 5


def test_moving_dx_changes_the_slopes_shown():
    at = open_page(PAGE, {"case": "cusp"})
    assert slopes_at(at, "0.1") == ("−2.15443", "2.15443")
    # what the browser shows the moment the learner drags dx to 1e-6 ...
    dragged = touch_row(at, ZOOM, 0, DX_STEPS.index(1e-6))
    assert digits(metrics(dragged)["Left slope"]) == "−100"
    # ... and what Python shows once the position reaches it after the pause: the same row
    at.session_state["dx"] = 1e-6
    at.run()
    assert slopes_at(at, "1e-06") == ("−100", "100")
    assert touch_row(at, ZOOM) == dragged


def test_switching_the_case_changes_the_verdict():
    at = open_page(PAGE)
    at.radio(key="case").set_value("vertical").run()
    assert "vertical tangent" in verdict_text(at)
    at.radio(key="case").set_value("smooth").run()
    assert "differentiable at x0 = 1" in verdict_text(at)


def test_the_picture_is_f_magnified_by_one_over_dx_with_the_secants_one_dx_long():
    """Replaces the zoom chart's window x0 ± dx: the picture keeps one window, x − x0 from
    −2dx to 2dx, and x² at 1 with dx = 0.01 has its secants' ends at
    ((1 − 0.01)² − 1)/0.01 = −1.99 and ((1 + 0.01)² − 1)/0.01 = 2.01 (in steps of dx)."""
    at = open_page(PAGE, {"case": "smooth", "dx": "0.01"})
    picture = touch_data(at, ZOOM)["picture"]
    assert picture["x"] == [-2.0, 2.0]
    assert [label for _, label in picture["x_ticks"]] == ["−2dx", "−dx", "0", "dx", "2dx"]
    assert (picture["x_title"], picture["y_title"]) == ("x − x0", "f(x) − f(x0)")
    dx = Fraction(1, 100)
    ends = {
        label: point
        for layer in touch_row(at, ZOOM)["layers"]
        if layer["kind"] == "points"
        for point, label in zip(layer["points"], layer["labels"], strict=True)
    }
    assert ends["x0 − dx"] == pytest.approx([-1, float(((1 - dx) ** 2 - 1) / dx)], abs=1e-5)
    assert ends["x0 + dx"] == pytest.approx([1, float(((1 + dx) ** 2 - 1) / dx)], abs=1e-5)
    assert ends["x0"] == [0.0, 0.0]
    assert "drawn for x from 0.98 to 1.02" in touch_row(at, ZOOM)["alt"]


def test_moving_dx_keeps_the_picture_and_moves_only_its_row():
    """Replaces 'the spec stays': the picture's frame (window, axes, legend) is the same at
    every dx; what moves travels in the rows."""
    at = open_page(PAGE, {"case": "cusp", "dx": "0.1"})
    before = touch_data(at, ZOOM)
    at.session_state["dx"] = 1e-6
    at.run()
    after = touch_data(at, ZOOM)
    assert after["picture"] == before["picture"]
    assert after["rows"] == before["rows"]
    assert after["controls"][0]["index"] == DX_STEPS.index(1e-6)
    assert "drawn for x from −2 × 10⁻⁶ to 2 × 10⁻⁶" in touch_row(at, ZOOM)["alt"]


def test_the_worked_maths_shows_the_numbers_of_the_left_quotient():
    at = open_page(PAGE, {"case": "smooth", "dx": "0.5"})
    formulas = maths(at)
    assert r"\frac{1 - 0.25}{0.5} = 1.5" in formulas
    assert r"\frac{2.25 - 1}{0.5} = 2.5" in formulas


def test_relu_panel_shows_left_slope_0_and_right_slope_1():
    at = open_page(PAGE)
    relu = next(df.value for df in at.table if "ReLU left slope" in df.value.columns)
    assert relu["ReLU left slope"].tolist() == ["0", "0", "0"]
    assert relu["ReLU right slope"].tolist() == ["1", "1", "1"]
    assert "subgradient" in all_text(at)


@pytest.mark.parametrize(
    ("f", "x0", "words", "left", "right"),
    [
        ("abs(x - 2)", "2", "corner at x0 = 2", "−1", "1"),
        ("3*abs(x)", "0", "corner at x0 = 0", "−3", "3"),
        ("x^(2/3) + x", "0", "cusp at x0 = 0", "−9", "11"),
        ("x^(1/5)", "0", "vertical tangent at x0 = 0", "251.189", "251.189"),
        ("sqrt(x^2)", "0", "corner at x0 = 0", "−1", "1"),
        ("x*abs(x)", "0", "differentiable at x0 = 0", "0.001", "0.001"),
        ("sin(x)", "0", "differentiable at x0 = 0", "1", "1"),  # sin(0.001)/0.001 = 0.9999998
        ("1/(x - 1)", "1", "undefined at x0 = 1", "undefined", "undefined"),
    ],
)
def test_custom_function_is_classified_and_drawn(f, x0, words, left, right):
    at = open_page(PAGE, {"case": "custom", "f": f, "x0": x0, "dx": "0.001"})
    assert not at.exception
    assert words in verdict_text(at)
    assert slopes_at(at, "0.001") == (left, right)
    row = touch_row(at, ZOOM, 0, DX_STEPS.index(1.0))  # f on x0 ± 2, as the old wide chart
    drawn = [p for layer in row["layers"] if layer["kind"] == "line" for p in layer["points"]]
    assert len([p for p in drawn if p is not None and p[1] is not None]) >= 2


def test_custom_default_is_abs_of_x_squared_minus_1_at_1():
    at = open_page(PAGE, {"case": "custom"})
    assert at.text_input(key="f").value == "abs(x^2 - 1)"
    # the one-sided limits are exactly −2 and 2 (sympy in the worker), so 'go to', not 'near'
    assert "the left slopes go to −2, the right slopes to 2" in verdict_text(at).lower()


@pytest.mark.parametrize(
    ("f", "x0"),
    [("x*abs(x)", "0"), ("x^3", "0"), ("x*sqrt(abs(x))", "0"), ("x^2", "0.5"), ("exp(x)", "0")],
)
def test_custom_verdict_states_the_exact_derivative_not_a_quotient(f, x0):
    """Review N1: x|x|, x³, x√|x| at 0 read 'f'(x0) ≈ 1 × 10⁻⁷' (the quotient at dx = 1e-7)."""
    x = sympy.Symbol("x")
    expression = sympy.sympify(f.replace("^", "**"), locals={"x": x})
    exact = sympy.diff(expression.subs(sympy.Abs(x), sympy.sqrt(x**2)), x)
    value = sympy.limit(exact, x, sympy.Rational(x0))  # an independent oracle: the limit of f'
    shown = numbers.eq_text(Fraction(int(value.p), int(value.q)))
    at = open_page(PAGE, {"case": "custom", "f": f, "x0": x0})
    assert not at.exception
    assert f"Both slopes approach the same number, f'(x0) {shown}," in verdict_text(at)
    assert "≈" not in verdict_text(at)


def test_an_irrational_derivative_is_introduced_with_approx():
    at = open_page(PAGE, {"case": "custom", "f": "exp(x)", "x0": "1"})
    assert f"f'(x0) ≈ {numbers.text(math.e)}," in verdict_text(at)


def test_the_pictures_text_shows_the_typed_function_as_typed():
    """Review N7: point.py and zoom.py both escaped it, so backslashes showed. The unit's
    text is set as plain text in the browser (never markdown): no escaping at all."""
    at = open_page(PAGE, {"case": "custom", "f": "x*abs(x)", "x0": "0", "dx": "1"})
    alt = touch_row(at, ZOOM)["alt"]
    assert alt.startswith("f(x) = x*abs(x), drawn for x from −2 to 2")
    assert "\\" not in alt


@pytest.mark.parametrize(
    "bad",
    [
        "y + 1",
        "abs(x",
        "__import__('os').system('ls')",
        "9^9^9^9",
        "x" + "+x" * 99,  # 199 characters, more terms than the engine allows
        "1/0",
    ],
)
def test_a_bad_typed_function_gives_a_friendly_error_and_no_verdict(bad):
    at = open_page(PAGE, {"case": "custom", "f": bad})
    assert not at.exception
    assert at.error, "a friendly error is shown"
    assert not [el for el in [*at.success, *at.warning] if el.value.startswith("Verdict")]


def test_typing_a_new_function_reclassifies_the_point():
    at = open_page(PAGE, {"case": "custom", "x0": "0"})
    at.text_input(key="f").set_value("x^(1/3)").run()
    assert "vertical tangent at x0 = 0" in verdict_text(at)
    at.text_input(key="f").set_value("x^2").run()
    assert "differentiable at x0 = 0" in verdict_text(at)


@pytest.mark.parametrize(
    ("params", "expected_case", "expected_dx"),
    [
        ({"case": "banana"}, "corner", "0.1"),
        ({"case": "corner", "dx": "0.35"}, "corner", "0.1"),  # between two positions
        ({"case": "corner", "dx": "-1"}, "corner", "0.1"),
        ({"case": "cusp", "dx": "nan"}, "cusp", "0.1"),
        ({"case": "cusp", "dx": "1e-300"}, "cusp", "0.1"),
        ({"case": "CORNER", "dx": "abc"}, "corner", "0.1"),
    ],
)
def test_bad_link_values_fall_back_to_defaults_with_a_note(params, expected_case, expected_dx):
    at = open_page(PAGE, params)
    assert not at.exception
    assert at.radio(key="case").value == expected_case
    assert slopes_line(at, expected_dx)["left"]
    assert "🔗" in all_text(at), "the page says the link asked for something it could not show"


@pytest.mark.parametrize("x0", ["1e9", "nan", "eleven", "-100"])
def test_bad_x0_in_a_link_is_replaced_and_the_page_still_works(x0):
    at = open_page(PAGE, {"case": "custom", "f": "abs(x)", "x0": x0})
    assert not at.exception
    assert verdict_text(at).startswith("Verdict:")
    assert -10 <= at.number_input(key="x0").value <= 10


def test_an_overlong_f_in_a_link_is_refused_with_a_note():
    at = open_page(PAGE, {"case": "custom", "f": "x+" * 150 + "x"})
    assert not at.exception
    assert at.text_input(key="f").value == "abs(x^2 - 1)"
    assert "which is not a text of at most 200 characters" in all_text(at)
    assert "corner at x0 = 1" in verdict_text(at)


def test_check_yourself_has_four_questions_and_marks_the_cusp_right():
    at = open_page(PAGE)
    quiz_keys = [r.key for r in at.radio if r.key and r.key.startswith("quiz_")]
    assert quiz_keys == ["quiz_picture", "quiz_abs_shifted", "quiz_jump"]
    assert at.text_input(key="quiz_relu_right") is not None
    at.radio(key="quiz_picture").set_value("cusp").run()
    assert any("Right." in el.value for el in at.success)
    at.radio(key="quiz_abs_shifted").set_value("Yes: its derivative there is 0").run()
    assert any("no secant ever has slope 0" in el.value for el in at.warning)
    at.text_input(key="quiz_relu_right").set_value("1").run()
    assert sum("Right." in el.value for el in at.success) == 2


def test_worked_maths_writes_tiny_dx_as_a_power_of_ten():
    at = open_page(PAGE, {"case": "jump", "dx": "1e-06"})
    formulas = maths(at)
    assert r"\frac{1 - 0}{1 \times 10^{-6}} = 1 \times 10^{6}" in formulas


def test_custom_point_left_of_zero_is_shown_and_classified():
    at = open_page(PAGE, {"case": "custom", "f": "abs(x + 1.5)", "x0": "-1.5"})
    assert "corner at x0 = −1.5" in verdict_text(at)
    formulas = " ".join(str(el.value) for el in at.get("latex"))
    assert "x_0 = -1.5" in formulas
    assert "f(-1.5 - 0.1)" in maths(at)


def _quiz_chart(at) -> dict:
    captions = chart_captions(at)
    quiz = [
        chart
        for chart, caption in zip(at.get("vega_lite_chart"), captions, strict=True)
        if caption.startswith("The graph of g(x) = (x + 1)^(2/3)")
    ]
    assert len(quiz) == 1
    return json.loads(quiz[0].proto.spec)


def test_the_quiz_picture_is_one_line_without_a_legend():
    spec = _quiz_chart(open_page(PAGE))
    encodings = [layer.get("encoding", {}) for layer in spec["layer"]]
    lines = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line"]
    assert len(lines) == 1
    # no channel that would draw a legend entry ("g") under a single line
    for encoding in encodings:
        for channel in ("color", "strokeDash", "shape", "size"):
            assert encoding.get(channel, {}).get("legend", None) is None, (channel, encoding)
    assert lines[0]["encoding"]["y"]["title"] == "g(x)"


def _elements(node) -> list:
    """Every element and block under node, depth first."""
    found = []
    for child in getattr(node, "children", {}).values():
        found.append(child)
        found += _elements(child)
    return found


def _dx_fragment(at):
    """The block that holds the zoom's touch unit: the dx fragment."""
    blocks = [
        node
        for node in [at._tree, *_elements(at._tree)]
        if any(
            getattr(getattr(c, "proto", None), "component_name", "") == "calculus_ml.touch"
            for c in getattr(node, "children", {}).values()
        )
    ]
    assert len(blocks) == 1
    return blocks[0]


@pytest.mark.parametrize("case", ["corner", "smooth", "jump"])
def test_the_dx_unit_reruns_only_what_dx_changes(case):
    at = open_page(PAGE, {"case": case})
    inside = _elements(_dx_fragment(at))
    texts = [str(getattr(el, "value", "")) for el in inside]
    # the verdict and the rule do not depend on dx: they are drawn once, after the unit
    assert not [t for t in texts if t.startswith("Verdict")]
    assert not [t for t in texts if "exists only if both slopes approach" in t]
    assert verdict_text(at)
    assert "exists only if both slopes approach **one** finite number" in all_text(at)
    assert not [t for t in texts if t.startswith("The left and right slopes for every dx")]
    # the unit's position, the touch unit (picture, working, slopes) and the table: no chart
    # to rebuild (KaTeX comes once for the page, from its header, outside the fragment)
    kinds = [getattr(el, "type", type(el).__name__) for el in inside]
    assert kinds == ["bidi_component"] * 2 + ["table"], kinds
    # the verdict's kind is beside the picture at every dx, the same as the alert's
    kind = metrics(touch_row(at, ZOOM))["Verdict as dx → 0"]
    assert verdict_text(at).startswith(f"Verdict: {kind} at")


def _lines(row: dict) -> list[dict]:
    return [layer for layer in row["layers"] if layer["kind"] == "line"]


def test_the_legend_names_f_once_and_the_steps_two_pieces_stay_apart():
    at = open_page(PAGE, {"case": "jump", "dx": "1"})
    legend = touch_data(at, ZOOM)["picture"]["legend"]
    assert [key["name"] for key in legend] == ["f", "left secant", "right secant"]
    assert [key["dash"] for key in legend] == [False, False, True]
    row = touch_row(at, ZOOM)
    assert row["legend"] == ["f", "left secant, slope 1", "right secant, slope 0"]
    # the step's two pieces are two lines in f's colour (no false vertical line across the
    # jump): at dx = 1 the left one at f(x) − f(x0) = −1 dx, the right one at 0
    pieces = [layer for layer in _lines(row) if layer["color"] == legend[0]["color"]]
    assert len(pieces) == 2
    assert {p[1] for p in pieces[0]["points"]} == {-1.0}
    assert {p[1] for p in pieces[1]["points"]} == {0.0}


def test_f_drawn_alone_has_no_legend():
    at = open_page(PAGE, {"case": "undefined"})
    assert touch_data(at, ZOOM)["picture"]["legend"] == []
    assert touch_data(at, ZOOM)["picture"]["y_title"] == "f(x)"  # nothing to subtract


def test_relu_panel_says_subgradients_are_for_convex_functions_and_no_false_downhill():
    """Issue 16, finding 9: at the minimum of |x| every direction goes up, so 'either side's
    slope points downhill' was false; 'any slope between the two is a subgradient' holds
    because ReLU and |x| are convex, and the page must say so."""
    text = all_text(open_page(PAGE))
    assert "downhill" not in text
    assert "convex" in text
    assert "every step away from 0 goes up" in text


def test_reciprocal_at_0_says_f_has_no_value_at_x0_only_and_shows_its_values_beside_it():
    """Issue 16, finding 13: 'f has no value at x0 or beside it' while f(±0.1) = ±10."""
    at = open_page(PAGE, {"case": "undefined", "dx": "0.1"})
    text = all_text(at) + "\n".join(chart_captions(at)) + unit_text(at)
    assert "beside it" not in text
    for sentence in (touch_row(at, ZOOM)["alt"], *touch_row(at, ZOOM)["notes"]):
        assert "f has no value at x0 = 0" in sentence
        assert "f(−0.1) = −10 and f(0.1) = 10" in sentence
    assert "f(x0) does not exist" in verdict_text(at)


def test_the_worked_maths_brackets_only_negative_values():
    """0 - (-0.464159) for x^(1/3) at 0; a positive value is subtracted bare (1 - 0.25)."""
    at = open_page(PAGE, {"case": "vertical", "dx": "0.1"})
    formulas = maths(at)
    assert r"\frac{0 - (-0.464159)}{0.1}" in formulas
    assert r"\frac{0.464159 - 0}{0.1}" in formulas


def test_each_question_follows_its_section_and_the_page_ends_with_a_recap_and_a_link():
    """Issue 17: the zoom section's questions come right after its verdict, ReLU's after
    ReLU's picture; a recap and a link to the next page in the menu close the page."""
    at = open_page(PAGE)
    order: list[str] = []

    def walk(node) -> None:
        kind = getattr(node, "type", None)
        if kind == "header":
            order.append(f"header: {node.value}")
        elif kind in ("radio", "text_input") and str(node.key).startswith("quiz_"):
            order.append(f"quiz: {node.key}")
        elif kind in ("success", "warning") and str(node.value).startswith("Verdict"):
            order.append("verdict")
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    assert order == [
        "header: Zoom in on a point",
        "verdict",
        "quiz: quiz_picture",
        "quiz: quiz_abs_shifted",
        "quiz: quiz_jump",
        "header: Why machine learning does not mind corners",
        "quiz: quiz_relu_right",
        "header: Recap",
    ]
    assert [link.proto.label for link in at.get("page_link")] == ["Next: Cost functions"]


def test_captions_at_the_vertical_tangent_do_not_say_the_slopes_meet_only_at_a_derivative():
    """Review N8: at x^(1/3), 0 both slopes are dx^(−2/3) (they coincide for every dx) and the
    zoom straightens into a vertical line, yet there is no derivative."""
    at = open_page(PAGE, {"case": "vertical", "dx": "1e-06"})
    captions = chart_captions(at)
    text = " ".join(captions) + unit_text(at)
    assert "meet only where" not in text
    assert "straightens into one line only where" not in text
    assert any(
        "derivative exists only where both approach one finite number" in c for c in captions
    )
    assert "straightens into one line that is not vertical" in unit_text(at)


def test_the_smooth_case_at_a_tiny_dx_shows_digits_that_give_the_slope():
    """Review N2: '(1 − 1)/(1 × 10⁻⁶) ≈ 2' (the digits give 0), '(1 − 0.999998)/10⁻⁶ = 2'
    (the quotient is 2 − dx = 1.999999) and 'right − left ≈ 2.00007 × 10⁻⁶' (exactly 2 dx)."""
    at = open_page(PAGE, {"case": "smooth", "dx": "1e-06"})
    worked = maths(at)
    dx = Fraction("1e-6")
    right_value = (1 + dx) ** 2  # the oracle: x² at 1 + dx, exactly
    assert r"\frac{1 - 1}" not in worked
    right_digits = numbers.round_sig(right_value, 7)
    assert rf"\approx \frac{{{right_digits} - 1}}{{1 \times 10^{{-6}}}} \approx 2" in worked
    assert r"\frac{1 - 0.999998}{1 \times 10^{-6}} \approx 2" in worked
    gap = slopes_line(at, "1e-06")["gap"]
    exact_gap = (right_value - 1) / dx - (1 - (1 - dx) ** 2) / dx
    assert exact_gap == 2 * dx
    assert gap.removeprefix("≈ ") == numbers.text(exact_gap)


def test_an_irrational_value_beside_a_hole_is_marked_approx():
    """Review N4: 'f(−0.1) = 0.544021 and f(0.1) = −0.544021' for sin(±10)."""
    at = open_page(PAGE, {"case": "custom", "f": "sin(1/x)", "x0": "0", "dx": "0.1"})
    shown = numbers.text(math.sin(-10), 6)
    text = " ".join([*chart_captions(at), all_text(at), unit_text(at)])
    assert f"f(−0.1) ≈ {shown} and f(0.1) ≈ {numbers.text(math.sin(10), 6)}" in text
    assert f"f(−0.1) = {shown}" not in text


def test_the_step_caption_starts_with_a_capital_and_names_both_pieces():
    """Review N5: 'the step f(x) = 0 for x < 0, 1 for x ≥ 0 for x from −2 to 2'."""
    at = open_page(PAGE, {"case": "jump", "dx": "1"})
    assert touch_row(at, ZOOM)["alt"].startswith(
        "The step f(x) = 0 for x < 0, f(x) = 1 for x ≥ 0, drawn for x from −2 to 2"
    )


def test_the_jump_question_names_the_step_whose_one_slope_blows_up():
    """Review N6: 'At a jump ... one of them blows up like (size of the jump) / dx' holds only
    when f(x0) is one side's value; for f(0) = 1/2 both blow up. The question names the step."""
    at = open_page(PAGE)
    label = at.radio(key="quiz_jump").label
    assert not label.startswith("At a jump")
    assert "f(x) = 1 for x ≥ 0" in unescaped(label)
    # the oracle: the step's left quotient (1 − 0)/dx blows up, the right one (1 − 1)/dx is 0
    dx = Fraction(1, 1000)
    assert (1 - 0) / dx == 1000 and (1 - 1) / dx == 0


# --- the touch unit: every row against independent oracles ------------------------------

SEVERAL = [0, 3, 10, 17, 26, 33, 41, 48, 55, 60]  # positions from dx = 1 to dx = 1e-6


def digits(shown: str) -> str:
    return shown.removeprefix("≈ ")


def value_of(shown: str) -> Fraction:
    """The number a text from dashboard.numbers stands for: '≈ −1.99998', '1 × 10⁶'."""
    text = digits(shown).replace(numbers.MINUS, "-").replace(",", "")
    mantissa, _, power = text.partition(" × 10")
    exponent = power.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")) or "0"
    return Fraction(mantissa) * Fraction(10) ** int(exponent)


def within_its_digits(shown: str, exact: Fraction, sig: int = 6) -> bool:
    """True when the shown number is the exact value rounded to `sig` digits, give or take
    the round-off of a quotient of doubles (a last digit off by one at a tie)."""
    unit = Fraction(10) ** (math.floor(math.log10(abs(exact))) - sig + 1)
    return abs(value_of(shown) - exact) <= unit


def test_the_slider_runs_from_1_to_1e_6_ten_steps_a_decade_and_keeps_every_old_value():
    assert len(DX_STEPS) == 61
    assert DX_STEPS[0] == 1.0 and DX_STEPS[-1] == 1e-6
    assert all(a > b for a, b in zip(DX_STEPS, DX_STEPS[1:], strict=False))
    assert set(OLD_DX_OPTIONS) <= set(DX_STEPS)
    labels = touch_data(open_page(PAGE), ZOOM)["controls"][0]["labels"]
    assert labels[:11] == ["1", "0.8", "0.6", "0.5", "0.4", "0.3", "0.25", "0.2", "0.15"] + [
        "0.12",
        "0.1",
    ]
    assert labels[-1] == "1 × 10⁻⁶"


@pytest.mark.parametrize("dx", OLD_DX_OPTIONS)
def test_every_old_link_value_of_dx_opens_at_that_position_without_a_note(dx):
    at = open_page(PAGE, {"case": "corner", "dx": repr(dx)})
    assert touch_data(at, ZOOM)["controls"][0]["index"] == DX_STEPS.index(dx)
    assert "🔗" not in all_text(at)


@pytest.mark.parametrize("index", SEVERAL)
def test_square_at_1_shows_2_minus_dx_and_2_plus_dx_at_every_position(index):
    """The oracle: (1 − (1 − dx)²)/dx = 2 − dx and ((1 + dx)² − 1)/dx = 2 + dx, exactly, with
    dx the decimal on the slider; the unit shows them to 6 digits."""
    at = open_page(PAGE, {"case": "smooth"})
    dx = Fraction(repr(DX_STEPS[index]))
    row = touch_row(at, ZOOM, 0, index)
    shown = metrics(row)
    assert within_its_digits(shown["Left slope"], 2 - dx)
    assert within_its_digits(shown["Right slope"], 2 + dx)
    # '≈' only where a digit is rounded away: 2 − 0.5 = 1.5 reads exactly
    if index in (0, 3, 10):
        assert (shown["Left slope"], shown["Right slope"]) == tuple(
            numbers.shown(v, 6) for v in (2 - dx, 2 + dx)
        )
    assert shown["Verdict as dx → 0"] == "differentiable"
    h = numbers.tex(dx)
    assert rf"\frac{{f(1) - f(1 - {h})}}{{{h}}}" in row["tex"][0]
    assert rf"\frac{{f(1 + {h}) - f(1)}}{{{h}}}" in row["tex"][0]


@pytest.mark.parametrize("index", SEVERAL)
def test_the_cusp_shows_minus_and_plus_dx_to_the_minus_one_third_at_every_position(index):
    at = open_page(PAGE, {"case": "cusp"})
    dx = sympy.Rational(repr(DX_STEPS[index]))
    size = (dx ** sympy.Rational(-1, 3)).evalf(30)  # the oracle: x^(2/3) at 0
    shown = metrics(touch_row(at, ZOOM, 0, index))
    assert digits(shown["Left slope"]) == numbers.text(-float(size), 6)
    assert digits(shown["Right slope"]) == numbers.text(float(size), 6)
    assert shown["Verdict as dx → 0"] == "cusp"


@pytest.mark.parametrize("index", SEVERAL)
def test_the_step_shows_one_over_dx_and_0_exactly_at_every_position(index):
    at = open_page(PAGE, {"case": "jump"})
    dx = Fraction(repr(DX_STEPS[index]))
    row = touch_row(at, ZOOM, 0, index)
    shown = metrics(row)
    # (1 − 0)/dx, exactly: 12,500 at dx = 0.00008 (where doubles give 12500.000000000002),
    # '≈ 66,666.7' at dx = 0.000015
    assert shown["Left slope"] == numbers.shown(1 / dx, 6)
    assert shown["Right slope"] == "0"
    assert shown["Verdict as dx → 0"] == "jump"
    working = rf"\frac{{1 - 0}}{{{numbers.tex(dx)}}} {numbers.eq_tex(1 / dx, 6)}"
    assert working in row["tex"][0]


def test_where_the_steps_left_piece_leaves_the_picture_a_note_says_so():
    at = open_page(PAGE, {"case": "jump"})
    low = touch_data(at, ZOOM)["picture"]["y"][0]
    for index, dx in enumerate(DX_STEPS):
        notes = touch_row(at, ZOOM, 0, index)["notes"]
        if 1 / dx > -low:  # magnified, the left piece sits at −1/dx
            assert notes == [
                "Left of x0 the graph lies below the picture: magnified by 1/dx, its distance "
                "from f(x0) no longer fits."
            ]
        else:
            assert notes == []


@pytest.mark.parametrize("index", [0, 10, 60])
def test_every_row_is_what_a_rerun_at_that_dx_shows(index):
    """The browser picks row i when the learner drags to dx_i; after the pause Python runs
    with dx_i and must show that same row (and its table of slopes down to dx_i)."""
    at = open_page(PAGE, {"case": "custom"})
    picked = touch_row(at, ZOOM, 0, index)
    at.session_state["dx"] = DX_STEPS[index]
    at.run()
    assert touch_row(at, ZOOM) == picked
    assert at.table[0].value["dx"].tolist()[-1] == numbers.text(DX_STEPS[index])


def test_the_alt_text_follows_dx():
    at = open_page(PAGE, {"case": "corner"})
    alts = [touch_row(at, ZOOM, 0, i)["alt"] for i in range(len(DX_STEPS))]
    assert len(set(alts)) == len(DX_STEPS)
    assert alts[DX_STEPS.index(0.25)] == (
        "f(x) = |x|, drawn for x from −0.5 to 0.5 (x0 ± 2dx, magnified to the same width at "
        "every dx), with the left secant (slope −1) and the right secant (slope 1)."
    )


@pytest.mark.parametrize(
    ("params", "most"),
    [
        ({"case": "corner"}, 150_000),
        ({"case": "cusp"}, 150_000),
        ({"case": "jump"}, 150_000),
        ({"case": "vertical"}, 150_000),
        ({"case": "undefined"}, 150_000),
        ({"case": "smooth"}, 150_000),
        ({"case": "custom"}, 150_000),
        # swings faster than any sampling: every side of every row at its cap of points
        ({"case": "custom", "f": "x*sin(1/x)", "x0": "0"}, 200_000),
    ],
)
def test_the_unit_travels_in_well_under_300_kb(params, most):
    data = touch_data(open_page(PAGE, params), ZOOM)
    assert len(data["rows"][0]) == len(DX_STEPS)
    assert len(json.dumps(data)) < most
