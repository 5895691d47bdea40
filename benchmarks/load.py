"""A class at once: concurrent learners moving sliders across every page (`make load`).

Starts a real server on loopback and SESSIONS learners. Each visits every page in turn and
moves its sliders for DURATION seconds, pausing THINK_SECONDS (on average) between moves.
BROWSERS of the learners are headless Chromium contexts pressing arrow keys; the others are
clients of Streamlit's own websocket protocol (`benchmarks/protocol.py`), which ask the server
for exactly the reruns a browser asks for but do not render the result. On a 2-core machine
twenty Chromium tabs took most of the CPU themselves and starved the server they were meant to
load; the protocol clients put the whole class's load on the server.

Every request goes to 127.0.0.1; the run stops by itself. Prints interactions completed,
errors, latency p50/p95/max (move -> rerun finished; browsers: keydown -> idle) and server RSS
at start and end.

Each learner also keeps a state of its own: it opens the log-loss page, sets heads to its own
number and, after everyone has been moving sliders, must still see that number.

One hostile client (LOAD_HOSTILE=0 to leave it out) joins after the first half of the run: it
speaks the websocket protocol and sends, in a loop, what issue 19 found expensive or broken:
9,000 added rows and text that is not JSON for the regression page's table, a 15 MB text
value (the server closes that connection; it reconnects), markdown and LaTeX payloads in every
text box. The learners' moves are split by time: a warm-up (the first WARMUP_SECONDS, not
counted), the idle half before the hostile client joins and the half with it. The run fails
if a learner sees an error or the learners' p95 with the hostile client is more than twice
the idle p95.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.async_api import Page, async_playwright  # noqa: E402

from benchmarks.protocol import StreamlitClient  # noqa: E402
from benchmarks.run import group_rss_mb, percentile  # noqa: E402
from dashboard.site import registered_pages  # noqa: E402
from harness.chromium import IDLE, LAPTOP, LAUNCH_ARGS, SLIDER_THUMB, chromium_path  # noqa: E402
from harness.server import free_port, start_server, stop_server  # noqa: E402

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "20"))
DURATION = float(os.environ.get("LOAD_SECONDS", "60"))
BROWSERS = min(SESSIONS, int(os.environ.get("LOAD_BROWSERS", "2")))
THINK_SECONDS = float(os.environ.get("LOAD_THINK_SECONDS", "0.5"))
MOVES_PER_SLIDER = ("right", "right", "left")
ISOLATION_PAGE = "log-loss"
ISOLATION_KEY = "heads"
UNIT = "-coin_touch"  # the coin game's touch unit: inputs H, T and p (dashboard.touch)
DEFAULT_TAILS = 3
P_HALF = 50  # the p input's position of p = 0.5


def coin_position(unit: str, heads: int, tails: int) -> WidgetState:
    """What a learner's browser sends after a pause on the coin unit's H and T inputs."""
    state = WidgetState(id=unit)
    state.json_value = json.dumps({"position": [heads, tails, P_HALF]})
    return state


HOSTILE = os.environ.get("LOAD_HOSTILE", "1") != "0"
WARMUP_SECONDS = float(os.environ.get("LOAD_WARMUP_SECONDS", str(min(15.0, DURATION / 4))))
MAX_VICTIM_SLOWDOWN = 2.0
HOSTILE_TEXTS = [
    "x`![](http://127.0.0.1:9/p.svg)`x",
    "[LOG IN AGAIN](//example.invalid/l)",
    r"$\rule{300em}{300em}$",
    ":red-background[**HACKED**]",
]


@dataclass
class SessionReport:
    kind: str = "browser"
    latencies_ms: list[float] = field(default_factory=list)
    moments: list[float] = field(default_factory=list)  # time.monotonic() of each latency
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
            report.moments.append(time.monotonic())
            report.interactions += 1
            await asyncio.sleep(think())
    # the page's touch unit: two keys, then past its pause, so that Python hears the position
    # (its moves cost the server nothing; the answer to the pause is one rerun)
    touch = page.locator('.touch input[type="range"]')
    if await touch.count():
        await touch.first.focus()
        for key in ("ArrowRight", "ArrowRight"):
            await touch.first.press(key)
        await page.wait_for_timeout(600)
        await wait_idle(page)
        report.interactions += 1
        await asyncio.sleep(think())
    if await exceptions_on(page):
        report.errors.append(f"exception shown on {path or 'home'}")


def think() -> float:
    """A learner's pause between two moves: uniform around THINK_SECONDS."""
    return random.uniform(0.5, 1.5) * THINK_SECONDS


