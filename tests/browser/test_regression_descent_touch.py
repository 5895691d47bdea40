"""Regression, section 4 in a real browser: gradient descent's line follows the learning rate
and the iterations (a touch unit, a cross grid). Keys on each input and a pointer that lands
on a position redraw the line, its three numbers and the legend with no message to the
server; after a pause the address bar holds the value, the verdict follows, a reload restores
both. The replay is the unit's third input (tests/browser/test_regression_replay_touch.py)."""

from __future__ import annotations

import time

from playwright.sync_api import Locator, Page

from core.datasets import notes_table
from core.line_fit import fit_data
from core.regression import line_descent
from dashboard.numbers import eq_text
from harness.chromium import PHONE
from tests.browser.helpers import (
    horizontal_overflow,
    main_text,
    open_page,
    set_touch_position,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)
from tests.browser.test_regression import Sent, press

DATA = fit_data(notes_table("as-written"), notes=True)
RATES = ["1 × 10⁻⁶", "1 × 10⁻⁵", "0.0001", "0.001", "0.003", "0.01", "0.02", "0.025", "0.03"]
RATES += ["0.1", "0.3", "0.5", "1", "1.5"]


def core_numbers(rate: float, steps: int, step: int | None = None) -> dict[str, str]:
    """The unit's numbers for `steps` steps at `rate`, shown at `step` (default: the last),
    from core.regression.line_descent, as the page writes them."""
    shown = line_descent(DATA, rate, steps).at(steps if step is None else step)
    after = f"{shown.step} step{'' if shown.step == 1 else 's'}"
    return {
        f"Slope after {after}": eq_text(shown.slope).removeprefix("= "),
        f"Intercept after {after}": eq_text(shown.intercept).removeprefix("= "),
        f"MSE after {after}": eq_text(shown.mse).removeprefix("= "),
    }


def descent_unit(page: Page) -> Locator:
    unit = touch_unit(page, "lr")
    unit.locator(".metric").first.wait_for()
    return unit


def positions(unit: Locator) -> list[str]:
    """Where the learning rate and the iterations stand (the replay: `replay_position`)."""
    return unit.locator(".controls .value").all_inner_texts()[:2]


def replay_position(unit: Locator) -> str:
    return unit.locator(".controls .value").all_inner_texts()[2]


def test_keys_and_a_pointer_move_the_descent_and_python_hears_after_a_pause(
    page: Page, app_url: str
):
    sent = Sent(page)
    open_page(page, app_url, "regression?iters=200")
    unit = descent_unit(page)
    assert positions(unit) == ["0.01", "200"]
    assert touch_metrics(unit) == core_numbers(0.01, 200)
    rate, iterations, replay = unit.locator("input[type=range]").all()
    rate.focus()
    moves = [press(page, "ArrowRight")]  # 0.01 -> 0.02
    assert positions(unit) == ["0.02", "200"]
    assert touch_metrics(unit) == core_numbers(0.02, 200)
    assert iterations.is_disabled()  # its rows still hold rate 0.01
    assert replay.is_disabled()
    moves.append(press(page, "ArrowRight"))  # -> 0.025
    assert touch_metrics(unit) == core_numbers(0.025, 200)
    assert (
        unit.locator(".legend").inner_text().startswith("gradient descent's line after 200 steps")
    )
    assert sent.during(moves) == 0, "frames sent by the keys"
    page.wait_for_url("**lr=0.025**")
    wait_for_idle(page)
    assert iterations.is_enabled()
    # the iterations, by keys: 200 -> 180
    iterations.focus()
    moves = [press(page, "ArrowLeft"), press(page, "ArrowLeft")]
    assert positions(unit) == ["0.025", "180"]
    assert touch_metrics(unit) == core_numbers(0.025, 180)
    assert rate.is_disabled()
    assert sent.during(moves) == 0, "frames sent by the keys"
    page.wait_for_url("**iters=180**")
    wait_for_idle(page)
    # a pointer that lands on 0.03 (a drag along the input): the run diverges and is stopped
    # at step 32, so the unit shows step 31 and says so
    moves = [time.monotonic()]
    set_touch_position(rate, RATES.index("0.03"))
    assert positions(unit) == ["0.03", "180"]
    assert touch_metrics(unit) == core_numbers(0.03, 180, 180)
    assert "Slope after 31 steps" in touch_metrics(unit)
    assert unit.locator(".notes").inner_text() == (
        "The run was stopped at step 32; showing step 31, the last one kept."
    )
    assert sent.during(moves) == 0, "frames sent by the pointer"
    page.wait_for_url("**lr=0.03**")
    wait_for_idle(page)
    assert "Diverged: the learning rate 0.03 is too large" in main_text(page)
    # the replay input follows the iterations Python holds: steps 0 ... 180, at the end
    assert replay.get_attribute("max") == "180"
    assert replay_position(unit) == "180"
    page.reload()
    wait_for_idle(page)
    unit = descent_unit(page)
    assert positions(unit) == ["0.03", "180"]
    assert touch_metrics(unit) == core_numbers(0.03, 180, 180)
    assert "Diverged: the learning rate 0.03 is too large" in main_text(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_unit_fits_a_dark_phone_with_its_legend_readable(browser, app_url: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme="dark")
    try:
        page = context.new_page()
        open_page(page, app_url, "regression?lr=0.03")
        unit = descent_unit(page)
        unit.scroll_into_view_if_needed()
        assert horizontal_overflow(page) == 0
        keys = unit.locator(".legend .key")
        assert keys.all_inner_texts() == [
            "gradient descent's line after 31 steps",
            "least-squares line",
        ]
        width = page.viewport_size["width"]
        for box in [k.bounding_box() for k in keys.all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        for box in [m.bounding_box() for m in unit.locator(".metric").all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
    finally:
        context.close()
