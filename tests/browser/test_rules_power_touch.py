"""The power rule's exponent n follows the hand (issue 20): a touch unit (dashboard.touch) on
the Rules page. Keys on the n input and a pull on the ring on the curve redraw x^n, the
secant, the tangent, the working and the numbers in the browser with no message to the
server; after a pause Python hears n once: the address bar holds it, a reload restores it,
and the table below follows. The point p and the step dx stay Streamlit sliders."""

from __future__ import annotations

import functools
from fractions import Fraction

import pytest
from playwright.sync_api import Browser, Locator, Page

from core.power_pictures import EXPONENT_STEPS, PowerGrid, power_grid
from dashboard import numbers
from dashboard.touch_js import PAUSE_MS
from harness.chromium import PHONE, PageWatch
from tests.browser.helpers import (
    horizontal_overflow,
    open_page,
    press_slider,
    sent_frames,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

PAUSE = 700  # ms: past the unit's 350 ms pause, then the rerun


def power_unit(page: Page) -> Locator:
    """The power rule's touch unit, once its working is typeset."""
    unit = touch_unit(page, "n")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def shown_n(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def label(n: Fraction) -> str:
    text = str(n.numerator) if n.denominator == 1 else f"{n.numerator}/{n.denominator}"
    return text.replace("-", "−")


N_BY_LABEL = {label(n): n for n in EXPONENT_STEPS}


@functools.cache
def core_grid(x: float, dx: float) -> PowerGrid:
    return power_grid(EXPONENT_STEPS, x, dx)


def core_numbers(n: Fraction, x: float = 0.5, dx: float = 1.0) -> dict[str, str]:
    """The unit's three numbers at n, straight from core.power_pictures.power_grid (worked out
    before the moves: a move that waits longer than the pause reaches Python)."""
    work = core_grid(x, dx).pictures[EXPONENT_STEPS.index(n)].working
    return {
        "secant slope": numbers.shown(work.slope, 6),
        "power rule n x^(n-1)": numbers.shown(work.exact, 6),
        "difference": numbers.shown(work.error, 3),
    }


RECORD = """(root) => {
  window.__redraws = [];
  const note = () => window.__redraws.push({
    n: root.querySelector('.controls .value').textContent,
    metrics: [...root.querySelectorAll('.metric')].map((m) => [
      m.querySelector('.label').textContent, m.querySelector('.number').textContent]),
    t: performance.now(),
  });
  new MutationObserver(note).observe(root, {attributes: true, attributeFilter: ['data-position']});
}"""

# The gaps between the positions drawn, in ms, and the time since the last one (the page's
# own clock): a gap as long as the unit's pause sends the position to Python, as it should.
GAPS = """() => {
  const changes = window.__redraws.filter((r, i, all) => i === 0 || r.n !== all[i - 1].n);
  const times = [...changes.map((r) => r.t), performance.now()];
  return times.slice(1).map((t, i) => t - times[i]);
}"""


def record_redraws(unit: Locator) -> None:
    """From now on the page itself notes n, the numbers and the time at every redraw: the
    test reads them after the moves, so nothing waits between the moves."""
    unit.evaluate(RECORD)


def redraws(page: Page) -> dict[str, dict[str, str]]:
    """{n: the numbers shown} for every position the unit drew since record_redraws."""
    return {r["n"]: dict(r["metrics"]) for r in page.evaluate("() => window.__redraws")}


def assert_no_frame_but_for_pauses(page: Page, during: int) -> None:
    """No websocket frame during the moves, unless the hand paused as long as the unit waits
    before telling Python (on a loaded machine a move can take that long): one frame at most
    for each such pause, none at all without one."""
    pauses = sum(gap >= PAUSE_MS - 10 for gap in page.evaluate(GAPS))
    assert during <= pauses, f"{during} frames sent during the moves, {pauses} pauses"


def number(text: str) -> float:
    return float(text.removeprefix("≈ ").replace("−", "-"))


def settle(page: Page) -> None:
    """The learner's pause: the position goes to Python, which reruns."""
    page.wait_for_timeout(PAUSE)
    wait_for_idle(page)


def table_caption(page: Page) -> str:
    """The caption of the shrinking-dx table (in Going further), which names Python's n."""
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="secants shrinking")
    if not expander.locator("summary").first.evaluate("el => el.parentElement.open"):
        expander.locator("summary").first.click()
    caption = expander.locator('[data-testid="stCaptionContainer"]').filter(has_text="shrinking")
    return caption.first.inner_text()


def function_path(unit: Locator) -> str:
    """The drawn x^n (the second layer that moves with n)."""
    return unit.locator(".picture svg > g").nth(2).locator("path").nth(1).get_attribute("d")


def test_n_is_one_range_input_over_37_exponents_and_p_and_dx_stay_sliders(
    page: Page, app_url: str
) -> None:
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    knob = unit.locator("input[type=range]")
    assert knob.count() == 1
    assert knob.get_attribute("aria-label") == "Exponent n"
    assert knob.get_attribute("max") == "36" and knob.input_value() == "30"  # n = 3
    assert shown_n(unit) == "3"
    for key, name in (("p", "point x"), ("dx", "step dx")):
        slider = page.locator(f'.st-key-{key} [data-testid="stSlider"]')
        assert slider.count() == 1 and slider.inner_text().startswith(name)
    assert page.locator('[data-testid="stSelectbox"]').filter(has_text="exponent").count() == 0


def test_keys_bend_the_curve_in_the_browser_and_python_hears_after_the_pause(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    assert touch_metrics(unit) == {
        "secant slope": "3.25",
        "power rule n x^(n-1)": "0.75",
        "difference": "2.5",
    }
    assert table_caption(page).startswith("n = 3,")
    unit.locator(".picture svg").evaluate("el => { el.dataset.sameDrawing = 'yes'; }")
    curve = function_path(unit)
    record_redraws(unit)
    unit.locator("input[type=range]").focus()
    before = len(frames)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    assert redraws(page) == {
        shown: core_numbers(N_BY_LABEL[shown]) for shown in ("19/6", "10/3", "7/2")
    }
    assert shown_n(unit) == "7/2"
    assert function_path(unit) != curve, "x^n bent"
    assert unit.locator(".picture svg").get_attribute("data-same-drawing") == "yes"
    # the oracle: ((1.5^3.5 - 0.5^3.5) / 1, 3.5 * 0.5^2.5)
    shown = touch_metrics(unit)
    assert number(shown["secant slope"]) == pytest.approx(1.5**3.5 - 0.5**3.5, abs=5e-6)
    assert number(shown["power rule n x^(n-1)"]) == pytest.approx(3.5 * 0.5**2.5, abs=5e-7)
    rule, working = touch_formulas(unit)
    assert rule == r"\frac{d}{dx}\,x^{\tfrac{7}{2}} = \tfrac{7}{2}\,x^{\tfrac{5}{2}}"
    assert r"\frac{1.5^{\tfrac{7}{2}} - 0.5^{\tfrac{7}{2}}}{1}" in working
    assert r"\tfrac{7}{2} \cdot 0.5^{\tfrac{5}{2}}" in working
    assert unit.locator(".alt").inner_text().startswith("n = 7/2: f(x) = x^(7/2)")
    assert "tangent, slope ≈ 0.618718" in unit.locator(".legend").inner_text()
    settle(page)
    assert "n=3.5" in page.url
    assert len(frames) - before >= 1  # the position, once the learner paused
    assert table_caption(page).startswith("n = 7/2,")  # the table follows
    page.reload()
    wait_for_idle(page)
    unit = power_unit(page)
    assert unit.locator("input[type=range]").input_value() == "33"
    assert touch_metrics(unit) == core_numbers(Fraction(7, 2))


def test_home_and_end_reach_both_ends_with_cores_numbers(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    core_grid(0.5, 1.0)
    unit.locator("input[type=range]").focus()
    page.keyboard.press("Home")
    assert shown_n(unit) == "−2"
    # x^-2 at 0.5: secant (1/1.5² - 1/0.5²) / 1 = -32/9, tangent -2 / 0.5³ = -16
    assert touch_metrics(unit) == core_numbers(Fraction(-2))
    assert touch_metrics(unit)["power rule n x^(n-1)"] == "−16"
    assert number(touch_metrics(unit)["secant slope"]) == pytest.approx(-32 / 9, abs=5e-6)
    assert unit.locator(".notes").inner_text() == "Outside the picture: f′(0.5) = −16 (below)."
    page.keyboard.press("End")
    assert shown_n(unit) == "4"
    assert touch_metrics(unit) == {
        "secant slope": "5",  # (1.5^4 - 0.5^4) / 1 = 5.0625 - 0.0625
        "power rule n x^(n-1)": "0.5",  # 4 * 0.5^3
        "difference": "4.5",
    }
    assert unit.locator(".notes").inner_text() == ""
    settle(page)
    assert "n=4" in page.url


def test_pulling_the_ring_on_the_curve_up_or_down_moves_n(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    unit.scroll_into_view_if_needed()
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    svg = unit.locator(".picture svg").bounding_box()
    x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    grid = core_grid(0.5, 1.0)
    (bottom, top), (low, high) = grid.y_range, (svg["y"] + 10, svg["y"] + 360 - 38)

    def height(n: Fraction) -> float:  # where the ring sits at n, in the page's pixels
        grip = grid.pictures[EXPONENT_STEPS.index(n)].grip[1]
        return high - (grip - bottom) / (top - bottom) * (high - low)

    assert y == pytest.approx(height(Fraction(3)), abs=1)
    record_redraws(unit)
    page.mouse.move(x, y)
    page.mouse.down()
    before = len(frames)
    # like a hand, 1.5 px at a time: up to where the ring sits at n = 4, then down to n = 1
    for target in (height(Fraction(4)), height(Fraction(1))):
        steps = max(1, round(abs(target - y) / 1.5))
        for k in range(1, steps + 1):
            page.mouse.move(x, y + (target - y) * k / steps)
        y = target
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    assert shown_n(unit) == "1"
    seen = redraws(page)
    assert "4" in seen  # the top of the pull
    # every position from 1 to 4 passed under the hand, each with core's numbers
    assert {label(n) for n in EXPONENT_STEPS if 1 <= n <= 4} <= set(seen)
    for shown, metrics in seen.items():
        assert metrics == core_numbers(N_BY_LABEL[shown]), shown
    assert seen["1"] == {"secant slope": "1", "power rule n x^(n-1)": "1", "difference": "0"}
    settle(page)
    assert "n=1" in page.url
    page.reload()
    wait_for_idle(page)
    unit = power_unit(page)
    assert shown_n(unit) == "1" and touch_metrics(unit) == core_numbers(Fraction(1))


def test_moving_the_point_sends_new_rows_and_keeps_n(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=power&n=2")
    unit = power_unit(page)
    press_slider(page, "point x")  # 0.5 -> 0.6
    assert "p=0.6" in page.url and "n=2" in page.url
    # x² at 0.6 with dx = 1: secant (1.6² - 0.6²) / 1 = 2.2, tangent 2 * 0.6 = 1.2
    assert touch_metrics(unit)["secant slope"] == "2.2"
    assert touch_metrics(unit)["power rule n x^(n-1)"] == "1.2"
    expected = core_numbers(Fraction(11, 6), 0.6)
    unit.locator("input[type=range]").focus()
    page.keyboard.press("ArrowLeft")  # n = 11/6, from the rows made for x = 0.6
    assert touch_metrics(unit) == expected
    assert number(touch_metrics(unit)["power rule n x^(n-1)"]) == pytest.approx(
        11 / 6 * 0.6 ** (5 / 6), abs=5e-6
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes_at_its_widest_working(
    browser: Browser, app_url: str, scheme: str
) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme)
    page = context.new_page()
    watch = PageWatch()
    page.on("console", watch.on_console)
    try:
        open_page(page, app_url, "rules?rule=power")
        unit = power_unit(page)
        unit.locator("input[type=range]").focus()
        page.keyboard.press("Home")
        page.keyboard.press("ArrowRight")  # n = -11/6: the longest exponents
        assert shown_n(unit) == "−11/6"
        unit.locator(".formulas .katex").first.wait_for()
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        box = unit.locator(".picture svg").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        color = unit.evaluate("el => getComputedStyle(el).color")
        red, green, blue = (int(v) for v in color[color.index("(") + 1 : -1].split(",")[:3])
        light = (red + green + blue) / 3 > 128
        assert light == (scheme == "dark"), color  # text readable on the theme's background
        assert not watch.console_errors, watch.console_errors
    finally:
        context.close()
