"""First load of each page: a new learner opens it, until the first run is drawn (issue 20).

    git worktree add /tmp/before 153fd41~1      # the tree to compare with
    .venv/bin/python benchmarks/first_load.py --before /tmp/before --rounds 5

Starts a real server per tree (this one, and --before's if given, both with this venv) and,
after one warm-up visit of every page per tree (imports, `st.cache_data`), opens each page
ROUNDS times per tree in a fresh browser context (empty cache, like a new learner), the trees
alternating (A B, B A, ...). Measured in the page: an init script's MutationObserver on the
whole document notes the last DOM change; the load is over once Streamlit says the script has
finished and nothing has changed for QUIET_MS. First load = that last change, in ms from the
navigation's start (`performance.now()`'s origin). The bytes the websocket brought are
counted too (the touch unit's code and its rows travel there).

Prints medians per page and tree and the ratio (target: no slower than 1.3x), and writes
benchmarks/results/first_load.json.
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

from playwright.sync_api import sync_playwright  # noqa: E402

from dashboard.site import registered_pages  # noqa: E402
from harness.chromium import IDLE, LAPTOP, LAUNCH_ARGS, chromium_path  # noqa: E402
from harness.server import free_port, start_server, stop_server  # noqa: E402

QUIET_MS = 750
TARGET = 1.3

WATCH = """
(() => {
  window.__firstLoad = {last: 0, changes: 0};
  const start = () => {
    new MutationObserver(() => {
      window.__firstLoad.last = performance.now();
      window.__firstLoad.changes += 1;
    }).observe(document.documentElement, {subtree: true, childList: true, characterData: true,
                                          attributes: true});
  };
  if (document.documentElement) start();
  else document.addEventListener('readystatechange', start, {once: true});
})();
"""
DONE = f"""() => document.querySelector('{IDLE}') !== null
  && window.__firstLoad.last > 0 && performance.now() - window.__firstLoad.last > {QUIET_MS}"""


def load() -> str:
    return "/".join(f"{v:.2f}" for v in os.getloadavg())


def first_load(browser, url: str) -> dict:
    context = browser.new_context(viewport=LAPTOP, device_scale_factor=1)
    context.add_init_script(WATCH)
    page = context.new_page()
    received: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda p: received.append(len(p))))
    page.goto(url, timeout=90_000)
    page.wait_for_function(DONE, timeout=90_000, polling=50)
    # The first run may stop and go again (a link note, a page switch): wait for idle twice.
    page.wait_for_timeout(300)
    page.wait_for_function(DONE, timeout=90_000, polling=50)
    last = page.evaluate("() => window.__firstLoad.last")
    errors = page.locator('[data-testid="stException"]').count()
    context.close()
    return {"ms": last, "ws_bytes": sum(received), "ws_frames": len(received), "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, help="another tree (a git worktree) to compare")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", nargs="*", help="url paths (default: every page)")
    parser.add_argument("--out", default="first_load.json", help="file in benchmarks/results/")
    args = parser.parse_args()
    trees = {"after": ROOT}
    if args.before:
        trees = {"before": args.before.resolve(), "after": ROOT}
    specs = [s for s in registered_pages() if not args.pages or s.url_path in args.pages]
    paths = {s.url_path: "" if s.default else s.url_path for s in specs}
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "trees": {name: str(path) for name, path in trees.items()},
        "rounds": args.rounds,
        "load_start": load(),
        "samples": {name: {page: [] for page in paths} for name in trees},
    }
    servers, bases = [], {}
    try:
        for name, tree in trees.items():
            port = free_port()
            servers.append(start_server(port, cwd=tree))
            bases[name] = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
            )
            for name in trees:  # warm-up: imports and caches, not counted
                for path in paths.values():
                    first_load(browser, f"{bases[name]}/{path}")
            for r in range(args.rounds):
                for page, path in paths.items():
                    order = list(trees) if r % 2 == 0 else list(reversed(trees))
                    for name in order:
                        sample = first_load(browser, f"{bases[name]}/{path}")
                        results["samples"][name][page].append(sample)
                print(f"  round {r + 1} done (load {load()})", flush=True)
            browser.close()
    finally:
        for server in servers:
            stop_server(server)
    results["load_end"] = load()
    rows = []
    for page in paths:
        row = {"page": page}
        for name in trees:
            samples = results["samples"][name][page]
            row[f"{name}_ms"] = statistics.median(s["ms"] for s in samples)
            row[f"{name}_ws_kb"] = statistics.median(s["ws_bytes"] for s in samples) / 1000
            row[f"{name}_errors"] = sum(s["errors"] for s in samples)
        if "before" in trees:
            row["ratio"] = row["after_ms"] / row["before_ms"]
        rows.append(row)
    results["pages"] = rows
    print_report(results, list(trees))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / args.out).write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {(out / args.out).relative_to(ROOT)}")
    return 0


def print_report(results: dict, names: list[str]) -> None:
    print(f"\nfirst load, {results['date']}, medians of {results['rounds']} per page and tree")
    print(f"load average at start {results['load_start']}, at end {results['load_end']}")
    head = f"{'page':22}" + "".join(f" {n + ' ms':>10} {n + ' ws kB':>14}" for n in names)
    print(head + (f" {'ratio':>6}" if "before" in names else ""))
    for row in results["pages"]:
        line = f"{row['page']:22}" + "".join(
            f" {row[f'{n}_ms']:>10.0f} {row[f'{n}_ws_kb']:>14.1f}" for n in names
        )
        if "ratio" in row:
            flag = "" if row["ratio"] <= TARGET else "  over 1.3x"
            line += f" {row['ratio']:>6.2f}{flag}"
        print(line)


if __name__ == "__main__":
    raise SystemExit(main())
