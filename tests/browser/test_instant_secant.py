"""The slopes page's one dx slider (issue 17: one control per idea; it replaced the in-chart
slider of the 'instant version'): a move swaps the secant chart's data inside the same Vega
view, and the worked numbers follow the same slider."""

from tests.browser.helpers import open_page, press_slider, wait_for_idle


def secant_chart(page):
    return page.locator('[data-testid="stVegaLiteChart"]').nth(1)


def test_there_is_one_dx_control_and_no_slider_inside_a_chart(page, app_url):
    open_page(page, app_url, "slopes")
    assert page.locator(".vega-bind input[type=range]").count() == 0
    sliders = page.locator('[data-testid="stSlider"]').filter(has_text="dx")
    assert sliders.count() == 1


def test_moving_dx_keeps_the_secant_charts_view_and_moves_the_working(page, app_url):
    """dx changes only the chart's data, so the browser keeps the Vega view (a new spec would
    build a new one); the worked quotient follows the same slider."""
    open_page(page, app_url, "slopes")
    chart = secant_chart(page)
    chart.locator(".marks").wait_for()
    wait_for_idle(page)
    drawing = chart.locator("canvas, svg").first
    drawing.evaluate("el => { el.dataset.sameView = 'yes'; }")
    before_picture = chart.screenshot()
    worked_before = page.locator(".katex").all_inner_texts()
    press_slider(page, "Step dx", "ArrowRight", times=3)  # 1 -> 0.5 -> 0.2 -> 0.1
    page.wait_for_url("**dx=0.1**")
    wait_for_idle(page)
    assert chart.locator("canvas, svg").first.get_attribute("data-same-view") == "yes"
    assert chart.screenshot() != before_picture, "the secant moved"
    worked_after = page.locator(".katex").all_inner_texts()
    assert worked_after != worked_before
    assert any("2.1" in text for text in worked_after)


def test_moving_x0_keeps_the_secant_charts_view(page, app_url):
    open_page(page, app_url, "slopes?dx=0.1")
    chart = secant_chart(page)
    chart.locator(".marks").wait_for()
    wait_for_idle(page)
    chart.locator("canvas, svg").first.evaluate("el => { el.dataset.sameView = 'yes'; }")
    press_slider(page, "Point x0", "ArrowRight", times=2)
    page.wait_for_url("**x0=1.2**")
    wait_for_idle(page)
    assert chart.locator("canvas, svg").first.get_attribute("data-same-view") == "yes"
    caption = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="near x0 =")
    assert "near x0 = 1.2:" in caption.first.inner_text()
