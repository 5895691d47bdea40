"""The Regression page in a real browser: your line follows the keys and the hand (the touch
unit), the loss with it; a CSV upload; phone width."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from core.datasets import notes_table
from core.line_fit import fit_data, hand_fit
from dashboard.numbers import eq_text
from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    UNIT_WIDE_FORMULAS,
    horizontal_overflow,
    main_text,
    open_page,
    set_touch_position,
    shot,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

MSE_LABEL = "Mean squared error of your line"


def metric(page: Page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for_metric(page: Page, label: str, value: str) -> None:
    page.wait_for_function(
        """([label, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(m => m.innerText.includes(label)
                   && m.querySelector('[data-testid="stMetricValue"]').innerText.trim() === value)""",
        arg=[label, value],
    )


def upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    page.wait_for_timeout(300)
    wait_for_idle(page)


class Sent:
    """When the page sent each websocket frame (register before the page opens)."""

    def __init__(self, page: Page) -> None:
        self.times: list[float] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda _: self.record()))

    def record(self) -> None:
        self.times.append(time.monotonic())

    def during(self, moves: list[float]) -> int:
        """Frames sent from the first move until now, beyond one per pause of the hand: a
        gap of PAUSE_S or more between moves (or since the last) may send the position,
        which is the unit's design; a move itself must send nothing."""
        now = time.monotonic()
        sent = sum(1 for t in self.times if t >= moves[0])
        gaps = [b - a for a, b in zip(moves, [*moves[1:], now], strict=True)]
        return max(0, sent - sum(1 for gap in gaps if gap >= PAUSE_S))


# the unit reports 350 ms after the last move; a little less, for the time a test's clock
# reads the move later than the browser made it
PAUSE_S = 0.3


def core_mse(slope: float, intercept: float, outlier: str = "as-written") -> str:
    """The MSE core computes for this line on the notes' table, as the page writes it."""
    fit = hand_fit(fit_data(notes_table(outlier), notes=True), slope, intercept)
    return eq_text(fit.mse).removeprefix("= ")


def shown_line(unit: Locator) -> tuple[str, str]:
    """The slope and intercept the unit's inputs show now."""
    slope, intercept = unit.locator(".controls .value").all_inner_texts()
    return slope, intercept


def number(label: str) -> float:
    return float(label.replace("−", "-").replace(",", ""))


def rings(unit: Locator) -> list[tuple[float, float]]:
    """The centres of the slope's ring and the intercept's ring, in page pixels."""
    # read at once: a redraw replaces the rings between two separate reads
    centres = unit.locator(".handle circle.ring").evaluate_all(
        """(rings) => rings.map((ring) => {
            const box = ring.getBoundingClientRect();
            return [box.x + box.width / 2, box.y + box.height / 2];
        })"""
    )
    return [tuple(centre) for centre in centres]


def drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> list[float]:
    """Press at `start`, move to `end` in 12 small steps like a hand, release; returns when
    each step was made."""
    page.mouse.move(*start)
    page.mouse.down()
    moves = [time.monotonic()]
    for k in range(1, 13):
        page.mouse.move(*(a + (b - a) * k / 12 for a, b in zip(start, end, strict=True)))
        moves.append(time.monotonic())
    page.mouse.up()
    return moves


def press(page: Page, key: str) -> float:
    page.keyboard.press(key)
    return time.monotonic()


def test_keys_move_the_line_in_the_browser_and_python_hears_after_the_pause(
    page: Page, app_url: str
):
    sent = Sent(page)
    open_page(page, app_url, "regression")
    unit = touch_unit(page, "slope")
    unit.locator(".formulas .katex").first.wait_for()
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(0, 0) == "1.0285 × 10⁷"  # 10,285,000
    shot(page, "regression-default")
    slope, intercept = unit.locator("input[type=range]").all()
    slope.focus()
    moves = [press(page, "ArrowRight")]
    assert shown_line(unit) == ("10", "0")
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(10, 0) == "≈ 1.003 × 10⁷"  # 10,031,850
    moves.append(press(page, "ArrowRight"))
    assert intercept.is_disabled()  # its rows still hold slope 0
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(20, 0) == "9.7864 × 10⁶"
    (formula,) = touch_formulas(unit)
    assert r"r_1^2 &= (100 - (20\cdot 1 + 0))^2" in formula
    assert unit.locator(".alt").inner_text() == (
        "Your line price = 20 × bedrooms has MSE = 9.7864 × 10⁶."
    )
    assert sent.during(moves) == 0, "frames sent by the moves"
    page.wait_for_url("**slope=20**")
    wait_for_idle(page)
    assert intercept.is_enabled()
    # the rest of the section follows the line Python now holds
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="across slopes")
    assert "its tangent at slope 20." in caption.first.inner_text()
    intercept.focus()
    press(page, "ArrowLeft")  # -50, slope held at 20
    assert shown_line(unit) == ("20", "−50")
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(20, -50)
    page.wait_for_url("**intercept=-50**")
    wait_for_idle(page)
    assert "slope=20" in page.url
    page.reload()
    wait_for_idle(page)
    unit = touch_unit(page, "slope")
    unit.locator(".formulas .katex").first.wait_for()
    assert shown_line(unit) == ("20", "−50")
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(20, -50)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_dragging_the_rings_moves_slope_and_intercept(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "regression?outlier=fixed")
    unit = touch_unit(page, "slope")
    unit.locator(".formulas .katex").first.wait_for()
    unit.locator(".picture svg").scroll_into_view_if_needed()
    (slope_x, slope_y), (intercept_x, intercept_y) = rings(unit)
    assert slope_x > intercept_x  # the slope's ring at the right end, the intercept's at x = 0
    moves = drag(page, (slope_x, slope_y), (slope_x, slope_y - 120))  # the slope's ring up
    during = sent.during(moves)
    slope, intercept = shown_line(unit)
    assert number(slope) > 0 and intercept == "0"
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(number(slope), 0, "fixed")
    # the ring stays under the hand, to half a step (slope steps of 10: ~27 px at x = 10.7)
    assert rings(unit)[0][1] == pytest.approx(slope_y - 120, abs=15)
    assert during == 0, f"{during} frames sent by the moves"
    page.wait_for_url(f"**slope={number(slope):g}**")
    wait_for_idle(page)
    # then the intercept's ring up by 60 px: the slope's ring follows the line up
    (slope_x, slope_y), (intercept_x, intercept_y) = rings(unit)
    moves = drag(page, (intercept_x, intercept_y), (intercept_x, intercept_y - 60))
    during = sent.during(moves)
    new_slope, intercept = shown_line(unit)
    assert new_slope == slope and number(intercept) > 0
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(number(slope), number(intercept), "fixed")
    (_, slope_now), (_, intercept_now) = rings(unit)
    assert intercept_y - intercept_now > 30  # the intercept's ring went up with the hand
    assert slope_now - slope_y == pytest.approx(intercept_now - intercept_y, abs=1)
    assert during == 0, f"{during} frames sent by the moves"
    page.wait_for_url(f"**intercept={number(intercept):g}**")
    wait_for_idle(page)
    # a hand far below the picture stops the ring at its edge: the first intercept below the
    # window (−100 under the bottom, −80), not the input's far end (−4000)
    _, (intercept_x, intercept_y) = rings(unit)
    drag(page, (intercept_x, intercept_y), (intercept_x, intercept_y + 300))
    assert shown_line(unit) == (slope, "−100")
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(number(slope), -100, "fixed")
    page.wait_for_url("**intercept=-100**")
    wait_for_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_drag_of_the_intercept_held_through_the_pause_goes_on(page: Page, app_url: str):
    # Python's answer to the pause brings new positions for the slope's ring (its line moved
    # up): the picture must not be rebuilt under the hand, which would end the drag.
    open_page(page, app_url, "regression?outlier=fixed")
    unit = touch_unit(page, "slope")
    unit.locator(".formulas .katex").first.wait_for()
    unit.locator(".picture svg").scroll_into_view_if_needed()
    _, (x, y) = rings(unit)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x, y - 50, steps=5)
    held = shown_line(unit)[1]
    page.wait_for_url(f"**intercept={number(held):g}**")  # the pause reached Python
    wait_for_idle(page)
    page.mouse.move(x, y - 100, steps=5)
    page.mouse.up()
    moved_on = shown_line(unit)[1]
    assert number(held) > 0 and number(moved_on) > number(held) + 100
    assert touch_metrics(unit)[MSE_LABEL] == core_mse(0, number(moved_on), "fixed")
    page.wait_for_url(f"**intercept={number(moved_on):g}**")


