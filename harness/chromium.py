"""A headless Chromium page that watches what the app does, and waiting for the app."""

from __future__ import annotations

import os
import shutil
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LAPTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PROBES = ("/_stcore/health", "/_stcore/host-config")
# Streamlit 1.67 draws sliders with react-aria: the focusable thumb is a hidden range input.
SLIDER_THUMB = 'input[type="range"]'
IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)


def chromium_path() -> str | None:
    """$CHROMIUM, else /usr/bin/chromium, else None (Playwright's own browser)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


class PageWatch:
    """Console errors and requests to other hosts seen by one page."""

    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.outside_requests: list[str] = []
        self.failed_responses: list[str] = []

    def on_response(self, response) -> None:
        if response.status < 400:
            return
        path = urlparse(response.url).path
        # Benign: on a page's sub-path the frontend first probes /<page>/_stcore/health and
        # /<page>/_stcore/host-config, gets 404, then uses the root ones.
        if response.status == 404 and path.endswith(PROBES) and not path.startswith("/_stcore/"):
            return
        self.failed_responses.append(f"{response.status} {response.url}")

    def on_console(self, message) -> None:
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        # Benign: on a page's sub-path the frontend first probes /<page>/_stcore/health and
        # /<page>/_stcore/host-config, gets 404, then uses the root ones.
        if "404" in message.text and "/_stcore/" in url:
            return
        self.console_errors.append(message.text)

    def on_request(self, request) -> None:
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            self.outside_requests.append(request.url)


def new_page(browser: Browser, viewport: dict[str, int]) -> tuple[Page, PageWatch]:
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    watch = PageWatch()
    page.on("console", watch.on_console)
    page.on("request", watch.on_request)
    page.on("response", watch.on_response)
    page.set_default_timeout(30_000)
    return page, watch


def wait_for_idle(page: Page, timeout: float = 90_000) -> None:
    """Wait until the app is connected, the script has finished and nothing is loading."""
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout,
    )
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout)


def open_page(page: Page, app_url: str, path: str = "") -> None:
    """Load `app_url/path` (e.g. "slopes?dx=0.5") and wait for the finished first run."""
    page.goto(f"{app_url}/{path.lstrip('/')}", timeout=90_000)
    page.wait_for_selector('[data-testid="stApp"]', timeout=90_000)
    wait_for_idle(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]').count()
    folded = page.locator('details:not([open]) [data-testid="stVegaLiteChart"]').count()
    if charts > folded:
        # a chart on screen: the first in the page may sit in a closed expander, never visible
        # (and when every chart does, as Slopes' round-off study, there is none to wait for)
        page.wait_for_selector(
            '[data-testid="stVegaLiteChart"] .marks >> visible=true', timeout=90_000
        )
