"""The Rules page in AppTest: every gallery entry with its numbers, deep links, bad links, quiz."""

import json
import math
from fractions import Fraction
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import all_text, chart_by_caption, open_page

TWO_E = f"≈ {2 * math.e:.5f}"  # f'(1) for x e^x, to six digits
PAGE = "app_pages/rules.py"


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_default_view_is_the_line_with_slope_a_equal_2() -> None:
    at = open_page(PAGE)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Rules: derivatives without limits"
    assert at.button_group(key="rule").value == "line"
    shown = metrics(at)
    assert (shown["rise / run"], shown["f'(x) = a"], shown["b (no effect on slope)"]) == (
        "2",
        "2",
        "1",
    )
    assert not at.query_params.get("rule")


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("line", {"rise / run": "2"}),
        # the notes' cube: x^3 at 0.5, dx = 1 -> 3.25, tending to 0.75
        ("power", {"secant slope": "3.25", "power rule n x^(n-1)": "0.75"}),
        # the notes' cruise: 0.6 + 0.05 = 0.65
        (
            "sum",
            {"passenger (nmi/h)": "0.65", "ship (nmi/h)": "0.6", "walk on deck (nmi/h)": "0.05"},
        ),
        # g(2) = 6, h(2) = 2.5: dF/dt over one day 6.875, g'h + gh' = 2.5 + 3 = 5.5
        ("product", {"dF / dt (m²/day)": "6.875", "g'h + gh' (m²/day)": "5.5"}),
        # at t = 1 h: dT/dh = -8 degrees/km, dh/dt = 1 km/h
        ("chain", {"dT/dh (°C/km)": "-8", "dh/dt (km/h)": "1", "dT/dt (°C/h)": "-8"}),
        ("sin-cos", {"cos x": "0.540302", "difference quotient": "0.312048"}),
        ("exp", {"(1 + 1/n)^n": "2.613035", "eˣ": "2.71828", "slope of eˣ": "2.71828"}),
        ("ln", {"x = g(y)": "1.414", "f'(x)": "2.828", "1 / f'(x)": "0.3536"}),
    ],
)
def test_every_gallery_entry_renders_with_its_numbers(rule: str, expected: dict[str, str]) -> None:
    at = open_page(PAGE, {"rule": rule})
    assert not at.exception, [e.message for e in at.exception]
    assert at.button_group(key="rule").value == rule
    shown = metrics(at)
    for label, value in expected.items():
        assert shown[label] == value, (label, shown)
    assert len(at.get("vega_lite_chart")) >= 1
    assert at.latex, "each rule shows its formula with live numbers"


def test_power_rule_shows_the_cube_expansion_and_the_notes_slip() -> None:
    at = open_page(PAGE, {"rule": "power"})
    text = all_text(at)
    assert r"(x+dx)^3 - x^3 &= 3x^2\,dx + 3x\,dx^2 + dx^3" in text
    assert "&= 0.75 + 1.5 + 1 = 3.25" in text
    assert "the notes wrote 2x² dx" in text
    table = at.table[0].value
    assert table["secant slope"].round(6).tolist()[:4] == [3.25, 1.75, 0.91, 0.7651]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"rule": "power", "n": "-1", "p": "2", "dx": "0.001"},
            {"secant slope": "-0.249875", "power rule n x^(n-1)": "-0.25"},
        ),
        ({"rule": "power", "n": "0.5", "p": "1", "dx": "1"}, {"power rule n x^(n-1)": "0.5"}),
        ({"rule": "product", "t": "4", "dt": "0.01"}, {"g'h + gh' (m²/day)": "12"}),
        (
            {"rule": "chain", "hour": "2"},
            {"dT/dh (°C/km)": "-5", "dT/dt (°C/h)": "-10"},
        ),
        (
            {"rule": "sum", "ship": "1", "walk": "-0.1", "c": "2"},
            {"passenger (nmi/h)": "0.9", "2 × passenger": "1.8"},
        ),
        ({"rule": "ln", "pair": "exp", "y": "2"}, {"f'(x)": "2", "1 / f'(x)": "0.5"}),
        ({"rule": "exp", "periods": "365", "ex": "0"}, {"(1 + 1/n)^n": "2.714567", "eˣ": "1"}),
        (
            {"rule": "sin-cos", "wave": "cos", "angle": "0", "h": "0.001"},
            {"-sin x": "0", "difference quotient": "-0.0005"},
        ),
        ({"rule": "line", "a": "0", "b": "3"}, {"rise / run": "0", "f'(x) = a": "0"}),
    ],
)
def test_deep_links_set_the_picture(params: dict[str, str], expected: dict[str, str]) -> None:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    shown = metrics(at)
    for label, value in expected.items():
        assert shown[label] == value, (label, shown)
    assert "🔗" not in captions(at), "a valid link raises no note"


