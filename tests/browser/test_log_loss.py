"""The Log loss page in a real browser: H, T and p are the inputs of a touch unit (the curve
L(p), the point on it, its tangent, the working and the numbers follow the hand with no message
to the server; tests/browser/test_log_loss_counts.py moves H and T); n is a Streamlit slider
whose moves change the numbers the learner reads."""

from __future__ import annotations

import itertools

from playwright.sync_api import Locator, Page, expect

from core.coins import coin_working
from dashboard import numbers
from dashboard.touch_js import PAUSE_MS
from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    SCREENSHOTS,
    UNIT_WIDE_FORMULAS,
    horizontal_overflow,
    main_text,
    open_page,
    overlapping,
    sent_frames,
    set_touch_position,
    shot,
    touch_formulas,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)


def metric(page: Page, label_start: str) -> str:
    """The value of the Streamlit metric whose label starts with label_start."""
    return page.evaluate(
        """(start) => {
            const boxes = [...document.querySelectorAll('[data-testid="stMetric"]')];
            const box = boxes.find(b => b.querySelector('[data-testid="stMetricLabel"]')
                .innerText.trim().startsWith(start));
            return box ? box.querySelector('[data-testid="stMetricValue"]').innerText.trim() : '';
        }""",
        label_start,
    )


def coin_unit(page: Page) -> Locator:
    """The coin game's touch unit, once its working is typeset."""
    unit = touch_unit(page, "p")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def knob(unit: Locator, param: str = "p") -> Locator:
    """The unit's range input for `?param=` (heads, tails or p)."""
    return unit.locator(f'input[data-param="{param}"]')


def shown_value(unit: Locator, param: str) -> str:
    """The value an input of the unit shows beside its label."""
    return unit.locator(f'.control:has(input[data-param="{param}"]) .value').inner_text()


def shown_p(unit: Locator) -> str:
    return shown_value(unit, "p")


def about(x: object) -> str:
    return ("" if numbers.is_exact(x) else "≈ ") + numbers.text(x)


def core_numbers(heads: int, tails: int, p: str) -> dict[str, str]:
    """The unit's four numbers at p, straight from core.coins.coin_working."""
    work = coin_working(heads, tails, p)
    limit = " (limit)" if work.impossible else ""
    return {
        f"g({p}) = P(this order)": about(work.g),
        f"L({p}) = ln g({p})": about(work.log_g) + limit,
        f"total log loss −L({p})": about(work.loss) + limit,
        "best p = H/(H+T)": "none" if work.best is None else about(work.best),
    }


def settle(page: Page) -> None:
    """The learner's pause: the position goes to Python, which reruns."""
    page.wait_for_timeout(700)
    wait_for_idle(page)


# What the learner reads at each position the unit passes through, recorded in the page as it
# is drawn (the unit marks its root with data-position after each redraw), with the time.
RECORD = """(root) => {
    root.__seen = [];
    const read = () => root.__seen.push({
        t: performance.now(),
        p: root.querySelector('.control:has(input[data-param="p"]) .value').textContent,
        heads: root.querySelector('.control:has(input[data-param="heads"]) .value').textContent,
        tails: root.querySelector('.control:has(input[data-param="tails"]) .value').textContent,
        labels: [...root.querySelectorAll('.metric .label')].map(e => e.textContent),
        numbers: [...root.querySelectorAll('.metric .number')].map(e => e.textContent),
    });
    new MutationObserver(read).observe(root, {attributes: true, attributeFilter: ['data-position']});
}"""


def pauses(unit: Locator) -> int:
    """How many times the hand (the test's keys or mouse, on a busy machine) stayed still for
    longer than the unit's pause: only then may the unit tell Python (read after the frames)."""
    times = unit.evaluate("root => [...root.__seen.map(s => s.t), performance.now()]")
    return sum(later - earlier > PAUSE_MS for earlier, later in itertools.pairwise(times))


