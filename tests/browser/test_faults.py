"""Faults: the server restarts while a learner's page is open (issue 9).

The new server has never run the page, so it knows none of its fragments and drops every
rerun a fragment asks for: a move of a touch unit (or a slider in a fragment) would never
reach Python, and the unit's other inputs would wait for it for ever. The page asks for one
whole run when the connection comes back (dashboard.browser.rejoin_after_reconnect)."""

from __future__ import annotations

from playwright.sync_api import expect

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
        # the page asks the new server for one whole run; the learner moves after it
        page.wait_for_function("() => (window.__calculusRejoined || 0) >= 1", timeout=30_000)
        page.wait_for_timeout(500)
        wait_for_idle(page)

        assert heads.is_enabled()
        heads.focus()
        heads.press("ArrowRight")
        assert shown.inner_text().strip() == "8"
        # while H waits for Python's answer, the cross grid's other input waits too
        tails = page.locator('.touch input[data-param="tails"]')
        page.wait_for_timeout(700)  # past the unit's pause: its position goes to the server
        wait_for_idle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        # Python heard the move: the address bar holds it, and T moves again
        page.wait_for_function("() => location.search.includes('heads=8')", timeout=15_000)
        expect(tails).to_be_enabled(timeout=15_000)
        tails.focus()
        tails.press("ArrowRight")
        page.wait_for_timeout(700)
        wait_for_idle(page)
        page.wait_for_function("() => location.search.includes('tails=4')", timeout=15_000)
    finally:
        page.context.close()
        stop_server(server)


def test_a_move_made_while_the_server_is_down_reaches_the_new_server(browser):
    """The learner moves H while the server restarts: the unit redraws in the browser, and
    the new server takes that position with its first run of the page (the address bar
    holds it, T moves again), instead of the link's old one."""
    port = free_port()
    server = start_server(port)
    page, watch = new_page(browser, LAPTOP)
    try:
        open_page(page, f"http://127.0.0.1:{port}", "log-loss")
        heads = page.locator('.touch input[data-param="heads"]')
        tails = page.locator('.touch input[data-param="tails"]')
        shown = page.locator('.touch:has(input[data-param="heads"]) .controls .value').first
        stop_server(server)
        page.wait_for_selector(
            '[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=30_000
        )
        heads.focus()
        heads.press("ArrowRight")
        heads.press("ArrowRight")
        assert shown.inner_text().strip() == "9"
        page.wait_for_timeout(700)  # past the pause: the unit reports to a server that is down
        server = start_server(port)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=60_000
        )
        page.wait_for_function("() => location.search.includes('heads=9')", timeout=20_000)
        wait_for_idle(page)
        assert shown.inner_text().strip() == "9"
        expect(tails).to_be_enabled(timeout=15_000)
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        page.context.close()
        stop_server(server)
