"""Faults: the server restarts while a learner's page is open (issue 9)."""

from __future__ import annotations

from harness.chromium import LAPTOP, new_page
from harness.server import free_port, start_server, stop_server
from tests.browser.helpers import open_page, wait_for_idle


def test_page_reconnects_after_a_server_restart_and_keeps_working(browser):
    port = free_port()
    server = start_server(port)
    page, watch = new_page(browser, LAPTOP)
    try:
        open_page(page, f"http://127.0.0.1:{port}", "log-loss")
        # heads H: an input of the coin game's touch unit (dashboard.touch)
        heads = page.locator('.touch input[data-param="heads"]')
        shown = page.locator('.touch:has(input[data-param="heads"]) .controls .value').first
        assert shown.inner_text().strip() == "7"

        stop_server(server)
        page.wait_for_selector(
            '[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=30_000
        )
        server = start_server(port)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60_000
        )
        wait_for_idle(page)

        assert heads.is_enabled()
        heads.focus()
        heads.press("ArrowRight")
        assert shown.inner_text().strip() == "8"
        page.wait_for_timeout(700)  # past the unit's pause: its position goes to the server
        wait_for_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.context.close()
        stop_server(server)
