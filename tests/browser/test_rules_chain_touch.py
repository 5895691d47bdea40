"""The chain rule's drive follows the hand (issue 20): the time into the drive is the range
input of a touch unit. Keys on it and a drag of the ring along the road redraw the tangent,
the worked chain rule, the three rates and the measured quotient in the browser with no
message to the server; after a pause Python hears the hour once: the address bar holds it, a
reload restores it, and the temperature's chart below follows."""

from __future__ import annotations

from fractions import Fraction

import pytest
from playwright.sync_api import Browser, Locator, Page

from core.chain_rule import DRIVE_HOUR_STEPS, mountain_grid
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

MARGIN_LEFT, MARGIN_RIGHT = 48, 14  # the picture's plot area inside its SVG (touch_js MARGIN)
GRID = mountain_grid()


def drive_unit(page: Page) -> Locator:
    """The drive's touch unit, once its working is typeset."""
    unit = touch_unit(page, "hour")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def shown_hour(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def core_numbers(hour: float) -> dict[str, str]:
    """The unit's three rates at `hour`, from core.chain_rule.mountain_grid, formatted by
    dashboard.numbers as the page does (ten digits: they are exact)."""
    drive = GRID.drives[DRIVE_HOUR_STEPS.index(hour)]
    return {
        "dT/dh (°C/km)": numbers.text(drive.lapse_rate, 10),
        "dh/dt (km/h)": numbers.text(drive.climb_rate, 10),
        "dT/dt (°C/h)": numbers.text(drive.chain_rate, 10),
    }


def air_caption(page: Page) -> str:
    """The temperature chart's description (below the unit), which names Python's height."""
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Temperature T(h)")
    return caption.first.inner_text()


def test_the_hour_is_one_range_input_and_the_air_chart_stays(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=chain")
    unit = drive_unit(page)
    knob = unit.locator("input[type=range]")
    assert knob.count() == 1
    assert knob.get_attribute("aria-label") == "time into the drive t (hours)"
    assert knob.get_attribute("max") == "20" and knob.input_value() == "10"  # t = 1 h
    assert touch_metrics(unit) == {"dT/dh (°C/km)": "−8", "dh/dt (km/h)": "1", "dT/dt (°C/h)": "−8"}
    assert page.locator('[data-testid="stSlider"]').filter(has_text="time into").count() == 0
    assert air_caption(page) == "Temperature T(h): at 1 km it is 11 °C, changing −8 °C per km."


def test_keys_move_the_drive_in_the_browser_and_python_hears_after_the_pause(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=chain")
    unit = drive_unit(page)
    record_redraws(unit)
    unit.locator("input[type=range]").focus()
    before = len(frames)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before, every=True)
    assert shown_hour(unit) == "1.2"
    seen = {hour: list(metrics.items()) for hour, metrics in redraws(page).items()}
    assert seen == {h: list(core_numbers(float(h)).items()) for h in ("1.1", "1.2")}
    # t = 1.2: h = 0.5 + 0.72 = 1.22 km, dT/dh = -10 + 2.44 = -7.56, dT/dt = -7.56 · 1.2
    assert (-10 + 2 * (Fraction(1, 2) + Fraction(6, 5) ** 2 / 2)) * Fraction(6, 5) == Fraction(
        "-9.072"
    )
    assert touch_metrics(unit)["dT/dt (°C/h)"] == "−9.072"
    (working,) = touch_formulas(unit)
    assert r"&= (-7.56) \cdot 1.2 = -9.072\ ^\circ\mathrm{C}/\mathrm{h}" in working
    assert (
        unit.locator(".notes")
        .inner_text()
        .startswith("Measured directly over the next 3.6 seconds: ≈ −9.07")
    )
    assert unit.locator(".alt").inner_text() == (
        "Height h(t): at t = 1.2 h you are at 1.22 km, climbing 1.2 km per hour."
    )
    assert "dh/dt = 1.2 km/h" in unit.locator(".legend").inner_text()
    assert air_caption(page).startswith("Temperature T(h): at 1 km")  # Python has not heard
    settle(page)
    assert "hour=1.2" in page.url and len(frames) > before
    assert (
        air_caption(page)
        == "Temperature T(h): at 1.22 km it is 9.2884 °C, changing −7.56 °C per km."
    )
    page.keyboard.press("Home")
    assert touch_metrics(unit) == {"dT/dh (°C/km)": "−9", "dh/dt (km/h)": "0", "dT/dt (°C/h)": "0"}
    settle(page)
    assert "hour=0" in page.url
    page.reload()
    wait_for_idle(page)
    unit = drive_unit(page)
    assert shown_hour(unit) == "0" and touch_metrics(unit) == core_numbers(0.0)


def test_dragging_the_ring_along_the_road_moves_the_hour(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=chain")
    unit = drive_unit(page)
    unit.scroll_into_view_if_needed()
    svg = unit.locator(".picture svg").bounding_box()
    x, y = ring_centre(unit)
    left, right = svg["x"] + MARGIN_LEFT, svg["x"] + svg["width"] - MARGIN_RIGHT

    def across(hour: float) -> float:  # the ring's x at `hour`, on a 0-2 h axis
        return left + hour / 2 * (right - left)

    assert x == pytest.approx(across(1.0), abs=1)
    record_redraws(unit)
    during = drag(page, (x, y), [(across(1.8), y), (across(1.5), y)], 2, frames)
    assert_no_frame_but_for_pauses(page, during, every=True)
    assert shown_hour(unit) == "1.5"
    seen = redraws(page)
    assert {"1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"} <= set(seen)
    for hour, metrics in seen.items():
        assert list(metrics.items()) == list(core_numbers(float(hour)).items()), hour
    settle(page)
    assert "hour=1.5" in page.url
    assert air_caption(page).startswith("Temperature T(h): at 1.625 km")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=chain&hour=1.7")  # the longest working
        unit = drive_unit(page)
        assert shown_hour(unit) == "1.7"
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        for part in (".picture svg", ".legend", ".notes"):
            assert_within_phone(unit.locator(part).bounding_box(), part)
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors
