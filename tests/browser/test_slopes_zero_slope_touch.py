"""Zero slope (Slopes, section 3) as a touch unit in a real browser: keys on the point's input
and a drag of the point along the curve move the tangent, f'(x0) worked and the verdict to
core's with no message to the server; after a pause the address bar keeps `?point=` and a
reload restores it. On a phone every position's working fits the screen."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from app_pages.slopes.zero_slope import _touch, verdict
from core.zero_slope import DOMAIN, zero_slope_view
from dashboard import numbers
from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    UNIT_WIDE_FORMULAS,
    horizontal_overflow,
    open_page,
    sent_frames,
    set_touch_position,
    settle,
    touch_formulas,
    touch_input,
    touch_note,
    touch_unit,
    wait_for_idle,
)


def zero_unit(page: Page) -> Locator:
    unit = touch_unit(page, "point")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def expected(x: float) -> dict:
    """What the unit shows with the point at x: core's view, formatted as the page does."""
    view = zero_slope_view(x)
    frame, _ = _touch()
    working = (
        frame.tex[0].replace("@0", numbers.tex(view.x)).replace("@1", numbers.eq_tex(view.slope))
    )
    return {"working": [working], "verdict": verdict(view)}


def now(unit: Locator) -> dict:
    return {"working": touch_formulas(unit), "verdict": touch_note(unit)}


def test_keys_and_a_drag_move_the_point_and_python_hears_after_the_pause(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "slopes")
    unit = zero_unit(page)
    assert now(unit) == expected(0.5)
    assert "f'(0.5) &= 2.8125" in now(unit)["working"][0]
    knob = touch_input(unit, "point")
    knob.focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    shown = now(unit)
    assert len(frames) == before, "the browser sent frames while you moved"
    assert shown == expected(0.65)
    # drag the point to the local maximum at x = 1 (the plot spans the window between the
    # kit's margins, 48 px left and 14 px right)
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    svg = unit.locator(".picture svg").bounding_box()
    left, right = svg["x"] + 48, svg["x"] + svg["width"] - 14
    y = ring["y"] + ring["height"] / 2
    page.mouse.move(ring["x"] + ring["width"] / 2, y)
    page.mouse.down()
    span = DOMAIN[1] - DOMAIN[0]
    page.mouse.move(left + (1.0 - DOMAIN[0]) / span * (right - left), y, steps=8)
    page.mouse.up()
    sent = len(frames)  # at once: on a busy machine the checks below can outlast the pause
    shown = now(unit)
    assert sent == before, "the browser sent frames while you moved"
    assert shown == expected(1.0)
    assert (
        "not the highest point of the plotted window: f(−1.4) = 2.41472 is higher"
        in (shown["verdict"])
    )
    assert "tangent, slope 0" in unit.locator(".legend").inner_text()
    settle(page)
    page.wait_for_url("**point=1**")
    page.reload()
    wait_for_idle(page)
    unit = zero_unit(page)
    assert now(unit) == expected(1.0)
    assert touch_input(unit, "point").input_value() == "48"


def test_every_position_fits_a_phone(browser, app_url: str):
    """f(x), f'(x) and f'(x0) are rows of aligned equations (on one line they were wider than
    a 358 px column): at every position of the point, none reaches outside its box, and the
    page has no horizontal overflow."""
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, "slopes?point=-1.35")
        unit = zero_unit(phone)
        formulas = unit.locator(".formulas .katex-display")
        knob = touch_input(unit, "point")
        for index in range(int(knob.get_attribute("max")) + 1):
            set_touch_position(knob, index)
            assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], index
        assert horizontal_overflow(phone) == 0
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
