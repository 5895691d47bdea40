"""Regression, section 1 in a real browser: the house to price follows the keys and the hand
(a touch unit). Keys on the bedrooms input and a drag of the ring along the line redraw the
asked house, its price and the working with no message to the server; after a pause the
address bar holds the bedrooms and a reload restores them."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from core.datasets import TWO_HOUSES
from core.line_fit import line_through_two
from core.priced_houses import priced_houses
from dashboard.numbers import text
from harness.chromium import PHONE
from tests.browser.helpers import (
    horizontal_overflow,
    open_page,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)
from tests.browser.test_regression import Sent, drag, press

HOUSES = priced_houses(line_through_two(TWO_HOUSES), range(11))


def core_price(k: int) -> dict[str, str]:
    """The unit's number for k bedrooms, as core prices it and the page writes it."""
    return {f"Predicted price for {k} bedrooms": text(HOUSES[k].price)}


def houses_unit(page: Page) -> Locator:
    unit = touch_unit(page, "bedrooms")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def shown_bedrooms(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def ring(unit: Locator) -> tuple[float, float]:
    box = unit.locator(".handle circle.ring").bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def tick_x(unit: Locator, label: str) -> float:
    """Where the picture's x-axis label `label` (a number of bedrooms) is centred."""
    box = unit.locator(".picture svg text", has_text=label).first.bounding_box()
    return box["x"] + box["width"] / 2


def test_keys_and_a_drag_price_the_house_in_the_browser_and_python_hears_after_a_pause(
    page: Page, app_url: str
):
    sent = Sent(page)
    open_page(page, app_url, "regression")
    unit = houses_unit(page)
    assert touch_metrics(unit) == core_price(3) == {"Predicted price for 3 bedrooms": "350,000"}
    knob = unit.locator("input[type=range]")
    knob.focus()
    moves = [press(page, "ArrowRight")]
    assert shown_bedrooms(unit) == "4"
    assert touch_metrics(unit) == core_price(4)
    moves.append(press(page, "ArrowRight"))
    moves.append(press(page, "ArrowRight"))
    assert touch_metrics(unit) == core_price(6) == {"Predicted price for 6 bedrooms": "650,000"}
    (working,) = touch_formulas(unit)
    assert working == r"\text{price} = 100{,}000 \cdot 6 + 50{,}000 = 650{,}000"
    assert unit.locator(".alt").inner_text() == (
        "The line through the two houses prices 6 bedrooms at 650,000."
    )
    assert sent.during(moves) == 0, "frames sent by the keys"
    page.wait_for_url("**bedrooms=6**")
    wait_for_idle(page)
    # the ring along the line to 9 bedrooms (and 10, then back: the last place counts)
    unit.locator(".picture svg").scroll_into_view_if_needed()
    x, y = ring(unit)
    moves = drag(page, (x, y), (tick_x(unit, "9"), y - 120))
    assert shown_bedrooms(unit) == "9"
    assert touch_metrics(unit) == core_price(9) == {"Predicted price for 9 bedrooms": "950,000"}
    assert sent.during(moves) == 0, "frames sent by the drag"
    page.wait_for_url("**bedrooms=9**")
    wait_for_idle(page)
    page.reload()
    wait_for_idle(page)
    unit = houses_unit(page)
    assert shown_bedrooms(unit) == "9"
    assert touch_metrics(unit) == core_price(9)
    knob = unit.locator("input[type=range]")
    knob.focus()
    press(page, "End")
    assert (
        touch_metrics(unit) == core_price(10) == {"Predicted price for 10 bedrooms": "1.05 × 10⁶"}
    )
    press(page, "Home")
    assert touch_metrics(unit) == core_price(0) == {"Predicted price for 0 bedrooms": "50,000"}
    page.wait_for_url("**bedrooms=0**")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_unit_fits_a_dark_phone_with_its_legend_readable(browser, app_url: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme="dark")
    try:
        page = context.new_page()
        open_page(page, app_url, "regression?bedrooms=10")
        unit = houses_unit(page)
        unit.scroll_into_view_if_needed()
        assert horizontal_overflow(page) == 0
        keys = unit.locator(".legend .key")
        assert keys.all_inner_texts() == [
            "the line through the two houses",
            "the two houses",
            "the house to price",
        ]
        width = page.viewport_size["width"]
        for box in [k.bounding_box() for k in keys.all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        # the y axis' widest label (1000, in thousands) stays clear of the axis title
        label = unit.locator(".picture svg text", has_text="1000").bounding_box()
        title = unit.locator(".picture svg text.title", has_text="price").bounding_box()
        assert label["x"] >= title["x"] + title["width"]
        # the two houses keep their labels after a move
        assert unit.locator(".picture svg text.mark").all_text_contents() == [
            "house 1",
            "house 2",
            "10 bedrooms?",
        ]
    finally:
        context.close()
