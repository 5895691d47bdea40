"""The secant unit's point x0 follows the hand (issue 20): x0 is the touch unit's second
input (a cross grid with dx). Keys and a pointer on it redraw the secant, the tangent, the
quotient worked, both slopes and the window in the browser with no message to the server;
after a pause Python hears it: the address bar holds x0, a reload restores it, and the dx
rows follow the new point."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page

from core.secant_pictures import X0_STEPS, secant_picture
from tests.browser.helpers import (
    Sent,
    now,
    number,
    open_page,
    set_touch_position,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)


def secant_unit(page: Page) -> Locator:
    unit = touch_unit(page, "x0")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def assert_core_numbers(unit: Locator, fn: str, x0: float, dx: float) -> None:
    """The numbers shown are core's secant_picture at this x0 and dx (to their 10 digits)."""
    picture = secant_picture(fn, x0, dx)
    shown = touch_metrics(unit)
    if picture.view.secant_slope is None:
        assert shown["Secant slope"] == "none"
    else:
        assert number(shown["Secant slope"]) == pytest.approx(picture.view.secant_slope, rel=5e-10)
    assert number(shown["Tangent slope f'(x0)"]) == pytest.approx(float(picture.limit))


def x_ticks(unit: Locator) -> list[str]:
    return unit.locator(".picture svg text").all_inner_texts()


def test_keys_on_x0_move_the_secant_tangent_and_window_in_the_browser(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "slopes?dx=0.5")
    wait_for_idle(page)
    unit = secant_unit(page)
    x0 = unit.locator('input[data-param="x0"]')
    dx = unit.locator('input[data-param="dx"]')
    assert x0.get_attribute("aria-label") == "Point x0"
    assert touch_metrics(unit) == {"Secant slope": "2.5", "Tangent slope f'(x0)": "2"}
    ticks = x_ticks(unit)
    x0.focus()
    moves = []
    for value in (1.1, 1.2, 1.3, 1.4, 1.5):
        page.keyboard.press("ArrowRight")
        moves.append(now())
        assert unit.locator(".controls .value").first.inner_text() == f"{value:g}"
        # ((x0 + 0.5)² − x0²) / 0.5 = 2 x0 + 0.5, exactly; the tangent 2 x0
        assert touch_metrics(unit) == {
            "Secant slope": f"{2 * value + 0.5:g}",
            "Tangent slope f'(x0)": f"{2 * value:g}",
        }
        assert_core_numbers(unit, "x^2", value, 0.5)
    assert dx.is_disabled()  # its rows still hold x0 = 1
    during = sent.during(moves)
    assert during == 0, f"{during} frames sent during the moves"
    (working,) = touch_formulas(unit)
    assert r"\frac{f(2) - f(1.5)}{0.5}" in working and r"\frac{4 - 2.25}{0.5}" in working
    assert "near x0 = 1.5:" in unit.locator(".alt").inner_text()
    assert "secant, slope 3.5" in unit.locator(".legend").inner_text()
    assert x_ticks(unit) != ticks  # the window moved with x0
    page.wait_for_url("**x0=1.5**")
    wait_for_idle(page)
    assert dx.is_enabled()
    # the dx rows now start at x0 = 1.5
    dx.focus()
    page.keyboard.press("ArrowRight")  # dx = 0.2
    assert touch_metrics(unit)["Secant slope"] == "3.2"
    assert_core_numbers(unit, "x^2", 1.5, 0.2)
    page.wait_for_url("**dx=0.2**")
    wait_for_idle(page)
    page.reload()
    wait_for_idle(page)
    unit = secant_unit(page)
    assert unit.locator('input[data-param="x0"]').input_value() == str(X0_STEPS.index(1.5))
    assert touch_metrics(unit) == {"Secant slope": "3.2", "Tangent slope f'(x0)": "3"}


@pytest.mark.parametrize(("fn", "x0"), [("sin", -2.0), ("1/x", 0.0), ("exp", 2.9)])
def test_a_pointer_on_x0_shows_cores_numbers(page: Page, app_url: str, fn: str, x0: float):
    sent = Sent(page)
    open_page(page, app_url, f"slopes?fn={fn}&dx=0.1")
    wait_for_idle(page)
    unit = secant_unit(page)
    knob = unit.locator('input[data-param="x0"]')
    moves = []
    for index in (X0_STEPS.index(x0) - 3, X0_STEPS.index(x0)):  # as a drag that lands there
        set_touch_position(knob, index)
        moves.append(now())
    assert sent.during(moves) == 0
    if fn == "1/x":
        assert touch_metrics(unit) == {"Secant slope": "none", "Tangent slope f'(x0)": "none"}
        assert "is not defined at x0 = 0" in unit.locator(".notes").inner_text()
    else:
        assert_core_numbers(unit, fn, x0, 0.1)
    page.wait_for_url(f"**x0={x0:g}**")
    wait_for_idle(page)
    page.reload()
    wait_for_idle(page)
    unit = secant_unit(page)
    assert unit.locator('input[data-param="x0"]').input_value() == str(X0_STEPS.index(x0))
    if fn != "1/x":
        assert_core_numbers(unit, fn, x0, 0.1)
    assert page.locator('[data-testid="stException"]').count() == 0
