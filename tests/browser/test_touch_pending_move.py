"""A key pressed while Python answers the last pause is kept (dashboard.touch).

Regression's descent unit: a pause of the iterations brings a new run, whose replay has new
steps, so the answer rebuilds the unit's inputs. A learner who presses the iterations again
before that answer arrives has a move waiting for its own pause; the answer used to put every
input back where Python held it, and that key was lost (the address bar kept the old count).
Here the server's messages are held back while the second key is pressed, then let through.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, WebSocketRoute

from tests.browser.helpers import open_page, touch_unit, wait_for_idle


class HeldServer:
    """Passes the app's websocket through, holding the server's messages while `holding`."""

    def __init__(self) -> None:
        self.holding = False
        self.queue: list[str | bytes] = []
        self.route: WebSocketRoute | None = None

    def __call__(self, route: WebSocketRoute) -> None:
        server = route.connect_to_server()
        self.route = route
        server.on_message(self.down)
        route.on_message(server.send)

    def down(self, message: str | bytes) -> None:
        if self.holding:
            self.queue.append(message)
        elif self.route is not None:
            self.route.send(message)

    def release(self) -> None:
        self.holding = False
        for message in self.queue:
            self.route.send(message)
        self.queue.clear()


def test_a_key_pressed_while_the_answer_travels_is_not_lost(page: Page, app_url: str) -> None:
    held = HeldServer()
    page.route_web_socket(re.compile(r".*/_stcore/stream"), held)
    open_page(page, app_url, "regression?iters=150&replay=40")
    unit = touch_unit(page, "iters")
    unit.locator(".metric").first.wait_for()
    iterations = unit.locator('input[data-param="iters"]')
    value = unit.locator(".controls .value").nth(1)
    iterations.focus()

    held.holding = True
    iterations.press("ArrowRight")  # 150 -> 160
    page.wait_for_timeout(900)  # past the pause: 160 goes to Python, its answer is held
    assert held.queue, "Python's answer to the pause was not held back"
    iterations.press("ArrowRight")  # 160 -> 170, waiting for its own pause
    held.release()  # the answer for 160 (new replay steps) arrives during that pause
    page.wait_for_timeout(150)
    assert value.inner_text() == "170"  # the hand's 170 stays on screen

    page.wait_for_url("**iters=170**", timeout=20_000)
    wait_for_idle(page)
    assert value.inner_text() == "170"
    assert unit.locator('input[data-param="replay"]').get_attribute("max") == "170"
