"""The derivative calculator in a real browser, on a real server running only the calculator:
typing a function shows its derivative and steps; the server leaves no worker behind."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page

from harness.server import ROOT, free_port, start_server, stop_server
from tests.browser.helpers import main_text, open_page, shot, wait_for_idle

ENTRY = "tests/pages/apps/calculator_app.py"


@pytest.fixture(scope="module")
def calculator_url() -> Iterator[str]:
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    port = free_port()
    process = start_server(port, entry=ENTRY)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def tex_sources(page: Page) -> list[str]:
    """The TeX source of every formula KaTeX drew (kept in its MathML annotation)."""
    return page.locator('annotation[encoding="application/x-tex"]').all_text_contents()


def type_function(page: Page, text: str) -> None:
    box = page.get_by_test_id("stTextInputField").and_(page.get_by_label("f(x) ="))
    box.fill(text)
    box.press("Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)


def test_typing_a_function_shows_its_derivative_and_steps(page: Page, calculator_url: str):
    open_page(page, calculator_url)
    assert any(r"\left(x + 1\right) e^{x}" in tex for tex in tex_sources(page))
    type_function(page, "x^2 sin(x)")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('annotation')).some("
        "a => a.textContent.includes('x^{2} \\\\cos'))"
    )
    formulas = tex_sources(page)
    assert any(r"f'(x) = x \left(x \cos{\left(x \right)} + 2 \sin" in tex for tex in formulas), (
        formulas
    )
    text = main_text(page)
    assert "product rule" in text and "power rule" in text and "sin rule" in text
    assert parse_qs(urlparse(page.url).query)["f"] == ["x^2 sin(x)"]
    shot(page, "calculator_typed")


def test_bad_text_shows_a_friendly_message_and_keeps_the_last_function(
    page: Page, calculator_url: str
):
    open_page(page, calculator_url)
    type_function(page, "__import__('os')")
    text = main_text(page)
    assert "That function could not be read: unexpected character '_' at position 1" in text
    assert "Still showing the last function that worked" in text
    assert any(r"\left(x + 1\right) e^{x}" in tex for tex in tex_sources(page))


def process_group(pgid: int) -> list[int]:
    """Live (non-zombie) processes whose process group is pgid."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            members.append(int(entry.name))
    return members


def test_stopping_the_server_leaves_no_worker_process(page: Page):
    port = free_port()
    process = start_server(port, entry=ENTRY)
    try:
        open_page(page, f"http://127.0.0.1:{port}")
        assert "product rule" in main_text(page)
        workers = [pid for pid in process_group(process.pid) if pid != process.pid]
        assert workers, "a worker (and its forkserver) should be running"
        os.kill(process.pid, signal.SIGTERM)  # the server only, not its process group
        process.wait(timeout=20)
        deadline = time.monotonic() + 30  # the forkserver notices its parent is gone
        while process_group(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert process_group(process.pid) == []
    finally:
        stop_server(process)
