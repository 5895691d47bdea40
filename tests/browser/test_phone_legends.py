"""On a phone, a chart's legend shows every entry whole, inside the chart."""

from __future__ import annotations

import pytest

from harness.chromium import LAPTOP, PHONE, new_page
from tests.browser.helpers import open_page

# Each label's right edge and the right edge of its chart's drawing, in page pixels.
LEGEND_EDGES = """(index) => {
  const chart = document.querySelectorAll('[data-testid="stVegaLiteChart"]')[index];
  const svg = chart.querySelector('svg');
  const right = svg.getBoundingClientRect().right;
  return Array.from(svg.querySelectorAll('.role-legend-label text')).map(
    (t) => ({text: t.textContent, right: t.getBoundingClientRect().right, limit: right}));
}"""


@pytest.mark.parametrize("size_name", ["phone", "laptop"])
def test_the_secant_legend_fits_with_its_live_slopes(browser, app_url, size_name):
    page, _ = new_page(browser, PHONE if size_name == "phone" else LAPTOP)
    try:
        open_page(page, app_url, "slopes?x0=1.5&dx=0.5")
        page.wait_for_function(
            "() => document.querySelectorAll("
            "'[data-testid=\"stVegaLiteChart\"]')[1]?.querySelector('.role-legend-label text')"
        )
        labels = page.evaluate(LEGEND_EDGES, 1)
        texts = [label["text"] for label in labels]
        # x0 = 1.5, dx = 0.5 on x^2: secant slope (4 - 2.25) / 0.5 = 3.5, tangent 2 x0 = 3.
        assert texts == ["f(x) = x²", "secant, slope 3.5", "tangent, slope f'(x0) = 3"]
        assert all(label["right"] <= label["limit"] + 0.5 for label in labels), labels
    finally:
        page.context.close()
