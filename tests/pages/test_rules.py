"""The Rules page in AppTest: the eight rules at a glance and in tabs, deep links to a tab,
bad links, the questions at the end of each section, the recap and the next page."""

import json
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages.rules import (
    chain_rule,
    e_and_exp,
    ln_and_inverse,
    power_rule,
    product_rule,
    sin_cos,
)
from tests.pages.helpers import all_text, open_page, touch_data, touch_row

PAGE = "app_pages/rules/page.py"
TABS = {
    "line": "Constant & line",
    "power": "Power rule",
    "sum": "Sum & multiple",
    "product": "Product rule",
    "chain": "Chain rule",
    "sin-cos": "sin & cos",
    "exp": "e and eˣ",
    "ln": "ln x",
}
# Each section's question(s), keyed by the tab that holds them; the calculator's is below.
QUESTIONS = {
    "line": {"quiz_line"},
    "power": {"quiz_cube", "quiz_secant"},
    "sum": {"quiz_cruise"},
    "product": {"quiz_product"},
    "chain": {"quiz_exp2x", "quiz_mountain"},
    "sin-cos": {"quiz_cos"},
    "exp": {"quiz_e_limit"},
    "ln": {"quiz_ln_slope"},
}


def metrics(at: AppTest) -> dict[str, str]:
    """The open tab's metrics, and the numbers of each touch unit on it (dashboard.touch) at
    the position Python holds (what the browser shows until the learner moves an input)."""
    shown = {m.label: m.value for m in at.metric}
    for unit in at.get("bidi_component"):
        if unit.proto.component_name == "calculus_ml.touch":
            shown.update(dict(touch_row(at, json.loads(unit.proto.json)["key"])["metrics"]))
    return shown


def captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def open_tab(at: AppTest) -> str:
    """The title of the one tab whose content was drawn (only the open tab is drawn)."""
    drawn = [tab.label for tab in at.tabs if tab.children]
    assert len(drawn) == 1, drawn
    return drawn[0]


def quiz_keys(at: AppTest) -> set[str]:
    return {w.key for w in [*at.radio, *at.text_input] if w.key and w.key.startswith("quiz_")}


def test_default_view_shows_every_rule_at_a_glance_and_opens_the_line() -> None:
    at = open_page(PAGE)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Rules: derivatives without limits"
    assert [tab.label for tab in at.tabs] == list(TABS.values())
    assert open_tab(at) == "Constant & line"
    glance = "\n".join(str(el.value) for el in at.latex[:2])
    for rule in ("(x^n)' &= n\\,x^{n-1}", "(g\\,h)' &= g'h + g\\,h'", "(e^x)' &= e^x"):
        assert rule in glance
    assert r"(\ln x)' &= \tfrac{1}{x}" in glance and r"f'(g(x))\,g'(x)" in glance
    shown = metrics(at)
    assert (shown["rise / run"], shown["f'(x) = a"], shown["b (no effect on slope)"]) == (
        "2",
        "2",
        "1",
    )
    assert not at.query_params.get("rule")


@pytest.mark.parametrize("rule", list(TABS))
def test_a_link_with_rule_opens_that_tab_first_time(rule: str) -> None:
    """?rule=ln is the link the log-loss page uses: one click to the ln tab."""
    at = open_page(PAGE, {"rule": rule})
    assert not at.exception, [e.message for e in at.exception]
    assert open_tab(at) == TABS[rule]
    # a chart, or a touch unit other than the calculator's (its tangent picture, below every tab)
    units = [
        json.loads(u.proto.json)["key"]
        for u in at.get("bidi_component")
        if u.proto.component_name == "calculus_ml.touch"
    ]
    assert at.get("vega_lite_chart") or set(units) - {"calculator_touch"}, (
        "each rule has its picture"
    )
    assert quiz_keys(at) == QUESTIONS[rule] | {"quiz_abs_corner"}
    assert "🔗" not in captions(at)


@pytest.mark.parametrize(
    "params",
    [
        {"rule": "bogus"},
        {"rule": "<script>alert(1)</script>"},
        {"rule": "Power rule"},
        {"rule": "`x`" * 30},
    ],
)
def test_a_bad_rule_in_the_link_opens_the_line_with_a_note(params: dict[str, str]) -> None:
    at = open_page(PAGE, params)
    assert not at.exception, [e.message for e in at.exception]
    assert open_tab(at) == "Constant & line"
    assert "🔗 The link asked for rule =" in captions(at)
    assert "<script>" not in "".join(m.value for m in at.markdown)


