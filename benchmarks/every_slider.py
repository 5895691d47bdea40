"""Every Streamlit slider of every page against the framework floor, one slider at a time.

`benchmarks/run.py` moves each page's first two sliders; issue 20's target is about every
slider that remains. This script opens each page (and each rule's tab on Rules, through its
`?rule=` link; then the page with its link-bound sections open, `benchmarks/views.py`), finds
every slider the learner can see, and for each one measures, in rounds
that alternate the order: the floor app, then this tree (and, with `--before`, another tree,
e.g. a `git worktree` of an earlier commit). Timing as in `run.py`: keydown on the thumb ->
the rerun finished and the page quiet; medians over the moves.

    .venv/bin/python benchmarks/every_slider.py [--before /tmp/tree] [--pages slopes rules]
        [--moves 8] [--rounds 2]

Prints one row per slider (median ms, the floor's median measured beside it, the ratio) and
the count of sliders within 1.3x the floor; writes benchmarks/results/every_slider.json.
A slider inside a closed expander is not visible and is listed as not moved. On a page opened
with its link-bound sections, only the sliders not seen at its defaults are measured (there,
with more of the page built, every move costs a little more).
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

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from benchmarks.run import time_moves  # noqa: E402
from harness.chromium import LAPTOP, LAUNCH_ARGS, chromium_path, open_page  # noqa: E402
from harness.server import free_port, start_server, stop_server  # noqa: E402
from harness.views import views  # noqa: E402

TARGET = 1.3
SLIDER = '[data-testid="stSlider"]'


def visible_sliders(browser: Browser, base: str, path: str) -> list[tuple[int, str]]:
    """(index, label) of each slider the learner can see on the page, in page order."""
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    open_page(page, base, path)
    sliders = page.locator(SLIDER)
    found = []
    for index in range(sliders.count()):
        label = sliders.nth(index).inner_text().split("\n")[0].strip()[:40]
        found.append((index, label if sliders.nth(index).is_visible() else f"{label} (hidden)"))
    context.close()
    return found


def samples(browser: Browser, base: str, path: str, index: int, moves: int) -> list[float]:
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    open_page(page, base, path)
    times = time_moves(page, index, moves)
    context.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another tree to measure beside this one")
    parser.add_argument("--pages", nargs="*", help="url paths (default: every lesson page)")
    parser.add_argument("--moves", type=int, default=8, help="moves per slider per round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    servers = []
    rows = []
    counted: dict[str, int] = {}  # the sliders found in each view, moved or not
    started = time.strftime("%Y-%m-%d %H:%M")
    load_start = os.getloadavg()
    try:
        floor_port = free_port()
        servers.append(start_server(floor_port, "benchmarks/floor_app.py"))
        trees = {}
        for name, root in (("after", ROOT), ("before", args.before)):
            if root is not None:
                port = free_port()
                servers.append(start_server(port, cwd=root))
                trees[name] = f"http://127.0.0.1:{port}"
        floor = f"http://127.0.0.1:{floor_port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
            )
            measured_below = set()  # Rules' calculator is below every tab: measured once
            seen: dict[str, set[str]] = {}  # labels measured at each page's defaults
            for view in views(args.pages):
                name, path = view.path, view.path
                found = visible_sliders(browser, trees["after"], path)
                counted[path] = len(found)
                print(f"{name:24} {len(found)} Streamlit slider(s) on the page", flush=True)
                for index, label in found:
                    if view.opened and label in seen.get(view.page, set()):
                        continue
                    if not view.opened:
                        seen.setdefault(view.page, set()).add(label)
                    row = {"page": name, "slider": label, "index": index}
                    # the calculator's sliders are the last on every tab (counted from the end)
                    below = (name.split("?")[0], label, len(found) - index)
                    if name.startswith("rules?") and below in measured_below:
                        continue
                    if name.startswith("rules?") and label.startswith("Point x"):
                        measured_below.add(below)
                    if label.endswith("(hidden)"):
                        rows.append(row)
                        print(f"{name:24} {label:42} not moved", flush=True)
                        continue
                    got: dict[str, list[float]] = {"floor": [], **{t: [] for t in trees}}
                    for round_index in range(args.rounds):
                        got["floor"] += samples(browser, floor, "", 0, args.moves)
                        order = list(trees) if round_index % 2 == 0 else list(trees)[::-1]
                        for tree in order:
                            got[tree] += samples(browser, trees[tree], path, index, args.moves)
                    for key, values in got.items():
                        row[f"{key}_ms"] = statistics.median(values) if values else None
                    if row["after_ms"] and row["floor_ms"]:
                        row["ratio"] = row["after_ms"] / row["floor_ms"]
                    if row.get("before_ms") and row["after_ms"]:
                        row["after_over_before"] = row["after_ms"] / row["before_ms"]
                    rows.append(row)
                    print(_line(row), flush=True)
            browser.close()
    finally:
        for server in servers:
            stop_server(server)
    moved = [row for row in rows if row.get("ratio")]
    within = [row for row in moved if row["ratio"] <= TARGET]
    print(f"\n{sum(counted.values())} Streamlit sliders in {len(counted)} views")
    print(f"{len(within)} of {len(moved)} sliders within {TARGET}x the floor")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "every_slider.json").write_text(
        json.dumps(
            {
                "date": started,
                "load_start": load_start,
                "load_end": os.getloadavg(),
                "sliders_per_view": counted,
                "rows": rows,
            },
            indent=2,
        )
    )


def _line(row: dict) -> str:
    text = f"{row['page']:24} {row['slider']:42} {row['after_ms']:6.0f} ms"
    text += f"  floor {row['floor_ms']:4.0f}  x{row.get('ratio', float('nan')):.2f}"
    if row.get("before_ms"):
        text += f"  before {row['before_ms']:6.0f}  after/before {row['after_over_before']:.2f}"
    return text


if __name__ == "__main__":
    main()
