"""Where you stand in the sauna, as a touch unit, in a real browser: keys and dragging the
point move the tangent, the numbers and the words to core's with no message to the server;
after a pause the address bar keeps the place and a reload restores it."""

from __future__ import annotations

from playwright.sync_api import Page

from app_pages.cost_functions.values import shown
from app_pages.cost_functions.zero_slope_and_the_sauna import colder_words, spot_words
from core.sauna import sauna_spot
from tests.browser.helpers import (
    open_page,
    sent_frames,
    settle,
    touch_input,
    touch_metrics,
    touch_note,
    touch_unit,
    wait_for_idle,
)


def expected(x: float) -> dict[str, str]:
    spot = sauna_spot(x)
    return {
        "temperature here": shown(spot.temperature, " °C"),
        "slope T′(x) here": shown(spot.slope, " °C per m"),
        "colder is": colder_words(spot),
        "words": spot_words(spot),
    }


def now(unit) -> dict[str, str]:
    return {**touch_metrics(unit), "words": touch_note(unit)}


def test_keys_and_a_drag_move_where_you_stand_and_python_hears_after_the_pause(
    page: Page, app_url: str
):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions")
    unit = touch_unit(page, "spot")
    unit.locator(".metric").first.wait_for()
    assert now(unit) == expected(2.5)
    knob = touch_input(unit, "spot")
    knob.focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    shown = now(unit)
    assert len(frames) == before, "the browser sent frames while you moved"
    assert shown == expected(2.65)
    # drag the point to the shelf at 1.5 m (the plot spans 0..9 between the kit's margins)
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    svg = unit.locator(".picture svg").bounding_box()
    left, right = svg["x"] + 48, svg["x"] + svg["width"] - 14
    y = ring["y"] + ring["height"] / 2
    page.mouse.move(ring["x"] + ring["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(left + 1.5 / 9 * (right - left), y, steps=8)
    page.mouse.up()
    sent = len(frames)  # at once: on a busy machine the checks below can outlast the pause
    shown = now(unit)
    assert sent == before, "the browser sent frames while you moved"
    assert shown == expected(1.5)
    assert "no minimum: a flat shelf" in shown["words"]
    settle(page)
    page.wait_for_url("**spot=1.5**")
    page.reload()
    wait_for_idle(page)
    unit = touch_unit(page, "spot")
    unit.locator(".metric").first.wait_for()
    assert now(unit) == expected(1.5)
    assert touch_input(unit, "spot").input_value() == "30"