def test_repeated_rule_key_uses_one_value_and_says_so() -> None:
    at = open_page(PAGE, {"rule": ["power", "chain"]})
    assert not at.exception
    assert open_tab(at) == "Power rule"
    assert "more than once" in captions(at)


def test_the_page_ends_with_a_recap_and_a_link_to_non_differentiability() -> None:
    at = open_page(PAGE)
    assert at.header[-1].value == "Recap"
    assert "at a corner, such as |x| at 0" in at.markdown[-1].value
    links = at.get("page_link")
    assert links[-1].proto.page == "non-differentiability"
    assert links[-1].proto.label.startswith("Next: Non-differentiability")


def test_the_dual_numbers_wait_in_a_closed_going_further_expander() -> None:
    at = open_page(PAGE)
    dual = [e for e in at.expander if "dual numbers" in e.label]
    assert len(dual) == 1 and not dual[0].proto.expanded
    assert "f′(x₀) by dual numbers" in [m.label for m in dual[0].get("metric")]


def test_quiz_shows_the_notes_slip_2_e_x_as_a_wrong_option() -> None:
    at = open_page(PAGE, {"rule": "chain"})
    question = at.radio(key="quiz_exp2x")
    assert "$2e^{x}$" in question.options and "$2e^{2x}$" in question.options
    question.set_value("$2e^{x}$").run()
    assert "slip in the notes" in at.warning[0].value
    at.radio(key="quiz_exp2x").set_value("$2e^{2x}$").run()
    assert any("Right." in s.value for s in at.success)


def test_quiz_cube_coefficient_2_is_called_the_notes_slip() -> None:
    at = open_page(PAGE, {"rule": "power"})
    at.radio(key="quiz_cube").set_value("2").run()
    assert any("The notes wrote 2x²dx" in w.value for w in at.warning)


@pytest.mark.parametrize(
    ("rule", "key", "answer", "right"),
    [
        ("power", "quiz_secant", "3.25", True),
        ("power", "quiz_secant", "0.75", False),
        ("sum", "quiz_cruise", "0.65", True),
        ("sum", "quiz_cruise", "0,65", True),
        ("sum", "quiz_cruise", "0.55", False),
        ("chain", "quiz_mountain", "-8", True),
        ("chain", "quiz_mountain", "8", False),
        ("line", "quiz_line", "3", True),
        ("line", "quiz_line", "-7", False),
        ("ln", "quiz_ln_slope", "0.25", True),
        ("ln", "quiz_ln_slope", "4", False),
    ],
)
def test_number_questions_accept_the_right_numbers(
    rule: str, key: str, answer: str, right: bool
) -> None:
    at = open_page(PAGE, {"rule": rule})
    at.text_input(key=key).input(answer).run()
    verdicts = [s.value for s in at.success] + [w.value for w in at.warning]
    assert any(("Right." if right else "Not quite.") in v for v in verdicts), verdicts


@pytest.mark.parametrize(
    ("rule", "key", "right", "wrong"),
    [
        ("sin-cos", "quiz_cos", "−sin x", "sin x"),
        ("exp", "quiz_e_limit", "the limit of (1 + 1/n)ⁿ as n grows: 2.71828…", "2.613"),
        (
            "line",
            "quiz_abs_corner",
            "It does not exist: the slopes from the left and right are −1 and 1",
            "0",
        ),
    ],
)
def test_choice_questions_accept_the_right_option_only(
    rule: str, key: str, right: str, wrong: str
) -> None:
    at = open_page(PAGE, {"rule": rule})
    at.radio(key=key).set_value(wrong).run()
    assert any("Not quite." in w.value for w in at.warning)
    at.radio(key=key).set_value(right).run()
    assert any("Right." in s.value for s in at.success)


@pytest.mark.parametrize("answer", ["e^x (x+1)", "exp(x) + x exp(x)", "(1+x)e^x", "xe^x+e^x"])
def test_typed_derivative_of_x_e_x_is_accepted_in_equivalent_forms(answer: str) -> None:
    at = open_page(PAGE, {"rule": "product"})
    at.text_input(key="quiz_product").input(answer).run()
    assert any("Right." in s.value for s in at.success), [w.value for w in at.warning]


