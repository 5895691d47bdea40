"""Faults: the server restarts while a learner's page is open (issue 9)."""

from __future__ import annotations

from harness.chromium import LAPTOP, new_page
from harness.server import free_port, start_server, stop_server
from tests.browser.helpers import SLIDER_THUMB, open_page, wait_for_idle


def test_page_reconnects_after_a_server_restart_and_keeps_working(browser):
    port = free_port()
    server = start_server(port)
    page, watch = new_page(browser, LAPTOP)
    try:
        open_page(page, f"http://127.0.0.1:{port}", "log-loss")
        value = page.locator('[data-testid="stSliderThumbValue"]').first
        assert value.inner_text().strip() == "7"

        stop_server(server)
        page.wait_for_selector(
            '[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=30_000
        )
        server = start_server(port)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60_000
        )
        wait_for_idle(page)

        thumb = page.locator(f'[data-testid="stSlider"] {SLIDER_THUMB}').first
        thumb.focus()
        thumb.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stSliderThumbValue\"]').innerText"
            ".trim() === '8'",
            timeout=30_000,
        )
        wait_for_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.context.close()
        stop_server(server)