def test_uploading_a_csv_fits_it_and_a_bad_one_keeps_it(page: Page, app_url: str, tmp_path: Path):
    open_page(page, app_url, "regression?data=own")
    assert metric(page, "Least-squares slope") == "≈ 590.9"
    good = tmp_path / "houses.csv"
    good.write_text("bedrooms,price\n1,150000\n2,250000\n3,350000\n")
    upload(page, good)
    wait_for_metric(page, "Least-squares slope", "100,000")
    assert "Loaded 3 points from “houses.csv”" in main_text(page)
    assert metric(page, "Least-squares intercept") == "50,000"
    bad = tmp_path / "words.csv"
    bad.write_text("bedrooms,price\n1,150000\n2,a lot\n")
    upload(page, bad)
    page.wait_for_function("() => document.body.innerText.includes('was not loaded')")
    text = main_text(page)
    assert "“a lot” in column “price” is text, not a number" in text
    assert "The previous data is kept" in text
    assert metric(page, "Least-squares slope") == "100,000"
    shot(page, "regression-bad-upload")


def test_outlier_fixed_with_squares_screenshot(page: Page, app_url: str):
    open_page(page, app_url, "regression?outlier=fixed&slope=150&intercept=-200&squares=true")
    assert metric(page, "Least-squares slope") == "100"
    assert metric(page, "Least-squares intercept") == "0"
    assert "all ten points lie on one line" in main_text(page)
    shot(page, "regression-fixed-squares")