@pytest.mark.parametrize("answer", ["e^x", "x e^x", "2e^x"])
def test_typed_wrong_derivative_is_refused_with_a_reason(answer: str) -> None:
    at = open_page(PAGE, {"rule": "product"})
    at.text_input(key="quiz_product").input(answer).run()
    assert any("Not quite" in w.value for w in at.warning)
    assert not at.success


def test_typed_hostile_answer_is_refused_and_runs_nothing(tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    at = open_page(PAGE, {"rule": "product"})
    attack = f"__import__('os').system('touch {sentinel}')"
    at.text_input(key="quiz_product").input(attack).run()
    assert not at.exception
    assert any("could not be read" in w.value for w in at.warning)
    assert not sentinel.exists()


def test_no_file_of_the_page_is_over_400_lines() -> None:
    folder = Path(__file__).resolve().parents[2] / "app_pages" / "rules"
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert "page.py" in sizes and max(sizes.values()) <= 400, sizes


def test_the_old_views_module_is_gone() -> None:
    root = Path(__file__).resolve().parents[2]
    assert not (root / "dashboard" / "rules_views.py").exists()
    assert not (root / "dashboard" / "calculator.py").exists()


TWO_E = f"≈ {2 * math.e:.5f}"  # f'(1) for x e^x, to six digits


def test_calculator_default_is_the_notes_product_x_e_x() -> None:
    at = open_page(PAGE)
    assert r"f'(x) = \left(x + 1\right) e^{x}" in "\n".join(str(el.value) for el in at.latex)
    assert metrics(at)["f'(x₀) at x₀ = 1"] == TWO_E
    assert "product rule" in all_text(at)


def _specs_and_places(at: AppTest) -> tuple[list[str], dict[tuple, str]]:
    """Every chart's spec, and every element's place and kind (as the stable-spec test)."""
    specs: list[str] = []
    places: dict[tuple, str] = {}

    def walk(node, path: tuple) -> None:
        for index, child in getattr(node, "children", {}).items():
            kind = getattr(child, "type", None) or type(child).__name__
            if kind == "vega_lite_chart":
                specs.append(child.proto.spec)
            places[(*path, index)] = {"latex": "markdown", "caption": "markdown"}.get(kind, kind)
            walk(child, (*path, index))

    walk(at._tree, ())
    return specs, places


# The touch units' inputs that were sliders, by tab (dashboard.touch).
TOUCH_CONTROLS = {
    "power": (power_rule.X, power_rule.DX),  # n: the cube's working shows at n = 3 only
    "chain": (chain_rule.HOUR,),
    "product": (product_rule.DAY, product_rule.STEP),
    "sin-cos": (sin_cos.ANGLE, sin_cos.STEP),
    "exp": (e_and_exp.EX,),
    "ln": (ln_and_inverse.Y,),
}


# The line's and the cruise's sliders are touch units' inputs (dashboard.touch): their own
# tests (tests/pages/test_rules_line_touch.py, test_rules_sum_touch.py) move each of them.
@pytest.mark.parametrize("rule", [r for r in TABS if r not in ("line", "sum")])
def test_moving_each_slider_of_a_tab_keeps_its_charts_and_elements(rule: str) -> None:
    """tests/pages/test_stable_chart_specs.py moves the sliders the page shows at its defaults
    (the calculator's); the other tabs' sliders are moved here, one step each way and to both
    ends, with the same two checks."""
    at = open_page(PAGE, {"rule": rule})
    specs, places = _specs_and_places(at)
    widgets = [("slider", s.key) for s in at.slider if s.key and s.key != "x0"]
    widgets += [("select_slider", s.key) for s in at.select_slider if s.key]
    widgets += [("selectbox", s.key) for s in at.selectbox if s.key]
    # a slider that became a touch unit's input is moved as the browser reports a pause
    widgets += [("touch", c.param) for c in TOUCH_CONTROLS.get(rule, ())]
    assert widgets
    for kind, key in widgets:
        if kind == "touch":
            control = next(c for c in TOUCH_CONTROLS[rule] if c.param == key)
            for value in (control.values[0], control.values[-1], control.default):
                at.session_state[key] = value
                at.run()
                assert not at.exception, (key, value, [e.message for e in at.exception])
                moved_specs, moved_places = _specs_and_places(at)
                assert moved_specs == specs, f"{key}={value}: a chart's spec changed"
                assert moved_places == places, f"{key}={value}: elements moved"
            continue
        widget = next(w for w in getattr(at, kind) if w.key == key)
        if kind == "slider":
            values = [
                widget.value + widget.step,
                widget.value - widget.step,
                widget.min,
                widget.max,
            ]
            values = [round(v, 10) for v in values if widget.min <= v <= widget.max]
        elif kind == "select_slider":
            values = [o for o in (widget.options[0], widget.options[-1]) if o != widget.value]
        else:
            values = [0, len(widget.options) - 1]  # a drop-down: its first and last choice
        for value in values:
            moving = next(w for w in getattr(at, kind) if w.key == key)
            (moving.select_index(value) if kind == "selectbox" else moving.set_value(value)).run()
            assert not at.exception, (key, value, [e.message for e in at.exception])
            moved_specs, moved_places = _specs_and_places(at)
            assert moved_specs == specs, f"{key}={value}: a chart's spec changed"
            shifted = [
                p for p in places.keys() & moved_places.keys() if places[p] != moved_places[p]
            ]
            assert not shifted, f"{key}={value}: elements moved at {shifted[:2]}"


def test_the_line_changes_by_the_same_amount_rather_than_rising() -> None:
    """Review R6: 'A line rises by the same amount for every step' is false for a < 0."""
    at = open_page(PAGE, {"rule": "line", "a": "-2.5"})
    assert not at.exception
    text = all_text(at)
    assert "A line rises by" not in text
    assert "A line changes by the same amount for every step to the right" in text


def test_the_inverse_picture_says_where_x_squared_is_invertible() -> None:
    """Review R5: 'x^2 and its inverse sqrt(y)': x² has an inverse only on x ≥ 0."""
    at = open_page(PAGE, {"rule": "ln"})
    # the picture's text alternative, in the ln tab's touch unit (it follows y)
    data = touch_data(at, "inverse_touch")
    text = " ".join([data["picture"]["description"], *(r["alt"] for r in data["rows"][0])])
    assert "x^2 for x ≥ 0 and its inverse sqrt(y)" in text
    assert "x^2 and its inverse" not in text


def test_the_compound_value_reads_below_e_at_the_largest_n() -> None:
    """Review R7: at n = 31,536,000 '(1 + 1/n)^n ≈ 2.718282' sat above 'e = 2.718281…'
    (rounded against truncated); (1 + 1/n)^n = 2.7182817853… < e = 2.7182818284…"""
    import mpmath

    at = open_page(PAGE, {"rule": "exp", "periods": "3.1536e+07"})
    assert not at.exception
    with mpmath.workdps(40):
        value = (1 + mpmath.mpf(1) / 31536000) ** 31536000
        assert value < mpmath.e
    maths = " ".join(el.value for el in at.latex)
    assert rf"\approx {mpmath.nstr(value, 10)}" in maths
    assert mpmath.mpf(mpmath.nstr(value, 10)) < mpmath.mpf("2.718281828")
    assert r"= 2.718281828\ldots" in maths
    caption = " ".join(c.value for c in at.caption)
    assert f"(1 + 1/n)^n ≈ {mpmath.nstr(value, 10)}." in caption


def _going_further_table(at: AppTest, column: str):
    return next(t.value for t in at.table if column in t.value.columns)


def test_rounded_cells_of_the_product_and_power_tables_are_marked_approx() -> None:
    """Review R2, R3: 'total dF 0.188694' (exactly 0.188693875) and 'secant slope 12.0006'
    (exactly 12.00060001) were printed rounded without '≈'."""
    from fractions import Fraction

    at = open_page(PAGE, {"rule": "product", "t": "5.5", "dt": "0.01"})
    cells = [str(c) for frame in at.table for col in frame.value.columns for c in frame.value[col]]
    assert "0.188694" not in cells and "≈ 0.188694" in cells
    at = open_page(PAGE, {"rule": "power", "p": "2", "dx": "0.001"})
    frame = _going_further_table(at, "secant slope")
    row = list(frame["dx"]).index("0.0001")
    x, h = Fraction(2), Fraction("0.0001")
    exact = ((x + h) ** 3 - x**3) / h  # the oracle: the secant slope of x³ at 2
    assert exact == Fraction("12.00060001")
    assert frame["secant slope"].iloc[row] == "≈ 12.0006"
