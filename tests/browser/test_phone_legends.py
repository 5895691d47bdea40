"""On a phone, a picture's legend shows every entry whole, inside the picture's width."""

from __future__ import annotations

import pytest

from harness.chromium import LAPTOP, PHONE, new_page
from tests.browser.helpers import open_page, touch_unit

# Each legend entry of a touch unit (dashboard.touch) with its box and the picture's right
# edge, in page pixels.
LEGEND_EDGES = """(unit) => {
  const limit = unit.querySelector('.picture svg').getBoundingClientRect().right;
  return Array.from(unit.querySelectorAll('.legend .key')).map((key) => {
    const r = key.getBoundingClientRect();
    return {text: key.textContent, right: r.right, width: r.width,
            inner: key.scrollWidth, limit};
  });
}"""


@pytest.mark.parametrize("size_name", ["phone", "laptop"])
def test_the_secant_legend_fits_with_its_live_slopes(browser, app_url, size_name):
    page, _ = new_page(browser, PHONE if size_name == "phone" else LAPTOP)
    try:
        open_page(page, app_url, "slopes?x0=1.5&dx=0.5")
        unit = touch_unit(page, "dx")
        unit.locator(".legend .key").first.wait_for()
        labels = unit.evaluate(LEGEND_EDGES)
        texts = [label["text"] for label in labels]
        # x0 = 1.5, dx = 0.5 on x^2: secant slope (4 - 2.25) / 0.5 = 3.5, tangent 2 x0 = 3.
        assert texts == ["f(x) = x²", "secant, slope 3.5", "tangent, slope f'(x0) = 3"]
        assert all(label["right"] <= label["limit"] + 0.5 for label in labels), labels
        assert all(label["inner"] <= label["width"] + 0.5 for label in labels), labels  # whole
    finally:
        page.context.close()
