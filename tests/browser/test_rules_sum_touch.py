"""The cruise's ship speed, walking speed and multiple c follow the hand (issue 20): one touch
unit with three inputs (a cross grid) on the Rules page's sum tab. Keys on each input and a
pull on the ship's or the walk's ring redraw the distance lines, the working and the numbers
in the browser with no message to the server (c relabels the distance axis); after a pause
Python hears the position once: the address bar holds it and a reload restores it."""

from __future__ import annotations

import functools

import pytest
from playwright.sync_api import Browser, Locator, Page

from app_pages.rules.sum_and_multiple import MULTIPLE, SHIP, WALK
from core.combination_rules import CruiseWorking, cruise_grid
from dashboard import numbers
from harness.chromium import PHONE
from tests.browser.helpers import (
    assert_no_frame_but_for_pauses,
    assert_text_follows_theme,
    assert_within_phone,
    horizontal_overflow,
    open_page,
    phone_page,
    record_redraws,
    redraws,
    sent_frames,
    settle,
    touch_formulas,
    touch_metrics,
    touch_unit,
    touch_values,
    wait_for_idle,
    wide_formulas,
)

HEIGHT, TOP, BOTTOM = 320, 10, 38  # the picture's height and its plot's margins (touch_js)


def cruise_unit(page: Page) -> Locator:
    unit = touch_unit(page, "ship")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


@functools.cache
def core_trip(ship: float, walk: float, c: float) -> CruiseWorking:
    """core.combination_rules.cruise_grid's cruise at (ship, walk, c), as the rows hold it."""
    grid = cruise_grid(
        ship, walk, c, ships=SHIP.values, walks=WALK.values, multiples=MULTIPLE.values
    )
    return grid.by_c[MULTIPLE.values.index(c)]


def core_numbers(ship: float, walk: float, c: float) -> dict[str, str]:
    trip = core_trip(ship, walk, c)
    text = functools.partial(numbers.text, sig=10)
    return {
        "ship (nmi/h)": text(trip.ship),
        "walk on deck (nmi/h)": text(trip.walk),
        "passenger (nmi/h)": text(trip.total),
        f"{text(trip.c)} × passenger": text(trip.scaled),
    }


