"""The touch unit (dashboard.touch) in Chromium, on a page of its own (apps/touch_app.py).

A move redraws the picture, the formula and the numbers in the browser and sends nothing to
the server; after a pause the position reaches Python once, the URL follows, and a reload
restores it. With two knobs the other knob waits for the new crossing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from harness.server import free_port, start_server, stop_server
from tests.browser.helpers import (
    sent_frames,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)

ENTRY = "tests/browser/apps/touch_app.py"


@pytest.fixture(scope="module")
def touch_url() -> Iterator[str]:
    port = free_port()
    process = start_server(port, entry=ENTRY)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def held(page: Page) -> str:
    return page.get_by_text("Python holds").inner_text()


def test_keys_redraw_in_the_browser_and_python_hears_once_after_the_pause(
    page: Page, touch_url: str
) -> None:
    frames = sent_frames(page)
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    unit.locator(".formulas .katex").first.wait_for()
    assert touch_metrics(unit)["a"] == "3"
    before = len(frames)
    knob = unit.locator("input[type=range]").first
    knob.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    shown = touch_metrics(unit)
    during = len(frames) - before
    assert shown["a"] == "6" and shown["sent by run"] == "1"  # the browser picked the row
    assert during == 0, f"{during} frames sent during the moves"
    assert touch_formulas(unit) == [r"a + 10 b = 6 + 10 \cdot 1.0"]
    assert unit.locator(".legend").inner_text().count("the point (6, 1.0)") == 1
    assert unit.locator(".alt").inner_text() == "The point sits at a = 6, b = 1.0."
    assert unit.locator(".controls .value").first.inner_text() == "6"
    page.wait_for_timeout(700)
    wait_for_idle(page)
    assert held(page).startswith("Python holds a = 6, b = 1.0 (run 2)")
    assert "a=6" in page.url
    page.reload()
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    assert touch_metrics(unit)["a"] == "6"
    assert unit.locator("input[type=range]").first.input_value() == "6"


def test_the_other_knob_waits_for_the_new_crossing(page: Page, touch_url: str) -> None:
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    a, b = unit.locator("input[type=range]").all()
    a.focus()
    page.keyboard.press("ArrowLeft")
    assert b.is_disabled()  # its rows still hold a = 3
    page.wait_for_timeout(700)
    wait_for_idle(page)
    assert b.is_enabled()
    b.focus()
    page.keyboard.press("ArrowRight")
    shown = touch_metrics(unit)
    assert (shown["a"], shown["b"]) == ("2", "1.1")  # b's rows were made at a = 2


def test_dragging_the_dot_moves_knob_a(page: Page, touch_url: str) -> None:
    frames = sent_frames(page)
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    handle = unit.locator(".picture .handle circle.ring")
    box = handle.bounding_box()
    svg = unit.locator(".picture svg").bounding_box()
    start_x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = len(frames)
    page.mouse.move(start_x, y)
    page.mouse.down()
    # a = 3 -> 8: the plot spans 0..10 between its margins; move in small steps, like a hand
    target = start_x + (svg["width"] - 62) * 0.5
    for k in range(1, 11):
        page.mouse.move(start_x + (target - start_x) * k / 10, y)
    page.mouse.up()
    assert touch_metrics(unit)["a"] == "8"
    assert len(frames) == before
    assert unit.locator(".notes").inner_text() == ""
    page.wait_for_timeout(700)
    wait_for_idle(page)
    assert held(page).startswith("Python holds a = 8")


def test_a_link_between_positions_gets_a_note_and_the_default(page: Page, touch_url: str) -> None:
    page.goto(f"{touch_url}/?a=3.5&b=1.5")
    wait_for_idle(page)
    assert held(page).startswith("Python holds a = 3, b = 1.5")
    assert (
        "The link asked for knob a = “3.5”, which is not one of the positions"
        in page.locator('[data-testid="stMain"]').inner_text()
    )
    assert touch_metrics(touch_unit(page, "a"))["b"] == "1.5"


def test_phone_width_keeps_the_unit_inside_the_screen(browser, touch_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    unit.locator(".formulas .katex").first.wait_for()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    svg = unit.locator(".picture svg").bounding_box()
    context.close()
    assert width <= 390
    assert svg["x"] >= 0 and svg["x"] + svg["width"] <= 390


def test_every_rows_formula_is_typeset_while_the_page_is_idle(page: Page, touch_url: str) -> None:
    """A first visit to a position then costs what a revisit costs: swapping in HTML."""
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    distinct = 11 + 21 - 1  # the crossing (a = 3, b = 1.0) is in both lists
    unit.evaluate(
        "(el, n) => new Promise((done) => { const end = Date.now() + 10000; const look = () => "
        "el.__unit.mathCache.size >= n || Date.now() > end ? done() : setTimeout(look, 50); "
        "look(); })",
        distinct,
    )
    assert unit.evaluate("(el) => el.__unit.mathCache.size") == distinct


def test_a_row_with_its_own_window_redraws_the_axes_and_the_fixed_layers(
    page: Page, touch_url: str
) -> None:
    """b >= 1.6 asks for y from 0 to 20 (touch.Window): the y ticks and the static diagonal
    are drawn again in it, in the browser, and the picture's own window comes back with b."""
    frames = sent_frames(page)
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    unit.locator(".formulas .katex").first.wait_for()
    y_ticks = unit.locator('.picture svg text[text-anchor="end"]')

    def top_tick() -> str:
        return y_ticks.evaluate_all("(els) => els.map((e) => e.textContent)")[-1]

    diagonal = unit.locator(".picture svg path").first
    assert top_tick() == "10"
    drawn = diagonal.get_attribute("d")
    before = len(frames)
    b = unit.locator("input[type=range]").nth(1)
    b.focus()
    for _ in range(6):  # 1.0 -> 1.6
        page.keyboard.press("ArrowRight")
    assert touch_metrics(unit)["b"] == "1.6"
    assert top_tick() == "20"
    tall = diagonal.get_attribute("d")
    assert tall != drawn
    # the diagonal (0, 0) -> (10, 10) starts where it did and now ends halfway up
    start, end = (float(part.split(",")[1]) for part in tall[1:].split("L"))
    first_start, first_end = (float(part.split(",")[1]) for part in drawn[1:].split("L"))
    assert start == first_start
    assert end == pytest.approx((first_start + first_end) / 2, abs=1)
    page.keyboard.press("ArrowLeft")
    assert top_tick() == "10"
    assert diagonal.get_attribute("d") == drawn
    assert len(frames) == before


