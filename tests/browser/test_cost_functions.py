"""The Cost functions page in a real browser: move the house, move a line, follow deep links."""

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    SCREENSHOTS,
    main_text,
    open_page,
    overlapping,
    press_slider,
    shot,
    wait_for_idle,
    wide_formulas,
)


def metric(page: Page, label_start: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label_start).first
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def wait_for_metric(page: Page, label_start: str, value: str) -> None:
    """Wait until the metric shows `value` (a fragment rerun can finish after the idle check)."""
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label_start).first
    box.locator('[data-testid="stMetricValue"]').filter(has_text=value).wait_for(timeout=60_000)


def open_going_further(page: Page, title_start: str) -> None:
    """Open a closed 'Going further' expander (the sauna walk, the two suppliers)."""
    page.get_by_text(f"Going further: {title_start}").click()
    page.wait_for_timeout(200)
    wait_for_idle(page)


def test_moving_the_house_changes_its_cost_and_slope(page, app_url):
    open_page(page, app_url, "cost-functions")
    assert metric(page, "total cost at the house") == "5"
    assert metric(page, "slope at the house") == "−6"
    assert metric(page, "best position") == "1.5"
    shot(page, "cost-functions-default")
    press_slider(page, "House position x", "ArrowRight", times=5)  # x: 0 -> 0.5
    wait_for_metric(page, "total cost at the house", "2.5")
    assert metric(page, "total cost at the house") == "2.5"  # 0.5² + 1.5²
    assert metric(page, "slope at the house") == "−4"
    assert "house=0.5" not in page.url  # the key is x
    assert "x=0.5" in page.url
    shot(page, "cost-functions-house-moved", full_page=False)


def test_moving_a_line_moves_the_optimum(page, app_url):
    open_page(page, app_url, "cost-functions?lines=1,2,3")
    assert metric(page, "best position") == "2"
    box = page.get_by_label("Power-line positions", exact=False)
    box.fill("1,2,6")
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    wait_for_metric(page, "best position", "3")
    assert metric(page, "best position") == "3"
    assert "The best position is x = 3: the mean of 1, 2 and 6" in main_text(page)
    assert "lines=1%2C2%2C6" in page.url or "lines=1,2,6" in page.url
    shot(page, "cost-functions-line-moved")


def test_absolute_link_shows_every_x_in_1_2_and_a_shaded_band(page, app_url):
    open_page(page, app_url, "cost-functions?lines=1,2&kind=absolute")
    assert metric(page, "best position") == "1 to 2"
    assert "Every x in [1, 2] is best" in main_text(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "cost-functions-absolute")


def test_bad_link_keeps_the_page_usable(page, app_url):
    open_page(page, app_url, "cost-functions?lines=1,abc&lr=-1&steps=5000")
    text = main_text(page)
    assert "'abc' is not a number" in text
    assert "does not walk downhill" not in text  # no descent section without lines
    open_going_further(page, "split a purchase")
    assert metric(page, "best split w*") == "≈ 0.374"
    press_slider(page, "Share bought from supplier A", "ArrowLeft", times=10)
    assert "w=0.4" in page.url
    shot(page, "cost-functions-bad-link")


def test_editing_a_line_in_the_table_moves_the_optimum(page, app_url):
    open_page(page, app_url, "cost-functions?lines=1,2,3")
    page.get_by_text("Edit the positions as a table").click()
    wait_for_idle(page)
    grid = (
        page.locator('[data-testid="stExpander"]')
        .filter(has_text="Edit the positions")
        .locator('[data-testid="stDataFrame"]')
        .first
    )
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    # The grid draws on a canvas: header row, then rows of about 35 px; the third row holds 3.
    # A double click opens the grid's own text box (input.gdg-input) over that cell.
    editor = page.locator("input.gdg-input")
    for _ in range(3):
        page.mouse.dblclick(box["x"] + 60, box["y"] + 35 + 35 * 2 + 17)
        try:
            editor.wait_for(state="visible", timeout=3_000)
            break
        except PlaywrightTimeout:
            page.wait_for_timeout(500)
    assert editor.input_value() == "3"
    editor.fill("9")
    editor.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)
    wait_for_metric(page, "best position", "4")
    assert metric(page, "best position") == "4"  # mean of 1, 2 and 9
    assert page.get_by_label("Power-line positions", exact=False).input_value() == "1,2,9"
    shot(page, "cost-functions-table-edit", full_page=False)


