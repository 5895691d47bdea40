"""The slopes page's instant secant: an in-chart slider redraws with no server round trip."""

from tests.browser.helpers import open_page, press_slider, wait_for_idle


def test_in_chart_dx_slider_redraws_the_secant_without_rerunning_the_script(page, app_url):
    open_page(page, app_url, "slopes")
    page.get_by_text("The instant version").click()
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="instant version")
    chart = expander.locator('[data-testid="stVegaLiteChart"]')
    chart.locator(".marks").wait_for()
    wait_for_idle(page)
    value = expander.locator(".vega-bind .vega-bind-value, .vega-bind span").last
    before_value = value.inner_text()
    before_picture = chart.screenshot()
    worked_before = page.locator(".katex").all_inner_texts()

    runs = page.evaluate(
        """() => { window.__reruns = 0;
          const app = document.querySelector('[data-testid="stApp"]');
          new MutationObserver(() => {
            if (app.getAttribute('data-test-script-state') === 'running') window.__reruns++;
          }).observe(app, {attributes: true});
          return 0; }"""
    )
    slider = expander.locator(".vega-bind input[type=range]")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    page.wait_for_timeout(500)

    assert value.inner_text() != before_value
    assert chart.screenshot() != before_picture, "the secant moved"
    assert page.evaluate("() => window.__reruns") == runs, "no script rerun was needed"
    assert worked_before, "the worked numbers are shown in LaTeX"
    assert page.locator(".katex").all_inner_texts() == worked_before, (
        "the worked numbers follow the Streamlit slider only"
    )


def test_moving_x0_keeps_the_in_chart_dx_where_the_learner_left_it(page, app_url):
    """x0 changes only the chart's data, so the browser keeps the Vega view, and with it the
    position of the in-chart slider; a new spec would build a new view back at dx = 1."""
    open_page(page, app_url, "slopes")
    page.get_by_text("The instant version").click()
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="instant version")
    chart = expander.locator('[data-testid="stVegaLiteChart"]')
    chart.locator(".marks").wait_for()
    slider = expander.locator(".vega-bind input[type=range]")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    assert slider.input_value() == "3"
    caption = expander.locator('[data-testid="stCaptionContainer"]').last
    assert "x0 = 1;" in caption.inner_text()

    press_slider(page, "Point x0", "ArrowRight", times=2)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stExpander"]')]
            .some(e => e.innerText.includes('x0 = 1.2;'))"""
    )
    wait_for_idle(page)
    assert slider.input_value() == "3", "the in-chart dx stayed at 0.1 while x0 moved"
    assert chart.locator(".marks").count() == 1
