"""Slider latency of every page against the framework floor, plus start-up, script time,
memory and the derivative calculator. Prints medians, p95 and ratios (`make bench`).

Latency is measured in the page: a MutationObserver on the main area records the last DOM
change; we press an arrow key on a slider's thumb and wait until the script has finished
and the DOM has been quiet for QUIET_MS. Latency = last change - keydown.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from benchmarks.capacity import memory_mib  # noqa: E402
from dashboard.site import registered_pages  # noqa: E402
from harness.chromium import (  # noqa: E402
    IDLE,
    LAPTOP,
    LAUNCH_ARGS,
    SLIDER_THUMB,
    chromium_path,
    open_page,
    wait_for_idle,
)
from harness.server import free_port, start_server, stop_server  # noqa: E402

MOVES = int(os.environ.get("BENCH_MOVES", "20"))
WARMUP = 3
SLIDERS_PER_PAGE = 2
QUIET_MS = 250

OBSERVE = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  window.__bench = {start: 0, last: 0};
  if (window.__benchObserver) window.__benchObserver.disconnect();
  window.__benchObserver = new MutationObserver(() => { window.__bench.last = performance.now(); });
  window.__benchObserver.observe(main, {subtree: true, childList: true, characterData: true,
                                        attributes: true});
}"""
SETTLED = f"""() => {{
  const app = document.querySelector('{IDLE}');
  const now = performance.now();
  return app !== null && window.__bench.last > window.__bench.start
         && now - window.__bench.last > {QUIET_MS};
}}"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def time_moves(page: Page, slider_index: int, moves: int) -> list[float]:
    """Press ArrowRight (then ArrowLeft, alternating per block) on one slider; ms per move."""
    thumb = page.locator(f'[data-testid="stSlider"] {SLIDER_THUMB}').nth(slider_index)
    page.evaluate(OBSERVE)
    timings: list[float] = []
    for i in range(moves + WARMUP):
        key = "ArrowRight" if (i // 5) % 2 == 0 else "ArrowLeft"
        thumb.focus()
        page.evaluate(
            "() => { window.__bench.start = performance.now(); window.__bench.last = 0; }"
        )
        thumb.press(key)
        try:
            page.wait_for_function(SETTLED, timeout=15_000, polling=20)
        except Exception:
            continue  # the move changed nothing (a slider at its end): not a sample
        elapsed = page.evaluate("() => window.__bench.last - window.__bench.start")
        if i >= WARMUP:
            timings.append(elapsed)
    return timings


def slider_samples(
    browser: Browser, base: str, path: str, moves: int = MOVES
) -> tuple[int, list[float]]:
    """How many sliders were moved (the page's first SLIDERS_PER_PAGE) and the ms per move,
    `moves` each, in a new laptop-sized browser context."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    open_page(page, base, path)
    count = min(SLIDERS_PER_PAGE, page.locator('[data-testid="stSlider"]').count())
    samples: list[float] = []
    for index in range(count):
        samples += time_moves(page, index, moves)
        wait_for_idle(page)
    context.close()
    return count, samples


def bench_sliders(browser: Browser, base: str, path: str, label: str) -> dict:
    count, samples = slider_samples(browser, base, path)
    if not samples:
        return {"page": label, "sliders": count, "n": 0}
    return {
        "page": label,
        "sliders": count,
        "n": len(samples),
        "median_ms": statistics.median(samples),
        "p95_ms": percentile(samples, 0.95),
    }


def cold_start(browser: Browser, entry: str) -> float:
    """Seconds from launching the server to the first page fully drawn."""
    t0 = time.perf_counter()
    port = free_port()
    process = start_server(port, entry)
    try:
        context = browser.new_context(viewport=LAPTOP)
        page = context.new_page()
        open_page(page, f"http://127.0.0.1:{port}", "")
        elapsed = time.perf_counter() - t0
        context.close()
    finally:
        stop_server(process)
    return elapsed


def group_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True)
    rows = [tuple(int(v) for v in line.split()) for line in out.stdout.splitlines() if line.strip()]
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for p, parent, kb in rows:
        children.setdefault(parent, []).append(p)
        rss[p] = kb
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack += children.get(p, [])
    return total / 1024


