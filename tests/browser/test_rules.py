"""The Rules page in a real browser: sliders move the numbers, the tabs follow the URL (and
write it), the ln tab opens from one link, the calculator says where f'(x0) does not exist."""

import math

import pytest
from playwright.sync_api import Browser, Page

from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    main_text,
    open_page,
    shot,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

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


def calculator_unit(page: Page):
    """The calculator's touch unit (its input is the point x0)."""
    unit = touch_unit(page, "x0")
    unit.locator(".picture svg").first.wait_for()
    return unit


def calculator_metric(page: Page, label: str) -> str:
    """f'(x0) as the calculator's unit shows it now, under `label`."""
    return touch_metrics(calculator_unit(page))[label]


def press_x0(page: Page, key: str = "ArrowRight") -> None:
    """A key on the calculator's x0 input, as the learner's hand moves it."""
    knob = calculator_unit(page).locator('input[data-param="x0"]')
    knob.focus()
    page.keyboard.press(key)


def selected_tab(page: Page) -> str:
    return page.locator('[role="tab"][aria-selected="true"]').first.inner_text().strip()


def test_moving_the_point_slider_changes_the_power_rule_numbers(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=power")
    unit = touch_unit(page, "n")  # the power rule's numbers live in its touch unit
    assert touch_metrics(unit)["secant slope"] == "3.25"
    assert touch_metrics(unit)["power rule n x^(n-1)"] == "0.75"
    # the point x is an input of the same unit (no longer a Streamlit slider)
    unit.locator('input[data-param="p"]').focus()
    page.keyboard.press("ArrowRight")  # 0.5 -> 0.6
    # x^3 at 0.6: secant (1.6^3 - 0.6^3) / 1 = 3.88, tangent 3 * 0.36 = 1.08, both exact
    assert touch_metrics(unit)["secant slope"] == "3.88"
    assert touch_metrics(unit)["power rule n x^(n-1)"] == "1.08"
    page.wait_for_timeout(700)  # the learner's pause: the position goes to Python
    wait_for_idle(page)
    assert "p=0.6" in page.url
    shot(page, "rules-power-moved")


def test_shrinking_dt_shrinks_the_corner_of_the_house(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=product")
    unit = touch_unit(page, "dt")  # t and dt are the inputs of the house's touch unit
    assert touch_metrics(unit)["corner dg·dh / dt (m²/day)"] == "0.625"
    unit.locator('input[data-param="dt"]').focus()
    for _ in range(4):  # 1 -> 0.5 -> 0.2 -> 0.1 -> 0.01
        page.keyboard.press("ArrowRight")
    # dg = 0.01, dh = ((2.01)^2 - 4)/8 = 0.0050125, so dg dh / dt = 0.0050125 exactly
    assert touch_metrics(unit)["corner dg·dh / dt (m²/day)"] == "0.0050125"
    assert touch_metrics(unit)["g'h + gh' (m²/day)"] == "5.5"
    page.wait_for_timeout(700)  # the learner's pause: the position goes to Python
    wait_for_idle(page)
    assert "dt=0.01" in page.url
    shot(page, "rules-product-small-dt")


def test_picking_a_tab_writes_the_rule_into_the_link(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules")
    assert selected_tab(page) == "Constant & line"
    assert touch_metrics(touch_unit(page, "a"))["rise / run"] == "2"  # the line's touch unit
    page.get_by_role("tab", name="Chain rule").click()
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert "rule=chain" in page.url
    drive = touch_unit(page, "hour")  # the time into the drive is a touch unit's input
    assert touch_metrics(drive)["dT/dt (°C/h)"] == "−8"
    drive.locator("input[type=range]").focus()
    page.keyboard.press("ArrowRight")  # 1.0 -> 1.1 h
    # h = 0.5 + 1.21/2 = 1.105 km: dT/dh = -7.79, dh/dt = 1.1, dT/dt = -8.569 exactly
    assert touch_metrics(drive)["dT/dt (°C/h)"] == "−8.569"
    page.wait_for_timeout(700)  # the learner's pause: the position goes to Python
    wait_for_idle(page)
    assert "hour=1.1" in page.url
    page.get_by_role("tab", name="Constant & line").click()
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert "rule=" not in page.url


@pytest.mark.parametrize("rule", list(TABS))
def test_each_rule_opens_from_its_link_with_a_chart(page: Page, app_url: str, rule: str) -> None:
    open_page(page, app_url, f"rules?rule={rule}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert selected_tab(page) == TABS[rule]
    # its own picture (a chart, or the power rule's touch unit) and the calculator's chart
    pictures = page.locator('[data-testid="stVegaLiteChart"], .touch .picture svg')
    assert pictures.count() >= 2
    assert page.locator('[data-testid="stMetric"], .touch .metric').count() >= 3
    shot(page, f"rules-{rule}")


def test_the_ln_link_of_the_log_loss_page_opens_the_ln_tab(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=ln")
    assert selected_tab(page) == "ln x"
    text = main_text(page)
    assert "where y = f(x) and f′(x) ≠ 0" in text
    # the numbers live in the ln tab's touch unit (its input is the point y)
    unit = touch_unit(page, "y")
    assert touch_metrics(unit)["1 / f'(x)"] == f"≈ {1 / (2 * math.sqrt(2)):.4f}"


def test_typed_answer_is_checked_in_the_browser(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=product")
    box = page.get_by_role("textbox", name="Type the derivative of f(x)")
    box.fill("e^x (x + 1)")
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert "Right." in main_text(page)
    box.fill("2e^x")
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert "Not quite" in main_text(page)
    shot(page, "rules-quiz")


def test_typing_a_function_shows_its_derivative_and_steps(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules")
    box = page.get_by_role("textbox", name="f(x) =", exact=True)
    box.fill("sin(x)^2")
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    text = main_text(page)
    assert "chain rule" in text and "power rule" in text
    assert "f=sin" in page.url
    # f'(1) = 2 sin 1 cos 1 = sin 2 (x0 is the calculator's touch unit: its numbers are there)
    assert calculator_metric(page, "f'(x₀) at x₀ = 1") == f"≈ {math.sin(2):.6f}"
    katex = page.locator(".katex").all_inner_texts()
    assert any("sin" in k and "cos" in k for k in katex), katex
    shot(page, "rules-calculator-typed")


def test_moving_x0_follows_the_function_typed_last(page: Page, app_url: str) -> None:
    """x₀ is the calculator's touch unit, rebuilt for the function typed last: moving it
    must show that function's slopes, and keep ?x0= in the link after the pause."""
    open_page(page, app_url, "rules")
    box = page.get_by_role("textbox", name="f(x) =", exact=True)
    box.fill("sin(x)^2")
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    press_x0(page)  # 1 -> 1.1
    # f'(1.1) = 2 sin 1.1 cos 1.1 = sin 2.2
    assert calculator_metric(page, "f'(x₀) at x₀ = 1.1") == f"≈ {math.sin(2.2):.6f}"
    page.wait_for_url("**x0=1.1**")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    box.fill("x^3 - 2x + 1")
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    # 3 · 1.21 − 2, worked out in floats (1.6300000000000003): '≈' marks it rounded
    assert calculator_metric(page, "f'(x₀) at x₀ = 1.1").removeprefix("≈ ") == "1.63"
    press_x0(page, key="ArrowLeft")  # 1.1 -> 1
    assert calculator_metric(page, "f'(x₀) at x₀ = 1").removeprefix("≈ ") == "1"  # not sin 2
    assert "power rule" in main_text(page)


def test_abs_at_0_says_there_is_no_derivative_and_links_to_the_next_page(
    page: Page, app_url: str
) -> None:
    open_page(page, app_url, "rules?f=abs(x)&x0=0")
    assert calculator_metric(page, "f'(x₀) at x₀ = 0") == "does not exist"
    notes = calculator_unit(page).locator(".notes").inner_text()  # the unit's verdict
    assert "f′(0) does not exist: x₀ = 0 is a corner." in notes
    link = page.get_by_role("link", name="Corners, cusps, jumps and vertical tangents")
    link.click()
    page.wait_for_timeout(500)
    wait_for_idle(page)
    assert "/non-differentiability" in page.url


@pytest.mark.parametrize("rule", ["line", "power", "ln"])
def test_every_formula_fits_a_phone(browser: Browser, app_url: str, rule: str) -> None:
    phone, _ = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, f"rules?rule={rule}")
        assert wide_formulas(phone) == []
    finally:
        phone.context.close()
