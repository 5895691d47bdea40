"""The non-differentiability page in a real browser: switch the case, shrink dx, look.

dx is a touch unit (dashboard.touch): a key or a drag of its range input redraws the
magnified picture, the worked quotients and both slopes in the browser, with no message to
the server; after a pause dx reaches Python, the address bar follows and a reload restores it.
The numbers shown are compared with core's at the same steps (core.zoom.zoom_grid, printed by
the page's own formatter), and at the cusp with the closed form dx^(−1/3).
"""

from __future__ import annotations

import re

import pytest
import sympy
from playwright.sync_api import Page

from app_pages.non_differentiability.zoom import DX_STEPS, printed_slopes, value_text
from core.corner_gallery import GALLERY
from core.zoom import zoom_grid
from dashboard import numbers
from dashboard.touch import link_text
from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    SCREENSHOTS,
    main_text,
    open_page,
    sent_frames,
    shot,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

PATH = "non-differentiability"
PAUSE = 700  # ms: longer than the unit's 350 ms pause before it tells Python


def core_numbers(case: str, index: int) -> dict[str, str]:
    """What the unit must show at step `index`: core's slopes, printed as the page prints."""
    chosen = GALLERY[case]
    view = zoom_grid(chosen.function, chosen.x0, DX_STEPS, chosen.half_width).views[index]
    left, right, gap = printed_slopes(view)
    return {"Left slope": value_text(left), "Right slope": value_text(right), "Right − left": gap}


def shown_slopes(page: Page) -> dict[str, str]:
    shown = touch_metrics(touch_unit(page, "dx"))
    return {name: shown[name] for name in ("Left slope", "Right slope", "Right − left")}


def digits(shown: str) -> str:
    return shown.removeprefix("≈ ")


# dx's value beside its input and the unit's numbers, read in the browser in one call
READ_UNIT = """(input) => {
  const unit = input.closest('.touch');
  const labels = [...unit.querySelectorAll('.metric .label')].map((e) => e.textContent);
  const values = [...unit.querySelectorAll('.metric .number')].map((e) => e.textContent);
  return [unit.querySelector('.controls .value').textContent,
          Object.fromEntries(labels.map((label, i) => [label, values[i]]))];
}"""


def position(page: Page) -> int:
    return int(touch_unit(page, "dx").locator("input[type=range]").input_value())


def verdict(page) -> str:
    alert = page.locator('[data-testid="stAlert"]').filter(has_text="Verdict:").first
    return alert.inner_text().strip()


def choose_case(page, case: str) -> None:
    group = page.locator('[data-testid="stRadio"]').filter(has_text="Which point?").first
    group.get_by_text(case, exact=True).click()
    page.wait_for_timeout(200)
    wait_for_idle(page)


def press_dx(page: Page, key: str, times: int = 1) -> None:
    """Keys on dx's range input: the browser redraws at once, nothing waits for Python."""
    knob = touch_unit(page, "dx").locator("input[type=range]")
    knob.focus()
    for _ in range(times):
        page.keyboard.press(key)


def after_the_pause(page: Page) -> None:
    page.wait_for_timeout(PAUSE)
    wait_for_idle(page)


def test_corner_link_shows_slopes_minus_1_and_1_and_the_verdict(page, app_url):
    open_page(page, app_url, f"{PATH}?case=corner")
    assert "Non-differentiability: where the derivative does not exist" in main_text(page)
    assert verdict(page).startswith("Verdict: corner at x0 = 0.")
    shown = touch_metrics(touch_unit(page, "dx"))
    assert (shown["Left slope"], shown["Right slope"]) == ("−1", "1")
    assert shown["Verdict as dx → 0"] == "corner"


