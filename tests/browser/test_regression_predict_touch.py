"""Regression, section 6 in a real browser: the least-squares prediction follows the keys and
the hand (a touch unit). Keys on the bedrooms input and a drag of the ring along the line
redraw the point and its prediction with no message to the server; after a pause the address
bar holds k and a reload restores it."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from core.datasets import notes_table
from core.least_squares import least_squares
from dashboard.numbers import eq_text
from tests.browser.helpers import open_page, touch_metrics, touch_unit, wait_for_idle
from tests.browser.test_regression import Sent, drag, press

LINE = least_squares(notes_table("as-written"))


def core_prediction(k: int) -> dict[str, str]:
    """The unit's number at k bedrooms, as core predicts it and the page writes it."""
    return {
        f"Least-squares prediction at bedrooms = {k}": eq_text(LINE.predict(k)).removeprefix("= ")
    }


def predict_unit(page: Page) -> Locator:
    unit = touch_unit(page, "k")
    unit.locator(".metric").first.wait_for()
    return unit


def shown_k(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def test_keys_and_a_drag_move_the_prediction_and_python_hears_after_a_pause(
    page: Page, app_url: str
):
    sent = Sent(page)
    open_page(page, app_url, "regression")
    unit = predict_unit(page)
    assert touch_metrics(unit) == core_prediction(10)
    knob = unit.locator("input[type=range]")
    knob.focus()
    moves = [press(page, "ArrowRight"), press(page, "ArrowRight")]
    assert shown_k(unit) == "12"
    assert touch_metrics(unit) == core_prediction(12)
    assert unit.locator(".alt").inner_text() == (
        f"The least-squares line predicts price {eq_text(LINE.predict(12))} at bedrooms = 12."
    )
    assert sent.during(moves) == 0, "frames sent by the keys"
    page.wait_for_url("**k=12**")
    wait_for_idle(page)
    unit.locator(".picture svg").scroll_into_view_if_needed()
    ring = unit.locator(".handle circle.ring").bounding_box()
    x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    five = unit.locator(".picture svg text", has_text="5").first.bounding_box()
    moves = drag(page, (x, y), (five["x"] + five["width"] / 2, y))
    assert shown_k(unit) == "5"
    assert touch_metrics(unit) == core_prediction(5)
    assert sent.during(moves) == 0, "frames sent by the drag"
    page.wait_for_url("**k=5**")
    wait_for_idle(page)
    page.reload()
    wait_for_idle(page)
    unit = predict_unit(page)
    assert shown_k(unit) == "5"
    assert touch_metrics(unit) == core_prediction(5)
    assert page.locator('[data-testid="stException"]').count() == 0
