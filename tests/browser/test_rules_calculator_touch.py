"""The calculator's point x0 follows the hand (issue 20): keys, a pointer landing on a position
and a drag of the point on the curve redraw the tangent, f'(x0) or why it does not exist, and
the text alternative in the browser with no message to the server; after a pause Python hears
x0: the address bar holds it, the tables follow, a reload restores it."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser, Locator, Page

from core.derivatives import differentiate
from core.expressions import parse_function
from core.slope_at_point import X0_STEPS, slope_at_point
from dashboard import numbers
from harness.chromium import PHONE
from tests.browser.helpers import (
    horizontal_overflow,
    open_page,
    set_touch_position,
    touch_metrics,
    touch_unit,
    wait_for_idle,
)

PAUSE_S = 0.3  # the unit reports 350 ms after the last move


class Sent:
    """When the page sent each websocket frame (register before the page opens)."""

    def __init__(self, page: Page) -> None:
        self.times: list[float] = []
        page.on(
            "websocket",
            lambda ws: ws.on("framesent", lambda _: self.times.append(time.monotonic())),
        )

    def during(self, moves: list[float]) -> int:
        """Frames sent since the first move beyond one per pause of the hand (a gap of
        PAUSE_S or more may send the position: the design); a move itself sends nothing."""
        end = time.monotonic()
        sent = sum(1 for t in self.times if t >= moves[0])
        gaps = [b - a for a, b in zip(moves, [*moves[1:], end], strict=True)]
        return max(0, sent - sum(1 for gap in gaps if gap >= PAUSE_S))


def calculator_unit(page: Page) -> Locator:
    unit = touch_unit(page, "x0")
    unit.locator(".picture svg").first.wait_for()
    unit.scroll_into_view_if_needed()
    return unit


def core_metric(text: str, x0: float) -> dict[str, str]:
    """What core says at x0, written as the page writes it."""
    f = parse_function(text)
    point = slope_at_point(f, differentiate(f).result, x0)
    label = f"f'(x₀) at x₀ = {numbers.text(x0)}"
    if not point.exists:
        return {label: "does not exist"}
    value = numbers.text(point.slope, 6)
    return {label: value if numbers.is_exact(point.slope, 6) else f"≈ {value}"}


def settle(page: Page) -> None:
    page.wait_for_timeout(600)  # past the 350 ms pause
    wait_for_idle(page)


def test_keys_on_x0_move_the_tangent_and_its_slope_in_the_browser(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "rules?f=sin(x)^2")
    wait_for_idle(page)
    unit = calculator_unit(page)
    knob = unit.locator('input[data-param="x0"]')
    assert knob.get_attribute("aria-label") == "Point x₀"
    assert touch_metrics(unit) == core_metric("sin(x)^2", 1.0)
    knob.focus()
    moves = []
    for value in (1.1, 1.2, 1.3, 1.4, 1.5):
        page.keyboard.press("ArrowRight")
        moves.append(time.monotonic())
        assert unit.locator(".controls .value").first.inner_text() == f"{value:g}"
        assert touch_metrics(unit) == core_metric("sin(x)^2", value)
        assert f"tangent at x₀ = {value:g} touches f" in unit.locator(".alt").inner_text()
    assert sent.during(moves) == 0, "a move sent a frame"
    page.wait_for_url("**x0=1.5**")
    settle(page)
    # after the pause the tables below follow: the two ways at 1.5 (2 sin 1.5 cos 1.5)
    assert "f′(x₀)" in page.locator('[data-testid="stTable"]').first.inner_text()
    page.reload()
    wait_for_idle(page)
    unit = calculator_unit(page)
    assert unit.locator('input[data-param="x0"]').input_value() == str(X0_STEPS.index(1.5))
    assert touch_metrics(unit) == core_metric("sin(x)^2", 1.5)


def test_a_pointer_landing_on_0_shows_the_corner_of_abs(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "rules?f=abs(x)")
    wait_for_idle(page)
    unit = calculator_unit(page)
    knob = unit.locator('input[data-param="x0"]')
    moves = []
    for index in (X0_STEPS.index(0.3), X0_STEPS.index(0.0)):  # as a drag that lands there
        set_touch_position(knob, index)
        moves.append(time.monotonic())
    assert sent.during(moves) == 0
    assert touch_metrics(unit) == {"f'(x₀) at x₀ = 0": "does not exist"}
    assert (
        unit.locator(".notes")
        .inner_text()
        .startswith(
            "f′(0) does not exist: x₀ = 0 is a corner. The one-sided difference quotients: from "
            "the left they settle near −1, from the right they settle near 1."
        )
    )
    assert "tangent: none here" in unit.locator(".legend").inner_text()
    page.wait_for_url("**x0=0**")
    settle(page)
    link = page.get_by_role("link", name="Corners, cusps, jumps and vertical tangents")
    assert link.count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_dragging_the_point_along_the_curve_moves_x0(page: Page, app_url: str):
    sent = Sent(page)
    open_page(page, app_url, "rules?f=x^3 - 2x %2B 1")
    wait_for_idle(page)
    unit = calculator_unit(page)
    ring = unit.locator(".picture .handle circle.ring").bounding_box()
    x, y = ring["x"] + ring["width"] / 2, ring["y"] + ring["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    moves = []
    for k in range(1, 41):  # 80 px to the right, 2 px at a time
        page.mouse.move(x + 2 * k, y)
        moves.append(time.monotonic())
    during = sent.during(moves)
    page.mouse.up()
    assert during == 0, f"{during} frames sent during the drag"
    shown = unit.locator(".controls .value").first.inner_text()
    x0 = float(shown.replace("−", "-"))
    assert x0 > 1.5, shown
    assert touch_metrics(unit) == core_metric("x^3 - 2x + 1", x0)
    page.wait_for_url(f"**x0={x0:g}**")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_unit_fits_a_phone_in_both_themes(browser: Browser, app_url: str, scheme: str):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, app_url, "rules?f=abs(x)&x0=0")
        unit = calculator_unit(page)
        assert horizontal_overflow(page) == 0
        box = unit.locator(".picture svg").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert unit.locator(".legend").inner_text().split("\n") == [
            "f(x)",
            "f'(x)",
            "tangent: none here",
        ]
    finally:
        context.close()
