"""The product rule's house follows the hand (issue 20): day t and the time step dt are the two
range inputs of one touch unit (a cross grid). Keys on each input, a drag of the ring at the
house's corner and a jump of dt redraw the plan, the worked product rule and the numbers in
the browser with no message to the server; after a pause Python hears the pair once: the
address bar holds it, a reload restores it, and the strips' table below follows."""

from __future__ import annotations

from fractions import Fraction

import pytest
from playwright.sync_api import Browser, Locator, Page

from core.product_rule import HOUSE_DAY_STEPS, HOUSE_TIME_STEPS, house_grid
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
    set_touch_position,
    settle,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

MARGIN_LEFT, MARGIN_RIGHT = 48, 14  # the picture's plot area inside its SVG (touch_js MARGIN)


def house_unit(page: Page) -> Locator:
    """The house's touch unit, once its working is typeset."""
    unit = touch_unit(page, "t")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def knobs(unit: Locator) -> tuple[Locator, Locator]:
    inputs = unit.locator("input[type=range]")
    return inputs.nth(0), inputs.nth(1)


def shown(unit: Locator) -> tuple[str, str]:
    values = unit.locator(".controls .value").all_inner_texts()
    return values[0], values[1]


def core_numbers(day: float, dt: float) -> dict[str, str]:
    """The unit's three numbers at (day, dt), from core.product_rule.house_grid, formatted by
    dashboard.numbers as the page does."""
    house = house_grid(day, dt).by_day[HOUSE_DAY_STEPS.index(day)]
    return {
        "dF / dt (m²/day)": numbers.shown(house.quotient, 6),
        "g'h + gh' (m²/day)": numbers.shown(house.product_rule_rate, 6),
        "corner dg·dh / dt (m²/day)": numbers.shown(house.corner_quotient, 6),
    }


