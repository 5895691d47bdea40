"""The ln tab's point y follows the hand (issue 20): the range input of a touch unit
(dashboard.touch). Keys on it, and dragging the point on g's curve, redraw both slopes, the
numbers, the rule worked and ln's verdict in the browser with no message to the server;
after a pause the address bar holds y and a reload restores it. The pair stays a Streamlit
choice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page

from app_pages.rules.ln_and_inverse import Y
from core.special_derivatives import inverse_grid
from dashboard import numbers
from harness.chromium import PHONE
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

Y_BY_LABEL = dict(zip(Y.shown(), Y.values, strict=True))
GRIDS = {
    pair: dict(zip(Y.shown(), inverse_grid(pair, Y.values), strict=True))
    for pair in ("square", "exp")
}


def ln_unit(page: Page) -> Locator:
    unit = touch_unit(page, "y")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def core_numbers(pair: str, label: str) -> dict[str, str]:
    """The unit's four numbers at y, straight from core.special_derivatives.inverse_grid."""
    work = GRIDS[pair][label]
    return {
        "x = g(y)": numbers.shown(work.x),
        "f'(x)": numbers.shown(work.f_slope),
        "1 / f'(x)": numbers.shown(work.reciprocal),
        "g'(y) measured (central difference)": numbers.shown(work.measured.g_quotient),
    }


def shown_y(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def test_keys_move_both_slopes_and_the_verdict_then_python_hears(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=ln&pair=exp")
    unit = ln_unit(page)
    knob = unit.locator("input[type=range]")
    assert knob.count() == 1 and knob.get_attribute("aria-label") == "point y"
    assert knob.get_attribute("max") == "38" and knob.input_value() == "18"
    assert page.locator('.st-key-y [data-testid="stSlider"]').count() == 0
    assert touch_metrics(unit) == core_numbers("exp", "2")
    assert (
        unit.locator(".notes").inner_text() == "So (ln y)′ = 1/y: at y = 2 the slope of ln = 0.5."
    )
    record_redraws(unit)
    knob.focus()
    before = len(frames)
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    seen = redraws(page)
    assert {"2.1", "2.2", "4"} <= set(seen)
    for label, metrics in seen.items():
        assert metrics == core_numbers("exp", label), label
    # at y = 4: f'(x) = e^x = 4, 1 / f'(x) = 0.25, the quiz's answer
    assert touch_metrics(unit)["1 / f'(x)"] == "0.25"
    assert (
        unit.locator(".notes").inner_text() == "So (ln y)′ = 1/y: at y = 4 the slope of ln = 0.25."
    )
    working = touch_formulas(unit)
    assert working == [
        r"\begin{aligned}g'(y) &= \frac{1}{f'(x)} = \frac{1}{e^{x}} = \frac{1}{y} \\ "
        r"&= \frac{1}{4} = 0.25\end{aligned}"
    ]
    settle(page)
    assert "y=4" in page.url
    assert len(frames) - before >= 1
    page.reload()
    wait_for_idle(page)
    unit = ln_unit(page)
    assert shown_y(unit) == "4" and touch_metrics(unit) == core_numbers("exp", "4")


def test_dragging_the_point_on_the_square_root_moves_y(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=ln")
    unit = ln_unit(page)
    unit.scroll_into_view_if_needed()
    x, y = ring_centre(unit)
    record_redraws(unit)
    # 90 px to the right, 1.5 px at a time
    during = drag(page, (x, y), [(x + 90, y)], 1.5, frames)
    assert_no_frame_but_for_pauses(page, during)
    at = shown_y(unit)
    assert Y_BY_LABEL[at] > 2.2, at
    seen = redraws(page)
    assert len(seen) >= 3
    for label, metrics in seen.items():
        assert metrics == core_numbers("square", label), label
    assert unit.locator(".notes").inner_text() == ""  # no verdict for the square
    settle(page)
    assert f"y={Y_BY_LABEL[at]:g}" in page.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=ln&pair=exp&y=0.3")
        unit = ln_unit(page)
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        legend = unit.locator(".legend")
        assert legend.inner_text().split("\n") == [
            "f(x) = e^x",
            "g(y) = ln y",
            "mirror y = x",
            "slope f'(x)",
            "slope g'(y)",
        ]
        legend_box = legend.bounding_box()
        assert legend_box["x"] + legend_box["width"] <= PHONE["width"]
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors
