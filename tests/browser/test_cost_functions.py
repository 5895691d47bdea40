"""The Cost functions page in a real browser: move the house, move a line, follow deep links.

The house is a touch unit (dashboard.touch): keys and the pointer move it, its picture, its
working and its numbers in the browser with no message to the server; after a pause Python
hears the position and the address bar keeps it.
"""

from fractions import Fraction

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app_pages.cost_functions.house_picture import working_tex
from core.power_lines import power_line_house
from dashboard import numbers
from harness.chromium import PHONE, new_page
from tests.browser.helpers import (
    horizontal_overflow,
    main_text,
    open_page,
    shot,
    touch_metrics,
    touch_unit,
    wait_for_idle,
    wide_formulas,
)

COST, SLOPE, BEST = "total cost at the house C(x)", "slope at the house C′(x)", "best position"


def metric(page: Page, label_start: str) -> str:
    """A Streamlit metric's value, else one of the house unit's or the suppliers' numbers."""
    boxes = page.locator('[data-testid="stMetric"]').filter(has_text=label_start)
    if boxes.count():
        return boxes.first.locator('[data-testid="stMetricValue"]').inner_text().strip()
    for param in ("x", "seed"):
        unit = touch_unit(page, param)
        if unit.count():
            shown = touch_metrics(unit)
            for label, value in shown.items():
                if label.startswith(label_start):
                    return value
    raise AssertionError(f"no number {label_start!r}")


def move_share(page: Page, key: str, times: int) -> None:
    """Press `key` on the suppliers' share input (a touch input) `times` times, then pause so
    that Python hears it."""
    unit = touch_unit(page, "w")
    unit.locator(".formulas .katex").first.wait_for()
    unit.locator('input[data-param="w"]').focus()
    for _ in range(times):
        page.keyboard.press(key)
    page.wait_for_timeout(700)
    wait_for_idle(page)


def wait_for_metric(page: Page, label_start: str, value: str) -> None:
    """Wait until the metric shows `value` (a fragment rerun can finish after the idle check)."""
    box = page.locator('[data-testid="stMetric"], .touch .metric').filter(has_text=label_start)
    box.first.locator('[data-testid="stMetricValue"], .number').filter(has_text=value).wait_for(
        timeout=60_000
    )


def sent_frames(page: Page) -> list:
    """Every websocket frame the page sends from now on (register before the page opens)."""
    frames: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(payload)))
    return frames


def formulas(unit) -> list[str]:
    """The LaTeX of each formula the unit shows, read back from KaTeX's MathML annotation."""
    return unit.locator(".formulas .formula").evaluate_all(
        "(els) => els.map(e => (e.querySelector('annotation') || {}).textContent || '')"
    )


def expected(lines: list[float], kind: str, x: str) -> dict[str, str]:
    """What core says the unit shows with the house at x, formatted as the page formats it."""
    house = power_line_house(lines, kind, float(x))
    slope = numbers.shown(house.slope.value) if house.slope.exists else "none: a corner"
    return {COST: numbers.shown(house.cost), SLOPE: slope, "tex": working_tex(house)}


WIDE_IN_UNIT = """(els) => els.filter(k => k.scrollWidth > k.clientWidth + 4)
    .map(k => [k.scrollWidth, k.clientWidth])"""


def wide_in_unit(unit) -> list[list[int]]:
    """The unit's formulas wider than their box (the unit draws in a shadow root, which
    `wide_formulas` does not see into); [] when all fit."""
    return unit.locator(".formulas .katex-display").evaluate_all(WIDE_IN_UNIT)


def house_unit(page: Page):
    unit = touch_unit(page, "x")
    unit.locator(".formulas .katex").first.wait_for()
    return unit


def pixel_of(unit, x: float, window: tuple[float, float]) -> float:
    """Where x lies on the page, in the picture's plot (the kit's margins: 48 px left, 14 right)."""
    box = unit.locator(".picture svg").bounding_box()
    assert box is not None
    left, right = box["x"] + 48, box["x"] + box["width"] - 14
    return left + (x - window[0]) / (window[1] - window[0]) * (right - left)


def open_going_further(page: Page, title_start: str) -> None:
    """Open a closed 'Going further' expander (the sauna walk, the two suppliers)."""
    page.get_by_text(f"Going further: {title_start}").click()
    page.wait_for_timeout(200)
    wait_for_idle(page)


def test_keys_move_the_house_in_the_browser_and_python_hears_after_the_pause(page, app_url):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions")
    unit = house_unit(page)
    shown = touch_metrics(unit)
    assert (shown[COST], shown[SLOPE], shown[BEST]) == ("5", "−6", "1.5")
    shot(page, "cost-functions-default")
    before = len(frames)
    unit.locator("input[type=range]").focus()
    for presses, x in ((3, "0.3"), (2, "0.5")):  # the numbers follow each key
        for _ in range(presses):
            page.keyboard.press("ArrowRight")
        want = expected([1, 2], "squared", x)
        shown = touch_metrics(unit)
        assert (shown[COST], shown[SLOPE]) == (want[COST], want[SLOPE])
        assert formulas(unit) == [want["tex"]]
        assert unit.locator(".controls .value").inner_text() == x
    assert want[COST] == "2.5" and want[SLOPE] == "−4"  # 0.5² + 1.5², 2(−0.5) + 2(−1.5)
    assert len(frames) == before, "the browser sent frames while the house moved"
    assert "x=0.5" not in page.url
    page.wait_for_timeout(700)  # the pause: the position goes to Python once
    wait_for_idle(page)
    assert len(frames) > before
    assert "house=0.5" not in page.url  # the key is x
    assert "x=0.5" in page.url
    page.reload()
    wait_for_idle(page)
    unit = house_unit(page)
    assert touch_metrics(unit)[COST] == "2.5"
    assert unit.locator("input[type=range]").input_value() == "35"  # −3, −2.9, …, 0.5
    shot(page, "cost-functions-house-moved", full_page=False)


def test_dragging_the_house_to_the_mean_makes_its_slope_0(page, app_url):
    frames = sent_frames(page)
    open_page(page, app_url, "cost-functions?lines=1,2,3")
    unit = house_unit(page)
    unit.scroll_into_view_if_needed()
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    assert ring is not None
    start_x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    assert abs(start_x - pixel_of(unit, 0.0, (-3, 6))) < 1.5  # the house starts at 0
    before = len(frames)
    page.mouse.move(start_x, y)
    page.mouse.down()
    for x in (0.5, 1.0, 1.5, 2.0):  # along the street, like a hand
        page.mouse.move(pixel_of(unit, x, (-3, 6)), y)
    shown = touch_metrics(unit)
    page.mouse.up()
    want = expected([1, 2, 3], "squared", "2")
    assert (shown[COST], shown[SLOPE], shown[BEST]) == (want[COST], "0", "2")
    assert want[COST] == "2"  # 1 + 0 + 1
    assert formulas(unit) == [want["tex"]]
    assert "no small move lowers the cost" in unit.locator(".alt").inner_text()
    assert len(frames) == before, "the browser sent frames during the drag"
    page.wait_for_timeout(700)
    wait_for_idle(page)
    assert "x=2" in page.url
    page.reload()
    wait_for_idle(page)
    assert touch_metrics(house_unit(page))[SLOPE] == "0"


