"""A class at once: concurrent learners moving sliders across every page (`make load`).

Starts a real server on loopback, opens SESSIONS headless browser contexts, and lets each
one visit every page in turn and move its sliders with the keyboard for DURATION seconds.
Every request goes to 127.0.0.1; the run stops by itself. Prints interactions completed,
errors, latency p50/p95/max (keydown -> rerun finished) and server RSS at start and end.

Each session also keeps a state of its own: it opens the log-loss page with heads = its own
number and, after everyone has been moving sliders, must still see that number.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import Page, async_playwright  # noqa: E402

from benchmarks.run import group_rss_mb, percentile  # noqa: E402
from dashboard.site import registered_pages  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    LAPTOP,
    LAUNCH_ARGS,
    chromium_path,
    free_port,
    start_server,
    stop_server,
)
from tests.browser.helpers import IDLE, SLIDER_THUMB  # noqa: E402

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))
DURATION = float(os.environ.get("LOAD_SECONDS", "60"))
ISOLATION_PAGE = "log-loss"
ISOLATION_KEY = "heads"


@dataclass
class SessionReport:
    latencies_ms: list[float] = field(default_factory=list)
    interactions: int = 0
    errors: list[str] = field(default_factory=list)
    isolation_ok: bool | None = None


async def wait_idle(page: Page) -> None:
    await page.wait_for_selector(IDLE, timeout=60_000)
    await page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=60_000,
    )


async def exceptions_on(page: Page) -> int:
    return await page.locator('[data-testid="stException"]').count()


async def visit(page: Page, base: str, path: str, report: SessionReport) -> None:
    await page.goto(f"{base}/{path}")
    await wait_idle(page)
    report.interactions += 1
    thumbs = page.locator(f'[data-testid="stSlider"] {SLIDER_THUMB}')
    for index in range(min(2, await thumbs.count())):
        for key in ("ArrowRight", "ArrowRight", "ArrowLeft"):
            thumb = thumbs.nth(index)
            await thumb.focus()
            t0 = time.perf_counter()
            await thumb.press(key)
            await page.wait_for_timeout(30)
            await wait_idle(page)
            report.latencies_ms.append((time.perf_counter() - t0) * 1000)
            report.interactions += 1
    if await exceptions_on(page):
        report.errors.append(f"exception shown on {path or 'home'}")


async def learner(number: int, browser, base: str, deadline: float) -> SessionReport:
    report = SessionReport()
    context = await browser.new_context(viewport=LAPTOP)
    page = await context.new_page()
    page.on("pageerror", lambda exc: report.errors.append(f"page error: {exc}"))
    paths = [("" if s.default else s.url_path) for s in registered_pages()]
    own_heads = number + 1
    try:
        i = number  # sessions start on different pages
        while time.monotonic() < deadline:
            try:
                await visit(page, base, paths[i % len(paths)], report)
            except Exception as exc:  # a timeout or a crash is an error, not a stop
                report.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            i += 1
        if ISOLATION_PAGE in paths:
            await page.goto(f"{base}/{ISOLATION_PAGE}?{ISOLATION_KEY}={own_heads}")
            await wait_idle(page)
            await asyncio.sleep(2.0)  # let every other session rerun meanwhile
            await page.locator(f'[data-testid="stSlider"] {SLIDER_THUMB}').first.focus()
            await wait_idle(page)
            shown = await page.locator('[data-testid="stSliderThumbValue"]').first.inner_text()
            report.isolation_ok = shown.strip() == str(own_heads)
            if not report.isolation_ok:
                report.errors.append(f"session {number} set heads={own_heads} but sees {shown}")
    finally:
        await context.close()
    return report


async def run() -> dict:
    port = free_port()
    server = start_server(port)
    base = f"http://127.0.0.1:{port}"
    rss_start = group_rss_mb(server.pid)
    try:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
            )
            deadline = time.monotonic() + DURATION
            reports = await asyncio.gather(
                *(learner(n, browser, base, deadline) for n in range(SESSIONS))
            )
            rss_end = group_rss_mb(server.pid)
            await browser.close()
    finally:
        stop_server(server)
    latencies = [ms for r in reports for ms in r.latencies_ms]
    errors = [e for r in reports for e in r.errors]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "sessions": SESSIONS,
        "seconds": DURATION,
        "interactions": sum(r.interactions for r in reports),
        "slider_moves": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:10],
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p95_ms": percentile(latencies, 0.95) if latencies else None,
        "max_ms": max(latencies) if latencies else None,
        "rss_start_mb": rss_start,
        "rss_end_mb": rss_end,
        "isolation_ok": all(r.isolation_ok is not False for r in reports),
    }


def main() -> int:
    result = asyncio.run(run())
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 and result["isolation_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