def table_limit(page: Page) -> str:
    """The strips' table (Going further) at Python's pair: its total's limit, g'h + gh'."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="strips in numbers")
    if not expander.locator("summary").first.evaluate("el => el.parentElement.open"):
        expander.locator("summary").first.click()
    table = expander.locator('[data-testid="stTable"], [data-testid="stDataFrame"]').first
    table.wait_for()
    return table.locator("tr").last.inner_text()


def test_day_and_step_are_two_range_inputs_of_one_unit(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=product")
    unit = house_unit(page)
    day, step = knobs(unit)
    assert unit.locator("input[type=range]").count() == 2
    assert (day.get_attribute("aria-label"), step.get_attribute("aria-label")) == (
        "day t",
        "time step dt (days)",
    )
    assert (day.get_attribute("max"), day.input_value()) == ("12", "4")  # t = 2
    assert (step.get_attribute("max"), step.input_value()) == ("5", "1")  # dt = 1
    assert shown(unit) == ("2", "1")
    assert touch_metrics(unit) == core_numbers(2.0, 1.0)
    assert page.locator('[data-testid="stSlider"]').filter(has_text="day t").count() == 0
    assert page.locator('[data-testid="stSlider"]').filter(has_text="time step").count() == 0


def test_keys_on_both_inputs_move_the_house_and_python_hears_each_pause(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=product")
    unit = house_unit(page)
    day, step = knobs(unit)
    expected = {d: core_numbers(d, 1.0) for d in (2.5, 3.0)}
    record_redraws(unit)
    day.focus()
    before = len(frames)
    page.keyboard.press("ArrowRight")
    assert touch_metrics(unit) == expected[2.5]
    page.keyboard.press("ArrowRight")
    sent, waiting = len(frames), step.is_disabled()
    assert waiting or sent > before, "dt waits for the rows at the new day (until a pause)"
    assert_no_frame_but_for_pauses(page, sent - before, every=True)
    assert shown(unit) == ("3", "1")
    assert touch_metrics(unit) == expected[3.0]
    # day 3, dt 1: g = 7, h = 3.125, dg = 1, dh = h(4) - h(3) = 0.875; g'h + gh' = 3.125 + 5.25
    assert touch_metrics(unit)["g'h + gh' (m²/day)"] == "8.375"
    (strips, rates) = touch_formulas(unit)
    assert r"&= 3.125 + 6.125 \\ &\quad + 0.875 = 10.125" in strips
    assert r"&= 1 \cdot 3.125 + 7 \cdot 0.75 = 8.375" in rates
    assert unit.locator(".alt").inner_text().startswith("Floor plan on day 3: length g = 7 m")
    settle(page)
    assert "t=3" in page.url and len(frames) > before
    assert not step.is_disabled()
    assert table_limit(page).endswith("8.375")
    # now dt, from the rows Python made for day 3
    expected = {s: core_numbers(3.0, s) for s in HOUSE_TIME_STEPS}
    record_redraws(unit)
    step.focus()
    before = len(frames)
    page.keyboard.press("ArrowRight")
    assert touch_metrics(unit) == expected[0.5]
    page.keyboard.press("End")
    sent, waiting = len(frames), day.is_disabled()
    assert waiting or sent > before, "t waits for the rows at the new step (until a pause)"
    assert_no_frame_but_for_pauses(page, sent - before, every=True)
    assert shown(unit) == ("3", "0.01")
    assert touch_metrics(unit) == expected[0.01]
    # the corner dg dh / dt = h(3.01) - h(3) = 0.0075125 shrinks; g'h + gh' stays 8.375
    assert touch_metrics(unit)["corner dg·dh / dt (m²/day)"] == "0.0075125"
    assert (Fraction("3.01") ** 2 - 9) / 8 == Fraction("0.0075125")
    settle(page)
    assert "t=3" in page.url and "dt=0.01" in page.url
    page.reload()
    wait_for_idle(page)
    unit = house_unit(page)
    assert shown(unit) == ("3", "0.01")
    assert touch_metrics(unit) == expected[0.01]


def test_dragging_the_corner_moves_the_day_and_a_jump_moves_dt(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=product")
    unit = house_unit(page)
    unit.scroll_into_view_if_needed()
    svg = unit.locator(".picture svg").bounding_box()
    x, y = ring_centre(unit)
    left, right = svg["x"] + MARGIN_LEFT, svg["x"] + svg["width"] - MARGIN_RIGHT

    def across(day: float) -> float:  # where the corner sits at `day`: g = 4 + t of 12 m
        return left + (4 + day) / 12 * (right - left)

    assert x == pytest.approx(across(2.0), abs=1)
    expected = {d: core_numbers(d, 1.0) for d in HOUSE_DAY_STEPS}
    record_redraws(unit)
    during = drag(page, (x, y), [(across(5.0), y), (across(4.0), y)], 2, frames)
    assert_no_frame_but_for_pauses(page, during, every=True)
    assert shown(unit)[0] == "4"
    seen = redraws(page)
    assert {"2.5", "3", "3.5", "4", "4.5", "5"} <= set(seen)
    for day, metrics in seen.items():
        assert list(metrics.items()) == list(expected[float(day)].items()), day
    settle(page)
    assert "t=4" in page.url
    # a drag of the dt input that lands at 0.01 (no keys in between)
    expected = core_numbers(4.0, 0.01)
    before = len(frames)
    set_touch_position(knobs(unit)[1], 5)
    assert len(frames) == before
    assert touch_metrics(unit) == expected
    assert touch_metrics(unit)["g'h + gh' (m²/day)"] == "12"  # 1 · 4 + 8 · 1
    settle(page)
    assert "dt=0.01" in page.url
    assert table_limit(page).endswith("12")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes_at_its_widest_working(
    browser: Browser, app_url: str, scheme: str
) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=product&t=5.5&dt=0.01")
        unit = house_unit(page)
        assert shown(unit) == ("5.5", "0.01")
        unit.locator(".formulas .katex").first.wait_for()
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        assert_within_phone(unit.locator(".legend").bounding_box(), "legend")
        assert unit.locator(".legend").inner_text().split("\n")[:1] != [""]
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors
