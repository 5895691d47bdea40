"""The line's slope a and intercept b follow the hand (issue 20): one touch unit with two
inputs (a cross grid) on the Rules page's first tab. Keys on either input and a pull on
either ring redraw the line, its run and rise, the working and the numbers in the browser
with no message to the server; after a pause Python hears the position once: the address
bar holds it and a reload restores it."""

from __future__ import annotations

import functools
from fractions import Fraction

import pytest
from playwright.sync_api import Browser, Locator, Page

from app_pages.rules.constant_and_line import INTERCEPTS, SLOPES, X_RANGE
from core.line_rule import LineWorking, line_grid
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
Y_WINDOW = (-13.0, 13.0)


def line_unit(page: Page) -> Locator:
    unit = touch_unit(page, "a")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


@functools.cache
def core_line(a: float, b: float) -> LineWorking:
    """core.line_rule.line_grid's line for (a, b), as the unit's rows hold it."""
    grid = line_grid(a, b, slopes=SLOPES, intercepts=INTERCEPTS, x_range=X_RANGE)
    return grid.by_a[SLOPES.index(a)]


def core_numbers(a: float, b: float) -> dict[str, str]:
    line = core_line(a, b)
    return {
        "rise / run": numbers.text(line.slope),
        "f'(x) = a": numbers.text(line.a),
        "b (no effect on slope)": numbers.text(line.b),
    }


def value_of(shown: str) -> float:
    return float(shown.replace("−", "-"))


def test_a_and_b_are_two_range_inputs_over_the_old_sliders_positions(
    page: Page, app_url: str
) -> None:
    open_page(page, app_url, "rules?rule=line")
    unit = line_unit(page)
    a, b = unit.locator("input[type=range]").all()
    assert (a.get_attribute("aria-label"), a.get_attribute("max"), a.input_value()) == (
        "slope a",
        "60",
        "50",  # a = 2
    )
    assert (b.get_attribute("aria-label"), b.get_attribute("max"), b.input_value()) == (
        "intercept b",
        "16",
        "10",  # b = 1
    )
    assert touch_values(unit) == ["2", "1"]
    assert touch_metrics(unit) == core_numbers(2.0, 1.0)
    assert page.locator('[data-testid="stSlider"]').filter(has_text="slope a").count() == 0
    legend = unit.locator(".legend").inner_text()
    for name in ("f(x) = 2x + 1", "2x (b = 0)", "run 2", "rise 4"):
        assert name in legend
    assert "Check yourself" in page.locator('[role="tabpanel"]').first.inner_text()