def test_too_large_learning_rate_screenshot(page: Page, app_url: str):
    open_page(page, app_url, "regression?lr=0.03&iters=200")
    text = main_text(page)
    assert "Diverged: the learning rate 0.03 is too large" in text
    assert "NaN" not in text
    shot(page, "regression-diverged")


def test_phone_view_has_no_sideways_scrolling(browser, app_url: str):
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, "regression?data=houses")
        assert metric(phone, "Least-squares slope") == "100,000"
        assert horizontal_overflow(phone) == 0
        shot(phone, "regression-phone", full_page=False)
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def wait_for_replayed(page: Page, steps: str) -> None:
    """Wait until the descent's numbers (in its touch unit) show the line after `steps`
    steps, and the page is idle."""
    slope = re.compile(rf"^Slope after {steps} steps$")
    label = touch_unit(page, "lr").locator(".metric .label", has_text=slope)
    label.first.wait_for(timeout=60_000)
    wait_for_idle(page)


def press_unit(page: Page, param: str, key: str, times: int = 1) -> None:
    """Focus the touch unit's input bound to `?param=`, press `key`, wait for the pause to
    reach Python and its answer."""
    knob = touch_unit(page, param).locator(f'input[data-param="{param}"]')
    knob.focus()
    for _ in range(times):
        knob.press(key)
    page.wait_for_timeout(600)  # the unit's pause (350 ms), then the rerun
    wait_for_idle(page)


def test_the_replay_follows_the_last_step_or_stays_where_the_learner_put_it(
    page: Page, app_url: str
):
    open_page(page, app_url, "regression?iters=100")
    wait_for_replayed(page, "100")
    press_unit(page, "iters", "ArrowLeft")  # 100 -> 90: the replay was at the end
    wait_for_replayed(page, "90")
    assert "replay=" not in page.url
    press_unit(page, "replay", "ArrowLeft", times=5)  # 90 -> 85
    wait_for_replayed(page, "85")
    assert "replay=85" in page.url
    press_unit(page, "iters", "ArrowRight")  # 90 -> 100: the replay stays at 85
    page.wait_for_timeout(300)
    wait_for_replayed(page, "85")
    assert "iters=100" in page.url and "replay=85" in page.url
    press_unit(page, "iters", "ArrowLeft", times=3)  # 100 -> 70: below the replay
    wait_for_replayed(page, "70")
    assert page.locator('[data-testid="stException"]').count() == 0


def unit_formulas_fit(page: Page, unit: Locator) -> list:
    """The unit's formula at every position of both inputs, as the browser draws it when the
    input is moved there, that reaches outside its box: [(param, index, overflow)]."""
    wide = []
    formulas = unit.locator(".formulas .katex-display")
    for param in ("slope", "intercept"):
        knob = unit.locator(f'input[data-param="{param}"]')
        start = knob.input_value()
        for index in range(int(knob.get_attribute("max")) + 1):
            set_touch_position(knob, index)
            wide += [(param, index, found) for found in formulas.evaluate_all(UNIT_WIDE_FORMULAS)]
        set_touch_position(knob, int(start))
        page.wait_for_timeout(500)  # the pause: Python answers with the same crossing
        wait_for_idle(page)
    return wide


def test_every_formula_fits_a_phone_screen(browser, app_url: str, tmp_path: Path):
    """The MSE, its partial derivatives, the scaling formulas, the normal equations and their
    solution are rows of aligned equations: on one line they were 430-640 px wide in a 358 px
    column and had to be scrolled sideways. Checked on the notes' table, on the houses with
    a far-off line, and on years with five-digit prices, where the numbers are longest; the
    unit's working at every position of both inputs (typeset in the browser, in the unit)."""
    years = tmp_path / "years.csv"
    years.write_text(
        "year,price\n" + "".join(f"{1990 + k * 1.37:.2f},{20000 + 317.5 * k}\n" for k in range(25))
    )
    huge = tmp_path / "huge.csv"  # values near the limit, ±10¹²
    huge.write_text(
        "x,y\n"
        + "".join(f"{-8.7e11 + 6.9e10 * k:.1f},{5.3e11 - 4.1e10 * k:.1f}\n" for k in range(25))
    )
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "regression",
            "regression?data=houses&slope=-50000&intercept=-200000&lr=0.03&iters=200",
            "regression?data=own",
            "regression?data=own&squares=true",
        ):
            open_page(phone, app_url, path)
            if "own" in path:
                upload(phone, huge if "squares" in path else years)
                phone.wait_for_function("() => document.body.innerText.includes('Loaded 25')")
                wait_for_idle(phone)
            assert phone.locator('[data-testid="stMain"] .katex-display').count() >= 7
            if "own" not in path:  # the years' sums (Σx² = 100,xxx.xxxx) are not
                assert wide_formulas(phone) == [], path  # broken yet: section 5's equations
            unit = touch_unit(phone, "slope")
            unit.locator(".formulas .katex").first.wait_for()
            assert unit_formulas_fit(phone, unit) == [], path
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
