"""The slopes page's secant unit follows the hand (issue 20): one dx input (issue 17: one
control per idea; it replaced the in-chart slider of the 'instant version' and then the
Streamlit slider), a touch unit (dashboard.touch). Keys and a drag of the point x0 + dx
redraw the secant, its working, the numbers and the text alternative in the browser with no
message to the server; after a pause Python hears the position once: the address bar holds
dx, a reload restores it, and the round-off study below follows."""

from __future__ import annotations

from fractions import Fraction

import pytest
from playwright.sync_api import Locator, Page

from core.secant_pictures import secant_picture
from core.secants import SLIDER_STEPS
from tests.browser.helpers import (
    number,
    open_page,
    sent_frames,
    settle,
    touch_formulas,
    touch_input,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)


def secant_unit(page: Page) -> Locator:
    unit = touch_unit(page, "dx")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def assert_core_numbers(unit: Locator, dx: float, fn: str = "x^2", x0: float = 1.0) -> None:
    """The numbers shown are core's secant_picture at this step (to their 10 digits)."""
    picture = secant_picture(fn, x0, dx)
    shown = touch_metrics(unit)
    assert number(shown["Secant slope"]) == pytest.approx(picture.view.secant_slope, rel=5e-10)
    assert number(shown["Tangent slope f'(x0)"]) == pytest.approx(float(picture.limit))


def exact_square_slope(dx: str) -> str:
    """The oracle for x² at x0 = 1: ((1 + dx)² − 1²) / dx in Fractions, as a decimal."""
    step = Fraction(dx)
    slope = ((1 + step) ** 2 - 1) / step
    assert 10**6 % slope.denominator == 0  # a terminating decimal, short
    return f"{float(slope):g}"


def secant_path(unit: Locator) -> str:
    """The drawn secant (the first moving layer)."""
    return unit.locator(".picture svg > g").nth(2).locator("path").first.get_attribute("d")


def round_off_rule_label(page: Page) -> str:
    """The 'your dx = ...' label of the round-off study's chart (in Going further)."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Going further")
    chart = expander.locator('[data-testid="stVegaLiteChart"]')
    # Vega names each mark for screen readers: "x: 0.1; label: your dx = 0.1"
    labels = chart.locator("[aria-label]").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label')).filter(t => t.includes('your dx'))"
    )
    assert len(labels) == 1, labels
    return labels[0].split("label: ", 1)[1]


def below_the_unit(page: Page) -> list[str]:
    """The notation's formulas and the notes' table below the unit, as the learner reads them."""
    # the page's own formulas (a query of the document does not enter the unit's shadow root)
    notation = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] .katex-display')]
            .map((k) => k.innerText)"""
    )
    # the notation's two (the speedometer's and zero slope's working are inside their units)
    assert len(notation) >= 2
    table = page.locator('[data-testid="stTable"]').filter(has_text="secant slope")
    return [*notation, table.first.inner_text()]


def test_there_is_one_dx_control_and_no_slider_inside_a_chart(page: Page, app_url: str):
    open_page(page, app_url, "slopes")
    assert page.locator(".vega-bind input[type=range]").count() == 0
    assert page.locator('[data-testid="stSlider"]').filter(has_text="dx").count() == 0
    assert page.locator('[data-testid="stSlider"]').filter(has_text="Point x0").count() == 0
    unit = secant_unit(page)
    assert unit.count() == 1
    inputs = unit.locator("input[type=range]")
    assert [i.get_attribute("data-param") for i in inputs.all()] == ["x0", "dx"]
    knob = touch_input(unit, "dx")
    assert knob.count() == 1
    assert knob.get_attribute("aria-label") == "Step dx (drag right to shrink it)"
    assert knob.get_attribute("max") == str(len(SLIDER_STEPS) - 1)


def test_keys_move_the_secant_in_the_browser_and_python_hears_after_the_pause(
    page: Page, app_url: str
):
    frames = sent_frames(page)
    open_page(page, app_url, "slopes")
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Going further")
    expander.locator("summary").click()
    expander.locator('[data-testid="stVegaLiteChart"] .marks').first.wait_for()
    wait_for_idle(page)
    unit = secant_unit(page)
    assert touch_metrics(unit) == {"Secant slope": "3", "Tangent slope f'(x0)": "2"}
    assert round_off_rule_label(page) == "your dx = 1"
    below = below_the_unit(page)
    # a drawing built anew would lose this mark: the moves redraw inside the same picture
    unit.locator(".picture svg").evaluate("el => { el.dataset.sameDrawing = 'yes'; }")
    path, before = secant_path(unit), len(frames)
    touch_input(unit, "dx").focus()
    for index, dx in ((1, "0.5"), (2, "0.2"), (3, "0.1")):  # 1 -> 0.5 -> 0.2 -> 0.1
        page.keyboard.press("ArrowRight")
        assert SLIDER_STEPS[index] == float(dx)
        shown = touch_metrics(unit)
        assert shown == {"Secant slope": exact_square_slope(dx), "Tangent slope f'(x0)": "2"}
        assert_core_numbers(unit, float(dx))
        assert unit.locator(".controls .value").nth(1).inner_text() == dx
    during = len(frames) - before
    assert during == 0, f"{during} frames sent during the moves"
    assert secant_path(unit) != path, "the secant moved"
    assert unit.locator(".picture svg").get_attribute("data-same-drawing") == "yes"
    [working] = touch_formulas(unit)
    assert r"\frac{1.21 - 1}{0.1} \\ &\quad {}= 2.1" in working
    assert "x0 + dx = 1.1 has slope 2.1" in unit.locator(".alt").inner_text()
    assert "secant, slope 2.1" in unit.locator(".legend").inner_text()
    assert round_off_rule_label(page) == "your dx = 1"  # Python has not heard yet
    settle(page)
    assert "dx=0.1" in page.url
    assert len(frames) - before >= 1  # the position, once the learner paused
    assert round_off_rule_label(page) == "your dx = 0.1"  # the study below follows
    assert below_the_unit(page) == below  # f and x0 did not change: nor did these
    page.reload()
    wait_for_idle(page)
    unit = secant_unit(page)
    assert touch_input(unit, "dx").input_value() == "3"
    assert touch_metrics(unit) == {"Secant slope": "2.1", "Tangent slope f'(x0)": "2"}