def test_one_third_exponent_is_written_as_a_fraction() -> None:
    at = open_page(PAGE, {"rule": "power", "n": "0.333333", "p": "1"})
    assert metrics(at)["power rule n x^(n-1)"] == "0.333333"
    assert r"\tfrac{1}{3}\,x^{-\tfrac{2}{3}}" in all_text(at)


@pytest.mark.parametrize(
    ("a", "b", "line"),
    [("2", "1", "2x + 1"), ("0.1", "0", "0.1x + 0"), ("-3", "-4", "-3x − 4"), ("3", "4", "3x + 4")],
)
def test_the_line_turns_in_a_fixed_window_whatever_a_and_b(a: str, b: str, line: str) -> None:
    """The axes stay still while the sliders move (|a x + b| <= 3 * 3 + 4 on -3 <= x <= 3),
    so a steeper line looks steeper, and the chart's spec never changes."""
    at = open_page(PAGE, {"a": a, "b": b})
    assert not at.exception, [e.message for e in at.exception]
    spec, frames = chart_by_caption(at, f"The line f(x) = {line}: a run of 2")
    curve = spec["layer"][0]["encoding"]
    assert curve["x"]["scale"]["domain"] == [-3.0, 3.0]
    assert curve["y"]["scale"]["domain"] == [-13.0, 13.0]
    line = frames[0][frames[0]["series"] == "f(x) = a x + b"]
    assert line["y"].tolist() == pytest.approx([-3 * float(a) + float(b), 3 * float(a) + float(b)])
    assert line["y"].abs().max() <= 13.0


def test_line_with_a_zero_says_a_constant_has_derivative_zero() -> None:
    at = open_page(PAGE, {"rule": "line", "a": "0", "b": "3"})
    assert "f(x) = 3 is a constant: its derivative is 0" in all_text(at)


@pytest.mark.parametrize(
    ("params", "fallback_metric", "fallback_value"),
    [
        ({"rule": "bogus"}, "rise / run", "2"),
        ({"rule": "<script>alert(1)</script>"}, "rise / run", "2"),
        ({"rule": "Power rule"}, "rise / run", "2"),
        ({"rule": "power", "n": "7"}, "power rule n x^(n-1)", "0.75"),
        ({"rule": "power", "p": "99"}, "power rule n x^(n-1)", "0.75"),
        ({"rule": "power", "dx": "0"}, "secant slope", "3.25"),
        ({"rule": "product", "t": "nan"}, "g'h + gh' (m²/day)", "5.5"),
        ({"rule": "chain", "hour": "-5"}, "dT/dt (°C/h)", "-8"),
        ({"rule": "ln", "pair": "cube"}, "1 / f'(x)", "0.3536"),
        ({"rule": "ln", "y": "abc"}, "1 / f'(x)", "0.3536"),
        ({"rule": "sin-cos", "wave": "tan"}, "cos x", "0.540302"),
        ({"rule": "exp", "periods": "1e400"}, "(1 + 1/n)^n", "2.613035"),
        ({"rule": "sum", "ship": "x" * 5000}, "passenger (nmi/h)", "0.65"),
    ],
)
def test_bad_link_values_fall_back_to_defaults_with_a_note(
    params: dict[str, str], fallback_metric: str, fallback_value: str
) -> None:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    assert metrics(at)[fallback_metric] == fallback_value
    assert "🔗" in captions(at), "the learner is told the link asked for something impossible"
    assert "<script>" not in "".join(m.value for m in at.markdown)


def test_repeated_rule_key_uses_one_value_and_says_so() -> None:
    at = open_page(PAGE, {"rule": ["power", "chain"]})
    assert not at.exception
    assert "more than once" in captions(at)


def test_moving_the_point_slider_updates_the_power_rule_numbers() -> None:
    at = open_page(PAGE, {"rule": "power"})
    at.slider(key="p").set_value(1.0).run()
    shown = metrics(at)
    assert shown["power rule n x^(n-1)"] == "3"  # 3 * 1^2
    assert shown["secant slope"] == "7"  # (2^3 - 1) / 1
    at.select_slider(key="dx").set_value("0.001").run()
    assert metrics(at)["secant slope"] == "3.003"


