"""The broken speedometer's interval follows the hand (issue 20): Start t1 and End t2 are the
two inputs of one touch unit (dashboard.touch). Keys on each input and a drag of either end
of the secant redraw the band, the secant, the working, the average velocity and the text
alternative in the browser with no message to the server; after a pause Python hears the
position: the address bar holds t1 and t2, a reload restores them. The measurement step stays
a Streamlit choice that rebuilds the unit over its grid."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from core import motion
from dashboard import numbers
from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    UNIT_WIDE_FORMULAS,
    Sent,
    horizontal_overflow,
    now,
    open_page,
    set_touch_position,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)

LABEL = "Average velocity"


def speedometer_unit(page: Page) -> Locator:
    unit = touch_unit(page, "t1")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def core_velocity(step: int, t1: int, t2: int) -> str:
    """What core computes for this interval, as the page writes it."""
    car = motion.speedometer(step, t1, t2)
    return "none" if car.velocity is None else f"{numbers.shown(car.velocity)} m/s"


def shown_times(unit: Locator) -> tuple[str, str]:
    t1, t2 = unit.locator(".controls .value").all_inner_texts()
    return t1, t2


def press(page: Page, key: str) -> float:
    page.keyboard.press(key)
    return now()


def handles(unit: Locator) -> list[tuple[float, float]]:
    """The centres of the t1 and t2 handles, in page pixels (read at once)."""
    centres = unit.locator(".handle circle.ring").evaluate_all(
        """(rings) => rings.map((ring) => {
            const box = ring.getBoundingClientRect();
            return [box.x + box.width / 2, box.y + box.height / 2];
        })"""
    )
    return [tuple(c) for c in centres]


def test_keys_on_each_end_move_the_secant_in_the_browser(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "slopes?step=1&t1=12&t2=13")
    wait_for_idle(page)
    unit = speedometer_unit(page)
    assert touch_metrics(unit) == {LABEL: "15 m/s"}
    t1, t2 = unit.locator("input[type=range]").all()
    assert t1.get_attribute("aria-label") == "Start t1 (s)"
    assert t2.get_attribute("aria-label") == "End t2 (s)"
    band = unit.locator(".picture svg > g").nth(2).inner_html()
    t2.focus()
    moves = [press(page, "ArrowRight")]
    assert t1.is_disabled()  # its rows still hold t2 = 13
    for t in (14, 15, 16, 17):
        if t > 14:
            moves.append(press(page, "ArrowRight"))
        assert shown_times(unit) == ("12", str(t))
        assert touch_metrics(unit) == {LABEL: core_velocity(1, 12, t)}
    during = sent.during(moves)
    assert during == 0, f"{during} frames sent during the moves"
    assert touch_metrics(unit) == {LABEL: "16.8 m/s"}  # (239 − 155) / 5
    (working,) = touch_formulas(unit)
    assert r"\frac{239 - 155}{17 - 12}" in working and r"= 16.8\ \text{m/s}" in working
    assert "velocity at 14.5 s" in unit.locator(".notes").inner_text()
    assert "secant's slope is 16.8 m/s" in unit.locator(".alt").inner_text()
    assert "secant, slope 16.8 m/s" in unit.locator(".legend").inner_text()
    assert unit.locator(".picture svg > g").nth(2).inner_html() != band
    page.wait_for_url("**t2=17**")
    wait_for_idle(page)
    assert t1.is_enabled()
    t1.focus()
    moves = []
    for t in (11, 10, 9):
        moves.append(press(page, "ArrowLeft"))
        assert shown_times(unit) == (str(t), "17")
        assert touch_metrics(unit) == {LABEL: core_velocity(1, t, 17)}
    assert sent.during(moves) == 0
    page.wait_for_url("**t1=9**")
    wait_for_idle(page)
    assert "t2=17" in page.url and "step=1" in page.url
    page.reload()
    wait_for_idle(page)
    unit = speedometer_unit(page)
    assert shown_times(unit) == ("9", "17")
    assert touch_metrics(unit) == {LABEL: core_velocity(1, 9, 17)}
    assert page.locator('[data-testid="stException"]').count() == 0


def test_dragging_an_end_of_the_secant_moves_it(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "slopes?step=1")
    wait_for_idle(page)
    unit = speedometer_unit(page)
    unit.locator(".picture svg").scroll_into_view_if_needed()
    (x1, y1), (x2, y2) = handles(unit)
    assert x2 > x1  # t1 = 10, t2 = 15
    per_second = (x2 - x1) / 5
    page.mouse.move(x2, y2)
    page.mouse.down()
    moves = []
    for k in range(1, 13):  # to t = 25, in small steps like a hand
        page.mouse.move(x2 + 10 * per_second * k / 12, y2)
        moves.append(now())
    during = sent.during(moves)
    page.mouse.up()
    assert during == 0, f"{during} frames sent during the drag"
    assert shown_times(unit) == ("10", "25")
    assert touch_metrics(unit) == {LABEL: core_velocity(1, 10, 25)}
    page.wait_for_url("**t2=25**")
    wait_for_idle(page)
    # then the start, dragged left to t = 4
    (x1, y1), _ = handles(unit)
    page.mouse.move(x1, y1)
    page.mouse.down()
    for k in range(1, 13):
        page.mouse.move(x1 - 6 * per_second * k / 12, y1)
    page.mouse.up()
    assert shown_times(unit) == ("4", "25")
    assert touch_metrics(unit) == {LABEL: core_velocity(1, 4, 25)}
    page.wait_for_url("**t1=4**")
    wait_for_idle(page)
    page.reload()
    wait_for_idle(page)
    assert shown_times(speedometer_unit(page)) == ("4", "25")


def test_switching_the_step_rebuilds_the_inputs_over_the_new_grid(page: Page, app_url: str):
    open_page(page, app_url, "slopes?step=1&t1=12&t2=13")
    wait_for_idle(page)
    unit = speedometer_unit(page)
    assert unit.locator("input[type=range]").first.get_attribute("max") == "30"
    page.locator('[data-testid="stButtonGroup"]').get_by_text("5", exact=True).first.click()
    unit.locator(".alt").filter(has_text="measured every 5 s").wait_for()
    wait_for_idle(page)
    unit = speedometer_unit(page)
    assert unit.locator("input[type=range]").first.get_attribute("max") == "6"
    assert shown_times(unit) == ("10", "15")
    assert touch_metrics(unit) == {LABEL: "16 m/s"}
    assert "moved to 10 s" in page.locator('[data-testid="stMain"]').inner_text()


def test_every_position_fits_a_phone(browser, app_url: str):
    """Each end at every measured second: the working fits the phone's column, and nothing
    scrolls sideways (light and dark share the layout)."""
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, "slopes?step=1")
        wait_for_idle(phone)
        unit = speedometer_unit(phone)
        formulas = unit.locator(".formulas .katex-display")
        t1, t2 = unit.locator("input[type=range]").all()
        for knob in (t2, t1):
            for index in range(31):
                set_touch_position(knob, index)
                assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], index
            phone.wait_for_timeout(800)
            wait_for_idle(phone)
        assert horizontal_overflow(phone) == 0
        legend = unit.locator(".legend").bounding_box()
        assert legend is not None and legend["width"] <= PHONE["width"]
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
