"""The sin-cos tab's point x and step dx follow the hand (issue 20): two range inputs of one
touch unit (dashboard.touch, a cross grid). Keys on either input, and dragging the ring on
the dashed curve, redraw the quotient curve, the dots, the working and the numbers in the
browser with no message to the server; after a pause Python hears the position: the address
bar holds it, a reload restores it, and the table in Going further follows. The function
stays a Streamlit choice."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page

from app_pages.rules.sin_cos import ANGLE, STEP
from core.special_derivatives import WAVE_DERIVATIVE_NAMES, wave_secant
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

X_BY_LABEL = dict(zip(ANGLE.shown(), ANGLE.values, strict=True))
H_BY_LABEL = dict(zip(STEP.shown(), STEP.values, strict=True))


def wave_unit(page: Page) -> Locator:
    unit = touch_unit(page, "angle")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def core_numbers(name: str, x: float, h: float) -> dict[str, str]:
    """The unit's three numbers, straight from core.special_derivatives.wave_secant."""
    secant = wave_secant(name, x, h)
    return {
        "difference quotient": numbers.shown(secant.slope, 6),
        WAVE_DERIVATIVE_NAMES[name]: numbers.shown(secant.exact, 6),
        "difference": numbers.shown(secant.error, 3),
    }


def shown(unit: Locator) -> tuple[str, str]:
    """(x, dx) as the two inputs show them."""
    a, b = unit.locator(".controls .value").all_inner_texts()
    return a, b