def assert_silent_moves(frames: list[str], before: int, unit: Locator) -> None:
    """No message to the server while the hand moves: none at all, unless the machine itself
    held a move back longer than the pause (then at most one per such pause)."""
    sent = len(frames) - before
    allowed = pauses(unit)
    assert sent <= allowed, f"{sent} frames sent during the moves, {allowed} pauses"


def test_keys_move_p_in_the_browser_and_the_numbers_are_cores(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    assert touch_metrics(unit) == core_numbers(7, 3, "0.5")
    assert metric(page, "g(0.5)") == ""  # no Streamlit metric follows p any more
    # the underflow chart is a touch unit too (n): no Vega-Lite chart is left on the page
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 0
    assert touch_unit(page, "n").count() == 1
    unit.evaluate(RECORD)
    knob(unit).focus()
    before = len(frames)
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    assert_silent_moves(frames, before, unit)
    seen = unit.evaluate("root => root.__seen")
    assert [shown["p"] for shown in seen] == [numbers.text(k / 100) for k in range(51, 71)]
    for shown in seen:  # what the learner read at each of the 20 positions
        numbers_read = dict(zip(shown["labels"], shown["numbers"], strict=True))
        assert numbers_read == core_numbers(7, 3, shown["p"]), shown["p"]
    assert "L′(0.7) = 0: this is the best p." in unit.locator(".notes").inner_text()
    [working] = touch_formulas(unit)
    assert r"L'(0.7) &= \frac{7}{0.7} - \frac{3}{1-0.7}\\&= 10 - 10\\&= 0" in working
    assert r"p^{6}" not in main_text(page)  # LaTeX is typeset, not shown as source
    assert unit.locator(".alt").inner_text().endswith("the tangent's slope L′(0.7) = 0.")
    settle(page)
    assert "p=0.7" in page.url
    # the product rule below follows p after the pause
    page.get_by_text("Going further: the product rule on g").click()
    page.get_by_text("g′(p) = 0 at p = 0, 0.7, 1").wait_for()
    page.reload()
    wait_for_idle(page)
    unit = coin_unit(page)
    assert shown_p(unit) == "0.7"
    assert knob(unit).input_value() == "70"
    assert touch_metrics(unit) == core_numbers(7, 3, "0.7")


def test_end_key_reaches_p_1_where_the_tosses_are_impossible(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    knob(unit).focus()
    page.keyboard.press("End")
    shown = touch_metrics(unit)
    assert shown == core_numbers(7, 3, "1")
    assert (shown["L(1) = ln g(1)"], shown["total log loss −L(1)"]) == ("−∞ (limit)", "∞ (limit)")
    notes = unit.locator(".notes").inner_text()
    assert "a tail is impossible, yet you saw one" in notes
    assert "no tangent: L(1) does not exist" in unit.locator(".legend").inner_text()
    assert main_text(page).count("NaN") == 1  # only the quiz's wrong option "not a number (NaN)"
    settle(page)
    assert "p=1" in page.url
    shot(page, "log-loss-p-1", full_page=False)


def tick_x(unit: Locator, label: str) -> float:
    """Where the picture's x tick labelled `label` stands on the screen."""
    tick = unit.locator(".picture svg text[text-anchor=middle]").filter(has_text=label).first
    box = tick.bounding_box()
    return box["x"] + box["width"] / 2


def grab(page: Page, unit: Locator) -> tuple[float, float]:
    """Press on the draggable point; returns where the pointer is."""
    unit.scroll_into_view_if_needed()
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    return x, y


def test_dragging_the_point_along_the_curve_moves_p(page: Page, app_url: str):
    frames = sent_frames(page)
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    unit.evaluate(RECORD)
    before = len(frames)
    # like a hand, in small steps, from p = 0.5 to where the axis puts 0.7 (between 0.6 and 0.8)
    _, y = grab(page, unit)
    page.mouse.move((tick_x(unit, "0.6") + tick_x(unit, "0.8")) / 2, y, steps=10)
    page.mouse.up()
    assert_silent_moves(frames, before, unit)
    assert shown_p(unit) == "0.7"
    seen = unit.evaluate("root => root.__seen")
    assert len({s["p"] for s in seen}) >= 8, seen  # it went through positions between
    for shown in seen:
        p = shown["p"]
        assert dict(zip(shown["labels"], shown["numbers"], strict=True)) == core_numbers(7, 3, p)
    settle(page)
    assert "p=0.7" in page.url
    page.reload()
    wait_for_idle(page)
    assert touch_metrics(coin_unit(page)) == core_numbers(7, 3, "0.7")


def test_a_drag_held_through_the_pause_goes_on(page: Page, app_url: str):
    """Python's answer to the pause rebuilt the picture, and the drag held through it stopped:
    the point stayed at 0.6 while the pointer moved on."""
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    _, y = grab(page, unit)
    page.mouse.move(tick_x(unit, "0.6"), y, steps=5)
    assert shown_p(unit) == "0.6"
    page.wait_for_timeout(1200)  # held still: the position goes to Python, which answers
    wait_for_idle(page)
    page.mouse.move(tick_x(unit, "0.8"), y, steps=10)
    assert shown_p(unit) == "0.8"
    page.mouse.up()
    settle(page)
    assert "p=0.8" in page.url
    assert touch_metrics(unit) == core_numbers(7, 3, "0.8")


def test_link_with_16_heads_and_4_tails_shows_best_p_0_8(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=16&tails=4")
    shown = touch_metrics(coin_unit(page))
    assert shown == core_numbers(16, 4, "0.5")
    assert shown["best p = H/(H+T)"] == "0.8"
    assert shown["g(0.5) = P(this order)"] == "≈ 9.537 × 10⁻⁷"


def test_no_heads_and_p_1_draws_the_picture_without_breaking(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=0&tails=5&p=1")
    unit = coin_unit(page)
    shown = touch_metrics(unit)
    assert shown == core_numbers(0, 5, "1")
    assert (shown["best p = H/(H+T)"], shown["L(1) = ln g(1)"]) == ("0", "−∞ (limit)")
    text = main_text(page)
    assert "No heads in 5 tosses: the best p is 0" in text
    # the curve, and no tangent: L(1) does not exist
    assert unit.locator(".picture svg path").count() == 1
    assert "no tangent: L(1) does not exist" in unit.locator(".legend").inner_text()
    # the page's other picture, the underflow chart (a touch unit since n is its input), is
    # drawn too: its four curves, the smallest double and the rule at n
    underflow = touch_unit(page, "n")
    assert underflow.locator(".picture svg path").count() >= 6
    assert horizontal_overflow(page) == 0
    shot(page, "log-loss-no-heads-p-1")


def y_ticks(unit: Locator) -> list[str]:
    """The tick labels of the picture's y axis, as the browser wrote them."""
    ticks = unit.locator(".picture svg text[text-anchor=end]")
    return ticks.evaluate_all("(texts) => texts.map(t => t.textContent)")


def best_p_number(unit: Locator) -> Locator:
    return unit.locator(".metric").filter(has_text="best p").locator(".number")


def test_no_tosses_say_every_p_is_equally_likely(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=0&tails=0")
    unit = coin_unit(page)
    assert touch_metrics(unit)["best p = H/(H+T)"] == "none"
    assert "every p has the same likelihood, 1" in main_text(page)
    # L = 0 for every p: a flat curve's axis reads plain numbers around 0, not 0.000000
    assert y_ticks(unit) == ["−1", "−0.5", "0", "0.5", "1"]
    shot(page, "log-loss-no-tosses", full_page=False)


def test_the_axis_reads_plain_numbers_again_after_the_first_toss(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=0&tails=0")
    unit = coin_unit(page)
    knob(unit, "heads").focus()
    page.keyboard.press("ArrowRight")  # the unit's H: the row for 1 head, drawn in the browser
    expect(best_p_number(unit)).to_have_text("1")
    # L(p) = ln p from ln 0.01 ≈ −4.6 to 0: whole numbers, the picture's own labels
    ticks = y_ticks(unit)
    assert "0" in ticks and "−4" in ticks and not any("." in t for t in ticks), ticks


def test_typed_tosses_are_scored_and_their_counts_move_the_coin_sliders(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    box = page.get_by_role("textbox", name="Your tosses (H for heads, T for tails)")
    box.fill("HHHHTHHHHHHHHHHTHTHT")
    box.press("Enter")
    page.get_by_text("20 tosses: 16 heads, 4 tails").wait_for()
    scores = page.locator('[data-testid="stTable"]').nth(1).inner_text()
    assert "16 ln p + 4 ln(1 − p)" in scores
    unit = coin_unit(page)
    assert touch_metrics(unit)["best p = H/(H+T)"] == "0.7"  # the coin game has not moved yet
    page.get_by_role("button", name="Use 16 heads and 4 tails in the coin game").click()
    wait_for_idle(page)
    assert touch_metrics(coin_unit(page)) == core_numbers(16, 4, "0.5")
    unit = coin_unit(page)
    assert (knob(unit, "heads").input_value(), knob(unit, "tails").input_value()) == ("16", "4")
    assert (shown_value(unit, "heads"), shown_value(unit, "tails")) == ("16", "4")
    assert "heads=16" in page.url and "tails=4" in page.url


def test_moving_n_past_1074_turns_the_halves_product_to_zero(page: Page, app_url: str):
    # n is the underflow unit's input (tests/browser/test_log_loss_underflow_touch.py)
    open_page(page, app_url, "log-loss?n=1073")
    unit = touch_unit(page, "n")
    unit.locator(".formulas .katex").first.wait_for()
    assert touch_metrics(unit)["0.5¹⁰⁷³ multiplied in float64"] == "≈ 9.881 × 10⁻³²⁴"
    knob(unit, "n").focus()
    page.keyboard.press("ArrowRight")
    assert touch_metrics(unit)["0.5¹⁰⁷⁴ multiplied in float64"] == "≈ 4.941 × 10⁻³²⁴"
    page.keyboard.press("ArrowRight")
    assert touch_metrics(unit)["0.5¹⁰⁷⁵ multiplied in float64"] == "0.0 (underflow)"
    assert touch_metrics(unit)["sum of logs 1075·ln 0.5"] == "≈ −745.1332"
    settle(page)
    assert "n=1075" in page.url
    unit.scroll_into_view_if_needed()
    shot(page, "log-loss-underflow", full_page=False)


def test_moving_heads_redraws_the_same_unit_and_chart_view_with_new_rows(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    unit = coin_unit(page)
    unit.evaluate("el => { el.dataset.sameUnit = 'yes'; }")
    underflow = touch_unit(page, "n")
    underflow.evaluate("el => { el.dataset.sameUnit = 'yes'; }")
    # 11 heads: the best p 11/14 ≈ 0.7857
    knob(unit, "heads").focus()
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(best_p_number(unit)).to_have_text("≈ 0.7857")
    settle(page)  # the pause: Python sends the rows around 11 heads
    assert "heads=11" in page.url
    expect(best_p_number(unit)).to_have_text("≈ 0.7857")
    assert unit.get_attribute("data-same-unit") == "yes"  # the unit was kept, its rows swapped
    assert touch_metrics(unit) == core_numbers(11, 3, "0.5")
    # the underflow chart (a touch unit since n became its input) was not built anew
    assert underflow.get_attribute("data-same-unit") == "yes"
    shot(page, "log-loss-11-heads", full_page=False)


def test_the_product_rule_is_built_when_opened_follows_heads_and_stays_in_the_link(
    page: Page, app_url: str
):
    """The expander's content is built only while open: a click builds it (a rerun of the
    game's fragment), the link keeps it open across a reload, it follows H, and closing it
    takes it out of the link."""
    open_page(page, app_url, "log-loss")
    zeros = page.get_by_text("g′(p) = 0 at p = 0, 0.7, 1")
    assert zeros.count() == 0  # closed: not built
    page.get_by_text("Going further: the product rule on g").click()
    zeros.wait_for()
    settle(page)
    assert "product_rule_on_g=true" in page.url
    page.reload()
    wait_for_idle(page)
    zeros.wait_for()
    knob(coin_unit(page), "heads").focus()
    page.keyboard.press("ArrowRight")  # H = 8, in the browser; the expander follows the pause
    page.get_by_text("g′(p) = 0 at p = 0, 8/11, 1").wait_for()
    page.get_by_text("Going further: the product rule on g").click()
    settle(page)
    assert "product_rule_on_g" not in page.url and "heads=8" in page.url


PICTURE_TEXT = """(unit) => [...unit.querySelectorAll('.legend .key, .picture svg text')].map(t => {
    const b = t.getBoundingClientRect();
    return {text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom};
})"""


def test_the_pictures_words_never_cover_each_other_or_leave_it(page: Page, browser, app_url: str):
    """At 11 heads and 3 tails, 'p = 0.5' was written over 'best 0.7857' on the L(p) chart;
    the picture now names both ps in its legend and writes only its axes inside."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "log-loss?heads=11&tails=3",
            "log-loss?p=0.95",
            "log-loss?heads=100&tails=100&p=0.45",
            "log-loss?heads=7&tails=0&p=1",
        ):
            for view in (page, phone):
                open_page(view, app_url, path)
                unit = coin_unit(view)
                unit.scroll_into_view_if_needed()
                words = unit.evaluate(PICTURE_TEXT)
                assert len(words) >= 12, (path, words)  # 4 legend keys, the axes' labels
                assert overlapping(words) == [], (path, view.viewport_size, overlapping(words))
                width = view.viewport_size["width"]
                assert all(w["left"] >= 0 and w["right"] <= width for w in words), (path, words)
                assert horizontal_overflow(view) == 0, path
        page.goto("about:blank")
        open_page(page, app_url, "log-loss?heads=11&tails=3")
        coin_unit(page).screenshot(path=str(SCREENSHOTS / "log-loss-11-heads-unit.png"))
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_every_displayed_formula_fits_a_phone_screen(browser, app_url: str):
    """On a phone, eight formulas ran past the screen's edge (L(p) = ln(...) = ..., the BCE,
    ln P(your order), the notes' F, F', ln F, its derivative and its root): each is now rows."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "log-loss",
            "log-loss?heads=100&tails=100&p=0.45&tosses=TTTTTTTTTTTT",
            "log-loss?heads=1&tails=0&p=0.01",
            "log-loss?heads=0&tails=0",
        ):
            open_page(phone, app_url, path)
            assert phone.locator('[data-testid="stMain"] .katex-display').count() >= 10
            assert wide_formulas(phone) == [], (path, wide_formulas(phone))
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_the_units_working_fits_a_phone_screen_at_every_p(browser, app_url: str):
    """The unit typesets its working in the browser, inside itself, where the page-level check
    above cannot see: every row's formula at every p, for the counts with the longest
    numbers (100 and 100: two rows of logs; one head in 100 tosses; e-notation; no tosses)."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "log-loss",
            "log-loss?heads=100&tails=100",
            "log-loss?heads=1&tails=99",
            "log-loss?heads=100&tails=1",
            "log-loss?heads=0&tails=5",
            "log-loss?heads=0&tails=0",
        ):
            open_page(phone, app_url, path)
            unit = coin_unit(phone)
            formulas = unit.locator(".formulas .katex-display")
            p_knob = knob(unit)
            for index in range(int(p_knob.get_attribute("max")) + 1):
                set_touch_position(p_knob, index)
                assert formulas.count() == 1, (path, index)
                assert formulas.evaluate_all(UNIT_WIDE_FORMULAS) == [], (path, index)
            assert horizontal_overflow(phone) == 0, path
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
