"""One visitor cannot stall the others (issue 9), and workers die with the server.

Two sessions keep sending the calculator expressions that are expensive for SymPy; a
third session moves an input on another page (Log loss's n, a touch input since its slider
became one: each move is answered by Python after the learner's pause, and the time counted
is the answer's, the pause taken off). Its median latency must stay within 2x of
the same moves on an idle server, and every expensive request must be answered (a result
or "too expensive") within the time limit plus a margin for the page to redraw.
Runs with `make load` (marker `load`), which CI runs too.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import time

import pytest
from playwright.async_api import Page, async_playwright

from core.limits import EXPRESSION_TIME_LIMIT_SECONDS
from dashboard.touch_js import PAUSE_MS
from harness.chromium import LAPTOP, LAUNCH_ARGS, chromium_path
from harness.server import free_port, start_server, stop_server
from tests.browser.helpers import IDLE

pytestmark = pytest.mark.load

SLIDER_PAGE = "log-loss"
SLIDER_PARAM, SLIDER_DEFAULT = "n", "1000"  # the underflow section's touch input
# The heaviest inputs the parser accepts (measured 0.1-0.2 s of SymPy each on an idle
# machine), plus one it refuses at once as too expensive.
HEAVY = [
    "sqrt({c}+sqrt(1+sqrt(1+sqrt(1+sqrt(1+x^99)))))^77",
    "(x^7+x^6+x^5+x^4+x^3+x^2+x+{c})^60/(x^9+x^8+x^7+x^6+x^5+x^4+x+1)^50",
    "(x^2+3x+{c})^40*(x^3-2x+7)^30/(x^4+x+1)^25",
    "sin(sin({c} + exp(exp(exp(3)))))",
]
MOVES = 16
ANSWER_MARGIN_S = 3.0  # the fragment's redraw on a busy 2-core machine, beyond the limit


async def wait_idle(page: Page) -> None:
    await page.wait_for_selector(IDLE, timeout=60_000)
    await page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,
    )


async def slider_latencies(page: Page, base: str) -> list[float]:
    await page.goto(f"{base}/{SLIDER_PAGE}")
    await wait_idle(page)
    thumb = page.locator(f'.touch input[data-param="{SLIDER_PARAM}"]').first
    value = page.locator(f'.touch .control:has(input[data-param="{SLIDER_PARAM}"]) .value').first
    timings = []
    for i in range(MOVES + 2):
        await thumb.focus()
        t0 = time.perf_counter()
        await thumb.press("ArrowRight" if (i // 4) % 2 == 0 else "ArrowLeft")
        shown = await value.inner_text()  # the unit moved at once, in the browser
        # Python's answer to the pause writes the position into the address (the default
        # leaves it)
        await page.wait_for_function(
            "([param, wanted]) => new URLSearchParams(location.search).get(param) === wanted",
            arg=[SLIDER_PARAM, None if shown == SLIDER_DEFAULT else shown],
            timeout=60_000,
        )
        await page.wait_for_timeout(20)
        await wait_idle(page)
        if i >= 2:
            timings.append((time.perf_counter() - t0) * 1000 - PAUSE_MS)
    return timings


async def attacker(page: Page, base: str, number: int, stop: asyncio.Event) -> list[float]:
    """Type fresh (uncached) expensive functions into the calculator until told to stop;
    seconds from Enter to the answer on screen (the calculator reruns as a fragment)."""
    await page.goto(f"{base}/rules")
    await wait_idle(page)
    box = page.locator(".st-key-f input").first
    answers = []
    k = 0
    while not stop.is_set():
        k += 1
        c = number * 1000 + k  # a new constant each time, so the cache never answers
        text = HEAVY[k % len(HEAVY)].format(c=c)
        await box.fill(text)
        t0 = time.perf_counter()
        await box.press("Enter")
        await page.wait_for_timeout(50)
        await wait_idle(page)
        body = await page.locator('[data-testid="stMain"]').inner_text()
        assert "too expensive" in body.lower() or "Step by step" in body, body[:400]
        answers.append(time.perf_counter() - t0)
        await asyncio.sleep(0.5)  # a fast typist: one new function about every 0.75 s
    return answers


def process_group_members(pgid: int) -> list[str]:
    out = subprocess.run(
        ["ps", "-e", "-o", "pgid=,pid=,stat=,args="], capture_output=True, text=True
    )
    rows = []
    for line in out.stdout.splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[0] == str(pgid) and not parts[2].startswith("Z"):
            rows.append(parts[3])
    return rows


async def measure(base: str) -> tuple[list[float], list[float], list[float]]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
        )
        learner = await (await browser.new_context(viewport=LAPTOP)).new_page()
        idle = await slider_latencies(learner, base)
        stop = asyncio.Event()
        pages = [await (await browser.new_context(viewport=LAPTOP)).new_page() for _ in range(2)]
        attackers = [asyncio.create_task(attacker(p, base, n, stop)) for n, p in enumerate(pages)]
        await asyncio.sleep(3.0)  # let the expensive requests start
        loaded = await slider_latencies(learner, base)
        stop.set()
        answers = [t for batch in await asyncio.gather(*attackers) for t in batch]
        await browser.close()
    return idle, loaded, answers


def test_expensive_expressions_do_not_stall_another_learner_and_workers_end_with_server():
    """Up to two measurements, each against its own fresh server: on a shared 2-core machine
    one unlucky minute can double a median. A server that really stalls fails both."""
    attempts = []
    for _ in range(2):
        port = free_port()
        server = start_server(port)
        try:
            idle, loaded, answers = asyncio.run(measure(f"http://127.0.0.1:{port}"))
            workers_seen = process_group_members(server.pid)
        finally:
            stop_server(server)
        idle_median, loaded_median = statistics.median(idle), statistics.median(loaded)
        print(
            f"idle median {idle_median:.0f} ms, loaded median {loaded_median:.0f} ms, "
            f"answers {len(answers)} max {max(answers):.1f} s, group {len(workers_seen)} processes"
        )
        assert answers, "the expensive requests were answered"
        assert max(answers) <= EXPRESSION_TIME_LIMIT_SECONDS + ANSWER_MARGIN_S
        assert len(workers_seen) >= 2, "the server had started worker processes"
        time.sleep(1.0)
        assert process_group_members(server.pid) == [], "a worker outlived the server"
        attempts.append((idle_median, loaded_median))
        if loaded_median <= 2 * idle_median:
            return
    raise AssertionError(f"a learner's slider slowed more than 2x under attack: {attempts}")