def test_dragging_onto_a_corner_of_the_absolute_cost_shows_both_one_sided_slopes(page, app_url):
    open_page(page, app_url, "cost-functions?lines=1,2&kind=absolute")
    unit = house_unit(page)
    unit.scroll_into_view_if_needed()
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    assert ring is not None
    y = ring["y"] + ring["height"] / 2
    page.mouse.move(ring["x"] + ring["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(pixel_of(unit, 0.5, (-3, 5)), y)
    page.mouse.move(pixel_of(unit, 1.0, (-3, 5)), y)
    page.mouse.up()
    want = expected([1, 2], "absolute", "1")
    assert touch_metrics(unit)[SLOPE] == want[SLOPE] == "none: a corner"
    (shown,) = formulas(unit)
    assert shown == want["tex"]
    assert str(Fraction(-2)) in shown and r"\text{ does not exist (a corner)}" in shown


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
    move_share(page, "ArrowLeft", times=10)
    page.wait_for_url("**w=0.4**")
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
    # the house, the walk downhill, the sauna walk, where you stand in the sauna and the
    # suppliers' loss draw their own pictures (no chart); their inputs move them in the browser
    # (tests/browser/test_cost_functions_*_touch.py). The suppliers' prices follow w after the
    # pause: a chart whose data alone changes.
    assert drawn == [str(i) for i in range(1)]
    move_share(page, "ArrowLeft", times=3)
    page.wait_for_url("**w=0.47**")
    prices = page.get_by_text("the cost of buying 0.47 from A and 0.53 from B")
    prices.wait_for(timeout=60_000)
    assert page.evaluate(VIEWS) == drawn


# The descent's step numbers (never overlapping, at one, some or all steps, laptop and phone)
# are checked in the walk's own unit: tests/browser/test_cost_functions_walk_touch.py.


def test_every_formula_fits_a_phone_screen_with_the_house_far_left(browser, app_url):
    """The cost and slope at the house are aligned rows: on one line, at x = -3.7 they were
    430 px wide in a 358 px box, and the slope ran off the screen's edge."""
    phone, watch = new_page(browser, PHONE)
    try:
        open_page(phone, app_url, "cost-functions?lines=-1,1,2&x=-3.7")
        unit = house_unit(phone)
        unit.scroll_into_view_if_needed()
        text = unit.locator(".formulas").inner_text()
        # C = (−2.7)² + (−4.7)² + (−5.7)² = 61.87, C′ = 2(−2.7 − 4.7 − 5.7) = −26.2
        assert "61.87" in text and "−26.2" in text
        assert wide_in_unit(unit) == [] and wide_formulas(phone) == []
        assert horizontal_overflow(phone) == 0
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_the_working_fits_a_phone_at_both_ends_of_the_street_with_many_lines(browser, app_url):
    """Eight lines along the whole street, 12-digit positions, either cost: the working at the
    house keeps two terms, dots and the last, one or two a row, inside a phone's column."""
    phone, watch = new_page(browser, PHONE)
    try:
        for link in (
            "cost-functions?lines=-19.123456789,-3.25,0.5,1,2,7.75,10,19.987654321",
            "cost-functions?lines=-20,-3.25,0.5,1,2,7.75,10,20&kind=absolute",
            "cost-functions?lines=1,2&kind=absolute",
        ):
            open_page(phone, app_url, link)
            unit = house_unit(phone)
            unit.scroll_into_view_if_needed()
            knob = unit.locator("input[type=range]")
            knob.focus()
            for key in ("Home", "ArrowRight", "End", "ArrowLeft", "PageDown"):
                phone.keyboard.press(key)
                assert wide_in_unit(unit) == [], (link, key, formulas(unit))
                assert wide_formulas(phone) == [], (link, key)
                assert horizontal_overflow(phone) == 0, (link, key)
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
        long_ones = "-19.123456789,-3.25,0.5,1,2,7.75,10,19.987654321"
        for link in (
            "cost-functions?lines=1,2,3",
            "cost-functions?lines=1,2,3&kind=absolute",
            f"cost-functions?lines={many}",
            f"cost-functions?lines={many}&kind=absolute",
            f"cost-functions?lines={long_ones}",  # two terms a row were 400 px
            f"cost-functions?lines={long_ones}&kind=absolute",
        ):
            open_page(phone, app_url, link)
            assert wide_formulas(phone) == [], link
        assert not watch.outside_requests, watch.outside_requests
    finally:
        phone.context.close()


def test_closed_expanders_are_built_when_opened_kept_in_the_link_and_stay_open(page, app_url):
    # Closed, the sauna walk, the two suppliers and the iterates build nothing (they were
    # redrawn hidden on every slider move); a click builds them and the link keeps them open.
    open_page(page, app_url, "cost-functions")
    assert page.locator('[data-testid="stSlider"]').count() == 0  # none inside the expanders
    open_going_further(page, "walking downhill in the sauna")
    open_going_further(page, "split a purchase")
    page.get_by_text("📋 The iterates x₀").click()
    page.wait_for_timeout(200)
    wait_for_idle(page)
    # w and seed are the suppliers' touch inputs; the sauna's two as well: no slider
    assert page.locator('[data-testid="stSlider"]').count() == 0
    assert touch_unit(page, "w").locator('input[data-param="seed"]').count() == 1
    iterates = page.locator('[data-testid="stTable"]').filter(has_text="x_k")
    assert iterates.is_visible()
    for key in ("sauna_walk=true", "suppliers=true", "iterates=true"):
        assert key in page.url
    steps = touch_unit(page, "steps").locator('input[data-param="steps"]')
    steps.focus()
    for _ in range(3):
        page.keyboard.press("ArrowLeft")  # 30 -> 27: after the pause the label says x₂₇
    page.wait_for_timeout(700)
    wait_for_idle(page)
    assert page.get_by_text("📋 The iterates x₀ … x₂₇").is_visible()
    assert iterates.is_visible() and iterates.locator("tbody tr").count() == 28
    page.reload()
    wait_for_idle(page)
    assert page.locator('[data-testid="stSlider"]').count() == 0
    assert touch_unit(page, "w").locator('input[data-param="seed"]').count() == 1
    assert page.locator('[data-testid="stTable"]').filter(has_text="x_k").is_visible()
