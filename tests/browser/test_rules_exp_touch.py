"""The e tab's point x follows the hand (issue 20): the range input of a touch unit
(dashboard.touch). Keys on it, and dragging the point on eˣ, redraw the tangent, eˣ, its
slope and the formula in the browser with no message to the server; after a pause the
address bar holds x and a reload restores it. n stays a Streamlit choice with its own
picture."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page

from app_pages.rules.e_and_exp import EX
from core.special_derivatives import exp_slopes
from dashboard import numbers
from tests.browser.helpers import (
    assert_no_frame_but_for_pauses,
    assert_text_follows_theme,
    assert_within_phone,
    drag,
    horizontal_overflow,
    open_page,
    phone_page,
    record_redraws,
    redraws,
    ring_centre,
    sent_frames,
    settle,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

X_BY_LABEL = dict(zip(EX.shown(), EX.values, strict=True))
SLOPES = dict(zip(EX.shown(), exp_slopes(EX.values), strict=True))


def exp_unit(page: Page) -> Locator:
    unit = touch_unit(page, "ex")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def core_numbers(label: str) -> dict[str, str]:
    """The unit's two numbers at x, straight from core.special_derivatives.exp_slopes."""
    work = SLOPES[label]
    return {
        "eˣ": numbers.shown(work.height, 6),
        "slope of eˣ (central difference)": numbers.shown(work.slope, 6),
    }


def shown_x(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def compounding_value(page: Page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.locator('[data-testid="stMetricLabel"]', has_text="(1 + 1/n)^n")
    )
    return metric.first.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_keys_move_the_tangent_and_the_numbers_then_python_hears(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=exp")
    unit = exp_unit(page)
    knob = unit.locator("input[type=range]")
    assert knob.count() == 1 and knob.get_attribute("aria-label") == "point x"
    assert knob.get_attribute("max") == "40" and knob.input_value() == "30"
    assert page.locator('.st-key-ex [data-testid="stSlider"]').count() == 0
    assert touch_metrics(unit) == core_numbers("1")
    assert compounding_value(page) == "≈ 2.613035"
    tangent = unit.locator(".picture svg > g").nth(2).locator("path").first.get_attribute("d")
    record_redraws(unit)
    knob.focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
    page.keyboard.press("Home")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    seen = redraws(page)
    assert {"0.9", "0.8", "0.7", "−2"} <= set(seen)
    for label, metrics in seen.items():
        assert metrics == core_numbers(label), label
    assert shown_x(unit) == "−2"
    # e^-2 = 0.135335..., its measured slope the same to 6 digits
    assert touch_metrics(unit)["eˣ"] == "≈ 0.135335"
    assert touch_formulas(unit) == [r"\frac{d}{dx}e^{x} = e^{x} \approx 0.135335"]
    new = unit.locator(".picture svg > g").nth(2).locator("path").first.get_attribute("d")
    assert new != tangent, "the tangent moved"
    assert unit.locator(".alt").inner_text().startswith("At x = −2, eˣ ≈ 0.135335")
    settle(page)
    assert "ex=-2" in page.url
    assert len(frames) - before >= 1
    assert compounding_value(page) == "≈ 2.613035"  # n's picture is untouched
    page.reload()
    wait_for_idle(page)
    unit = exp_unit(page)
    assert shown_x(unit) == "−2" and touch_metrics(unit) == core_numbers("−2")


def test_x_at_zero_shows_exactly_one(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=exp&ex=0.1")
    unit = exp_unit(page)
    unit.locator("input[type=range]").focus()
    page.keyboard.press("ArrowLeft")
    assert shown_x(unit) == "0"
    assert touch_metrics(unit)["eˣ"] == "1"  # e^0, exactly
    assert touch_formulas(unit) == [r"\frac{d}{dx}e^{x} = e^{x} = 1"]


def test_dragging_the_point_along_the_curve_moves_x(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=exp")
    unit = exp_unit(page)
    unit.scroll_into_view_if_needed()
    x, y = ring_centre(unit)
    record_redraws(unit)
    # 90 px to the left, 1.5 px at a time
    during = drag(page, (x, y), [(x - 90, y)], 1.5, frames)
    assert_no_frame_but_for_pauses(page, during)
    at = shown_x(unit)
    assert X_BY_LABEL[at] < 0.5, at
    seen = redraws(page)
    assert len(seen) >= 5
    for label, metrics in seen.items():
        assert metrics == core_numbers(label), label
    settle(page)
    assert f"ex={X_BY_LABEL[at]:g}" in page.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=exp&ex=-1.9")
        unit = exp_unit(page)
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        assert unit.locator(".legend").inner_text().split("\n") == ["eˣ", "tangent"]
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors
