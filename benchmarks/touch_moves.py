"""Touch units (issue 20): what one move costs in the page, and what it sends to the server.

    .venv/bin/python benchmarks/touch_moves.py              # every page (part of `make bench`)
    .venv/bin/python benchmarks/touch_moves.py --moves 60 --pages slopes rules

Starts the real server (harness/), opens each page in headless Chromium and finds its touch
units (`dashboard.touch`: a `.touch` element holding `input[type=range][data-param=...]`). For
each range input it presses MOVES arrow keys, and where the picture has a drag handle
(`.picture .handle`) it drags it over MOVES positions with the mouse, and measures in the page:

- a capture listener on `window` notes `performance.now()` when the keydown (or pointermove)
  arrives, and a MutationObserver on the unit notes the last DOM change of the picture (the
  SVG and its legend) and of the numbers (formulas, metrics, notes) it causes: the redraw is
  synchronous, so "DOM" = last change - event. "Frame" adds the next frame: a
  requestAnimationFrame asked for at the first change, then a MessageChannel message, so it
  lands after that frame's style, layout and paint (it includes the wait for the frame);
- the keys sweep from end to end (towards the farther end first, then back), so most moves
  reach a position the unit has not drawn since Python last sent its rows: its formulas are
  typeset by KaTeX then ("first visits"); coming back, the unit reuses them ("revisits");
  pressing ArrowRight, ArrowLeft, ArrowRight, ... would only ever time two cached rows;
- moves are GAP_MS apart (a drag at about 20 moves a second, each in its own frame);
- websocket frames: `page.on("websocket")` -> `ws.on("framesent")`, registered before the
  page opens. Frames sent during the moves must be 0; after the last move the unit waits for
  the learner's pause (350 ms) and sends the position: that message, the server's answer
  (bytes received until the page is idle) and the address bar's `?param=` are reported. On a
  busy machine the harness itself may take longer than the pause between two moves; the
  unit's own reports are timed in the page too, so a report within 350 ms of a move (a unit
  that talks during a drag: a miss) is told apart from a pause that really happened ('p').

Pages with no touch unit yet are reported as "not a touch unit yet" (not a failure). The
Streamlit sliders that remain are measured against the framework floor by `run.py` (the
same `make bench`). Results: printed, and written to benchmarks/results/touch_moves.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from benchmarks.run import percentile  # noqa: E402
from benchmarks.touch_probe import COLLECT, HANDLES, INSTRUMENT, POSITION, UNITS  # noqa: E402
from harness.chromium import (  # noqa: E402
    LAPTOP,
    LAUNCH_ARGS,
    chromium_path,
    open_page,
    wait_for_idle,
)
from harness.server import free_port, start_server, stop_server  # noqa: E402
from harness.views import View, views  # noqa: E402

MOVES = int(os.environ.get("BENCH_MOVES", "40"))
GAP_MS = 50
PAUSE_MS = 350  # dashboard/touch_js.py
FRAME_MS = 1000 / 60
# What each page's primary unit is (issue 20); the script finds the units by itself, on
# every view of the page (`benchmarks/views.py`: Rules' every tab, link-bound sections open).
PRIMARY = {
    "slopes": "dx",
    "rules": "n",
    "non-differentiability": "dx",
    "cost-functions": "x",
    "log-loss": "p",
    "regression": "slope, intercept",
}


def load() -> str:
    return "/".join(f"{v:.2f}" for v in os.getloadavg())


def sweep(start: int, top: int, moves: int) -> list[int]:
    """`moves` positions one step apart from `start`, towards the farther end first, turning
    round at the ends."""
    step = 1 if top - start >= start else -1
    out, at = [], start
    for _ in range(moves):
        if not 0 <= at + step <= top:
            step = -step
        if not 0 <= at + step <= top:
            break
        at += step
        out.append(at)
    return out


class Frames:
    """Websocket frames the page sends and receives (with their sizes)."""

    def __init__(self, page: Page) -> None:
        self.sent: list[int] = []
        self.received: list[int] = []
        page.on("websocket", self._socket)

    def _socket(self, ws) -> None:
        ws.on("framesent", lambda payload: self.sent.append(len(payload)))
        ws.on("framereceived", lambda payload: self.received.append(len(payload)))


def early_sends(events: list[dict], reports: list[dict]) -> int:
    """Reports the unit sent to Python less than PAUSE_MS after the move before them (on the
    page's clock): a unit that talks to the server during a drag. A report after a longer gap
    is the pause doing its job (the harness was slow to make the next move)."""
    starts = sorted(e["t"] for e in events)
    early = 0
    for report in reports:
        before = [t for t in starts if t <= report["t"]]
        if report["sends"] and before and report["t"] - before[-1] < PAUSE_MS - 5:
            early += 1
    return early


def summarise(events: list[dict], visited_before: list[bool]) -> dict:
    """ms per move from the raw events; a move that changed nothing in the unit is dropped."""
    dom, laid_out, frame, first, again = [], [], [], [], []
    for event, seen in zip(events, visited_before, strict=False):
        ends = [v for v in (event["picture"], event["numbers"]) if v is not None]
        if not ends:
            continue
        dom.append(max(ends) - event["t"])
        took = max(event["layout"] or 0, *ends) - event["t"]
        laid_out.append(took)
        (again if seen else first).append(took)
        if event["frame"]:
            frame.append(event["frame"] - event["t"])

    def stats(values: list[float]) -> dict:
        if not values:
            return {"n": 0}
        return {
            "n": len(values),
            "median_ms": statistics.median(values),
            "p95_ms": percentile(values, 0.95),
            "max_ms": max(values),
        }

    starts = [e["t"] for e in events]
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    return {
        "redrawn": stats(laid_out),
        "dom": stats(dom),
        "frame": stats(frame),
        "first_visits": stats(first),
        "revisits": stats(again),
        "picture_changed": sum(1 for e in events if e["picture"] is not None),
        "numbers_changed": sum(1 for e in events if e["numbers"] is not None),
        "longest_gap_ms": max(gaps, default=0.0),
    }


def after_pause(page: Page, frames: Frames, param: str) -> dict:
    """Wait for the pause message and the server's answer; what travelled, and the URL."""
    sent0, received0 = len(frames.sent), len(frames.received)
    deadline = time.monotonic() + 5
    while len(frames.sent) == sent0 and time.monotonic() < deadline:
        page.wait_for_timeout(25)
    wait_for_idle(page)
    page.wait_for_timeout(300)
    wait_for_idle(page)
    query = page.evaluate("(p) => new URLSearchParams(window.location.search).get(p)", param)
    return {
        "sent_after_pause": len(frames.sent) - sent0,
        "sent_bytes_after_pause": frames.sent[sent0:],
        "received_bytes_after_pause": sum(frames.received[received0:]),
        "received_frames_after_pause": len(frames.received) - received0,
        "url_value": query,
    }


def keyboard_moves(page: Page, frames: Frames, param: str, moves: int) -> dict:
    page.evaluate(INSTRUMENT, param)
    start, top = page.evaluate(POSITION, param)
    targets = sweep(start, top, moves)
    unit = page.locator(".touch").filter(has=page.locator(f'input[data-param="{param}"]'))
    unit.locator(f'input[data-param="{param}"]').focus()
    page.wait_for_timeout(100)
    page.evaluate(COLLECT)  # drop the focus's events and earlier messages
    visited, seen = {start}, []
    sent0, received0 = len(frames.sent), len(frames.received)
    at = start
    for target in targets:
        page.keyboard.press("ArrowRight" if target > at else "ArrowLeft")
        seen.append(target in visited)
        visited.add(target)
        at = target
        page.wait_for_timeout(GAP_MS)
    page.wait_for_timeout(40)  # the last frame
    collected = page.evaluate(COLLECT)
    events = [e for e in collected["events"] if e["kind"] == "keydown"]
    sent_during = len(frames.sent) - sent0
    received_during = len(frames.received) - received0
    result = summarise(events, seen)
    result |= {
        "keys": len(targets),
        "sent_during_moves": sent_during,
        "sent_within_pause": early_sends(events, collected["reports"]),
        "received_during_moves": received_during,
        "from": start,
        "to": at,
    }
    result |= after_pause(page, frames, param)
    return result


def pointer_moves(page: Page, frames: Frames, param: str, moves: int) -> dict | None:
    """Drag the handle that moves `param` over `moves` positions (None: no handle)."""
    unit = page.locator(".touch").filter(has=page.locator(f'input[data-param="{param}"]'))
    if not unit.locator(".picture .handle").count():
        return None
    unit.locator(".picture svg").scroll_into_view_if_needed()
    page.wait_for_timeout(200)
    drags = [d for d in page.evaluate(HANDLES, param) if d["param"] == param]
    if not drags:
        return None
    drag = drags[0]
    at_screen = drag["at"]
    start = drag["position"]
    top = len(at_screen) - 1
    # Positions the pointer can pick: at least 2 px apart along the drag's axis.
    axis = 0 if drag["axis"] == "x" else 1
    hx, hy = at_screen[start]
    page.evaluate(INSTRUMENT, param)
    page.mouse.move(hx, hy)
    page.mouse.down()
    page.wait_for_timeout(100)
    page.evaluate(COLLECT)
    visited, seen = {start}, []
    sent0, received0 = len(frames.sent), len(frames.received)
    at, skipped = start, 0
    for target in sweep(start, top, moves):
        point = at_screen[target]
        if point is None or abs(point[axis] - at_screen[at][axis]) < 2:
            skipped += 1  # too close to its neighbour for a pointer: not a sample
            continue
        x, y = (point[0], hy) if axis == 0 else (hx, point[1])
        page.mouse.move(x, y)
        seen.append(target in visited)
        visited.add(target)
        at = target
        page.wait_for_timeout(GAP_MS)
    page.wait_for_timeout(40)
    collected = page.evaluate(COLLECT)
    events = [e for e in collected["events"] if e["kind"] == "pointermove"]
    sent_during = len(frames.sent) - sent0
    received_during = len(frames.received) - received0
    page.mouse.up()
    result = summarise(events, seen)
    result |= {
        "pointer_moves": len(events),
        "sent_within_pause": early_sends(events, collected["reports"]),
        "positions_too_close": skipped,
        "sent_during_moves": sent_during,
        "received_during_moves": received_during,
        "from": start,
        "to": at,
    }
    result |= after_pause(page, frames, param)
    return result


def measure_page(browser, base: str, view: View, moves: int, measured: set[str]) -> dict:
    """Every range input of every touch unit at `view`, except the params in `measured`
    (a unit seen on an earlier view of the same page); adds the ones it measures."""
    context = browser.new_context(viewport=LAPTOP, device_scale_factor=1)
    page = context.new_page()
    frames = Frames(page)  # before the page opens
    page.set_default_timeout(60_000)
    open_page(page, base, view.path)
    page.wait_for_timeout(500)
    units = [unit for unit in page.evaluate(UNITS) if not set(unit["params"]) <= measured]
    # Idle control: frames the page sends in 2 s with nobody touching it.
    idle0 = len(frames.sent)
    page.wait_for_timeout(2000)
    report: dict = {
        "page": view.path,
        "primary": PRIMARY.get(view.page, "") if view.path == view.page else "",
        "units": units,
        "idle_frames_sent_2s": len(frames.sent) - idle0,
        "load_before": load(),
        "controls": [],
    }
    for unit in units:
        for param in unit["params"]:
            keys = keyboard_moves(page, frames, param, moves)
            pointer = pointer_moves(page, frames, param, moves)
            report["controls"].append({"param": param, "keyboard": keys, "pointer": pointer})
            measured.add(param)
    report["load_after"] = load()
    context.close()
    return report


def print_report(results: dict) -> None:
    print(f"\ntouch units, {results['date']}, {results['machine']}, {results.get('chromium', '')}")
    print(f"load average at start {results['load_start']}, at end {results['load_end']}")
    print(
        f"{'page':22} {'param':9} {'how':8} {'n':>3} {'redrawn':>7} {'p95':>5} {'DOM':>5} "
        f"{'frame':>6} {'p95':>5} {'1st/again':>9} {'both':>5} {'sent':>4} {'pause':>5} "
        f"{'answer':>7} {'unit':>6} {'URL':>7}  load"
    )
    for page in results["pages"]:
        if not page["units"]:
            print(f"{page['page']:22} {'':9} not a touch unit yet")
            continue
        sizes = {p: u["json_bytes"] for u in page["units"] for p in u["params"]}
        for control in page["controls"]:
            for how in ("keyboard", "pointer"):
                r = control[how]
                label = f"{page['page']:22} {control['param']:9} {how:8}"
                if r is None:
                    print(f"{label} (no drag handle)")
                    continue
                d, f = r["redrawn"], r["frame"]
                if not d["n"]:
                    print(f"{label}   0 (nothing moved)")
                    continue
                split = "/".join(
                    f"{r[k]['median_ms']:.1f}" if r[k]["n"] else "-"
                    for k in ("first_visits", "revisits")
                )
                both = min(r["picture_changed"], r["numbers_changed"])
                sent = str(r["sent_during_moves"])
                if r["sent_during_moves"] and not r["sent_within_pause"]:
                    sent += "p"  # each after a gap >= the pause: the harness was slow
                pause = "+".join(str(b) for b in r["sent_bytes_after_pause"]) or "-"
                print(
                    f"{label} {d['n']:>3} {d['median_ms']:>7.1f} {d['p95_ms']:>5.1f} "
                    f"{r['dom']['median_ms']:>5.1f} "
                    f"{f.get('median_ms', float('nan')):>6.1f} {f.get('p95_ms', float('nan')):>5.1f} "
                    f"{split:>9} {both:>5} {sent:>4} {pause:>5} "
                    f"{r['received_bytes_after_pause']:>7} {sizes.get(control['param']) or 0:>6} "
                    f"{r['url_value'] or '(none)':>7}  {page['load_after']}"
                )
    print(
        "\nredrawn: event -> the picture and the numbers changed and laid out (median, p95 ms; "
        "target median <= 16.7); DOM: -> last DOM change; frame: -> after the next frame was "
        "painted (includes the wait for it); 1st/again: redrawn medians of first visits / "
        "revisits (formulas typeset / cached); both: moves that changed the picture and the "
        "numbers; sent: websocket frames sent during the moves (target 0; 'p': each came "
        "after the harness paused >= 350 ms between two moves, so the unit rightly reported); "
        "pause: bytes sent after the pause; answer: bytes received until idle; unit: the unit's JSON bytes; "
        "URL: ?param= after the pause ((none): not in the address bar, the default position)"
    )
    misses = [
        f"{p['page']} {c['param']} {how}"
        for p in results["pages"]
        for c in p["controls"]
        for how in ("keyboard", "pointer")
        if c[how]
        and (c[how]["sent_within_pause"] or c[how]["redrawn"].get("median_ms", 0) > FRAME_MS)
    ]
    waiting = [p["page"] for p in results["pages"] if not p["units"]]
    print("targets (median <= 16.7 ms, nothing sent before a pause):", misses or "met")
    if waiting:
        print("not a touch unit yet:", ", ".join(waiting))


def markdown(results: dict) -> str:
    """The figures as the Markdown table benchmarks/README.md keeps."""
    lines = [
        "| page | control | positions | unit JSON | keys: redrawn median / p95 ms | next frame "
        "median | pointer: redrawn median / p95 ms | frames sent during the moves | after the "
        "pause: sent / received | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page in results["pages"]:
        if not page["units"]:
            lines.append(f"| {page['page']} | not a touch unit yet | | | | | | | | |")
            continue
        positions = {
            p: (n, u["json_bytes"])
            for u in page["units"]
            for p, n in zip(u["params"], u["positions"], strict=True)
        }
        for control in page["controls"]:
            keys, pointer = control["keyboard"], control["pointer"]
            n, size = positions[control["param"]]
            drag = (
                f"{pointer['redrawn']['median_ms']:.1f} / {pointer['redrawn']['p95_ms']:.1f}"
                if pointer and pointer["redrawn"]["n"]
                else "no handle"
            )
            sent = (
                f"{keys['sent_during_moves']} / {pointer['sent_during_moves'] if pointer else '-'}"
            )
            lines.append(
                f"| {page['page']} | {control['param']} | {n} | {size / 1000:.1f} kB | "
                f"{keys['redrawn']['median_ms']:.1f} / {keys['redrawn']['p95_ms']:.1f} | "
                f"{keys['frame']['median_ms']:.1f} | {drag} | {sent} | "
                f"{sum(keys['sent_bytes_after_pause'])} B / "
                f"{keys['received_bytes_after_pause'] / 1000:.1f} kB | {page['load_after']} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=MOVES, help="moves per control and way")
    parser.add_argument("--pages", nargs="*", help="url paths (default: every page)")
    parser.add_argument("--out", default="touch_moves.json", help="file in benchmarks/results/")
    parser.add_argument("--markdown", type=Path, help="print this results file as Markdown, only")
    args = parser.parse_args()
    if args.markdown:
        print(markdown(json.loads(args.markdown.read_text())))
        return 0
    visits = views(args.pages)
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{os.cpu_count()} CPUs",
        "moves": args.moves,
        "gap_ms": GAP_MS,
        "load_start": load(),
        "pages": [],
    }
    port = free_port()
    server = start_server(port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
            )
            results["chromium"] = browser.version
            base = f"http://127.0.0.1:{port}"
            measured: dict[str, set[str]] = {}  # params measured on each page
            for view in visits:
                done = measured.setdefault(view.page, set())
                report = measure_page(browser, base, view, args.moves, done)
                if report["units"] or not view.opened:
                    results["pages"].append(report)
                print(f"  {view.path} done (load {load()})", flush=True)
            browser.close()
    finally:
        stop_server(server)
    results["load_end"] = load()
    print_report(results)
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {(out / args.out).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
