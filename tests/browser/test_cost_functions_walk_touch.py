"""The walk downhill as a touch unit, in a real browser: keys on each of its three inputs
(start, learning rate, steps) and a pointer landing on a position redraw the path and its
words to core's walk with no message to the server; after a pause the address bar keeps the
value and a reload restores it. The step numbers never overlap, on a laptop and a phone, in
either theme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from app_pages.cost_functions import walk_picture
from app_pages.cost_functions.walking_downhill import _at, absolute_words, squared_words
from core.house_walk import power_line_walk
from harness.chromium import PHONE, PageWatch
from tests.browser.helpers import (
    SCREENSHOTS,
    horizontal_overflow,
    open_page,
    overlapping,
    sent_frames,
    set_touch_position,
    settle,
    touch_input,
    touch_note,
    touch_unit,
    wait_for_idle,
)


def expected(lines, kind, start, lr, steps) -> str:
    """What the unit says of core's walk, formatted as the page formats it."""
    walk = power_line_walk(lines, kind, start, lr, steps)
    words = squared_words(walk) if kind == "squared" else absolute_words(walk)
    return f"{walk_picture.description(walk, steps, _at)} {words}"


def walk_unit(page: Page):
    unit = touch_unit(page, "start")
    unit.locator(".notes p").first.wait_for()
    return unit


def test_keys_on_each_input_move_the_walk_in_the_browser_and_python_hears_after_the_pause(
    page: Page, app_url: str
):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions")
    unit = walk_unit(page)
    assert touch_note(unit) == expected([1, 2], "squared", -2.0, 0.1, 30)
    moves = (
        ("start", "ArrowRight", 2, (-1.0, 0.1, 30), "start=-1"),
        ("lr", "ArrowRight", 3, (-1.0, 0.25, 30), "lr=0.25"),
        ("steps", "ArrowLeft", 3, (-1.0, 0.25, 27), "steps=27"),
    )
    for param, key, presses, (start, lr, steps), link in moves:
        # after a move of another input, this one waits for Python's rows of the new crossing
        expect(touch_input(unit, param)).to_be_enabled(timeout=60_000)
        touch_input(unit, param).focus()
        before = len(frames)
        for _ in range(presses):
            page.keyboard.press(key)
        assert touch_note(unit) == expected([1, 2], "squared", start, lr, steps), param
        assert len(frames) == before, f"the browser sent frames while {param} moved"
        settle(page)
        assert len(frames) > before
        page.wait_for_url(f"**{link}**")
    # the table of iterates follows Python: the walk from −1 at 0.25 lands on the mean
    assert unit.locator(".controls .value").all_inner_texts() == ["−1", "0.25", "27"]
    page.reload()
    wait_for_idle(page)
    unit = walk_unit(page)
    assert touch_note(unit) == expected([1, 2], "squared", -1.0, 0.25, 27)
    assert [touch_input(unit, p).input_value() for p in ("start", "lr", "steps")] == [
        "38",
        "8",
        "26",
    ]


def test_a_pointer_landing_on_a_position_shows_that_walk_and_sends_nothing_until_the_pause(
    page: Page, app_url: str
):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions?lines=1,2,3&kind=absolute")
    unit = walk_unit(page)
    before = len(frames)
    for index, lr in ((14, 1.0), (8, 0.25), (0, 0.001)):
        set_touch_position(touch_input(unit, "lr"), index)
        assert touch_note(unit) == expected([1, 2, 3], "absolute", -2.0, lr, 30), lr
    assert len(frames) == before
    settle(page)
    page.wait_for_url("**lr=0.001**")
    expect(touch_input(unit, "start")).to_be_enabled(timeout=60_000)
    before = len(frames)
    set_touch_position(touch_input(unit, "start"), 80)  # 20: the window follows the start
    assert touch_note(unit) == expected([1, 2, 3], "absolute", 20.0, 0.001, 30)
    ticks = unit.locator(".picture svg text").all_text_contents()
    assert "20" in ticks and "−20" not in ticks
    assert len(frames) == before


STEP_LABELS = """(svg) => [...svg.querySelectorAll('text.mark')].map(t => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom};
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_step_numbers_never_overlap_and_the_unit_fits_a_phone(
    browser: Browser, app_url: str, scheme: str
):
    watch = PageWatch()
    for name, viewport in (("laptop", {"width": 1280, "height": 900}), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, device_scale_factor=1, color_scheme=scheme)
        page = context.new_page()
        page.on("console", watch.on_console)
        page.on("request", watch.on_request)
        try:
            open_page(page, app_url, "cost-functions?lr=0.01")
            unit = walk_unit(page)
            unit.scroll_into_view_if_needed()
            for index, numbered in ((0, ["0"]), (99, ["0", "2", "100"]), (199, ["0", "2", "200"])):
                set_touch_position(touch_input(unit, "steps"), index)
                svg = unit.locator(".picture svg")
                labels = svg.evaluate(STEP_LABELS)
                assert [label["text"] for label in labels] == numbered
                assert overlapping(labels) == []
            unit.screenshot(path=str(SCREENSHOTS / f"cost-functions-walk-{name}-{scheme}.png"))
            assert horizontal_overflow(page) == 0
            keys = unit.locator(".legend .key")
            assert keys.all_inner_texts() == ["total cost C(x)", "the walk: x₀, x₁, x₂, …"]
            for part in (".picture svg", ".legend", ".notes", ".controls"):
                box = unit.locator(part).bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], part
            color = unit.evaluate("el => getComputedStyle(el).color")
            red, green, blue = (int(v) for v in color[color.index("(") + 1 : -1].split(",")[:3])
            assert ((red + green + blue) / 3 > 128) == (scheme == "dark"), color
        finally:
            context.close()
    assert not watch.console_errors, watch.console_errors
    assert not watch.outside_requests, watch.outside_requests