def table_first_exact(page: Page) -> str:
    """The 'exact' column of the table in Going further (Python's x)."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="as dx shrinks")
    if not expander.locator("summary").first.evaluate("el => el.parentElement.open"):
        expander.locator("summary").first.click()
    table = expander.locator('[data-testid="stTable"], [data-testid="stDataFrame"], table').first
    table.wait_for()
    return table.inner_text()


def quotient_path(unit: Locator) -> str:
    """The drawn quotient curve (the first layer that moves)."""
    return unit.locator(".picture svg > g").nth(2).locator("path").first.get_attribute("d")


def test_x_and_dx_are_two_range_inputs_and_the_function_stays_a_choice(
    page: Page, app_url: str
) -> None:
    open_page(page, app_url, "rules?rule=sin-cos")
    unit = wave_unit(page)
    knobs = unit.locator("input[type=range]")
    assert knobs.count() == 2
    assert knobs.nth(0).get_attribute("aria-label") == "point x"
    assert knobs.nth(1).get_attribute("aria-label") == "step dx"
    assert knobs.nth(0).get_attribute("max") == "120" and knobs.nth(0).input_value() == "70"
    assert knobs.nth(1).get_attribute("max") == "4" and knobs.nth(1).input_value() == "1"
    assert shown(unit) == ("1", "0.5")
    assert touch_metrics(unit) == core_numbers("sin", 1.0, 0.5)
    for key in ("angle", "h"):  # no Streamlit slider left for x or dx
        assert page.locator(f'.st-key-{key} [data-testid="stSlider"]').count() == 0
    # picking cos (a Streamlit choice) rebuilds the unit at the same x and dx
    page.locator(".st-key-wave").get_by_text("cos x", exact=True).click()
    settle(page)
    assert "wave=cos" in page.url
    unit = wave_unit(page)
    assert shown(unit) == ("1", "0.5")
    assert touch_metrics(unit) == core_numbers("cos", 1.0, 0.5)


def test_keys_on_x_move_the_dots_and_numbers_in_the_browser_then_python_hears(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=sin-cos")
    unit = wave_unit(page)
    expected = {label: core_numbers("sin", X_BY_LABEL[label], 0.5) for label in ANGLE.shown()}
    dots = unit.locator(".picture svg > g").nth(2).inner_html()
    record_redraws(unit)
    unit.locator("input[type=range]").first.focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    seen = redraws(page, by="all")
    assert {("1.1", "0.5"), ("1.2", "0.5"), ("1.3", "0.5")} <= set(seen)
    for (x, _), metrics in seen.items():
        assert metrics == expected[x], x
    assert shown(unit) == ("1.3", "0.5")
    assert unit.locator(".picture svg > g").nth(2).inner_html() != dots, "the dots moved"
    # (sin 1.8 - sin 1.3) / 0.5 and cos 1.3, as the working shows them
    assert touch_formulas(unit) == [
        r"\begin{aligned}\frac{\sin(x+dx) - \sin x}{dx} &\approx 0.0205789 \\ "
        r"&\xrightarrow{dx \to 0}\; \cos x \\ &\approx 0.267499\end{aligned}"
    ]
    assert "At x = 1.3: quotient ≈ 0.0205789" in unit.locator(".alt").inner_text()
    assert "0.540302" in table_first_exact(page)  # the table still shows Python's x = 1
    settle(page)
    assert "angle=1.3" in page.url
    assert len(frames) - before >= 1
    assert "0.267499" in table_first_exact(page)  # after the pause, the table follows
    page.reload()
    wait_for_idle(page)
    unit = wave_unit(page)
    assert shown(unit) == ("1.3", "0.5")
    assert touch_metrics(unit) == expected["1.3"]


def test_keys_on_dx_redraw_the_quotient_curve_then_x_moves_on_the_new_crossing(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=sin-cos&wave=cos&angle=0")
    unit = wave_unit(page)
    expected = {label: core_numbers("cos", 0.0, H_BY_LABEL[label]) for label in STEP.shown()}
    curve = quotient_path(unit)
    record_redraws(unit)
    unit.locator("input[type=range]").nth(1).focus()
    before = len(frames)
    page.keyboard.press("ArrowRight")  # 0.5 -> 0.1
    page.keyboard.press("ArrowRight")  # -> 0.01
    page.keyboard.press("End")  # -> 0.001
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    seen = redraws(page, by="all")
    assert {("0", "0.1"), ("0", "0.01"), ("0", "0.001")} <= set(seen)
    for (_, h), metrics in seen.items():
        assert metrics == expected[h], h
    # (cos 0.001 - 1) / 0.001 = -0.000499999958..., -sin 0 = 0
    assert touch_metrics(unit) == {
        "difference quotient": "≈ −0.0005",
        "−sin x": "0",
        "difference": "≈ −0.0005",
    }
    assert quotient_path(unit) != curve, "the quotient curve follows dx"
    settle(page)
    assert "h=0.001" in page.url and "angle=0" in page.url
    # Python sent the rows crossing at dx = 0.001: x now moves with that dx
    unit.locator("input[type=range]").first.focus()
    page.keyboard.press("ArrowLeft")
    assert shown(unit) == ("−0.1", "0.001")
    assert touch_metrics(unit) == core_numbers("cos", -0.1, 0.001)
    settle(page)
    page.reload()
    wait_for_idle(page)
    unit = wave_unit(page)
    assert shown(unit) == ("−0.1", "0.001")
    assert touch_metrics(unit) == core_numbers("cos", -0.1, 0.001)


def test_dragging_the_ring_along_the_dashed_curve_moves_x(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=sin-cos")
    unit = wave_unit(page)
    unit.scroll_into_view_if_needed()
    x, y = ring_centre(unit)
    record_redraws(unit)
    # 120 px to the left, 1.5 px at a time
    during = drag(page, (x, y), [(x - 120, y)], 1.5, frames)
    assert_no_frame_but_for_pauses(page, during)
    at, h = shown(unit)
    assert h == "0.5" and X_BY_LABEL[at] < 0, at  # about 2.2 rad to the left of x = 1
    seen = redraws(page, by="all")
    assert len(seen) >= 10
    for (x_label, _), metrics in seen.items():
        assert metrics == core_numbers("sin", X_BY_LABEL[x_label], 0.5), x_label
    settle(page)
    assert f"angle={X_BY_LABEL[at]:g}" in page.url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=sin-cos&wave=cos&angle=-5.9&h=0.001")
        unit = wave_unit(page)
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        legend = unit.locator(".legend")
        assert legend.inner_text().split("\n") == ["cos x", "−sin x", "(cos(x + dx) − cos x) / dx"]
        legend_box = legend.bounding_box()
        assert legend_box["x"] + legend_box["width"] <= PHONE["width"]
        assert_text_follows_theme(unit, scheme)
        assert not watch.console_errors, watch.console_errors
