"""Fixtures for the browser tests: a real `streamlit run` server and a real headless Chromium,
built from the harness package (harness/), which benchmarks and deploy checks use too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from harness.chromium import LAPTOP, LAUNCH_ARGS, PageWatch, chromium_path, new_page
from harness.server import free_port, start_server, stop_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
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