def test_keys_move_dx_in_the_browser_and_python_hears_after_the_pause(page, app_url):
    frames = sent_frames(page)
    open_page(page, app_url, f"{PATH}?case=cusp")
    unit = touch_unit(page, "dx")
    unit.locator(".formulas .katex").first.wait_for()
    start = DX_STEPS.index(0.1)
    assert position(page) == start
    before = len(frames)
    knob = unit.locator("input[type=range]")
    knob.focus()
    seen = []
    for _ in range(3):  # 0.1 -> 0.08 -> 0.06 -> 0.05: each key redrawn at once
        page.keyboard.press("ArrowRight")
        seen.append(knob.evaluate(READ_UNIT))  # one round trip: well within the pause
    during = len(frames) - before
    assert during == 0, f"{during} messages sent to the server during the keys"
    assert [value for value, _ in seen] == [numbers.text(DX_STEPS[start + k]) for k in (1, 2, 3)]
    seen = [{name: shown[name] for name in core_numbers("cusp", 0)} for _, shown in seen]
    assert seen == [core_numbers("cusp", start + k) for k in (1, 2, 3)]
    # the cusp's closed form at dx = 0.05: ∓0.05^(−1/3)
    size = float((sympy.Rational(1, 20) ** sympy.Rational(-1, 3)).evalf(20))
    assert digits(seen[-1]["Left slope"]) == numbers.text(-size, 6)
    assert digits(seen[-1]["Right slope"]) == numbers.text(size, 6)
    # the working on screen is the row's: f(0 + 0.05) in the right quotient
    assert r"f(0 + 0.05)" in touch_formulas(unit)[0]
    assert "drawn for x from −0.1 to 0.1" in unit.locator(".alt").inner_text()

    after_the_pause(page)
    assert "dx=0.05" in page.url
    assert len(frames) > before  # the position reached Python, once the hand paused
    table = page.locator('[data-testid="stTable"]').first.inner_text()
    assert "0.05" in table  # the table of slopes followed, after the pause
    page.reload()
    wait_for_idle(page)
    assert position(page) == start + 3
    assert shown_slopes(page) == core_numbers("cusp", start + 3)


def test_dragging_the_dx_input_with_the_mouse_redraws_without_a_message(page, app_url):
    frames = sent_frames(page)
    open_page(page, app_url, f"{PATH}?case=smooth")
    unit = touch_unit(page, "dx")
    unit.locator(".formulas .katex").first.wait_for()
    knob = unit.locator("input[type=range]")
    box = knob.bounding_box()
    last = len(DX_STEPS) - 1
    y = box["y"] + box["height"] / 2
    start_x = box["x"] + 8 + (box["width"] - 16) * position(page) / last
    target_x = box["x"] + 8 + (box["width"] - 16) * 45 / last
    before = len(frames)
    page.mouse.move(start_x, y)
    page.mouse.down()
    for k in range(1, 13):  # like a hand: small moves, no pause
        page.mouse.move(start_x + (target_x - start_x) * k / 12, y)
    page.mouse.up()
    during = len(frames) - before
    reached = position(page)
    assert abs(reached - 45) <= 1, reached
    assert during == 0, f"{during} messages sent to the server during the drag"
    assert shown_slopes(page) == core_numbers("smooth", reached)
    dx = DX_STEPS[reached]
    assert unit.locator(".controls .value").inner_text() == numbers.text(dx)

    after_the_pause(page)
    assert f"dx={link_text(dx)}" in page.url
    page.reload()
    wait_for_idle(page)
    assert position(page) == reached
    assert shown_slopes(page) == core_numbers("smooth", reached)


def test_switching_case_and_shrinking_dx_changes_the_numbers(page, app_url):
    open_page(page, app_url, PATH)
    assert shown_slopes(page)["Left slope"] == "−1"

    choose_case(page, "Cusp: x^(2/3)")
    assert "cusp at x0 = 0" in verdict(page)
    assert "case=cusp" in page.url
    before = shown_slopes(page)
    assert (digits(before["Left slope"]), digits(before["Right slope"])) == ("−2.15443", "2.15443")

    press_dx(page, "ArrowRight", times=10)  # 0.1 -> 0.01, ten steps a decade
    after = shown_slopes(page)
    # -+0.01^(-1/3): running off to -+infinity
    assert (digits(after["Left slope"]), digits(after["Right slope"])) == ("−4.64159", "4.64159")
    after_the_pause(page)
    assert "dx=0.01" in page.url

    choose_case(page, "Smooth: x²")
    assert "differentiable at x0 = 1" in verdict(page)
    shown = shown_slopes(page)
    assert (shown["Left slope"], shown["Right slope"]) == ("1.99", "2.01")
    press_dx(page, "End")
    shown = shown_slopes(page)
    # 2 -+ 1e-6, shown to 6 digits
    assert (digits(shown["Left slope"]), digits(shown["Right slope"])) == ("2", "2")


