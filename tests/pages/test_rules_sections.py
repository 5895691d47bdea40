"""The Rules page's sections in AppTest: each picture's numbers against independent oracles
(the notes, Fractions, math), deep links into a section, bad values, the derivations."""

import json
import math
import re
from fractions import Fraction

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.helpers import all_text, open_page, touch_data, touch_row

PAGE = "app_pages/rules/page.py"
POWER = "power_touch"  # the power rule's touch unit: n follows the hand in the browser
TWO_E = f"≈ {2 * math.e:.5f}"  # f'(1) for x e^x, to six digits


def touch_keys(at: AppTest) -> list[str]:
    """The keys of the touch units (dashboard.touch) drawn on the page."""
    units = [e for e in at.get("bidi_component") if e.proto.component_name == "calculus_ml.touch"]
    return [json.loads(e.proto.json)["key"] for e in units]


def metrics(at: AppTest) -> dict[str, str]:
    """The numbers the open tab shows: its metrics, and the numbers of each touch unit on it
    (the power rule's n, the line's a and b, ...) at the position Python holds (what the
    browser shows until the learner moves an input)."""
    shown = {m.label: m.value for m in at.metric}
    for key in touch_keys(at):
        shown.update(dict(touch_row(at, key)["metrics"]))
    return shown


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def latex_text(at: AppTest) -> str:
    return "\n".join(str(el.value) for el in at.latex)


def touch_formulas(at: AppTest) -> str:
    """The formulas the tab's touch units show at the positions Python holds (templates
    filled in, as the browser typesets them), one per line, then the page's other formulas."""
    shown = []
    for key in touch_keys(at):
        data = touch_data(at, key)
        for entry in touch_row(at, key)["tex"]:
            if isinstance(entry, str):
                shown.append(entry)
            else:
                template = data["picture"]["tex"][entry["fill"]]
                shown.append(re.sub(r"@(\d+)", lambda m, e=entry: e["with"][int(m[1])], template))
    return "\n".join([*shown, latex_text(at)])


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("line", {"rise / run": "2"}),
        # the notes' cube: x^3 at 0.5, dx = 1 -> 3.25, tending to 0.75
        ("power", {"secant slope": "3.25", "power rule n x^(n-1)": "0.75"}),
        # the notes' cruise: 0.6 + 0.05 = 0.65, exactly
        (
            "sum",
            {"passenger (nmi/h)": "0.65", "ship (nmi/h)": "0.6", "walk on deck (nmi/h)": "0.05"},
        ),
        # g(2) = 6, h(2) = 2.5: dF/dt over one day 6.875, g'h + gh' = 2.5 + 3 = 5.5
        ("product", {"dF / dt (m²/day)": "6.875", "g'h + gh' (m²/day)": "5.5"}),
        # at t = 1 h: dT/dh = -8 degrees/km, dh/dt = 1 km/h
        ("chain", {"dT/dh (°C/km)": "−8", "dh/dt (km/h)": "1", "dT/dt (°C/h)": "−8"}),
        (
            "sin-cos",
            {
                "cos x": f"≈ {math.cos(1):.6f}",
                "difference quotient": f"≈ {(math.sin(1.5) - math.sin(1)) / 0.5:.6f}",
            },
        ),
        (
            "exp",
            {
                "(1 + 1/n)^n": f"≈ {float(Fraction(13, 12) ** 12):.6f}",
                "eˣ": f"≈ {math.e:.5f}",
                "slope of eˣ (central difference)": f"≈ {math.e:.5f}",
            },
        ),
        (
            "ln",
            {
                "x = g(y)": f"≈ {math.sqrt(2):.3f}",
                "f'(x)": f"≈ {2 * math.sqrt(2):.3f}",
                "1 / f'(x)": f"≈ {1 / (2 * math.sqrt(2)):.4f}",
            },
        ),
    ],
)
def test_every_rule_renders_with_its_numbers(rule: str, expected: dict[str, str]) -> None:
    at = open_page(PAGE, {"rule": rule})
    assert not at.exception, [e.message for e in at.exception]
    shown = metrics(at)
    for label, value in expected.items():
        assert shown[label] == value, (label, shown)
    assert at.latex, "each rule shows its formula with live numbers"