def test_dragging_the_point_x0_plus_dx_moves_dx(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "slopes")
    unit = secant_unit(page)
    unit.locator(".picture svg").scroll_into_view_if_needed()
    svg = unit.locator(".picture svg").bounding_box()
    handle = unit.locator(".picture .handle circle.ring").bounding_box()
    start_x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    # the picture spans x from -0.25 to 2.75 between its margins (48 px left, 14 px right)
    left, width = svg["x"] + 48, svg["width"] - 62

    def at(x: float) -> float:
        return left + (x + 0.25) / 3 * width

    assert start_x == pytest.approx(at(2.0), abs=1)  # x0 + dx = 2 at dx = 1
    before = len(frames)
    page.mouse.move(start_x, y)
    page.mouse.down()
    here = start_x
    for x, dx in ((1.5, "0.5"), (1.2, "0.2"), (1.1, "0.1")):
        for k in range(1, 6):  # in small steps, like a hand
            page.mouse.move(here + (at(x) - here) * k / 5, y)
        here = at(x)
        assert touch_metrics(unit)["Secant slope"] == exact_square_slope(dx)
        assert_core_numbers(unit, float(dx))
    page.mouse.up()
    during = len(frames) - before
    assert during == 0, f"{during} frames sent during the drag"
    assert touch_input(unit, "dx").input_value() == "3"
    settle(page)
    assert "dx=0.1" in page.url
    page.reload()
    wait_for_idle(page)
    assert touch_metrics(secant_unit(page))["Secant slope"] == "2.1"


def test_keys_with_pauses_reach_every_step_with_cores_numbers(page: Page, app_url: str):
    """sin at 1, one key at a time with a pause after each (Python hears every step): each
    step down to 1e-12 shows core's slope, rounded and marked '≈', and the input stays where
    the learner put it. (Python's answer to one pause can arrive after the learner has moved
    on and paused again; it took the input back a step or two.)"""
    open_page(page, app_url, "slopes?fn=sin")
    unit = secant_unit(page)
    knob = touch_input(unit, "dx")
    knob.focus()
    for index in range(1, len(SLIDER_STEPS)):
        page.keyboard.press("ArrowRight")
        assert knob.input_value() == str(index)
        assert_core_numbers(unit, SLIDER_STEPS[index], "sin", 1.0)
        assert touch_metrics(unit)["Secant slope"].startswith("≈ ")
        page.wait_for_timeout(400)  # past the pause: the position goes to Python
        assert knob.input_value() == str(index), f"taken back from step {index}"
        assert_core_numbers(unit, SLIDER_STEPS[index], "sin", 1.0)
    assert "round-off, not the curve" in unit.locator(".notes").inner_text()
    settle(page)
    assert "dx=1e-12" in page.url
    assert knob.input_value() == str(len(SLIDER_STEPS) - 1)


def test_moving_x0_keeps_the_unit_and_its_dx(page: Page, app_url: str):
    """x0 is the unit's second input: after its pause Python sends the unit new rows for the
    new point; the unit (the same element on the page) keeps dx where the learner left it."""
    open_page(page, app_url, "slopes?dx=0.1")
    unit = secant_unit(page)
    unit.evaluate("el => { el.dataset.sameUnit = 'yes'; }")
    assert touch_input(unit, "dx").input_value() == "3"
    touch_input(unit, "x0").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**x0=1.2**")
    wait_for_idle(page)
    unit.locator(".alt").filter(has_text="near x0 = 1.2:").wait_for()
    assert unit.get_attribute("data-same-unit") == "yes"
    assert touch_input(unit, "dx").input_value() == "3"
    assert_core_numbers(unit, 0.1, "x^2", 1.2)
    assert touch_metrics(unit)["Tangent slope f'(x0)"] == "2.4"
    assert "dx=0.1" in page.url
