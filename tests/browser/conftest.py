"""A real `streamlit run` server and a real headless Chromium, shared by the browser tests."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
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
PROBES = ("/_stcore/health", "/_stcore/host-config")
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, entry: str = "streamlit_app.py", cwd: Path = ROOT) -> subprocess.Popen:
    """Start `streamlit run` in its own process group and wait until /_stcore/health says ok."""
    log = open(ROOT / f".pytest_cache/streamlit-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            entry,
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().decode().strip() == "ok":
                    return process
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    """Stop the server's whole process group (the server and any worker processes)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def chromium_path() -> str | None:
    """$CHROMIUM, else /usr/bin/chromium, else None (Playwright's own browser)."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    port = free_port()
    process = start_server(port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


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


@pytest.fixture
def watched_page(browser: Browser) -> Iterator[tuple[Page, PageWatch]]:
    page, watch = new_page(browser, LAPTOP)
    yield page, watch
    page.context.close()


@pytest.fixture
def page(watched_page: tuple[Page, PageWatch]) -> Iterator[Page]:
    """A laptop-sized page; the test fails if the console logged an error, a request failed
    (other than the benign sub-path probes) or the page fetched anything from another host."""
    page, watch = watched_page
    yield page
    assert not watch.failed_responses, watch.failed_responses
    assert not watch.console_errors, watch.console_errors
    assert not watch.outside_requests, watch.outside_requests
