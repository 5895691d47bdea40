"""The Rules page in a real browser: sliders move the numbers, the gallery follows the URL."""

import pytest
from playwright.sync_api import Page

from tests.browser.helpers import main_text, open_page, press_slider, shot, wait_for_idle

GALLERY = ["line", "power", "sum", "product", "chain", "sin-cos", "exp", "ln"]


def metric_value(page: Page, label: str) -> str:
    """The value shown by the metric whose label is exactly `label`."""
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return metric.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_moving_the_point_slider_changes_the_power_rule_numbers(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=power")
    assert metric_value(page, "secant slope") == "3.25"
    assert metric_value(page, "power rule n x^(n-1)") == "0.75"
    press_slider(page, "point x")  # 0.5 -> 0.6
    # x^3 at 0.6: secant (1.6^3 - 0.6^3) / 1 = 3.88, tangent 3 * 0.36 = 1.08
    assert metric_value(page, "secant slope") == "3.88"
    assert metric_value(page, "power rule n x^(n-1)") == "1.08"
    assert "p=0.6" in page.url
    shot(page, "rules-power-moved")


def test_shrinking_dt_shrinks_the_corner_of_the_house(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=product")
    assert metric_value(page, "corner dg·dh / dt (m²/day)") == "0.625"
    press_slider(page, "time step dt", times=4)  # 1 -> 0.5 -> 0.2 -> 0.1 -> 0.01
    assert metric_value(page, "corner dg·dh / dt (m²/day)") == "0.005012"
    assert metric_value(page, "g'h + gh' (m²/day)") == "5.5"
    assert "dt=0.01" in page.url
    shot(page, "rules-product-small-dt")


def test_picking_a_rule_in_the_gallery_writes_it_into_the_link(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules")
    assert metric_value(page, "rise / run") == "2"
    page.locator('[data-testid="stButtonGroup"] button').filter(has_text="Chain rule").first.click()
    page.wait_for_timeout(200)
    wait_for_idle(page)
    assert "rule=chain" in page.url
    assert metric_value(page, "dT/dt (°C/h)") == "-8"
    press_slider(page, "time into the drive")  # 1.0 -> 1.1 h
    # h = 0.5 + 1.21/2 = 1.105 km: dT/dh = -7.79, dh/dt = 1.1, dT/dt = -8.569
    assert metric_value(page, "dT/dt (°C/h)") == "-8.569"


@pytest.mark.parametrize("rule", GALLERY)
def test_each_gallery_entry_loads_from_its_link_with_a_chart(
    page: Page, app_url: str, rule: str
) -> None:
    open_page(page, app_url, f"rules?rule={rule}")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 1
    assert page.locator('[data-testid="stMetric"]').count() >= 3
    shot(page, f"rules-{rule}")


def test_typed_answer_is_checked_in_the_browser(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules")
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
    # f'(1) = 2 sin 1 cos 1 = sin 2 = 0.9093
    assert metric_value(page, "f'(x₀) at x₀ = 1") == "0.9093"
    katex = page.locator(".katex").all_inner_texts()
    assert any("sin" in k and "cos" in k for k in katex), katex
    shot(page, "rules-calculator-typed")
