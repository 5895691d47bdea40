"""The sauna walk as a touch unit, in a real browser: keys on its two inputs (start, learning
rate) and a pointer landing on a position redraw the walk and its words to core's with no
message to the server; after a pause the address bar keeps the value, the table of landings
follows the rate, and a reload restores both; it fits a phone in either theme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from app_pages.cost_functions.downhill_in_the_sauna import verdict_words
from core.sauna import sauna_walk
from dashboard import numbers
from tests.browser.helpers import (
    SCREENSHOTS,
    assert_within_phone,
    horizontal_overflow,
    open_page,
    phone_page,
    sent_frames,
    set_touch_position,
    settle,
    touch_input,
    touch_note,
    touch_unit,
    wait_for_idle,
)


def expected(start: float, lr: float) -> str:
    """What the unit says of core's walk, as the page words it."""
    walk = sauna_walk(start, lr)
    steps = walk.path.steps_taken
    said = f"{steps} step" if steps == 1 else f"{steps} steps"
    return (
        f"Walking downhill in the sauna from x₀ = {numbers.text(start)} m with learning rate "
        f"{numbers.text(lr)}: {said}, to x {numbers.eq_text(walk.path.final_x)} m. "
        + verdict_words(walk).replace("**", "")
    )


def sauna_unit(page: Page):
    unit = touch_unit(page, "sauna_start")
    unit.locator(".notes p").first.wait_for()
    return unit


def test_keys_and_a_pointer_move_the_sauna_walk_and_python_hears_after_the_pause(
    page: Page, app_url: str
):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions?sauna_walk=true")
    unit = sauna_unit(page)
    assert touch_note(unit) == expected(3.0, 0.01)
    touch_input(unit, "sauna_start").focus()
    before = len(frames)
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    assert touch_note(unit) == expected(3.4, 0.01)
    set_touch_position(touch_input(unit, "sauna_start"), 70)  # 7 m: over the warm bench
    assert touch_note(unit) == expected(7.0, 0.01)
    assert len(frames) == before, "the browser sent frames while the start moved"
    settle(page)
    page.wait_for_url("**sauna_start=7**")
    expect(touch_input(unit, "sauna_lr")).to_be_enabled(timeout=60_000)
    touch_input(unit, "sauna_lr").focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 0.01 -> 0.1: too large for the coldest spot
    assert touch_note(unit) == expected(7.0, 0.1)
    assert "has not settled, and it never will near x = 8 m" in touch_note(unit)
    assert len(frames) == before
    settle(page)
    page.wait_for_url("**sauna_lr=0.1**")
    table = page.locator('[data-testid="stTable"]').filter(has_text="what it found")
    expect(table).to_contain_text(numbers.shown(sauna_walk(0.5, 0.1).path.final_x))
    page.reload()
    wait_for_idle(page)
    unit = sauna_unit(page)
    assert touch_note(unit) == expected(7.0, 0.1)
    assert [touch_input(unit, p).input_value() for p in ("sauna_start", "sauna_lr")] == ["70", "5"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_sauna_unit_fits_a_phone_with_its_legend_readable(
    browser: Browser, app_url: str, scheme: str
):
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "cost-functions?sauna_walk=true&sauna_start=0.5")
        unit = sauna_unit(page)
        unit.scroll_into_view_if_needed()
        assert horizontal_overflow(page) == 0
        keys = unit.locator(".legend .key")
        assert keys.all_inner_texts() == ["temperature T(x)", "the walk: x₀, x₁, x₂, …"]
        for part in (".picture svg", ".legend", ".notes", ".controls"):
            assert_within_phone(unit.locator(part).bounding_box(), part)
        marks = unit.locator(".picture svg text.mark").all_text_contents()
        assert {"coldest", "local min", "local max", "shelf", "0"} <= set(marks)
        unit.screenshot(path=str(SCREENSHOTS / f"cost-functions-sauna-phone-{scheme}.png"))
        assert not watch.console_errors, watch.console_errors
        assert not watch.outside_requests, watch.outside_requests
