"""The calculator's point x0 as a touch unit (AppTest): every row against SymPy and core, the
deep links, the bad links' note, the pause, the size, and the plain slider of a slow function."""

import json
import math
from pathlib import Path

import pytest
import sympy
from streamlit.testing.v1 import AppTest

import app_pages.rules.calculator_point as calculator_point
from core.differentiability import PointKind
from core.expressions import X, parse_function
from core.slope_at_point import X0_STEPS
from dashboard import numbers
from tests.pages.helpers import all_text, open_page, touch_data, touch_row

APP = str(Path(__file__).parent / "apps" / "calculator_app.py")
UNIT = "calculator_touch"
EXAMPLES = {
    "x*exp(x)": X * sympy.exp(X),
    "exp(2x)": sympy.exp(2 * X),
    "sin(x)^2": sympy.sin(X) ** 2,
    "x^3 - 2x + 1": X**3 - 2 * X + 1,
    "ln(x)/x": sympy.log(X) / X,
    "sqrt(1 + x^2)": sympy.sqrt(1 + X**2),
    "abs(x)": sympy.Abs(X),
}


def run_with(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def shown_slope(value: float) -> str:
    """f'(x0) as the page writes it (the old metric's rule)."""
    text = numbers.text(value, 6)
    return text if numbers.is_exact(value, 6) else f"≈ {text}"


@pytest.mark.parametrize("text", list(EXAMPLES))
def test_every_row_shows_sympy_s_slope_and_the_tangent_through_the_point(text):
    at = run_with({"f": text})
    assert not at.exception
    data = touch_data(at, UNIT)
    (control,) = data["controls"]
    assert control["param"] == "x0" and control["label"] == "Point x₀"
    assert control["values"] == [f"{x:g}" for x in X0_STEPS] and control["index"] == 60
    rows = data["rows"][0]
    assert len(rows) == 101
    f = EXAMPLES[text]
    derivative = sympy.diff(f, X)
    for x0, row in zip(X0_STEPS, rows, strict=True):
        at_x0 = sympy.Rational(str(x0))
        value = f.subs(X, at_x0)
        ((label, shown),) = row["metrics"]
        assert label == f"f'(x₀) at x₀ = {numbers.text(x0)}"
        if not (value.is_real and value.is_finite) or (text == "abs(x)" and x0 == 0):
            assert shown == "does not exist", (text, x0)
            assert row["notes"][0].startswith(f"f′({numbers.text(x0)}) does not exist: ")
            assert not [layer for layer in row["layers"] if layer["kind"] == "line"]
            assert "there is no tangent" in row["alt"]
            continue
        slope = float(derivative.subs(X, at_x0).evalf(30))
        # SymPy's exact value to the shown digits ("≈" marks a float that is not exactly it,
        # as the old metric did: 3·4.9² − 2 computes to 70.03000000000002)
        assert shown.removeprefix("≈ ") == numbers.text(slope, 6), (text, x0)
        assert row["notes"] == []
        tangent, point = row["layers"]
        assert point["points"] == [[x0, pytest.approx(float(value), rel=1e-5)]]
        assert point["labels"] == ["x₀"]
        (x_a, y_a), (x_b, y_b) = tangent["points"]
        assert x_a < x0 < x_b
        assert (y_b - y_a) / (x_b - x_a) == pytest.approx(slope, rel=1e-4, abs=1e-4)
        assert row["legend"][2] == f"tangent, slope {shown}"
        bare = f"slope f′(x₀) {numbers.eq_text(slope)}".replace("≈ ", "= ")
        assert bare in row["alt"].replace("≈ ", "= ")


def test_abs_at_0_is_a_corner_with_both_one_sided_slopes():
    at = run_with({"f": "abs(x)", "x0": "0"})
    row = touch_row(at, UNIT)
    assert row["notes"] == [
        "f′(0) does not exist: x₀ = 0 is a corner. The one-sided difference quotients: from the "
        "left they settle near −1, from the right they settle near 1."
    ]
    assert row["legend"][2] == "tangent: none here"
    assert [link.proto.page for link in at.get("page_link")] == ["non-differentiability"]


def test_cube_root_at_0_is_a_vertical_tangent_and_rows_follow_core():
    at = run_with({"f": "x^(1/3)"})
    rows = touch_data(at, UNIT)["rows"][0]
    grid = calculator_point.unit_rows("x^(1/3)")[0]
    for point, row in zip(grid.points, rows, strict=True):
        label, shown = row["metrics"][0]
        assert (shown == "does not exist") == (not point.exists)
        if point.exists:
            assert shown == shown_slope(point.slope)
        if point.x0 == 0:
            assert point.kind is PointKind.VERTICAL_TANGENT
            assert "the tangent there is vertical" in row["notes"][0]
            assert "they run off to ∞" in row["notes"][0]


def test_a_row_whose_f_x0_is_off_the_picture_carries_its_own_window():
    """x e^x at 5 is 742: the old chart's y window reached it; that row's window does."""
    at = run_with()
    data = touch_data(at, UNIT)
    picture, rows = data["picture"], data["rows"][0]
    assert picture["y"][1] < 5 * math.exp(5)
    window = rows[-1]["window"]
    assert window["x"] == [-5.0, 5.0] and window["y"][1] > 5 * math.exp(5)
    assert "window" not in rows[60]  # x0 = 1: the picture's
    assert [k["name"] for k in picture["legend"]] == ["f(x)", "f'(x)", "tangent"]
    (drag,) = picture["drags"]
    assert drag["control"] == 0 and drag["at"][60] == [1.0, pytest.approx(math.e, rel=1e-5)]


@pytest.mark.parametrize(
    ("raw", "index"), [("1", 60), ("0", 50), ("-5", 0), ("5", 100), ("2.3", 73)]
)
def test_a_deep_link_opens_at_its_position(raw, index):
    at = run_with({"f": "x^2", "x0": raw})
    assert touch_data(at, UNIT)["controls"][0]["index"] == index
    x0 = X0_STEPS[index]
    assert touch_row(at, UNIT)["metrics"][0][1] == numbers.text(2 * x0, 6)
    assert "🔗" not in all_text(at)


@pytest.mark.parametrize("raw", ["0.05", "99", "-5.1", "abc", "nan", "inf", "1e309", "1,5"])
def test_a_bad_link_gets_the_old_slider_s_note_and_the_default(raw):
    at = run_with({"x0": raw})
    assert not at.exception
    assert touch_data(at, UNIT)["controls"][0]["index"] == 60
    note = [c for c in all_text(at).split("\n") if "🔗" in c]
    assert note and "point x₀" in note[0]
    assert "a number from −5 to 5 in steps of 0.1; showing 1 instead" in note[0]


def test_a_pause_shows_the_tables_at_the_new_point():
    at = run_with({"f": "abs(x)"})
    assert [t.value.shape[0] for t in at.table] == [2]  # two ways, at 1
    at.session_state["x0"] = 0.0  # the browser reports a pause at 0
    at.run()
    assert not at.exception
    assert touch_data(at, UNIT)["controls"][0]["index"] == 50
    assert [t.value.shape[0] for t in at.table] == [3]  # the one-sided table
    assert at.query_params["x0"] in ("0", ["0"])


def test_the_unit_stays_small():
    for text in ("x*exp(x)", "tan(x)", "abs(x-1)+abs(x+1)-abs(x)", "sin(1/x)"):
        size = len(json.dumps(touch_data(run_with({"f": text}), UNIT)))
        assert size < 150_000, (text, size)


def test_the_rules_page_keeps_the_unit_key_apart_from_the_sections():
    at = open_page("app_pages/rules/page.py", {"rule": "power", "f": "x^3", "x0": "2"})
    assert touch_row(at, UNIT)["metrics"][0] == ["f'(x₀) at x₀ = 2", "12"]


def test_a_slow_function_keeps_a_plain_slider_with_a_note(monkeypatch):
    """Past GRID_TIME_LIMIT_SECONDS the positions are not worked out: x0 is a Streamlit slider
    (the old calculator's point part), with a note saying why; the link still works."""
    monkeypatch.setattr(calculator_point, "GRID_TIME_LIMIT_SECONDS", 0.0)
    text = "x^2 + 0.5x"  # a function no other test caches
    parse_function(text)
    at = run_with({"f": text, "x0": "2"})
    assert not at.exception
    assert "takes too long to work out at all 101 points" in all_text(at)
    assert at.slider[0].value == 2.0
    assert next(m.value for m in at.metric if m.label == "f'(x₀) at x₀ = 2") == "4.5"
    assert not [e for e in at.get("bidi_component") if "calculator_touch" in e.proto.json]
    at.slider[0].set_value(1.0).run()
    assert next(m.value for m in at.metric if m.label == "f'(x₀) at x₀ = 1") == "2.5"
    calculator_point.unit_rows.clear()