def test_at_a_jump_the_left_slope_grows_like_one_over_dx_and_answers_stay(page, app_url):
    open_page(page, app_url, f"{PATH}?case=jump")
    page.get_by_text("One of them blows up like (size of the jump) / dx").click()
    page.get_by_text("The secant that crosses the jump").first.wait_for(timeout=15_000)
    wait_for_idle(page)
    shown = shown_slopes(page)
    assert (shown["Left slope"], shown["Right slope"]) == ("10", "0")
    press_dx(page, "ArrowRight", times=7)  # 0.1 -> 0.02
    shown = shown_slopes(page)
    assert (shown["Left slope"], shown["Right slope"]) == ("50", "0")
    unit = touch_unit(page, "dx")
    assert "Left of x0 the graph lies below the picture" in unit.locator(".notes").inner_text()
    after_the_pause(page)
    # the zoom unit reran on its own: the quiz answer given before is still there
    assert "The secant that crosses the jump" in main_text(page)


CASES = ["corner", "cusp", "jump", "vertical", "undefined", "smooth"]


@pytest.mark.parametrize("case", CASES)
def test_screenshot_of_each_case(page, app_url, case):
    open_page(page, app_url, f"{PATH}?case={case}&dx=0.01")
    assert page.locator('[data-testid="stException"]').count() == 0
    unit = touch_unit(page, "dx")
    unit.locator(".formulas .katex").first.wait_for()
    # the curve (and the secants where they exist) drawn in the unit's picture
    assert unit.locator(".picture svg path").count() >= 1
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2  # slopes, quiz, ReLU
    assert verdict(page).startswith("Verdict:")
    shot(page, f"non-differentiability-{case}")


def test_screenshot_of_an_own_function(page, app_url):
    open_page(page, app_url, f"{PATH}?case=custom&f=x%5E(2%2F3)%20%2B%20x&x0=0&dx=0.001")
    assert "cusp at x0 = 0" in verdict(page)
    shown = shown_slopes(page)
    assert (digits(shown["Left slope"]), digits(shown["Right slope"])) == ("−9", "11")
    shot(page, "non-differentiability-custom")


def _chart_above(page, caption_start: str):
    """The chart element whose caption (the text right under it) starts with caption_start."""
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=caption_start)
    return caption.first.locator(
        "xpath=ancestor::div[contains(@class, 'stElementContainer')][1]"
        "/preceding-sibling::div[1]//*[@data-testid='stVegaLiteChart']"
    )


def test_the_quiz_picture_is_one_line_without_a_legend(page, app_url):
    open_page(page, app_url, PATH)
    quiz = _chart_above(page, "The graph of g(x) = (x + 1)^(2/3)")
    quiz.scroll_into_view_if_needed()
    quiz.locator(".marks").first.wait_for()
    # the zoom picture names f and its two secants; the quiz picture names nothing
    legend = touch_unit(page, "dx").locator(".legend").inner_text()
    assert re.search(r"f\s+left secant, slope −1\s+right secant, slope 1", legend), legend
    assert quiz.locator(".role-legend").count() == 0
    quiz.screenshot(path=str(SCREENSHOTS / "non-differentiability-quiz.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_and_every_formula_fits_its_box(browser, app_url, scheme):
    """The worked quotients are always shown now (they were in a closed expander): a row per
    step keeps each inside a 390 px phone, at the default and where the numbers are long."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme)
    phone = context.new_page()
    try:
        for path in (PATH, f"{PATH}?case=cusp&dx=1e-06", f"{PATH}?case=jump&dx=1.2e-06"):
            open_page(phone, app_url, path)
            unit = touch_unit(phone, "dx")
            formula = unit.locator(".formulas .katex-display").first
            formula.wait_for(state="visible")
            assert "right slope" in formula.inner_text().replace("\xa0", " ")
            assert wide_formulas(phone) == [], path
            svg = unit.locator(".picture svg").bounding_box()
            assert svg["x"] >= 0 and svg["x"] + svg["width"] <= PHONE["width"], path
        width = phone.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        shot(phone, f"non-differentiability-phone-{scheme}")
    finally:
        context.close()


def test_no_request_leaves_the_app_on_a_phone(browser, app_url):
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, f"{PATH}?case=vertical&dx=1e-05")
        touch_unit(phone, "dx").locator(".formulas .katex").first.wait_for()
        press_dx(phone, "ArrowRight", times=5)
        assert not watch.outside_requests, watch.outside_requests
        assert not watch.console_errors, watch.console_errors
    finally:
        phone.context.close()