def memory_with_sessions(browser: Browser, base: str, pid: int) -> dict:
    pages = [p for p in registered_pages()]
    contexts = []
    result = {}
    for n in range(1, 11):
        context = browser.new_context(viewport=LAPTOP)
        page = context.new_page()
        spec = pages[(n - 1) % len(pages)]
        open_page(page, base, "" if spec.default else spec.url_path)
        contexts.append(context)
        if n in (1, 10):
            time.sleep(1.0)
            result[f"rss_mb_{n}_sessions"] = group_rss_mb(pid)
            pss, _, processes = memory_mib(pid)
            result[f"pss_mb_{n}_sessions"] = pss
            result[f"processes_{n}_sessions"] = processes
    for context in contexts:
        context.close()
    return result


def _timed_moves(at, runs: int = 7) -> float:
    """Median ms of a rerun after moving the page's first slider to a value not seen before
    (so st.cache_data cannot answer); a plain rerun when the page has no slider."""
    sliders = list(at.slider)
    times = []
    for k in range(1, runs + 1):
        if sliders:
            w = at.slider(key=sliders[0].key)
            low, high, step = w.min, w.max, w.step or 1
            value = w.value + step if w.value + step <= high else low + (k - 1) * step
            value = type(w.value)(min(max(value, low), high))
            t0 = time.perf_counter()
            w.set_value(value).run()
        else:
            t0 = time.perf_counter()
            at.run()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def script_times() -> list[dict]:
    """Server-side time of a rerun after a slider move, per page (AppTest)."""
    from tests.pages.helpers import open_page as open_in_apptest

    rows = []
    for spec in registered_pages():
        at = open_in_apptest(spec.script)
        rows.append({"page": spec.url_path, "script_ms_median": _timed_moves(at)})
    from streamlit.testing.v1 import AppTest

    floor = AppTest.from_file(str(ROOT / "benchmarks" / "floor_app.py"), default_timeout=60).run()
    rows.append({"page": "(floor)", "script_ms_median": _timed_moves(floor)})
    return rows


async def _protocol_moves(base: str, path: str) -> list[float]:
    """ms from sending a slider move to `script_finished`, over the websocket protocol."""
    from benchmarks.protocol import StreamlitClient

    samples: list[float] = []
    async with StreamlitClient(base) as client:
        await client.open(path)
        for index in range(min(SLIDERS_PER_PAGE, len(client.sliders))):
            for i in range(MOVES + WARMUP):
                slider = client.sliders[index]
                rerun = await client.move(slider, slider.nudged(1 if (i // 5) % 2 == 0 else -1))
                if i >= WARMUP and rerun.ok:
                    samples.append(rerun.seconds * 1000)
    return samples


def server_times(floor_base: str, app_base: str) -> list[dict]:
    """Server time per slider move on a real server: a websocket client (no browser) sends
    the move and waits for the rerun to finish; median and p95 per page."""
    from benchmarks.protocol import run_sync

    rows = []
    targets = [("(floor)", floor_base, "")] + [
        (s.url_path, app_base, "" if s.default else s.url_path) for s in registered_pages()
    ]
    for label, base, path in targets:
        samples = run_sync(_protocol_moves(base, path))
        if samples:
            rows.append(
                {
                    "page": label,
                    "n": len(samples),
                    "median_ms": statistics.median(samples),
                    "p95_ms": percentile(samples, 0.95),
                }
            )
    return rows


def calculator_times() -> list[dict]:
    """Time to answer the derivative calculator per example: first request, then repeated."""
    try:
        from core import expression_worker
    except ImportError:
        return []
    examples = ["x*exp(x)", "exp(2x)", "sin(x)^2", "x^3 - 2x + 1", "ln(x)/x", "sqrt(1 + x^2)"]
    expression_worker.analyse("x")  # start the worker: its start-up is reported separately
    rows = []
    for text in examples:
        t0 = time.perf_counter()
        expression_worker.analyse(text)
        first = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        expression_worker.analyse(text)
        repeated = (time.perf_counter() - t0) * 1000
        rows.append({"example": text, "first_ms": first, "repeated_ms": repeated})
    return rows


def main() -> None:
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cores": os.cpu_count(),
        "load_start": os.getloadavg(),
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
        )
        results["cold_start_app_s"] = cold_start(browser, "streamlit_app.py")
        results["cold_start_floor_s"] = cold_start(browser, "benchmarks/floor_app.py")

        floor_port, app_port = free_port(), free_port()
        floor = start_server(floor_port, "benchmarks/floor_app.py")
        app = start_server(app_port)
        try:
            rows = [bench_sliders(browser, f"http://127.0.0.1:{floor_port}", "", "(floor)")]
            for spec in registered_pages():
                path = "" if spec.default else spec.url_path
                rows.append(
                    bench_sliders(browser, f"http://127.0.0.1:{app_port}", path, spec.url_path)
                )
            results["server"] = server_times(
                f"http://127.0.0.1:{floor_port}", f"http://127.0.0.1:{app_port}"
            )
            results["memory"] = memory_with_sessions(
                browser, f"http://127.0.0.1:{app_port}", app.pid
            )
        finally:
            stop_server(app)
            stop_server(floor)
        browser.close()
    floor_median = rows[0].get("median_ms")
    for row in rows:
        if floor_median and row.get("median_ms"):
            row["ratio_to_floor"] = row["median_ms"] / floor_median
    results["sliders"] = rows
    results["script"] = script_times()
    results["calculator"] = calculator_times()
    results["load_end"] = os.getloadavg()
    print_report(results)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))