def test_keys_on_a_then_b_move_the_line_in_the_browser_and_python_hears_each_pause(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=line")
    unit = line_unit(page)
    for a in (2.1, 2.2, 2.3):
        core_line(a, 1.0)
    unit.locator(".picture svg").evaluate("el => { el.dataset.sameDrawing = 'yes'; }")
    record_redraws(unit)
    a_input, b_input = unit.locator("input[type=range]").all()
    a_input.focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    seen = redraws(page, by="joined")
    assert {at: seen[at] for at in ("2.1 1", "2.2 1", "2.3 1")} == {
        f"{a} 1": core_numbers(a, 1.0) for a in (2.1, 2.2, 2.3)
    }
    assert touch_metrics(unit) == {
        "rise / run": "2.3",
        "f'(x) = a": "2.3",
        "b (no effect on slope)": "1",
    }
    (working,) = touch_formulas(unit)
    assert working.endswith(r"= a = 2.3\end{aligned}")
    assert unit.locator(".alt").inner_text() == (
        "The line f(x) = 2.3x + 1: a run of 2 gives a rise of 4.6, so the slope is 2.3, the "
        "same as the dashed line 2.3x without b."
    )
    assert unit.locator(".picture svg").get_attribute("data-same-drawing") == "yes"
    # b waits for Python's rows of the new crossing (a = 2.3), then moves from them
    settle(page)
    assert "a=2.3" in page.url
    assert len(frames) - before >= 1
    assert not b_input.is_disabled()
    core_line(2.3, 0.5), core_line(2.3, 0.0)
    b_input.focus()
    before = len(frames)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    assert touch_values(unit) == ["2.3", "0"]
    assert redraws(page, by="joined")["2.3 0.5"] == core_numbers(2.3, 0.5)
    assert touch_metrics(unit) == core_numbers(2.3, 0.0)
    assert "f(x) = 2.3x + 0" in unit.locator(".legend").inner_text()
    settle(page)
    assert "a=2.3" in page.url and "b=0" in page.url
    page.reload()
    wait_for_idle(page)
    unit = line_unit(page)
    assert touch_values(unit) == ["2.3", "0"]
    assert touch_metrics(unit) == core_numbers(2.3, 0.0)


def ring_height(svg: dict, y: float) -> float:
    """Where height y of the picture sits on the page, in pixels."""
    top, bottom = svg["y"] + TOP, svg["y"] + HEIGHT - BOTTOM
    return bottom - (y - Y_WINDOW[0]) / (Y_WINDOW[1] - Y_WINDOW[0]) * (bottom - top)


def pull(page: Page, x: float, y: float, target: float) -> None:
    """Drag from (x, y) to height `target`, 1.5 px at a time, like a hand."""
    page.mouse.move(x, y)
    page.mouse.down()
    steps = max(1, round(abs(target - y) / 1.5))
    for k in range(1, steps + 1):
        page.mouse.move(x, y + (target - y) * k / steps)


def test_pulling_the_rings_moves_b_then_a_down_to_a_constant(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=line")
    unit = line_unit(page)
    unit.scroll_into_view_if_needed()
    svg = unit.locator(".picture svg").bounding_box()
    rings = unit.locator(".picture .handle circle.ring")
    slope_ring, intercept_ring = (rings.nth(k).bounding_box() for k in (0, 1))
    x, y = (
        intercept_ring["x"] + intercept_ring["width"] / 2,
        intercept_ring["y"] + intercept_ring["height"] / 2,
    )
    assert y == pytest.approx(ring_height(svg, 1.0), abs=1)  # on b = 1 at x = 0
    for b in INTERCEPTS:
        core_line(2.0, b)
    record_redraws(unit)
    before = len(frames)
    pull(page, x, y, ring_height(svg, -2.0))
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    assert touch_values(unit) == ["2", "−2"]
    seen = redraws(page, by="joined")
    assert {f"2 {numbers.text(b)}" for b in (0.5, 0.0, -0.5, -1.0, -1.5, -2.0)} <= set(seen)
    for at, shown in seen.items():
        assert shown == core_numbers(2.0, value_of(at.split()[1])), at
    settle(page)
    assert "b=-2" in page.url
    # the slope's ring, at the line's right end (3, 3a + b), now on the line for b = -2
    slope_ring = rings.nth(0).bounding_box()
    x, y = slope_ring["x"] + slope_ring["width"] / 2, slope_ring["y"] + slope_ring["height"] / 2
    assert y == pytest.approx(ring_height(svg, 4.0), abs=1)
    for a in SLOPES:
        core_line(a, -2.0)
    before = len(frames)
    pull(page, x, y, ring_height(svg, -2.0))  # the right end at -2: a = 0
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    assert touch_values(unit) == ["0", "−2"]
    assert (
        touch_metrics(unit)
        == core_numbers(0.0, -2.0)
        == {
            "rise / run": "0",
            "f'(x) = a": "0",
            "b (no effect on slope)": "−2",
        }
    )
    assert unit.locator(".notes").inner_text() == (
        "With a = 0, f(x) = −2 is a constant: its derivative is 0."
    )
    settle(page)
    assert "a=0" in page.url and "b=-2" in page.url
    page.reload()
    wait_for_idle(page)
    unit = line_unit(page)
    assert touch_values(unit) == ["0", "−2"]
    assert "is a constant" in unit.locator(".notes").inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=line&a=-2.5&b=-3.5")
        unit = line_unit(page)
        assert touch_values(unit) == ["−2.5", "−3.5"]
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        legend = unit.locator(".legend .key").all()
        assert [k.inner_text() for k in legend] == [
            "f(x) = −2.5x − 3.5",
            "−2.5x (b = 0)",
            "run 2",
            "rise −5",
        ]
        for key in legend:
            assert key.bounding_box()["x"] + key.bounding_box()["width"] <= PHONE["width"]
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors


def test_old_links_with_decimals_written_out_still_open_their_line(
    page: Page, app_url: str
) -> None:
    """The old slider wrote a=2.0-style values; they are positions too."""
    open_page(page, app_url, "rules?rule=line&a=-1.50&b=2.0")
    unit = line_unit(page)
    assert touch_values(unit) == ["−1.5", "2"]
    assert touch_metrics(unit) == core_numbers(-1.5, 2.0)
    assert "🔗" not in page.locator('[role="tabpanel"]').first.inner_text()
    assert Fraction(-3, 2) * 2 == -3  # the rise of a run of 2
    assert "rise −3" in unit.locator(".legend").inner_text()
