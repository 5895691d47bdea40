"""The Slopes page in a real browser: the dx input moved with the keyboard changes the slope."""

from playwright.sync_api import Locator, Page

from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    UNIT_WIDE_FORMULAS,
    main_text,
    open_page,
    set_touch_position,
    shot,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

TANGENT = "Tangent slope f'(x0)"


def secant_unit(page: Page) -> Locator:
    """The secant-to-tangent unit (a touch unit: dashboard.touch), its formula typeset."""
    unit = touch_unit(page, "dx")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def speedometer_unit(page: Page) -> Locator:
    """The broken speedometer's unit (a touch unit with inputs t1 and t2), typeset."""
    unit = touch_unit(page, "t1")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def press_x0(page: Page, key: str = "ArrowRight", times: int = 1) -> None:
    """Press `key` on the unit's x0 input, then wait past its pause for Python's rerun."""
    secant_unit(page).locator('input[data-param="x0"]').focus()
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_timeout(700)
    wait_for_idle(page)


def metric(page: Page, label: str) -> str:
    return touch_metrics(secant_unit(page))[label]


def press_dx(page: Page, key: str = "ArrowRight", times: int = 1) -> None:
    """Press `key` on the unit's dx input, then wait past its pause for Python's rerun."""
    secant_unit(page).locator('input[data-param="dx"]').focus()
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_timeout(700)
    wait_for_idle(page)


def test_arrow_keys_on_the_dx_input_move_the_secant_slope_towards_2(page: Page, app_url: str):
    open_page(page, app_url, "slopes")
    assert metric(page, "Secant slope") == "3"
    press_dx(page, "ArrowRight")
    assert metric(page, "Secant slope") == "2.5"
    assert "dx=0.5" in page.url
    press_dx(page, "ArrowRight", times=3)
    page.wait_for_url("**dx=0.01**")
    assert metric(page, "Secant slope") == "2.01"
    assert metric(page, TANGENT) == "2"
    shot(page, "slopes-dx-0.01")


def test_notes_link_shows_15_m_per_s_and_switching_to_5_s_snaps_to_the_grid(
    page: Page, app_url: str
):
    open_page(page, app_url, "slopes?step=1&t1=12&t2=13")
    # the unit draws its text in the browser, inside its own element
    assert "Average velocity from 12 s to 13 s: 15 m/s" in speedometer_unit(page).inner_text()
    shot(page, "slopes-12-13")
    page.locator('[data-testid="stButtonGroup"]').get_by_text("5", exact=True).first.click()
    speedometer_unit(page).locator(".notes").filter(
        has_text="Average velocity from 10 s to 15 s: 16 m/s"
    ).wait_for()
    wait_for_idle(page)
    assert "moved to 10 s" in main_text(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_default_view_screenshot_for_a_learner(page: Page, app_url: str):
    open_page(page, app_url, "slopes")
    text = main_text(page)
    assert "Average velocity from 10 s to 15 s: 16 m/s" in speedometer_unit(page).inner_text()
    assert "Going further: when a smaller dx gets worse" in text
    shot(page, "slopes-default")


def test_moving_x0_onto_the_pole_of_1_over_x_keeps_the_picture_and_says_why(
    page: Page, app_url: str
):
    open_page(page, app_url, "slopes?fn=1/x&x0=0.2&dx=0.1")
    charts = page.locator('[data-testid="stVegaLiteChart"]').count()
    assert metric(page, TANGENT) == "−25"
    # Mark the unit: a unit that is built anew (a new element) would not have the mark.
    unit = secant_unit(page)
    unit.evaluate("el => { el.dataset.sameView = 'yes'; }")
    press_x0(page, "ArrowLeft", times=2)
    unit.locator(".notes").filter(has_text="is not defined at x0 = 0").wait_for()
    wait_for_idle(page)
    assert metric(page, "Secant slope") == "none"
    assert metric(page, TANGENT) == "none"
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == charts
    assert unit.get_attribute("data-same-view") == "yes"
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "slopes-reciprocal-at-0")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "slopes-reciprocal-at-0-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    press_x0(page, "ArrowLeft")  # x0 = -0.1: the secant ends on the pole
    unit.locator(".notes").filter(has_text="ends at x = 0").wait_for()
    wait_for_idle(page)
    assert metric(page, "Secant slope") == "none"
    assert metric(page, TANGENT) == "−100"
    press_x0(page, "ArrowLeft", times=2)  # x0 = -0.3: all defined again
    unit.locator(".notes").filter(has_text="ends at x = 0").wait_for(state="detached")
    wait_for_idle(page)
    assert metric(page, "Secant slope") == "≈ −16.66666667"  # −50/3, rounded
    assert metric(page, TANGENT) == "≈ −11.11111111"  # −100/9, rounded
    assert unit.get_attribute("data-same-view") == "yes"


def test_every_formula_fits_a_phone_screen(browser, app_url):
    """The speedometer's working, the secant's quotient and f(x) = 5x³ − 3x⁵ with its slope
    are rows of aligned equations: on one line they were 400-535 px wide in a 358 px column.
    Checked at the defaults and where the numbers are longest (long decimals near dx = 1e-7,
    a long interval, a point far out), and at every dx step of the secant unit (its formulas
    are typeset in the browser, inside the unit), and at every x0."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "slopes",
            "slopes?fn=exp&x0=-2.9&dx=1e-07&t1=0&t2=29&point=-1.45",
            "slopes?fn=1/x&x0=-2.9&dx=1e-07",
            "slopes?fn=1/x&x0=-0.5",  # 'f is undefined at 0, inside [−0.5, 0.5]': 480 px
        ):
            open_page(phone, app_url, path)
            assert phone.locator('[data-testid="stMain"] .katex-display').count() >= 4
            assert wide_formulas(phone) == [], path
            unit = secant_unit(phone)
            formulas = unit.locator(".formulas .katex-display")
            knob = unit.locator('input[data-param="dx"]')
            for index in range(int(knob.get_attribute("max")) + 1):
                set_touch_position(knob, index)
                assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], (path, index)
            # and at every x0 (the dx rows' pause answered first: the x0 input is armed)
            phone.wait_for_timeout(800)
            wait_for_idle(phone)
            knob = unit.locator('input[data-param="x0"]')
            for index in range(int(knob.get_attribute("max")) + 1):
                set_touch_position(knob, index)
                assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], (path, "x0", index)
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_going_further_follows_the_dx_slider_without_piling_up(page: Page, app_url: str):
    """The round-off study sits in a closed 'Going further' after the section's question, and
    the secant unit (a fragment) writes into it: each move redraws it in place, once."""
    open_page(page, app_url, "slopes")
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Going further")
    expander.locator("summary").click()
    chart = expander.locator('[data-testid="stVegaLiteChart"]')
    chart.first.wait_for()
    assert chart.count() == 1
    press_dx(page, "ArrowRight", times=2)  # 1 -> 0.5 -> 0.2
    page.wait_for_url("**dx=0.2**")
    wait_for_idle(page)
    assert chart.count() == 1
    assert (
        expander.locator('[data-testid="stMarkdown"]').filter(has_text="Why it turns").count() == 1
    )
    assert expander.locator('[data-testid="stRadio"]').count() == 1  # its own question, once