def print_report(r: dict) -> None:
    print(f"\nbenchmark {r['date']} on {r['cores']} cores")
    loads = [" / ".join(f"{v:.2f}" for v in r[k]) for k in ("load_start", "load_end") if k in r]
    print(f"load average (1, 5, 15 min) at start and end: {'; '.join(loads)}")
    print(
        f"cold start to first drawn page: app {r['cold_start_app_s']:.2f} s, floor "
        f"{r['cold_start_floor_s']:.2f} s, ratio {r['cold_start_app_s'] / r['cold_start_floor_s']:.2f}"
    )
    print("\nslider latency (keydown -> rerun finished and redrawn)")
    print(f"{'page':26} {'sliders':>7} {'n':>4} {'median ms':>10} {'p95 ms':>8} {'ratio':>6}")
    for row in r["sliders"]:
        if not row.get("n"):
            print(f"{row['page']:26} {row['sliders']:>7} {0:>4}   (no slider)")
            continue
        print(
            f"{row['page']:26} {row['sliders']:>7} {row['n']:>4} {row['median_ms']:>10.0f} "
            f"{row['p95_ms']:>8.0f} {row.get('ratio_to_floor', float('nan')):>6.2f}"
        )
    print("\nserver time per slider move (real server, websocket client: move -> script_finished)")
    print(f"{'page':26} {'n':>4} {'median ms':>10} {'p95 ms':>8} {'ratio':>6}")
    floor_server = r["server"][0]["median_ms"] if r.get("server") else None
    for row in r.get("server", []):
        ratio = row["median_ms"] / floor_server if floor_server else float("nan")
        print(
            f"{row['page']:26} {row['n']:>4} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} "
            f"{ratio:>6.2f}"
        )
    print("\nserver-side script time of a rerun after a slider move (AppTest, median of 7)")
    for row in r["script"]:
        print(f"{row['page']:26} {row['script_ms_median']:>8.1f} ms")
    m = r["memory"]
    print(
        f"\nserver memory incl. workers, PSS (summed RSS): 1 session "
        f"{m['pss_mb_1_sessions']:.0f} MB ({m['rss_mb_1_sessions']:.0f} MB), 10 sessions "
        f"{m['pss_mb_10_sessions']:.0f} MB ({m['rss_mb_10_sessions']:.0f} MB); processes "
        f"{m.get('processes_1_sessions', '?')} / {m.get('processes_10_sessions', '?')}"
    )
    if r["calculator"]:
        print("\nderivative calculator (worker warm): first / repeated")
        for row in r["calculator"]:
            print(f"{row['example']:16} {row['first_ms']:>8.0f} ms {row['repeated_ms']:>8.1f} ms")


if __name__ == "__main__":
    main()
