"""Bytes on the wire: what a learner's browser downloads over the websocket for a page's first
load, and for the answer to a touch unit's pause, with websocket compression off and on
(permessage-deflate, `server.enableWebsocketCompression` in .streamlit/config.toml).

    .venv/bin/python benchmarks/wire_bytes.py [--pages log-loss rules]

Playwright and the DevTools report websocket payloads after decompression, so this script
counts the TCP stream itself: Chromium talks to the server through a small counting proxy, and
the bytes the server sends on the websocket connection (the one that asks for /_stcore/stream)
are added up. For each page, in a fresh browser context: open it and wait until it is quiet
(first load), then press ArrowRight twice on its first touch unit's input and wait past the
pause (the answer). Prints kB per page and mode; writes benchmarks/results/wire_bytes.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from harness.chromium import LAPTOP, LAUNCH_ARGS, chromium_path, open_page, wait_for_idle  # noqa: E402
from harness.server import free_port, start_server, stop_server  # noqa: E402
from harness.views import views  # noqa: E402

SETTING = "STREAMLIT_SERVER_ENABLE_WEBSOCKET_COMPRESSION"
PAUSE_MS = 350  # dashboard/touch_js.py


class CountingProxy:
    """A TCP proxy on its own thread; `down` counts what the server sent on websockets."""

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self.port = free_port()
        self.down = 0
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait(10)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._client, "127.0.0.1", self.port)
        )
        ready.set()
        self.loop.run_forever()
        server.close()

    async def _client(self, reader, writer) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream)
        first = await reader.read(65536)
        websocket = b"/_stcore/stream" in first.split(b"\r\n", 1)[0]
        up_writer.write(first)

        async def pipe(source, sink, count: bool) -> None:
            try:
                while data := await source.read(65536):
                    if count:
                        self.down += len(data)
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                sink.close()

        await asyncio.gather(pipe(reader, up_writer, False), pipe(up_reader, writer, websocket))


def measure(browser, base: str, path: str, proxy: CountingProxy) -> dict:
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    proxy.down = 0
    open_page(page, base, path)
    page.wait_for_timeout(500)
    wait_for_idle(page)
    first = proxy.down
    answer = None
    knob = page.locator('.touch input[type="range"]').first
    if knob.count():
        knob.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        proxy.down = 0
        page.wait_for_timeout(PAUSE_MS + 400)
        wait_for_idle(page)
        page.wait_for_timeout(300)
        answer = proxy.down
    context.close()
    return {"first_load": first, "pause_answer": answer}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", help="url paths (default: every lesson page)")
    args = parser.parse_args()
    visits = [v for v in views(args.pages) if not v.opened]
    results: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "pages": {}}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
        )
        for mode in ("off", "on"):
            os.environ[SETTING] = "true" if mode == "on" else "false"
            port = free_port()
            server = start_server(port)
            proxy = CountingProxy(port)
            try:
                base = f"http://127.0.0.1:{proxy.port}"
                measure(browser, base, visits[0].path, proxy)  # warm-up: imports, caches
                for view in visits:
                    got = measure(browser, base, view.path, proxy)
                    results["pages"].setdefault(view.path, {})[mode] = got
                    print(f"{view.path:24} compression {mode:3} {got}", flush=True)
            finally:
                stop_server(server)
                proxy.loop.call_soon_threadsafe(proxy.loop.stop)
        browser.close()
    print(f"\n{'page':24} {'first load kB off':>18} {'on':>8} {'pause kB off':>13} {'on':>8}")
    for path, modes in results["pages"].items():
        off, on = modes["off"], modes["on"]
        pause = (
            f"{off['pause_answer'] / 1000:13.1f} {on['pause_answer'] / 1000:8.1f}"
            if off["pause_answer"] is not None and on["pause_answer"] is not None
            else f"{'-':>13} {'-':>8}"
        )
        print(f"{path:24} {off['first_load'] / 1000:18.1f} {on['first_load'] / 1000:8.1f} {pause}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "wire_bytes.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
