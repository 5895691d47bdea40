"""A drag keeps the picture's scale under the hand (dashboard.touch).

Some units draw a row in its own window (`row(window=...)`): on Rules' power tab the x axis
reaches past x + dx, so moving the point x past 1.2 (with dx = 1) widens it from 2.5 to 3 and
more. Keys may rescale the picture at each step, but a hand dragging a ring needs one scale:
before, the window changed under the pointer and the positions in between were skipped. While
a handle is dragged the window it started in holds; the row's own follows on release.
"""

from __future__ import annotations

from playwright.sync_api import Page

from app_pages.rules.power_rule import X
from tests.browser.helpers import open_page, touch_unit, wait_for_idle

# At every redraw: the point x shown beside its input, and the x axis's tick labels.
RECORD = """(root) => {
  window.__drawn = [];
  const note = () => window.__drawn.push({
    x: root.querySelectorAll('.controls .value')[1].textContent,
    ticks: [...root.querySelectorAll('.picture svg > g:first-of-type text')]
      .map((t) => t.textContent).join(' '),
  });
  new MutationObserver(note).observe(root, {attributes: true, attributeFilter: ['data-position']});
}"""


def x_ring(unit) -> tuple[float, float]:
    """Where the ring on the point x is drawn (the second of the three rings)."""
    box = unit.locator(".picture .handle circle.ring").nth(1).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def axis_ticks(unit) -> str:
    return " ".join(
        unit.locator(".picture svg > g:first-of-type text").evaluate_all(
            "(texts) => texts.map((t) => t.textContent)"
        )
    )


def test_dragging_x_past_the_window_keeps_the_scale_until_release(page: Page, app_url: str):
    open_page(page, app_url, "rules?rule=power")
    unit = touch_unit(page, "p")
    unit.scroll_into_view_if_needed()
    start_ticks = axis_ticks(unit)
    unit.evaluate(RECORD)
    x, y = x_ring(unit)
    page.mouse.move(x, y)
    page.mouse.down()
    for _ in range(200):  # slide right 2 px at a time until x reads 1.6 (x + dx = 2.6)
        if unit.locator(".controls .value").nth(1).inner_text() == "1.6":
            break
        x += 2
        page.mouse.move(x, y)
    drawn = page.evaluate("() => window.__drawn")
    held = axis_ticks(unit)
    page.mouse.up()
    released = axis_ticks(unit)

    seen = [d["x"] for d in drawn]
    assert seen and seen[-1] == "1.6", seen
    # one scale under the hand: the axis never changed during the drag
    assert {d["ticks"] for d in drawn} == {start_ticks} and held == start_ticks
    # and no position skipped: every step of x from 0.5 to 1.6 was drawn, in order
    labels = X.shown()
    wanted = labels[labels.index("0.5") + 1 : labels.index("1.6") + 1]
    assert [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]] == list(wanted)
    # on release the row's own window: x + dx = 2.6 needs a wider axis
    assert released != start_ticks
    wait_for_idle(page)
