"""The underflow section's n as a touch input, in a real browser: keys and a drag of the ring on
the "your n" rule change the numbers and the working to core's at each n with no message to the
server; after the pause the address holds n, and a reload restores it. Past 1100 the picture's
window follows n; on a phone, light or dark, the unit fits and its legend is readable."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from playwright.sync_api import Locator, Page

from app_pages.log_loss.formulas import about, superscript
from core.underflow import product_versus_logs, underflow_positions
from dashboard import numbers
from dashboard.touch_js import PAUSE_MS
from harness.chromium import PHONE
from tests.browser.helpers import (
    UNIT_WIDE_FORMULAS,
    horizontal_overflow,
    open_page,
    sent_frames,
    set_touch_position,
    settle,
    shot,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)

POSITIONS = underflow_positions()


def core_numbers(n: int) -> dict[str, str]:
    """The unit's four numbers at n, from core.underflow.product_versus_logs."""
    shown = {}
    for p in (0.5, 0.1):
        r = product_versus_logs(p, n)
        product = "0.0 (underflow)" if r.product == 0 else about(Fraction(r.product))
        shown[f"{numbers.text(p)}{superscript(n)} multiplied in float64"] = product
        shown[f"sum of logs {n}·ln {numbers.text(p)}"] = about(r.log_sum, 7)
    return shown


def core_formulas(n: int) -> list[str]:
    found = []
    for p in ("0.5", "0.1"):
        r = product_versus_logs(float(p), n)
        found.append(
            rf"\begin{{aligned}}{p}^{{{n}}} &= e^{{{n}\ln {p}}} "
            rf"\approx e^{{{numbers.tex(r.log_sum, 7)}}}\\ "
            rf"&\approx {numbers.tex(r.mantissa)}\times 10^{{{r.exponent}}}\end{{aligned}}"
        )
    return found


def n_unit(page: Page) -> Locator:
    """The underflow section's touch unit, once its working is typeset."""
    unit = touch_unit(page, "n")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def knob(unit: Locator) -> Locator:
    return unit.locator('input[data-param="n"]')


def shown_n(unit: Locator) -> int:
    return int(unit.locator('.control:has(input[data-param="n"]) .value').inner_text())


def tick_x(unit: Locator, label: str) -> float:
    """Where the picture's x tick labelled `label` stands on the screen."""
    tick = unit.locator(".picture svg text[text-anchor=middle]").filter(has_text=label).first
    box = tick.bounding_box()
    return box["x"] + box["width"] / 2


# The times at which the unit redrew (it marks its root with data-position after each redraw).
RECORD = """(root) => {
    root.__seen = [];
    new MutationObserver(() => root.__seen.push(performance.now()))
        .observe(root, {attributes: true, attributeFilter: ['data-position']});
}"""


def pauses(unit: Locator) -> int:
    """How many times the keys stayed still longer than the unit's pause (a busy machine)."""
    times = unit.evaluate("root => [...root.__seen, performance.now()]")
    return sum(later - earlier > PAUSE_MS for earlier, later in itertools.pairwise(times))


def test_keys_move_n_past_each_underflow_point_with_cores_numbers_and_no_frames(
    page: Page, app_url: str
):
    frames = sent_frames(page)
    open_page(page, app_url, "log-loss?n=1073")
    unit = n_unit(page)
    assert shown_n(unit) == 1073
    assert touch_metrics(unit) == core_numbers(1073)
    knob(unit).focus()
    unit.evaluate(RECORD)
    before = len(frames)
    page.keyboard.press("ArrowRight")
    assert touch_metrics(unit)["0.5¹⁰⁷⁴ multiplied in float64"] == "≈ 4.941 × 10⁻³²⁴"
    page.keyboard.press("ArrowRight")
    assert shown_n(unit) == 1075
    assert touch_metrics(unit) == core_numbers(1075)
    assert touch_metrics(unit)["0.5¹⁰⁷⁵ multiplied in float64"] == "0.0 (underflow)"
    assert touch_formulas(unit) == core_formulas(1075)
    # back down to 0.1's underflow point: every n from 336 down is a position
    for _ in range(POSITIONS.index(1075) - POSITIONS.index(324)):
        page.keyboard.press("ArrowLeft")
    assert shown_n(unit) == 324
    assert touch_metrics(unit) == core_numbers(324)
    page.keyboard.press("ArrowLeft")
    assert touch_metrics(unit)["0.1³²³ multiplied in float64"] == "≈ 9.881 × 10⁻³²⁴"
    # none, unless the machine itself held a key back longer than the pause (then at most one
    # per such pause: the unit rightly told Python)
    assert len(frames) - before <= pauses(unit)
    settle(page)
    assert "n=323" in page.url
    page.reload()
    wait_for_idle(page)
    unit = n_unit(page)
    assert shown_n(unit) == 323
    assert touch_metrics(unit) == core_numbers(323)


def test_dragging_the_ring_on_the_rule_moves_n(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "log-loss")
    unit = n_unit(page)
    unit.scroll_into_view_if_needed()
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    before = len(frames)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(tick_x(unit, "500"), y, steps=8)
    page.mouse.up()
    assert len(frames) - before == 0
    assert shown_n(unit) == 500
    assert touch_metrics(unit) == core_numbers(500)
    assert touch_formulas(unit) == core_formulas(500)
    # the rule and the ring stand at the pointer
    moved = unit.locator(".picture .handle circle.ring").bounding_box()
    assert abs(moved["x"] + moved["width"] / 2 - tick_x(unit, "500")) < 2
    settle(page)
    assert "n=500" in page.url
    page.reload()
    wait_for_idle(page)
    assert touch_metrics(n_unit(page)) == core_numbers(500)


def test_past_1100_the_window_follows_n_to_5000(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    unit = n_unit(page)
    ticks = unit.locator(".picture svg text[text-anchor=middle]")

    def labels() -> list[str]:
        return ticks.evaluate_all("(els) => els.map((e) => e.textContent)")

    assert "1000" in labels() and "5000" not in labels()
    knob(unit).focus()
    page.keyboard.press("End")
    assert shown_n(unit) == 5000
    assert touch_metrics(unit) == core_numbers(5000)
    assert "5000" in labels()
    page.keyboard.press("Home")
    assert shown_n(unit) == 1
    assert touch_metrics(unit) == core_numbers(1)
    settle(page)
    assert "n=1" in page.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_at_every_n_with_its_legend_readable(
    browser, app_url: str, scheme: str
):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme)
    phone = context.new_page()
    try:
        open_page(phone, app_url, "log-loss")
        unit = n_unit(phone)
        unit.scroll_into_view_if_needed()
        legend = unit.locator(".legend")
        for key in legend.locator(".key").all():
            box = key.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], key.inner_text()
        assert "smallest float64" in legend.inner_text() and "your n" in legend.inner_text()
        formulas = unit.locator(".formulas .katex-display")
        n_knob = knob(unit)
        for index in range(len(POSITIONS)):
            set_touch_position(n_knob, index)
            assert formulas.count() == 2, index
            assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], (POSITIONS[index], index)
        assert horizontal_overflow(phone) == 0
        shot(phone, f"log-loss-underflow-phone-{scheme}", full_page=False)
    finally:
        context.close()