def test_shrinking_dt_makes_the_house_corner_vanish() -> None:
    at = open_page(PAGE, {"rule": "product"})
    before = float(metrics(at)["corner dg·dh / dt (m²/day)"])
    at.select_slider(key="dt").set_value("0.01").run()
    after = float(metrics(at)["corner dg·dh / dt (m²/day)"])
    assert before == 0.625 and after == pytest.approx(0.005, rel=0.01)


def test_quiz_has_six_questions_including_a_typed_answer() -> None:
    at = open_page(PAGE)
    quiz_keys = {w.key for w in [*at.radio, *at.text_input] if w.key and w.key.startswith("quiz_")}
    assert quiz_keys == {
        "quiz_exp2x",
        "quiz_cube",
        "quiz_secant",
        "quiz_cruise",
        "quiz_mountain",
        "quiz_product",
    }


def test_quiz_shows_the_notes_slip_2_e_x_as_a_wrong_option() -> None:
    at = open_page(PAGE)
    question = at.radio(key="quiz_exp2x")
    assert "$2e^{x}$" in question.options and "$2e^{2x}$" in question.options
    question.set_value("$2e^{x}$").run()
    assert "slip in the notes" in at.warning[0].value
    at.radio(key="quiz_exp2x").set_value("$2e^{2x}$").run()
    assert any("Right." in s.value for s in at.success)


def test_quiz_cube_coefficient_2_is_called_the_notes_slip() -> None:
    at = open_page(PAGE)
    at.radio(key="quiz_cube").set_value("2").run()
    assert any("The notes wrote 2x²dx" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("key", "answer", "right"),
    [
        ("quiz_secant", "3.25", True),
        ("quiz_secant", "0.75", False),
        ("quiz_cruise", "0.65", True),
        ("quiz_cruise", "0,65", True),
        ("quiz_cruise", "0.55", False),
        ("quiz_mountain", "-8", True),
        ("quiz_mountain", "8", False),
    ],
)
def test_number_questions_accept_the_right_numbers(key: str, answer: str, right: bool) -> None:
    at = open_page(PAGE)
    at.text_input(key=key).input(answer).run()
    verdicts = [s.value for s in at.success] + [w.value for w in at.warning]
    assert any(("Right." if right else "Not quite.") in v for v in verdicts), verdicts


@pytest.mark.parametrize("answer", ["e^x (x+1)", "exp(x) + x exp(x)", "(1+x)e^x", "xe^x+e^x"])
def test_typed_derivative_of_x_e_x_is_accepted_in_equivalent_forms(answer: str) -> None:
    at = open_page(PAGE)
    at.text_input(key="quiz_product").input(answer).run()
    assert any("Right." in s.value for s in at.success), [w.value for w in at.warning]


@pytest.mark.parametrize("answer", ["e^x", "x e^x", "2e^x"])
def test_typed_wrong_derivative_is_refused_with_a_reason(answer: str) -> None:
    at = open_page(PAGE)
    at.text_input(key="quiz_product").input(answer).run()
    assert any("Not quite" in w.value for w in at.warning)
    assert not at.success


def test_typed_hostile_answer_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    at = open_page(PAGE)
    attack = f"__import__('os').system('touch {sentinel}')"
    at.text_input(key="quiz_product").input(attack).run()
    assert not at.exception
    assert any("could not be read" in w.value for w in at.warning)
    assert not sentinel.exists()


def latex_text(at: AppTest) -> str:
    return "\n".join(str(el.value) for el in at.latex)


def test_calculator_default_is_the_notes_product_x_e_x() -> None:
    at = open_page(PAGE)
    assert r"f'(x) = \left(x + 1\right) e^{x}" in latex_text(at)
    assert metrics(at)["f'(x₀) at x₀ = 1"] == TWO_E  # 2e
    assert "product rule" in all_text(at)


def test_calculator_deep_link_exp_2x_gives_2_e_2x() -> None:
    at = open_page(PAGE, {"f": "exp(2x)", "x0": "0"})
    assert not at.exception
    assert "f'(x) = 2 e^{2 x}" in latex_text(at)
    assert metrics(at)["f'(x₀) at x₀ = 0"] == "2"


def test_gallery_and_calculator_keys_do_not_collide() -> None:
    at = open_page(PAGE, {"rule": "power", "p": "1", "f": "x^3", "x0": "2"})
    shown = metrics(at)
    assert shown["power rule n x^(n-1)"] == "3"  # gallery: 3 * 1^2
    assert shown["f'(x₀) at x₀ = 2"] == "12"  # calculator: 3 * 2^2
    assert "🔗" not in captions(at)


def _calculator_chart(at: AppTest):
    """The calculator's tangent chart (the last chart on the page): spec and window row."""
    chart = at.get("vega_lite_chart")[-1].proto
    window = next(d.data.data for d in chart.datasets if d.name == "d0")
    return json.loads(chart.spec), pa.ipc.open_stream(window).read_all().to_pylist()[0], chart


def test_calculator_window_reaches_f_x0_through_the_data_not_the_spec() -> None:
    at = open_page(PAGE)
    spec_at_1, window_at_1, _ = _calculator_chart(at)
    at.slider(key="x0").set_value(5.0).run()
    spec_at_5, window_at_5, _ = _calculator_chart(at)
    assert spec_at_5 == spec_at_1
    assert (window_at_5["x_lo"], window_at_5["x_hi"]) == (-5.0, 5.0)
    assert window_at_5["y_hi"] > 5 * math.exp(5) > window_at_1["y_hi"]


def test_calculator_without_a_tangent_keeps_its_layers_with_no_rows() -> None:
    at = open_page(PAGE, {"f": "ln(x)", "x0": "-1"})
    spec_none, _, chart = _calculator_chart(at)
    assert "there is no tangent" in all_text(at)
    tangent, touch = (spec_none["layer"][i]["data"]["name"] for i in (2, 3))
    rows = {d.name: pa.ipc.open_stream(d.data.data).read_all().num_rows for d in chart.datasets}
    assert (rows[tangent], rows[touch]) == (0, 0)
    at.slider(key="x0").set_value(1.0).run()
    assert _calculator_chart(at)[0] == spec_none


def test_power_legend_names_the_curves_from_the_data_so_moving_n_keeps_the_spec() -> None:
    at = open_page(PAGE, {"rule": "power"})
    before = at.get("vega_lite_chart")[0].proto
    at.select_slider(key="n").set_value("-2").run()
    after = at.get("vega_lite_chart")[0].proto
    assert after.spec == before.spec
    color = json.loads(after.spec)["layer"][1]["encoding"]["color"]
    assert color["scale"]["domain"] == ["f(x)", "f'(x)"]
    window = next(d.data.data for d in after.datasets if d.name == "d0")
    labels = pa.ipc.open_stream(window).read_all().to_pylist()[0]
    assert (labels["label_0"], labels["label_1"]) == ("f(x) = x^(-2)", "f'(x) = -2x^(-3)")


def test_sum_axis_title_is_fixed_and_the_caption_carries_c() -> None:
    at = open_page(PAGE, {"rule": "sum", "c": "1.5"})
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["layer"][0]["encoding"]["y"]["title"] == "c × distance (nmi)"
    assert "Distances times c = 1.5" in captions(at)


def test_e_panel_keeps_the_value_at_n_apart_from_e() -> None:
    """Issue 16, finding 2: at n = 12 the panel printed 'e = lim (1 + 1/n)^n ≈ 2.613035',
    but 2.613035 is (1 + 1/12)^12; e itself is 2.71828..."""
    at = open_page(PAGE, {"rule": "exp"})
    formulas = latex_text(at)
    at_12 = Fraction(13, 12) ** 12  # the oracle: exact, then rounded to 7 digits
    assert f"{float(at_12):.6f}" == "2.613035"
    assert r"\left(1 + \tfrac{1}{12}\right)^{12} \approx 2.613035" in formulas
    assert r"e = \lim_{n\to\infty}\left(1 + \tfrac{1}{n}\right)^n = 2.718281\ldots" in formulas
    assert not any(line.startswith("e = ") and "2.613" in line for line in formulas.splitlines()), (
        formulas
    )


def test_ln_panel_measures_with_a_central_difference_and_states_the_rule_fully() -> None:
    """Issue 16, finding 16: a forward difference printed 0.3535 beside 1/f'(x) = 0.3536,
    and g'(y) = 1/f'(x) was stated without 'where y = f(x) and f'(x) ≠ 0'."""
    at = open_page(PAGE, {"rule": "ln"})
    shown = metrics(at)
    measured = next(v for k, v in shown.items() if k.startswith("g'(y) measured"))
    oracle = 1 / (2 * math.sqrt(2))  # g(y) = sqrt(y) at y = 2
    assert f"{oracle:.4f}" == "0.3536"
    assert measured == "0.3536"
    assert "where y = f(x) and f'(x) ≠ 0" in all_text(at).replace("′", "'")
