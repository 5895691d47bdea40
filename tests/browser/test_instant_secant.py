"""The slopes page's instant secant: an in-chart slider redraws with no server round trip."""

from tests.browser.helpers import open_page, wait_for_idle


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