def test_a_pooled_path_grows_with_the_knob_and_travels_once(page: Page, touch_url: str) -> None:
    """The parabola is in the unit's pool, sent once; each row of a draws its first a + 1
    points (touch.pooled(0, upto=a + 1)): 4 points at a = 3, 7 at a = 6, all 11 at a = 10."""
    frames = sent_frames(page)
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    unit.locator(".formulas .katex").first.wait_for()
    parabola = unit.locator('.picture svg path[stroke="#009E73"]')

    def drawn_points() -> int:
        return parabola.get_attribute("d").count("L") + 1

    assert drawn_points() == 4
    before = len(frames)
    knob = unit.locator("input[type=range]").first
    knob.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert drawn_points() == 7
    page.keyboard.press("End")
    assert drawn_points() == 11
    assert len(frames) == before


def test_a_fixed_layers_label_stays_while_the_rows_change(page: Page, touch_url: str) -> None:
    """The picture's static point is labelled 'corner': drawn once with the frame, it stays
    through every row's redraw (each row's own labels are drawn again with it)."""
    page.goto(touch_url)
    wait_for_idle(page)
    unit = touch_unit(page, "a")
    unit.locator(".formulas .katex").first.wait_for()
    marks = unit.locator(".picture svg text.mark")

    def labels() -> list[str]:
        return marks.evaluate_all("(els) => els.map((e) => e.textContent)")

    assert sorted(labels()) == ["(3, 1.0)", "corner"]
    unit.locator("input[type=range]").first.focus()
    page.keyboard.press("ArrowRight")
    assert sorted(labels()) == ["(4, 1.0)", "corner"]
