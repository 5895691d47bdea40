"""Every page in the dark theme on a 390 px phone (issue 18: "works in light and dark themes
and at 390 px wide"): nothing wider than the screen, every chart's text inside its drawing,
no console errors, and every log axis labelled one way, 10⁻⁶ ... 10⁰.

The theme: the app's menu offers System / Light / Dark, and System follows the device, so the
browser context asks for `prefers-color-scheme: dark` (Playwright's color_scheme), as a phone
in dark mode does. (Streamlit 1.67 also reads a choice from the menu from localStorage,
`stActiveTheme-<path>-v2` = "Dark", and `?embed=true&embed_options=dark_theme` in an embed.)
"""

from __future__ import annotations

import re

import pytest

from dashboard.site import registered_pages
from harness.chromium import PHONE, PageWatch
from tests.browser.helpers import horizontal_overflow, open_page

VIEWS = ["" if spec.default else spec.url_path for spec in registered_pages()] + [
    "rules?rule=power",  # a point with no label among labelled ones
    "rules?rule=exp",  # a log x axis (n up to 10⁸)
    "log-loss?heads=7&tails=0&p=1",  # the best p at the top right corner of its charts
    "log-loss?p=0.99",
]

# Each drawn chart's text items that reach outside its svg, with how far (px) on each side.
TEXT_OUTSIDE = """(slack) => {
  const out = [];
  document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks').forEach((svg, i) => {
    const box = svg.getBoundingClientRect();
    if (box.width === 0) return;  // a chart in a closed expander is not drawn
    svg.querySelectorAll('text').forEach((t) => {
      const r = t.getBoundingClientRect();
      if (!t.textContent || r.width === 0) return;
      if (r.left < box.left - slack || r.right > box.right + slack ||
          r.top < box.top - slack || r.bottom > box.bottom + slack)
        out.push({chart: i, text: t.textContent,
                  sides: [r.left - box.left, box.right - r.right,
                          r.top - box.top, box.bottom - r.bottom].map(Math.round)});
    });
  });
  return out;
}"""

# The labels of every log axis (Vega names an axis's scale in its aria-label), drawn or not.
LOG_AXIS_LABELS = """() => Array.from(document.querySelectorAll(
    '[data-testid="stVegaLiteChart"] g.role-axis[aria-label*="log scale"]'))
  .map((axis) => Array.from(axis.querySelectorAll('.role-axis-label text'))
    .map((t) => t.textContent).filter((s) => s))"""

POWER_OF_TEN = re.compile(r"10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@pytest.fixture(scope="module")
def dark_phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme="dark")
    yield context
    context.close()


@pytest.mark.parametrize("view", VIEWS)
def test_each_page_fits_a_dark_phone_with_its_chart_text_inside(dark_phone, app_url, view):
    page = dark_phone.new_page()
    watch = PageWatch()
    page.on("console", watch.on_console)
    page.on("response", watch.on_response)
    try:
        open_page(page, app_url, view)
        page.wait_for_timeout(500)  # the charts' second layout pass (legend columns)
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor"
        )
        red, green, blue = map(int, re.findall(r"\d+", background)[:3])
        assert max(red, green, blue) < 64, f"not the dark theme: {background}"
        assert horizontal_overflow(page) == 0
        assert page.evaluate(TEXT_OUTSIDE, 1) == []
        for labels in page.evaluate(LOG_AXIS_LABELS):
            assert labels, "a log axis with no labels"
            assert all(POWER_OF_TEN.fullmatch(label) for label in labels), labels
        assert not watch.console_errors, watch.console_errors
        assert not watch.failed_responses, watch.failed_responses
    finally:
        page.close()


def test_the_round_off_chart_labels_both_log_axes_as_powers_of_ten(dark_phone, app_url):
    """The round-off study (folded under the secant) has a log x and a log y axis."""
    page = dark_phone.new_page()
    try:
        open_page(page, app_url, "slopes")
        page.get_by_text("Going further: when a smaller dx gets worse").first.click()
        page.wait_for_timeout(800)
        axes = page.evaluate(LOG_AXIS_LABELS)
        assert len(axes) >= 2, axes
        for labels in axes:
            assert len(labels) >= 3 and all(POWER_OF_TEN.fullmatch(x) for x in labels), labels
        assert page.evaluate(TEXT_OUTSIDE, 1) == []
    finally:
        page.close()