async def protocol_learner(number: int, base: str, deadline: float) -> SessionReport:
    """A learner as a websocket client: open each page, move its first two sliders and pause
    on its first two touch inputs."""
    report = SessionReport(kind="protocol")
    paths = [("" if s.default else s.url_path) for s in registered_pages()]
    own_heads = number + 1

    def check(rerun, where: str) -> None:
        if not rerun.ok:
            problem = rerun.exceptions or ("page not found" if rerun.page_not_found else "")
            report.errors.append(f"{where}: status {rerun.status} {problem}")

    async with StreamlitClient(base) as client:
        i = number  # learners start on different pages
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            try:
                shown = await client.open(path)
                check(shown, path or "home")
                report.interactions += 1
                # its first two Streamlit sliders, then its first two touch inputs (a pause on
                # one: the message a browser sends when the learner stops moving it)
                for inputs, move in (
                    (lambda: client.sliders, client.move),
                    (lambda: client.touch_inputs, client.pause),
                ):
                    for index in range(min(2, len(inputs()))):
                        for direction in MOVES_PER_SLIDER:
                            if index >= len(inputs()):
                                break
                            control = inputs()[index]
                            value = control.nudged(+1 if direction == "right" else -1)
                            moved = await move(control, value)
                            check(moved, f"{path}: {control.label} -> {value}")
                            report.latencies_ms.append(moved.seconds * 1000)
                            report.moments.append(time.monotonic())
                            report.interactions += 1
                            await asyncio.sleep(think())
            except Exception as exc:  # a timeout or a dropped socket is an error, not a stop
                report.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            i += 1
        if ISOLATION_PAGE in paths:
            opened = await client.open(ISOLATION_PAGE)
            # H and T are inputs of the coin touch unit: the browser sends its position
            # [H, T, p index] after a pause
            unit = next(
                w for kind, w, _ in opened.widgets if kind == "bidi_component" and w.endswith(UNIT)
            )
            await client.send_states([coin_position(unit, own_heads, DEFAULT_TAILS)])
            await asyncio.sleep(2.0)  # let every other learner rerun meanwhile
            shown = await client.send_states([coin_position(unit, own_heads, DEFAULT_TAILS + 1)])
            # the page's own words, worked out on the server from this session's heads: the
            # log-likelihood's derivation, L(p) = ln(p¹⁶ (1 − p)^T), and ln(p (1 − p)^T) for one
            power = "p" if own_heads == 1 else f"p^{{{own_heads}}}"
            likelihood = rf"\ln\bigl({power}(1-p)"
            report.isolation_ok = shown.ok and any(likelihood in text for text in shown.texts)
            if not report.isolation_ok:
                said = [t[:80] for t in shown.texts if r"\ln\bigl(" in t]
                report.errors.append(f"learner {number} set heads={own_heads} but reads {said}")
    return report


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
            # the H input of the coin touch unit, as the learner reads it beside the input
            heads = page.locator(f'.touch:has(input[data-param="{ISOLATION_KEY}"])')
            shown = await heads.locator(".controls .value").first.inner_text()
            report.isolation_ok = shown.strip() == str(own_heads)
            if not report.isolation_ok:
                report.errors.append(f"session {number} set heads={own_heads} but sees {shown}")
    finally:
        await context.close()
    return report


@dataclass
class HostileReport:
    messages: int = 0
    closed_by_server: int = 0
    answered_with_error: int = 0


def _text_state(widget_id: str, text: str) -> WidgetState:
    state = WidgetState(id=widget_id)
    state.string_value = text
    return state


async def hostile_client(base: str, start: float, deadline: float) -> HostileReport:
    """From `start` to `deadline`: the messages issue 19 found costly or breaking, in a loop."""
    report = HostileReport()
    rows = json.dumps({"added_rows": [{"bedrooms": i, "price": i} for i in range(9_000)]})
    await asyncio.sleep(max(0.0, start - time.monotonic()))
    sent = 0  # where the next connection starts in the list (the 15 MB one closes it)
    while time.monotonic() < deadline:
        try:
            async with StreamlitClient(base, timeout=120) as client:
                latest = await client.open("regression", "data=own")
                # (the widget's kind, the text); the target's id is read from the latest
                # rerun, since a refused table change gives the editor a new key
                bombs = [("dataframe", rows), ("text_input", "H" * 15_000_000)]  # closes it
                bombs += [("dataframe", "{not json")]
                bombs += [("text_input", text) for text in HOSTILE_TEXTS]
                for kind, text in bombs[sent % len(bombs) :] + bombs[: sent % len(bombs)]:
                    if time.monotonic() >= deadline:
                        break
                    target = next((w for k, w, _ in latest.widgets if k == kind), None)
                    if target is None:
                        latest = await client.open("regression", "data=own")
                        continue
                    report.messages += 1
                    sent += 1
                    latest = await client.send_states([_text_state(target, text)])
                    report.answered_with_error += 0 if latest.ok else 1
                    await asyncio.sleep(think())  # as often as a learner moves: payloads count
        except Exception:  # noqa: BLE001 - the server closed the socket: connect again
            report.closed_by_server += 1
            await asyncio.sleep(0.2)
    return report