def test_three_range_inputs_replace_the_three_sliders(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=sum")
    unit = cruise_unit(page)
    knobs = unit.locator("input[type=range]").all()
    assert [
        (k.get_attribute("aria-label"), k.get_attribute("max"), k.input_value()) for k in knobs
    ] == [
        ("ship speed (nmi/h)", "30", "12"),
        ("walking speed on deck (nmi/h)", "50", "25"),
        ("multiple c", "25", "5"),
    ]
    assert touch_values(unit) == ["0.6", "0.05", "1"]
    assert touch_metrics(unit) == core_numbers(0.6, 0.05, 1.0)
    assert page.locator('[data-testid="stSlider"]').filter(has_text="ship speed").count() == 0
    assert unit.locator(".legend").inner_text().split() == [
        "ship",
        "walk",
        "on",
        "deck",
        "passenger",
    ]
    assert "Negative: she walks towards the stern." in unit.inner_text()
    (working,) = touch_formulas(unit)
    assert r"v_{total} &= v_{ship} + v_{walk} = 0.6 + 0.05 = 0.65" in working
    assert r"1 \times 0.65 = 0.65" in working


def test_keys_on_each_input_move_the_cruise_in_the_browser_and_python_hears_each_pause(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=sum")
    unit = cruise_unit(page)
    ship_input, walk_input, c_input = unit.locator("input[type=range]").all()
    unit.locator(".picture svg").evaluate("el => { el.dataset.sameDrawing = 'yes'; }")
    record_redraws(unit, ticks=True)
    # c: 1 -> 1.1 -> 1.2 -> 1.3, the distance axis relabelled with it
    for c in (1.1, 1.2, 1.3):
        core_trip(0.6, 0.05, c)
    c_input.focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    seen = redraws(page, by="joined", ticks=True)
    for c in (1.1, 1.2, 1.3):
        assert seen[f"0.6 0.05 {c}"]["metrics"] == core_numbers(0.6, 0.05, c)
    assert touch_metrics(unit)["1.3 × passenger"] == "0.845"  # 1.3 × 0.65, exactly
    (working,) = touch_formulas(unit)
    assert r"1.3 \times 0.65 = 0.845" in working
    assert unit.locator(".alt").inner_text().startswith("Distances times c = 1.3:")
    assert unit.locator(".picture svg").get_attribute("data-same-drawing") == "yes"
    settle(page)
    assert "c=1.3" in page.url
    assert len(frames) - before >= 1
    # the walk: 0.05 -> 0.04 -> 0.03 (from the rows made for c = 1.3)
    core_trip(0.6, 0.04, 1.3), core_trip(0.6, 0.03, 1.3)
    assert not walk_input.is_disabled()
    walk_input.focus()
    before = len(frames)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    assert touch_values(unit) == ["0.6", "0.03", "1.3"]
    assert redraws(page, by="joined", ticks=True)["0.6 0.04 1.3"]["metrics"] == core_numbers(
        0.6, 0.04, 1.3
    )
    assert touch_metrics(unit) == core_numbers(0.6, 0.03, 1.3)
    settle(page)
    # the ship: 0.6 -> 0.7 (0.05 a step)
    core_trip(0.65, 0.03, 1.3), core_trip(0.7, 0.03, 1.3)
    ship_input.focus()
    before = len(frames)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    assert touch_metrics(unit) == core_numbers(0.7, 0.03, 1.3)
    assert touch_metrics(unit)["passenger (nmi/h)"] == "0.73"
    settle(page)
    for param in ("ship=0.7", "walk=0.03", "c=1.3"):
        assert param in page.url
    page.reload()
    wait_for_idle(page)
    unit = cruise_unit(page)
    assert touch_values(unit) == ["0.7", "0.03", "1.3"]
    assert touch_metrics(unit) == core_numbers(0.7, 0.03, 1.3)


def height(svg: dict, y: float, window: tuple[float, float]) -> float:
    """Where distance y sits on the page, in pixels, in the picture's window."""
    top, bottom = svg["y"] + TOP, svg["y"] + HEIGHT - BOTTOM
    return bottom - (y - window[0]) / (window[1] - window[0]) * (bottom - top)


def pull(page: Page, ring: dict, target: float) -> None:
    """Drag the ring to height `target`, 1.5 px at a time, like a hand, and let go."""
    x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    steps = max(1, round(abs(target - y) / 1.5))
    for k in range(1, steps + 1):
        page.mouse.move(x, y + (target - y) * k / steps)


def test_pulling_the_ships_ring_then_the_walks_moves_their_speeds(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=sum&c=2")
    unit = cruise_unit(page)
    unit.scroll_into_view_if_needed()
    svg = unit.locator(".picture svg").bounding_box()
    window = (-1.6, 14.4)  # c = 2 times the window at c = 1, (-0.8, 7.2)
    rings = unit.locator(".picture .handle circle.ring")
    ship_ring = rings.nth(0).bounding_box()
    # the ship's ring at the end of its line: 2 × 0.6 × 4 = 4.8
    assert ship_ring["y"] + ship_ring["height"] / 2 == pytest.approx(
        height(svg, 4.8, window), abs=1
    )
    for v in SHIP.values:
        core_trip(v, 0.05, 2.0)
    record_redraws(unit, ticks=True)
    before = len(frames)
    pull(page, ship_ring, height(svg, 2 * 1.2 * 4, window))  # up to 9.6: ship 1.2
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    assert touch_values(unit) == ["1.2", "0.05", "2"]
    seen = redraws(page, by="joined", ticks=True)
    assert {f"{numbers.text(v)} 0.05 2" for v in (0.7, 0.8, 0.9, 1.0, 1.1, 1.2)} <= set(seen)
    for at, shown in seen.items():
        ship, walk, c = (float(v) for v in at.split())
        assert shown["metrics"] == core_numbers(ship, walk, c), at
    settle(page)
    assert "ship=1.2" in page.url
    walk_ring = rings.nth(1).bounding_box()
    for v in WALK.values:
        core_trip(1.2, v, 2.0)
    before = len(frames)
    pull(page, walk_ring, height(svg, 2 * -0.1 * 4, window))  # down to -0.8: walk -0.1
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    assert touch_values(unit) == ["1.2", "−0.1", "2"]
    assert touch_metrics(unit) == core_numbers(1.2, -0.1, 2.0)
    assert touch_metrics(unit)["2 × passenger"] == "2.2"  # 2 × (1.2 − 0.1)
    (working,) = touch_formulas(unit)
    assert r"= 1.2 - 0.1 = 1.1" in working
    settle(page)
    assert "walk=-0.1" in page.url
    page.reload()
    wait_for_idle(page)
    unit = cruise_unit(page)
    assert touch_values(unit) == ["1.2", "−0.1", "2"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str) -> None:
    with phone_page(browser, scheme) as (page, watch):
        # the widest working: a negative walk, a passenger in brackets, c with two digits
        open_page(page, app_url, "rules?rule=sum&ship=0.05&walk=-0.17&c=2.9")
        unit = cruise_unit(page)
        assert touch_values(unit) == ["0.05", "−0.17", "2.9"]
        assert touch_metrics(unit)["2.9 × passenger"] == "−0.348"
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        for key in unit.locator(".legend .key").all():
            assert key.bounding_box()["x"] + key.bounding_box()["width"] <= PHONE["width"]
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors
