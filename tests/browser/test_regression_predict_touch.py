"""Regression, section 6 in a real browser: the least-squares prediction follows the keys and
the hand (a touch unit). Keys on the bedrooms input and a drag of the ring along the line
redraw the point and its prediction with no message to the server; after a pause the address
bar holds k and a reload restores it. An upload too wide to offer each position (years as x)
gets the same unit over round positions, its hint saying which; phone and laptop, light and
dark."""

from __future__ import annotations

import shutil
import time
from fractions import Fraction
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from core.datasets import notes_table
from core.least_squares import least_squares
from dashboard.numbers import eq_text, text
from harness.chromium import LAPTOP, PHONE
from tests.browser.helpers import (
    horizontal_overflow,
    open_page,
    set_touch_position,
    shot,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)
from tests.browser.test_regression import Sent, drag, press, upload
from tests.pages.test_regression_predict_touch import PRICES, YEARS, YEARS_CSV, exact_line

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


SLOPE, INTERCEPT = exact_line(YEARS, PRICES)
# every 10 from 0 to 2010, the largest year 2009 (the default) and the range's end 2018
WIDE = sorted([*range(0, 2011, 10), 2009, 2018])
SHOTS = Path("/work/shots")


def year_prediction(year: int) -> dict[str, str]:
    """The unit's number at `year`, from the exact least-squares line (Fractions)."""
    y = SLOPE * Fraction(year) + INTERCEPT
    return {f"Least-squares prediction at year = {text(year)}": eq_text(y).removeprefix("= ")}


def years_page(page: Page, app_url: str, tmp_path: Path) -> Locator:
    open_page(page, app_url, "regression?data=own")
    path = tmp_path / "years.csv"
    path.write_bytes(YEARS_CSV)
    upload(page, path)
    page.wait_for_function("() => document.body.innerText.includes('Loaded 20 points')")
    wait_for_idle(page)
    unit = predict_unit(page)
    unit.locator(".controls .value", has_text="10").first.wait_for()
    return unit


def test_a_wide_upload_moves_with_keys_and_a_pointer_and_python_hears_after_a_pause(
    page: Page, app_url: str, tmp_path: Path
):
    sent = Sent(page)
    unit = years_page(page, app_url, tmp_path)
    assert page.locator('[data-testid="stSlider"]', has_text="Predict the").count() == 0
    assert unit.locator(".controls").inner_text().count("Every 10 from 0 to 2010") == 1
    assert shown_k(unit) == "10"  # the notes' 10, kept
    assert touch_metrics(unit) == year_prediction(10)
    knob = unit.locator("input[type=range]")
    knob.focus()
    moves = [press(page, "ArrowRight"), press(page, "ArrowRight")]
    assert shown_k(unit) == "30"
    assert touch_metrics(unit) == year_prediction(30)
    moves += [press(page, "End"), press(page, "ArrowLeft")]
    assert shown_k(unit) == "2010"
    assert touch_metrics(unit) == year_prediction(2010)
    moves.append(press(page, "ArrowLeft"))
    assert shown_k(unit) == "2009"  # the largest year, between the round ones
    assert touch_metrics(unit) == year_prediction(2009)
    assert unit.locator(".alt").inner_text() == (
        f"The least-squares line predicts price {eq_text(SLOPE * 2009 + INTERCEPT)} at year = 2009."
    )
    moves.append(press(page, "Home"))
    assert shown_k(unit) == "0"
    assert touch_metrics(unit) == year_prediction(0)
    # a pointer lands on 1500 at once (as a drag along the input does)
    moves.append(time.monotonic())
    set_touch_position(knob, WIDE.index(1500))
    moves.append(time.monotonic())
    assert shown_k(unit) == "1500"
    assert touch_metrics(unit) == year_prediction(1500)
    assert sent.during(moves) == 0, "frames sent by the keys and the pointer"
    page.wait_for_url("**k=1500**")
    wait_for_idle(page)
    # Python holds it: a whole rerun of the page (Streamlit's R) draws the unit at 1500
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    asked = len(sent.times)
    page.keyboard.press("r")
    page.wait_for_timeout(500)
    wait_for_idle(page)
    assert len(sent.times) > asked, "the rerun was asked for"
    unit = predict_unit(page)
    assert shown_k(unit) == "1500"
    assert touch_metrics(unit) == year_prediction(1500)
    assert "k=1500" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["laptop", "phone"])
def test_the_wide_unit_fits_with_its_hint_and_legend(
    browser, app_url: str, tmp_path: Path, scheme: str, size: str
):
    viewport = PHONE if size == "phone" else LAPTOP
    context = browser.new_context(viewport=viewport, device_scale_factor=1, color_scheme=scheme)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        unit = years_page(page, app_url, tmp_path)
        knob = unit.locator("input[type=range]")
        set_touch_position(knob, WIDE.index(2018))
        assert touch_metrics(unit) == year_prediction(2018)
        unit.scroll_into_view_if_needed()
        hint = unit.locator(".controls").inner_text()
        assert "Every 10 from 0 to 2010, and 2009 and 2018." in hint
        for key in unit.locator(".legend .key").all():
            box = key.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], key.inner_text()
        assert horizontal_overflow(page) == 0
        name = f"regression-predict-wide-{size}-{scheme}"
        saved = shot(page, name, full_page=False)
        if SHOTS.is_dir():
            shutil.copy(saved, SHOTS / f"s26-{name}.png")
    finally:
        context.close()