def test_power_rule_derives_x2_and_1_over_x_from_the_quotient_step_by_step() -> None:
    formulas = latex_text(open_page(PAGE, {"rule": "power"}))
    assert r"\frac{x^2 + 2x\,dx + dx^2 - x^2}{dx}" in formulas
    assert r"&= \frac{(2x + dx)\,dx}{dx} = 2x + dx" in formulas
    assert r"\frac{x - (x + dx)}{x(x+dx)\,dx}" in formulas
    assert r"&\xrightarrow{dx \to 0}\; -\frac{1}{x^2}" in formulas


def test_power_rule_shows_the_cube_expansion_with_the_notes_slip_corrected() -> None:
    at = open_page(PAGE, {"rule": "power"})
    text = all_text(at)
    assert r"(x+dx)^3 &= x^3 + 3x^2\,dx \\ &\quad + 3x\,dx^2 + dx^3" in text
    assert r"&= 3x^2\,dx + 3x\,dx^2 + dx^3 \\ &= 0.75 + 1.5 + 1 = 3.25" in text
    assert "the notes wrote 2x² dx" in text
    table = at.table[0].value
    oracle = [(Fraction(1, 2) + dx) ** 3 - Fraction(1, 8) for dx in (1, Fraction(1, 2))]
    assert table["secant slope"].tolist()[:2] == ["3.25", "1.75"]
    assert [oracle[0] / 1, oracle[1] * 2] == [Fraction(13, 4), Fraction(7, 4)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"rule": "power", "n": "-1", "p": "2", "dx": "0.001"},
            {
                "secant slope": f"≈ {(1 / 2.001 - 1 / 2) / 0.001:.6f}".replace("-", "−"),
                "power rule n x^(n-1)": "−0.25",
            },
        ),
        ({"rule": "power", "n": "0.5", "p": "1", "dx": "1"}, {"power rule n x^(n-1)": "0.5"}),
        ({"rule": "product", "t": "4", "dt": "0.01"}, {"g'h + gh' (m²/day)": "12"}),
        ({"rule": "chain", "hour": "2"}, {"dT/dh (°C/km)": "−5", "dT/dt (°C/h)": "−10"}),
        (
            {"rule": "sum", "ship": "1", "walk": "-0.1", "c": "2"},
            {"passenger (nmi/h)": "0.9", "2 × passenger": "1.8"},
        ),
        ({"rule": "ln", "pair": "exp", "y": "2"}, {"f'(x)": "2", "1 / f'(x)": "0.5"}),
        (
            {"rule": "exp", "periods": "365", "ex": "0"},
            {"(1 + 1/n)^n": f"≈ {float(Fraction(366, 365) ** 365):.6f}", "eˣ": "1"},
        ),
        (
            {"rule": "sin-cos", "wave": "cos", "angle": "0", "h": "0.001"},
            {"−sin x": "0", "difference quotient": "≈ −0.0005"},
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
    assert metrics(at)["power rule n x^(n-1)"] == f"≈ {1 / 3:.6f}"
    assert r"\tfrac{1}{3}\,x^{-\tfrac{2}{3}}" in " ".join(touch_row(at, POWER)["tex"])
    # the learner reads n as a fraction, not as a rounded decimal such as 0.333333; every
    # exponent the old list offered is still a position
    control = touch_data(at, POWER)["controls"][0]
    assert control["labels"][control["index"]] == "1/3"
    assert {"−2", "−1", "1/3", "1/2", "1", "2", "3", "4"} <= set(control["labels"])
    assert "🔗" not in captions(at)


def test_compoundings_are_named_and_never_written_in_e_notation() -> None:
    at = open_page(PAGE, {"rule": "exp", "periods": "3.1536e+07"})
    periods = at.selectbox(key="periods")
    assert periods.options[-1] == "3.1536 × 10⁷ (every second)"
    assert "e+" not in " ".join(periods.options) and periods.options[5] == "365 (daily)"
    assert metrics(at)["(1 + 1/n)^n"] == f"≈ {math.exp(31536000 * math.log1p(1 / 31536000)):.6f}"


LINE = "line_touch"  # the line's touch unit: a and b follow the hand in the browser


@pytest.mark.parametrize(
    ("a", "b", "line"),
    [("2", "1", "2x + 1"), ("0.1", "0", "0.1x + 0"), ("-3", "-4", "−3x − 4"), ("3", "4", "3x + 4")],
)
def test_the_line_turns_in_a_fixed_window_whatever_a_and_b(a: str, b: str, line: str) -> None:
    """The axes stay still while a and b move (|a x + b| <= 3 * 3 + 4 on -3 <= x <= 3), so a
    steeper line looks steeper: the unit's picture (window, ticks, legend) is the same for
    every line, and the line drawn is a x + b from x = -3 to 3."""
    at = open_page(PAGE, {"a": a, "b": b})
    assert not at.exception, [e.message for e in at.exception]
    data = touch_data(at, LINE)
    assert data["picture"]["x"] == [-3.0, 3.0]
    assert data["picture"]["y"] == [-13.0, 13.0]
    # the frame the browser draws once (the rings' places follow the other input)
    frame = {k: v for k, v in data["picture"].items() if k != "drags"}
    default = touch_data(open_page(PAGE), LINE)["picture"]
    assert frame == {k: v for k, v in default.items() if k != "drags"}
    row = touch_row(at, LINE)
    assert row["alt"].startswith(f"The line f(x) = {line}: a run of 2")
    drawn = row["layers"][1]["points"]
    a_q, b_q = Fraction(a), Fraction(b)
    assert drawn == [[-3.0, float(-3 * a_q + b_q)], [3.0, float(3 * a_q + b_q)]]


def test_line_with_a_zero_says_a_constant_has_derivative_zero() -> None:
    at = open_page(PAGE, {"rule": "line", "a": "0", "b": "3"})
    assert touch_row(at, LINE)["notes"] == [
        "With a = 0, f(x) = 3 is a constant: its derivative is 0."
    ]


@pytest.mark.parametrize(
    ("params", "fallback_metric", "fallback_value"),
    [
        ({"rule": "power", "n": "7"}, "power rule n x^(n-1)", "0.75"),
        ({"rule": "power", "p": "99"}, "power rule n x^(n-1)", "0.75"),
        ({"rule": "power", "dx": "0"}, "secant slope", "3.25"),
        ({"rule": "product", "t": "nan"}, "g'h + gh' (m²/day)", "5.5"),
        ({"rule": "chain", "hour": "-5"}, "dT/dt (°C/h)", "−8"),
        ({"rule": "ln", "pair": "cube"}, "1 / f'(x)", "≈ 0.3536"),
        ({"rule": "ln", "y": "abc"}, "1 / f'(x)", "≈ 0.3536"),
        ({"rule": "sin-cos", "wave": "tan"}, "cos x", f"≈ {math.cos(1):.6f}"),
        ({"rule": "exp", "periods": "1e400"}, "(1 + 1/n)^n", "≈ 2.613035"),
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


def test_moving_the_point_slider_updates_the_power_rule_numbers() -> None:
    """The point x and the step dx are inputs of the power rule's touch unit: after the
    learner's pause the unit reports the value (into session state, as here) and Python
    shows that row."""
    at = open_page(PAGE, {"rule": "power"})
    at.session_state["p"] = 1.0
    at.run()
    shown = metrics(at)
    assert shown["power rule n x^(n-1)"] == "3"  # 3 * 1^2
    assert shown["secant slope"] == "7"  # (2^3 - 1) / 1
    at.session_state["dx"] = 0.001
    at.run()
    assert metrics(at)["secant slope"] == str(
        (Fraction("1.001") ** 3 - 1) / Fraction("0.001") * 1.0
    )


def test_shrinking_dt_makes_the_house_corner_vanish() -> None:
    at = open_page(PAGE, {"rule": "product"})
    assert metrics(at)["corner dg·dh / dt (m²/day)"] == "0.625"  # 1 * (h(3) - h(2)) / 1
    # dt is an input of the house's touch unit: the learner moves it to 0.01 and pauses
    at.session_state["dt"] = 0.01
    at.run()
    dh = (2 + Fraction("2.01") ** 2 / 8) - (2 + Fraction(4, 8))
    assert metrics(at)["corner dg·dh / dt (m²/day)"] == str(
        float(Fraction("0.01") * dh / Fraction("0.01"))
    )


def test_e_panel_keeps_the_value_at_n_apart_from_e() -> None:
    """Issue 16, finding 2: at n = 12 the panel printed 'e = lim (1 + 1/n)^n ≈ 2.613035',
    but 2.613035 is (1 + 1/12)^12; e itself is 2.71828..."""
    formulas = latex_text(open_page(PAGE, {"rule": "exp"}))
    assert f"{float(Fraction(13, 12) ** 12):.9f}" == "2.613035290"
    assert r"\left(1 + \tfrac{1}{12}\right)^{12} \approx 2.61303529" in formulas
    assert r"e = \lim_{n\to\infty}\left(1 + \tfrac{1}{n}\right)^n = 2.718281828\ldots" in formulas
    assert not any(line.startswith("e = ") and "2.613" in line for line in formulas.splitlines())


def test_ln_panel_measures_with_a_central_difference_and_states_the_rule_fully() -> None:
    """Issue 16, finding 16: a forward difference printed 0.3535 beside 1/f'(x) = 0.3536,
    and g'(y) = 1/f'(x) was stated without 'where y = f(x) and f'(x) ≠ 0'."""
    at = open_page(PAGE, {"rule": "ln"})
    measured = metrics(at)["g'(y) measured (central difference)"]
    assert measured == f"≈ {1 / (2 * math.sqrt(2)):.4f}" == "≈ 0.3536"
    assert "where y = f(x) and f'(x) ≠ 0" in all_text(at).replace("′", "'")
    # the working is the ln tab's touch unit's: its template filled with the row's values
    (template,) = touch_data(at, "inverse_touch")["picture"]["tex"]
    (filled,) = touch_row(at, "inverse_touch")["tex"]
    working = template.replace("@0", filled["with"][0]).replace("@1", filled["with"][1])
    assert r"&= \frac{1}{2\sqrt{2}} \approx 0.3536" in working


def test_calculator_deep_link_exp_2x_gives_2_e_2x() -> None:
    at = open_page(PAGE, {"f": "exp(2x)", "x0": "0"})
    assert not at.exception
    assert "f'(x) = 2 e^{2 x}" in latex_text(at)
    assert metrics(at)["f'(x₀) at x₀ = 0"] == "2"


def test_section_and_calculator_keys_do_not_collide() -> None:
    at = open_page(PAGE, {"rule": "power", "p": "1", "f": "x^3", "x0": "2"})
    shown = metrics(at)
    assert shown["power rule n x^(n-1)"] == "3"  # the power rule: 3 * 1^2
    assert shown["f'(x₀) at x₀ = 2"] == "12"  # calculator: 3 * 2^2
    assert "🔗" not in captions(at)


CALCULATOR = "calculator_touch"  # the calculator's x0 unit: the tangent follows the hand


def _calculator_window(at: AppTest, x0: float) -> dict:
    """The window the calculator's unit draws the row at x0 in: the row's own, else the
    picture's."""
    data = touch_data(at, CALCULATOR)
    row = data["rows"][0][data["controls"][0]["values"].index(f"{x0:g}")]
    return row.get("window") or data["picture"]


def test_calculator_window_reaches_f_x0_through_the_data_not_the_spec() -> None:
    """At x0 = 5, f(x0) = 5e^5 ≈ 742: the row at 5 carries a window that reaches it (the
    picture, its axes and fixed curves, stay one for every position)."""
    at = open_page(PAGE)
    window_at_1, window_at_5 = (_calculator_window(at, x0) for x0 in (1, 5))
    assert (window_at_5["x"][0], window_at_5["x"][1]) == (-5.0, 5.0)
    assert window_at_5["y"][1] > 5 * math.exp(5) > window_at_1["y"][1]
    picture = touch_data(at, CALCULATOR)["picture"]
    at.session_state["x0"] = 5.0  # a pause at 5, as the browser reports it
    at.run()
    assert touch_data(at, CALCULATOR)["picture"] == picture
    assert metrics(at)["f'(x₀) at x₀ = 5"] == f"≈ {6 * math.exp(5):.6g}"


def test_calculator_without_a_tangent_keeps_its_layers_with_no_rows() -> None:
    at = open_page(PAGE, {"f": "ln(x)", "x0": "-1"})
    picture = touch_data(at, CALCULATOR)["picture"]
    row = touch_row(at, CALCULATOR)
    assert "there is no tangent" in row["alt"]
    assert row["layers"] == []  # no tangent, and no point: ln(−1) has no real value
    at.session_state["x0"] = 1.0
    at.run()
    assert touch_data(at, CALCULATOR)["picture"] == picture
    assert metrics(at)["f'(x₀) at x₀ = 1"] == "1"


def test_moving_n_keeps_the_picture_and_python_shows_the_row_the_browser_picked() -> None:
    """The browser draws the row for the position the learner drags to; when the position
    reaches Python (after the pause), Python holds n = -2 and shows that same row, in the
    same window, with the legend naming the curves for n = -2."""
    at = open_page(PAGE, {"rule": "power"})
    before = touch_data(at, POWER)
    position = before["controls"][0]["labels"].index("−2")
    picked = before["rows"][0][position]
    at.session_state["n"] = -2.0
    at.run()
    after = touch_data(at, POWER)
    assert after["controls"][0]["index"] == position
    # the same frame (the browser keeps its SVG) and the same ring for n; the rings on the
    # points x and x + dx sit on the new curve (their positions at every x and dx follow n)
    assert {k: v for k, v in after["picture"].items() if k != "drags"} == {
        k: v for k, v in before["picture"].items() if k != "drags"
    }
    assert after["picture"]["drags"][0] == before["picture"]["drags"][0]
    assert touch_row(at, POWER) == picked
    assert picked["legend"][:2] == ["f(x) = x^(−2)", "f'(x) = −2x^(−3)"]
    assert at.query_params["n"] == "-2"


def test_sum_axis_title_is_fixed_and_the_caption_carries_c() -> None:
    """The cruise's touch unit: its axis title stays put for every c (the picture is the
    same), the words that follow the position carry c."""
    at = open_page(PAGE, {"rule": "sum", "c": "1.5"})
    picture = touch_data(at, "cruise_touch")["picture"]
    assert picture["y_title"] == "c × distance (nmi)"
    assert (
        picture["y_title"]
        == touch_data(open_page(PAGE, {"rule": "sum"}), "cruise_touch")["picture"]["y_title"]
    )
    assert touch_row(at, "cruise_touch")["alt"].startswith("Distances times c = 1.5")


def test_the_product_rules_chain_prints_every_digit_of_its_exact_values() -> None:
    """At t = 5.5, dt = 0.01: g'h + gh' = 1 · 5.78125 + 9.5 · 1.375 = 18.84375 exactly; a
    four-digit rounding wrote '= 18.84' at the end of an exact chain."""
    t = Fraction("5.5")
    g, h, g_rate, h_rate = 4 + t, 2 + t**2 / 8, Fraction(1), t / 4
    assert (h, h_rate, g_rate * h + g * h_rate) == (
        Fraction("5.78125"),
        Fraction("1.375"),
        Fraction("18.84375"),
    )
    formulas = touch_formulas(open_page(PAGE, {"rule": "product", "t": "5.5", "dt": "0.01"}))
    assert r"&= 1 \cdot 5.78125 + 9.5 \cdot 1.375 = 18.84375" in formulas


def test_the_mountains_chain_prints_every_digit_of_its_exact_values() -> None:
    """At t = 1.7: h = 1/2 + 1.7²/2 = 1.945, dT/dh = -10 + 2h = -6.11, dT/dt = -6.11 · 1.7."""
    t = Fraction("1.7")
    lapse = -10 + 2 * (Fraction(1, 2) + t**2 / 2)
    assert lapse * t == Fraction("-10.387")
    formulas = touch_formulas(open_page(PAGE, {"rule": "chain", "hour": "1.7"}))
    assert r"&= (-6.11) \cdot 1.7 = -10.387" in formulas