MARK_VIEWS = """() => document.querySelectorAll('[data-testid="stVegaLiteChart"]').forEach(
    (chart, i) => { const view = chart.querySelector('svg, canvas');
                    if (view) view.dataset.drawnFirst = String(i); })"""
VIEWS = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
    .map(chart => { const view = chart.querySelector('svg, canvas');
                    return view ? view.dataset.drawnFirst || 'rebuilt' : 'missing'; })"""


def test_slider_moves_swap_the_data_inside_the_charts_already_drawn(page, app_url):
    # A chart whose spec changes is drawn again from scratch (a new svg, 50-400 ms); one whose
    # data alone changes keeps its view. Every chart must keep its view through these moves.
    open_page(page, app_url, "cost-functions")
    open_going_further(page, "walking downhill in the sauna")
    open_going_further(page, "split a purchase")
    page.evaluate(MARK_VIEWS)
    drawn = page.evaluate(VIEWS)
    assert drawn == [str(i) for i in range(7)]
    press_slider(page, "Where you stand", "ArrowRight", times=3)  # 2.5 -> 2.65
    press_slider(page, "House position x", "ArrowLeft", times=30)  # 0 -> -3: the window widens
    wait_for_metric(page, "total cost at the house", "41")  # 4² + 5²
    for label in ("Start at x₀", "Steps", "Start at x₀ (m)", "Share bought from supplier A"):
        press_slider(page, label, "ArrowLeft", times=3)
    assert "w=0.47" in page.url
    assert page.evaluate(VIEWS) == drawn


STEP_LABELS = """(caption) => {
    const chart = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
        .find(c => c.closest('[data-testid="stVerticalBlock"]').innerText.includes(caption));
    return [...chart.querySelectorAll('g.mark-text.role-mark text')].map(t => {
        const b = t.getBoundingClientRect();
        return {text: t.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom};
    });
}"""


def test_descent_step_numbers_never_overlap_at_one_some_or_all_steps(page, browser, app_url):
    phone, watch = new_page(browser, PHONE)
    try:
        for steps, numbered in (
            ("1", ["0"]),
            ("100", ["0", "2", "100"]),
            ("200", ["0", "2", "200"]),
        ):
            for view in (page, phone):
                open_page(view, app_url, f"cost-functions?lr=0.01&steps={steps}")
                chart = view.locator('[data-testid="stVegaLiteChart"]').nth(3)
                chart.scroll_into_view_if_needed()
                labels = view.evaluate(STEP_LABELS, "Gradient descent from x₀")
                assert [label["text"] for label in labels] == numbered
                assert overlapping(labels) == []
            chart = page.locator('[data-testid="stVegaLiteChart"]').nth(3)
            chart.screenshot(path=str(SCREENSHOTS / f"cost-functions-descent-steps-{steps}.png"))
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_every_formula_fits_a_phone_screen_with_the_house_far_left(browser, app_url):
    """The cost and slope at the house are two aligned rows: on one line, at x = -3.7 they were
    430 px wide in a 358 px box, and the slope ran off the screen's edge."""
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, "cost-functions?x=-3.7")
        formula = phone.locator(".katex-display", has_text="at the house").first
        formula.scroll_into_view_if_needed()
        text = formula.inner_text()
        # lines at 1 and 2: C = (−4.7)² + (−5.7)² = 54.58, C′ = 2(−4.7) + 2(−5.7) = −20.8
        assert "54.58" in text and "−20.8" in text
        assert wide_formulas(phone) == []
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_the_derivation_fits_a_phone_with_many_lines_and_either_cost(browser, app_url):
    """'Set the slope to zero' is one formula of aligned rows, two terms a row: on one line per
    step it ran to 431 px (three lines), 516 px (three lines, absolute) and 1422 px (eight
    lines, absolute) in a 358 px column."""
    phone, watch = new_page(browser, PHONE)
    try:
        many = "-3.25,0.5,1,2,7.75,10,12,19.5"
        for link in (
            "cost-functions?lines=1,2,3",
            "cost-functions?lines=1,2,3&kind=absolute",
            f"cost-functions?lines={many}",
            f"cost-functions?lines={many}&kind=absolute",
        ):
            open_page(phone, app_url, link)
            assert wide_formulas(phone) == [], link
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()
