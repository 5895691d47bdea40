"""The power rule's exponent n, point x and step dx follow the hand (issue 20): three range
inputs of one touch unit (dashboard.touch, a cross grid) on the Rules page. Keys on each input,
a pull on the ring on the curve (n) and a slide of the rings on the points x and x + dx
redraw x^n, the secant, the tangent, the working and the numbers in the browser with no
message to the server; after a pause Python hears the value once: the address bar holds it, a
reload restores it, and the table below follows."""

from __future__ import annotations

import functools
from fractions import Fraction

import pytest
from playwright.sync_api import Browser, Locator, Page

from core.power_pictures import EXPONENT_STEPS, PowerGrid, power_grid
from core.power_rule import power_working
from dashboard import numbers
from tests.browser.helpers import (
    assert_no_frame_but_for_pauses,
    assert_text_follows_theme,
    assert_within_phone,
    drag,
    horizontal_overflow,
    number,
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


def power_unit(page: Page) -> Locator:
    """The power rule's touch unit, once its working is typeset."""
    unit = touch_unit(page, "n")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def shown_n(unit: Locator) -> str:
    return unit.locator(".controls .value").first.inner_text()


def shown_value(unit: Locator, param: str) -> str:
    """What the learner reads beside the input bound to ?param= (n, p or dx)."""
    return (
        unit.locator(".control")
        .filter(has=unit.page.locator(f'input[data-param="{param}"]'))
        .locator(".value")
        .inner_text()
    )


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


def test_n_x_and_dx_are_three_range_inputs_of_one_unit_and_no_slider_is_left(
    page: Page, app_url: str
) -> None:
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    knobs = unit.locator("input[type=range]")
    assert knobs.count() == 3
    expected = [
        ("n", "Exponent n", "36", "30"),
        ("p", "point x", "19", "4"),
        ("dx", "step dx", "5", "0"),
    ]
    for k, (param, name, top, value) in enumerate(expected):
        knob = knobs.nth(k)
        assert knob.get_attribute("data-param") == param
        assert knob.get_attribute("aria-label") == name
        assert knob.get_attribute("max") == top and knob.input_value() == value
    assert [shown_value(unit, p) for p in ("n", "p", "dx")] == ["3", "0.5", "1"]
    for key in ("p", "dx"):  # they were Streamlit sliders
        assert page.locator(f'.st-key-{key} [data-testid="stSlider"]').count() == 0
    assert "point x" not in " ".join(page.locator('[data-testid="stSlider"]').all_inner_texts())
    assert page.locator('[data-testid="stSelectbox"]').filter(has_text="exponent").count() == 0
    assert unit.locator(".picture .handle circle.ring").count() == 3


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
    unit.locator('input[data-param="n"]').focus()
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
    assert unit.locator('input[data-param="n"]').input_value() == "33"
    assert touch_metrics(unit) == core_numbers(Fraction(7, 2))


def test_home_and_end_reach_both_ends_with_cores_numbers(page: Page, app_url: str) -> None:
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    core_grid(0.5, 1.0)
    unit.locator('input[data-param="n"]').focus()
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
    svg = unit.locator(".picture svg").bounding_box()
    x, y = ring_centre(unit, 0)  # n's
    grid = core_grid(0.5, 1.0)
    (bottom, top), (low, high) = grid.y_range, (svg["y"] + 10, svg["y"] + 360 - 38)

    def height(n: Fraction) -> float:  # where the ring sits at n, in the page's pixels
        grip = grid.pictures[EXPONENT_STEPS.index(n)].grip[1]
        return high - (grip - bottom) / (top - bottom) * (high - low)

    assert y == pytest.approx(height(Fraction(3)), abs=1)
    record_redraws(unit)
    # like a hand, 1.5 px at a time: up to where the ring sits at n = 4, then down to n = 1
    during = drag(page, (x, y), [(x, height(Fraction(4))), (x, height(Fraction(1)))], 1.5, frames)
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


def numbers_at(n: Fraction, x: float, dx: float) -> dict[str, str]:
    """The unit's three numbers at (n, x, dx), from core.power_rule.power_working."""
    work = power_working(n, x, dx)
    return {
        "secant slope": numbers.shown(work.slope, 6),
        "power rule n x^(n-1)": numbers.shown(work.exact, 6),
        "difference": numbers.shown(work.error, 3),
    }


def test_moving_the_point_sends_new_rows_and_keeps_n(page: Page, app_url: str) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=power&n=2")
    unit = power_unit(page)
    unit.locator('input[data-param="p"]').focus()
    before = len(frames)
    page.keyboard.press("ArrowRight")  # 0.5 -> 0.6, drawn from the rows Python sent
    # x² at 0.6 with dx = 1: secant (1.6² - 0.6²) / 1 = 2.2, tangent 2 * 0.6 = 1.2
    assert touch_metrics(unit)["secant slope"] == "2.2"
    assert touch_metrics(unit)["power rule n x^(n-1)"] == "1.2"
    assert len(frames) == before or "p=0.6" in page.url  # nothing sent but after a pause
    settle(page)
    assert "p=0.6" in page.url and "n=2" in page.url
    expected = core_numbers(Fraction(11, 6), 0.6)
    unit.locator('input[data-param="n"]').focus()
    page.keyboard.press("ArrowLeft")  # n = 11/6, from the rows made for x = 0.6
    assert touch_metrics(unit) == expected
    assert number(touch_metrics(unit)["power rule n x^(n-1)"]) == pytest.approx(
        11 / 6 * 0.6 ** (5 / 6), abs=5e-6
    )


@pytest.mark.parametrize(
    ("param", "control", "presses", "places", "link"),
    [
        ("p", 1, 3, [("0.6", 0.6, 1.0), ("0.7", 0.7, 1.0), ("0.8", 0.8, 1.0)], "p=0.8"),
        ("dx", 2, 3, [("0.5", 0.5, 0.5), ("0.2", 0.5, 0.2), ("0.1", 0.5, 0.1)], "dx=0.1"),
    ],
)
def test_keys_on_x_and_dx_redraw_in_the_browser_and_python_hears_after_the_pause(
    page: Page, app_url: str, param: str, control: int, presses: int, places: list, link: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    expected = {shown: numbers_at(Fraction(3), x, dx) for shown, x, dx in places}
    unit.locator(".picture svg").evaluate("el => { el.dataset.sameDrawing = 'yes'; }")
    record_redraws(unit)
    unit.locator(f'input[data-param="{param}"]').focus()
    before = len(frames)
    for _ in range(presses):
        page.keyboard.press("ArrowRight")
    assert_no_frame_but_for_pauses(page, len(frames) - before)
    assert redraws(page, control) == expected
    last, x, dx = places[-1]
    assert shown_value(unit, param) == last
    assert unit.locator(".picture svg").get_attribute("data-same-drawing") == "yes"
    # the working is worked with that point and step: ((x + dx)^3 - x^3) / dx -> 3 x^2
    _, working = touch_formulas(unit)
    top = numbers.tex(Fraction(str(x)) + Fraction(str(dx)), 6)
    assert rf"\frac{{{top}^{{3}} - {numbers.tex(x, 6)}^{{3}}}}{{{numbers.tex(dx, 6)}}}" in working
    assert rf"3 \cdot {numbers.tex(x, 6)}^{{2}}" in working
    assert (
        unit.locator(".alt")
        .inner_text()
        .startswith(f"n = 3: f(x) = x^3, f'(x) = 3x^2. At x = {x:g}")
    )
    settle(page)
    assert link in page.url
    assert len(frames) - before >= 1  # the position, once the learner paused
    page.reload()
    wait_for_idle(page)
    unit = power_unit(page)
    assert shown_value(unit, param) == last
    assert touch_metrics(unit) == expected[last]


def ring_centres(unit: Locator) -> list[tuple[float, float]]:
    """Where the three rings are drawn, in the page's pixels: n's, x's and x + dx's."""
    boxes = [r.bounding_box() for r in unit.locator(".picture .handle circle.ring").all()]
    return [(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2) for b in boxes]


def slide_until(
    page: Page, unit: Locator, start: tuple[float, float], step: float, param: str, wanted: str
) -> None:
    """A hand sliding a ring sideways, `step` px at a time, watching the value beside the
    input until it reads `wanted` (the axes follow x and dx: a row of x or dx brings its own
    window, so a pixel does not always mean the same x); the hand stays down."""
    x, y = start
    page.mouse.move(x, y)
    page.mouse.down()
    for _ in range(400):
        if shown_value(unit, param) == wanted:
            return
        x += step
        page.mouse.move(x, y)
    raise AssertionError(f"{param} never read {wanted}: {shown_value(unit, param)}")


def test_sliding_the_rings_on_x_and_x_plus_dx_moves_the_point_and_the_step(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=power")
    unit = power_unit(page)
    unit.scroll_into_view_if_needed()
    _, at_x, _ = ring_centres(unit)
    record_redraws(unit)
    before = len(frames)
    slide_until(page, unit, at_x, 1.5, "p", "1")  # x from 0.5 to 1, to the right
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    seen = redraws(page, 1)
    assert {"0.6", "0.7", "0.8", "0.9", "1"} <= set(seen)
    for shown, metrics in seen.items():
        assert metrics == numbers_at(Fraction(3), float(shown), 1.0), shown
    assert seen["1"]["secant slope"] == "7" and seen["1"]["power rule n x^(n-1)"] == "3"
    settle(page)
    assert "p=1" in page.url
    # now x + dx's ring, at 2: slide it towards x = 1 until dx = 0.2
    _, _, at_next = ring_centres(unit)
    record_redraws(unit)
    before = len(frames)
    slide_until(page, unit, at_next, -1.5, "dx", "0.2")  # to the left, towards x
    during = len(frames) - before
    page.mouse.up()
    assert_no_frame_but_for_pauses(page, during)
    seen = redraws(page, 2)
    assert {"0.5", "0.2"} <= set(seen)
    for shown, metrics in seen.items():
        assert metrics == numbers_at(Fraction(3), 1.0, float(shown)), shown
    assert seen["0.2"]["secant slope"] == "3.64"  # (1.2^3 - 1) / 0.2 = 0.728 / 0.2
    settle(page)
    assert "dx=0.2" in page.url and "p=1" in page.url
    page.reload()
    wait_for_idle(page)
    unit = power_unit(page)
    assert touch_metrics(unit) == numbers_at(Fraction(3), 1.0, 0.2)


def test_a_landed_drag_of_dx_to_its_smallest_step_shows_cores_numbers(
    page: Page, app_url: str
) -> None:
    frames = sent_frames(page)
    open_page(page, app_url, "rules?rule=power&n=-1&p=2")
    unit = power_unit(page)
    before = len(frames)
    set_touch_position(unit.locator('input[data-param="dx"]'), 5)  # dx = 0.001
    assert len(frames) == before
    # 1/x at 2: secant (1/2.001 - 1/2) / 0.001 = -1/4.002, tangent -1/4
    assert touch_metrics(unit) == numbers_at(Fraction(-1), 2.0, 0.001)
    assert touch_metrics(unit)["power rule n x^(n-1)"] == "−0.25"
    assert number(touch_metrics(unit)["secant slope"]) == pytest.approx(-1 / 4.002, abs=5e-7)
    settle(page)
    assert "dx=0.001" in page.url
    assert table_caption(page).startswith("n = −1,")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes_at_its_widest_working(
    browser: Browser, app_url: str, scheme: str
) -> None:
    with phone_page(browser, scheme) as (page, watch):
        open_page(page, app_url, "rules?rule=power")
        unit = power_unit(page)
        unit.locator('input[data-param="n"]').focus()
        page.keyboard.press("Home")
        page.keyboard.press("ArrowRight")  # n = -11/6: the longest exponents
        assert shown_n(unit) == "−11/6"
        unit.locator(".formulas .katex").first.wait_for()
        assert wide_formulas(page) == []
        assert horizontal_overflow(page) == 0
        assert_within_phone(unit.locator(".picture svg").bounding_box())
        assert_text_follows_theme(unit, scheme)  # text readable on the theme's background
        assert not watch.console_errors, watch.console_errors