def _hostile_process(base: str, start_in: float, seconds: float, out) -> None:  # noqa: ANN001
    """The hostile client in a process of its own: building and sending a 15 MB message must
    not stall the learners' event loop in this process (that would be the test's own cost)."""
    start = time.monotonic() + start_in
    report = asyncio.run(hostile_client(base, start, start + seconds))
    out.put((report.messages, report.closed_by_server, report.answered_with_error))


def split_by_time(reports: list[SessionReport], start: float, middle: float) -> tuple[list, list]:
    """The learners' latencies from `start` to `middle` (idle) and after `middle` (hostile)."""
    idle = [
        ms
        for r in reports
        for ms, t in zip(r.latencies_ms, r.moments, strict=True)
        if start <= t < middle
    ]
    hostile = [
        ms for r in reports for ms, t in zip(r.latencies_ms, r.moments, strict=True) if t >= middle
    ]
    return idle, hostile


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
            began = time.monotonic()
            deadline = began + DURATION
            warm = began + WARMUP_SECONDS
            middle = warm + (DURATION - WARMUP_SECONDS) / 2 if HOSTILE else deadline
            results: multiprocessing.Queue = multiprocessing.get_context("spawn").Queue()
            attacker = multiprocessing.get_context("spawn").Process(
                target=_hostile_process,
                args=(base, middle - time.monotonic(), deadline - middle, results),
                daemon=True,
            )
            if HOSTILE:
                attacker.start()
            reports = await asyncio.gather(
                *(learner(n, browser, base, deadline) for n in range(BROWSERS)),
                *(protocol_learner(n, base, deadline) for n in range(BROWSERS, SESSIONS)),
            )
            hostile = None
            if HOSTILE:
                attacker.join(timeout=180)
                hostile = HostileReport(*results.get(timeout=10))
            rss_end = group_rss_mb(server.pid)
            await browser.close()
    finally:
        stop_server(server)
    latencies = [ms for r in reports for ms in r.latencies_ms]
    idle, attacked = split_by_time(reports, warm, middle)
    idle_p95 = percentile(idle, 0.95) if idle else None
    attacked_p95 = percentile(attacked, 0.95) if attacked else None
    in_browser = [ms for r in reports if r.kind == "browser" for ms in r.latencies_ms]
    errors = [e for r in reports for e in r.errors]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "sessions": SESSIONS,
        "browser_sessions": BROWSERS,
        "protocol_sessions": SESSIONS - BROWSERS,
        "think_seconds": THINK_SECONDS,
        "seconds": DURATION,
        "interactions": sum(r.interactions for r in reports),
        "slider_moves": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:10],
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p95_ms": percentile(latencies, 0.95) if latencies else None,
        "max_ms": max(latencies) if latencies else None,
        "browser_p50_ms": statistics.median(in_browser) if in_browser else None,
        "browser_p95_ms": percentile(in_browser, 0.95) if in_browser else None,
        "rss_start_mb": rss_start,
        "rss_end_mb": rss_end,
        "isolation_ok": all(r.isolation_ok is not False for r in reports),
        "hostile_client": HOSTILE,
        "hostile_messages": hostile.messages if hostile else 0,
        "hostile_connections_closed": hostile.closed_by_server if hostile else 0,
        "hostile_answers_with_error_box": hostile.answered_with_error if hostile else 0,
        "victim_moves_idle": len(idle),
        "victim_moves_with_hostile": len(attacked),
        "victim_p95_idle_ms": idle_p95,
        "victim_p95_with_hostile_ms": attacked_p95,
        "victim_slowdown": (attacked_p95 / idle_p95) if idle_p95 and attacked_p95 else None,
    }


def main() -> int:
    result = asyncio.run(run())
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2))
    slowdown = result["victim_slowdown"]
    victims_ok = not HOSTILE or (slowdown is not None and slowdown <= MAX_VICTIM_SLOWDOWN)
    return 0 if result["errors"] == 0 and result["isolation_ok"] and victims_ok else 1


if __name__ == "__main__":
    sys.exit(main())
