"""The two suppliers as a touch unit, in a real browser: keys on its two inputs (the share w,
the price history) and a drag of the ring along the loss curve redraw the curve, the tangent,
the numbers and the worked w* to core's with no message to the server; after a pause the
address bar keeps the values, the prices chart and the table of three ways follow, and a
reload restores both; it fits a phone in either theme."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from app_pages.cost_functions.two_suppliers import W_STAR_TEX, w_star_values
from core.suppliers import supplier_split
from dashboard import numbers
from tests.browser.helpers import (
    SCREENSHOTS,
    UNIT_WIDE_FORMULAS,
    assert_text_follows_theme,
    assert_within_phone,
    horizontal_overflow,
    open_page,
    phone_page,
    sent_frames,
    set_touch_position,
    settle,
    touch_formulas,
    touch_input,
    touch_metrics,
    touch_note,
    touch_unit,
    wait_for_idle,
)

LOSS, SLOPE, BEST = "loss at w: variance of the monthly cost", "slope L′(w)", "best split w*"


def expected(seed: int, w: float) -> tuple[dict[str, str], str]:
    """The numbers and the worked w* core gives for history `seed` at share w, formatted as
    the page formats them."""
    split = supplier_split(seed, w)
    worked = W_STAR_TEX
    for k, piece in enumerate(w_star_values(split)):
        worked = worked.replace(f"@{k}", piece)
    return {
        LOSS: numbers.shown(split.loss, 4),
        SLOPE: numbers.shown(split.slope, 4),
        BEST: numbers.shown(split.closed_w, 3),
    }, worked


def suppliers_unit(page: Page):
    unit = touch_unit(page, "seed")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def shows(unit, seed: int, w: float) -> None:
    numbers_shown, worked = expected(seed, w)
    assert touch_metrics(unit) == numbers_shown
    assert touch_formulas(unit) == [worked]
    said = touch_note(unit)
    assert said.startswith(
        f"The loss L(w), the variance of the monthly cost, for every split w "
        f"(history {seed}): lowest at w* "
    )
    assert said.endswith(
        f"At your w = {numbers.text(w)} it is {numbers_shown[LOSS]} with "
        f"slope {numbers_shown[SLOPE]}."
    )


def pixel_of(unit, w: float) -> tuple[float, float]:
    """Where share w lies on the page, in the picture's plot (the kit's margins: 48 px left,
    14 right), at the plot's mid height."""
    box = unit.locator(".picture svg").bounding_box()
    assert box is not None
    left, right = box["x"] + 48, box["x"] + box["width"] - 14
    return left + w * (right - left), box["y"] + box["height"] / 2


def test_keys_and_a_drag_move_the_split_and_python_hears_after_the_pause(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions?suppliers=true")
    unit = suppliers_unit(page)
    shows(unit, 1, 0.5)
    touch_input(unit, "w").focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    shows(unit, 1, 0.47)
    unit.scroll_into_view_if_needed()
    page.mouse.move(*pixel_of(unit, 0.3))
    page.mouse.down()  # the one ring follows the hand along w
    shows(unit, 1, 0.3)
    page.mouse.move(*pixel_of(unit, 0.25), steps=4)
    page.mouse.up()
    shows(unit, 1, 0.25)
    assert touch_input(unit, "w").input_value() == "25"
    assert len(frames) == before, "the browser sent frames while w moved"
    settle(page)
    page.wait_for_url("**w=0.25**")
    expect(touch_input(unit, "seed")).to_be_enabled(timeout=60_000)
    touch_input(unit, "seed").focus()
    before = len(frames)
    for _ in range(2):
        page.keyboard.press("ArrowRight")  # history 1 -> 3
    shows(unit, 3, 0.25)
    set_touch_position(touch_input(unit, "seed"), 19)  # history 20
    shows(unit, 20, 0.25)
    set_touch_position(touch_input(unit, "seed"), 2)
    shows(unit, 3, 0.25)
    assert len(frames) == before, "the browser sent frames while the history moved"
    settle(page)
    page.wait_for_url("**seed=3**")
    caption = page.get_by_text("Monthly prices of A and B over 50 months (history 3)")
    expect(caption).to_contain_text("the cost of buying 0.25 from A and 0.75 from B")
    table = page.locator('[data-testid="stTable"]').filter(has_text="closed form")
    expect(table).to_contain_text("≈ 0.2887")
    page.reload()
    wait_for_idle(page)
    unit = suppliers_unit(page)
    shows(unit, 3, 0.25)
    assert [touch_input(unit, p).input_value() for p in ("w", "seed")] == ["25", "2"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_suppliers_unit_fits_a_phone_with_its_legend_readable(
    browser: Browser, app_url: str, scheme: str
):
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "cost-functions?suppliers=true&w=0.2&seed=3")
        unit = suppliers_unit(page)
        unit.scroll_into_view_if_needed()
        keys = unit.locator(".legend .key")
        assert keys.all_inner_texts() == ["loss L(w)", "best split w* ≈ 0.289", "tangent", "your w"]
        formulas = unit.locator(".formulas .katex-display")
        for param, ends in (("w", (0, 100)), ("seed", (0, 19))):
            for index in ends:
                set_touch_position(touch_input(unit, param), index)
                assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], (param, index)
                assert horizontal_overflow(page) == 0, (param, index)
            set_touch_position(touch_input(unit, param), {"w": 20, "seed": 2}[param])
        for part in (".picture svg", ".legend", ".metrics", ".formulas", ".controls"):
            assert_within_phone(unit.locator(part).bounding_box(), part)
        assert_text_follows_theme(unit, scheme)
        unit.screenshot(path=str(SCREENSHOTS / f"cost-functions-suppliers-phone-{scheme}.png"))
        assert not watch.console_errors, watch.console_errors
        assert not watch.outside_requests, watch.outside_requests
