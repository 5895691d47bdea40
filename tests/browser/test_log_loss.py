"""The Log loss page in a real browser: moving p and n changes the numbers the learner reads."""

from playwright.sync_api import Page

from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    SCREENSHOTS,
    SLIDER_THUMB,
    horizontal_overflow,
    main_text,
    open_page,
    overlapping,
    press_slider,
    shot,
    wide_formulas,
)


def metric(page: Page, label_start: str) -> str:
    """The value of the metric whose label starts with label_start."""
    return page.evaluate(
        """(start) => {
            const boxes = [...document.querySelectorAll('[data-testid="stMetric"]')];
            const box = boxes.find(b => b.querySelector('[data-testid="stMetricLabel"]')
                .innerText.trim().startsWith(start));
            return box ? box.querySelector('[data-testid="stMetricValue"]').innerText.trim() : '';
        }""",
        label_start,
    )


def wait_for_metric(page: Page, label_start: str, value: str) -> None:
    page.wait_for_function(
        """([start, value]) => [...document.querySelectorAll('[data-testid="stMetric"]')]
            .some(b => b.innerText.trim().startsWith(start) && b.innerText.includes(value))""",
        arg=[label_start, value],
    )


def test_moving_p_to_the_best_p_raises_the_likelihood_to_its_top(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    assert metric(page, "g(0.5)") == "≈ 0.0009766"
    assert metric(page, "L(0.5)") == "≈ −6.931"
    assert metric(page, "best p") == "0.7"
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 4
    shot(page, "log-loss-default")

    press_slider(page, "p = P(heads)", "ArrowRight", times=20)
    wait_for_metric(page, "g(0.7)", "≈ 0.002224")
    assert metric(page, "L(0.7)") == "≈ −6.109"
    assert "p=0.7" in page.url
    assert "p = 0.7 is the best p" in main_text(page)
    assert r"p^{6}" not in main_text(page)  # LaTeX is typeset, not shown as source
    shot(page, "log-loss-best-p", full_page=False)

    press_slider(page, "p = P(heads)", "End")
    wait_for_metric(page, "L(1)", "−∞")
    assert metric(page, "total log loss") == "∞ (limit)"
    assert "a tail is impossible, yet you saw one" in main_text(page)
    assert main_text(page).count("NaN") == 1  # only the quiz's wrong option "not a number (NaN)"
    shot(page, "log-loss-p-1", full_page=False)


def test_link_with_16_heads_and_4_tails_shows_best_p_0_8(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=16&tails=4")
    assert metric(page, "best p") == "0.8"
    assert metric(page, "g(0.5)") == "≈ 9.537 × 10⁻⁷"


def test_no_heads_and_p_1_draws_every_chart_without_breaking(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=0&tails=5&p=1")
    assert metric(page, "best p") == "0"
    assert metric(page, "L(1)") == "−∞ (limit)"
    text = main_text(page)
    assert "No heads in 5 tosses: the best p is 0" in text
    assert page.locator('[data-testid="stVegaLiteChart"] .marks').count() == 4
    assert horizontal_overflow(page) == 0
    shot(page, "log-loss-no-heads-p-1")


def y_ticks(page: Page) -> list[list[str]]:
    """The tick labels of each chart's y axis, as the browser wrote them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(chart =>
            [...chart.querySelectorAll('.role-axis')]
                .filter(axis => (axis.getAttribute('aria-label') || '').startsWith('Y-axis'))
                .flatMap(axis => [...axis.querySelectorAll('.role-axis-label text')])
                .map(t => t.textContent))"""
    )


def test_no_tosses_say_every_p_is_equally_likely(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=0&tails=0")
    assert metric(page, "best p") == "none"
    assert "every p has the same likelihood, 1" in main_text(page)
    # g = 1 and L = -L = 0 for every p: a flat curve's axis reads 1 and 0, not 1.000000.
    assert y_ticks(page)[:3] == [["1"], ["0"], ["0"]]
    shot(page, "log-loss-no-tosses", full_page=False)


def test_the_axes_read_plain_numbers_again_after_the_first_toss(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?heads=0&tails=0")
    press_slider(page, "Heads H", "ArrowRight")
    wait_for_metric(page, "best p", "1")
    # g(p) = p and L(p) = ln p: the axes' own labels, to one decimal place
    g_ticks, l_ticks = y_ticks(page)[:2]
    assert sorted(g_ticks) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert "0" in l_ticks and not any("." in t for t in l_ticks), l_ticks


def test_typed_tosses_are_scored_and_their_counts_move_the_coin_sliders(page: Page, app_url: str):
    open_page(page, app_url, "log-loss")
    box = page.get_by_role("textbox", name="Your tosses (H for heads, T for tails)")
    box.fill("HHHHTHHHHHHHHHHTHTHT")
    box.press("Enter")
    page.get_by_text("20 tosses: 16 heads, 4 tails").wait_for()
    scores = page.locator('[data-testid="stTable"]').nth(1).inner_text()
    assert "16 ln p + 4 ln(1 − p)" in scores
    assert metric(page, "best p") == "0.7"  # the coin game has not moved yet
    page.get_by_role("button", name="Use 16 heads and 4 tails in the coin game").click()
    wait_for_metric(page, "best p", "0.8")
    assert metric(page, "g(0.5)") == "≈ 9.537 × 10⁻⁷"
    thumbs = page.locator(f'[data-testid="stSlider"] {SLIDER_THUMB}')
    assert (thumbs.nth(0).input_value(), thumbs.nth(1).input_value()) == ("16", "4")
    assert "heads=16" in page.url and "tails=4" in page.url


def test_moving_n_past_1074_turns_the_halves_product_to_zero(page: Page, app_url: str):
    open_page(page, app_url, "log-loss?n=1073")
    assert metric(page, "0.5¹⁰⁷³") == "≈ 9.881 × 10⁻³²⁴"
    press_slider(page, "Number of tosses n", "ArrowRight")
    wait_for_metric(page, "0.5¹⁰⁷⁴", "≈ 4.941 × 10⁻³²⁴")
    press_slider(page, "Number of tosses n", "ArrowRight")
    wait_for_metric(page, "0.5¹⁰⁷⁵", "0.0 (underflow)")
    assert metric(page, "sum of logs 1075·ln 0.5") == "≈ −745.1332"
    assert "n=1075" in page.url
    page.locator('[data-testid="stSlider"]').filter(
        has_text="Number of tosses n"
    ).scroll_into_view_if_needed()
    shot(page, "log-loss-underflow", full_page=False)


def test_moving_heads_past_the_label_flip_swaps_data_in_the_same_chart_views(
    page: Page, app_url: str
):
    open_page(page, app_url, "log-loss")
    views = '[data-testid="stVegaLiteChart"] .marks'
    page.evaluate(f"() => document.querySelectorAll('{views}').forEach(v => v.__drawn = true)")
    # 11 heads: the best p 11/14 = 0.7857 has its label left of its dot, and g peaks at
    # 0.000693, below 1e-3, where the g axis writes its ticks in e-notation.
    press_slider(page, "Heads H", "ArrowRight", times=4)
    wait_for_metric(page, "best p", "≈ 0.7857")
    kept = page.evaluate(f"() => [...document.querySelectorAll('{views}')].map(v => !!v.__drawn)")
    assert kept == [True, True, True, True]  # no chart was built anew
    shot(page, "log-loss-11-heads", full_page=False)


CHART_LABELS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].slice(0, 3)
    .map(chart => [...chart.querySelectorAll('g.mark-text.role-mark text')].map(t => {
        const b = t.getBoundingClientRect();
        return {text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom};
    }))"""


def test_the_learners_p_label_never_covers_the_best_p_label(page: Page, browser, app_url: str):
    """At 11 heads and 3 tails, 'p = 0.5' was written over 'best 0.7857' on the L(p) chart."""
    phone, watch = new_page(browser, PHONE)
    try:
        for path in (
            "log-loss?heads=11&tails=3",
            "log-loss",
            "log-loss?heads=100&tails=100&p=0.45",
        ):
            for view in (page, phone):
                open_page(view, app_url, path)
                view.locator('[data-testid="stVegaLiteChart"]').nth(1).scroll_into_view_if_needed()
                charts = view.evaluate(CHART_LABELS)
                assert [len(labels) for labels in charts] == [2, 2, 2], (path, charts)
                for labels in charts:
                    assert overlapping(labels) == [], (path, view.viewport_size, labels)
        page.goto("about:blank")
        open_page(page, app_url, "log-loss?heads=11&tails=3")
        page.locator('[data-testid="stVegaLiteChart"]').nth(1).screenshot(
            path=str(SCREENSHOTS / "log-loss-11-heads-labels.png")
        )
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
