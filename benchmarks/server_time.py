"""Server-side script time per slider move, per page (AppTest), with an interleaved A/B mode.

    .venv/bin/python benchmarks/server_time.py                    # every page, this tree
    .venv/bin/python benchmarks/server_time.py --pages log_loss   # some pages
    .venv/bin/python benchmarks/server_time.py --ab HEAD~3        # this tree against a commit
    .venv/bin/python benchmarks/server_time.py --browser --ab HEAD~3  # browser latency, A/B
    .venv/bin/python benchmarks/server_time.py --protocol --ab HEAD~3 # real server, A/B

Each page opens with its defaults; its first two sliders (the ones `run.py` moves in the
browser) each take MOVES single steps to values not seen before (so `st.cache_data` cannot
answer); a sample is the time of one `AppTest.run()` after a move. AppTest reruns the whole
page, while in the browser a slider reruns only its `st.fragment`, so these times are an
upper bound of the browser's server time.

`--browser` measures the browser latency instead, with `run.py`'s method (keydown to the last
DOM change, moves per slider from BENCH_MOVES), against a real server per tree and the floor
app, pages interleaved between the trees.

`--protocol` measures the server time on a real server instead (only the slider's fragment
reruns there): `run.py`'s websocket client sends a move and waits for `script_finished`.

The machine is shared and noisy: `--ab REF` checks REF out into a temporary git worktree
and alternates rounds between the two trees (A B, B A, A B, ...), each round a fresh
process, and prints medians and the ratio B/A per page. The load average is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PAGES = ["slopes", "rules", "non_differentiability", "cost_functions", "log_loss", "regression"]
SLIDERS_PER_PAGE = 2
MOVES_IN_BROWSER = int(os.environ.get("BENCH_MOVES", "10"))


def _steps(widget, moves: int) -> list:
    """`moves` values one step apart, going up from the default (down once at the top)."""
    low, high, step = widget.min, widget.max, widget.step or 1
    value, direction, out = widget.value, 1, []
    for _ in range(moves):
        if not low <= value + direction * step <= high:
            direction = -direction
            value = widget.value  # go the other way from the default: still unseen values
        value = value + direction * step
        if not low <= value <= high:
            break
        out.append(type(widget.value)(round(value, 10)))
    return out


def _option_steps(widget, moves: int) -> list:
    """The same for a select_slider: neighbouring options, up from the default first."""
    options = list(widget.options)
    start = options.index(widget.format_func(widget.value) if widget.format_func else widget.value)
    up = options[start + 1 : start + 1 + moves]
    down = options[max(0, start - (moves - len(up))) : start][::-1]
    return up + down


def _widgets(at) -> list[tuple[str, str]]:
    """(kind, key) of the page's first sliders: plain sliders first, then select_sliders."""
    found = [("slider", s.key) for s in at.slider]
    found += [("select_slider", s.key) for s in at.select_slider]
    return found[:SLIDERS_PER_PAGE]


def measure_page(page: str, moves: int) -> dict[str, list[float]]:
    """ms per rerun after each move of the page's first sliders, keyed by slider key."""
    from tests.pages.helpers import open_page

    at = open_page(f"app_pages/{page}/page.py", timeout=120)
    widgets = _widgets(at)
    times: dict[str, list[float]] = {}
    for kind, key in widgets:
        get = at.slider if kind == "slider" else at.select_slider
        widget = get(key=key)
        values = _steps(widget, moves) if kind == "slider" else _option_steps(widget, moves)
        samples = times.setdefault(key, [])
        for value in values:
            widget = get(key=key).set_value(value)
            t0 = time.perf_counter()
            widget.run()
            samples.append((time.perf_counter() - t0) * 1000)
            assert not at.exception, [e.message for e in at.exception]
    if not widgets:
        samples = times.setdefault("(rerun)", [])
        for _ in range(moves):
            t0 = time.perf_counter()
            at.run()
            samples.append((time.perf_counter() - t0) * 1000)
    return times


def browser_rounds(
    trees: dict[str, Path], pages: list[str], rounds: int, protocol: bool = False
) -> dict:
    """Browser latency (or, with `protocol`, real-server time) per page and tree,
    {name: {page: {"moves": [ms, ...]}}}."""
    from playwright.sync_api import sync_playwright

    from benchmarks.protocol import run_sync
    from benchmarks.run import _protocol_moves, slider_samples

    def samples_of(browser, base: str, path: str) -> list[float]:
        if protocol:
            return run_sync(_protocol_moves(base, path))
        return slider_samples(browser, base, path, MOVES_IN_BROWSER)[1]

    from dashboard.site import registered_pages
    from harness.chromium import LAUNCH_ARGS, chromium_path
    from harness.server import free_port, start_server, stop_server

    # app_pages/<page>/page.py (a page's folder), or app_pages/<page>.py
    paths = {
        (Path(s.script).parent.name if Path(s.script).stem == "page" else Path(s.script).stem): (
            s.url_path
        )
        for s in registered_pages()
    }
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    results: dict[str, dict] = {name: {} for name in [*trees, "(floor)"]}
    servers, bases = [], {}
    try:
        port = free_port()
        servers.append(start_server(port, "benchmarks/floor_app.py"))
        bases["(floor)"] = f"http://127.0.0.1:{port}"
        for name, root in trees.items():
            port = free_port()
            servers.append(start_server(port, cwd=root))
            bases[name] = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), headless=True, args=LAUNCH_ARGS
            )
            for r in range(rounds):
                floor = samples_of(browser, bases["(floor)"], "")
                results["(floor)"].setdefault("floor", {}).setdefault("moves", []).extend(floor)
                for page in pages:
                    order = list(trees) if r % 2 == 0 else list(reversed(trees))
                    for name in order:
                        samples = samples_of(browser, bases[name], paths[page])
                        results[name].setdefault(page, {}).setdefault("moves", []).extend(samples)
                print(f"  round {r + 1} done (load {load()})", flush=True)
            browser.close()
    finally:
        for server in servers:
            stop_server(server)
    return results


def worker(root: Path, pages: list[str], moves: int) -> None:
    os.chdir(root)
    sys.path.insert(0, str(root))
    result = {page: measure_page(page, moves) for page in pages}
    print(json.dumps(result))


def run_worker(root: Path, pages: list[str], moves: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(root)]
    command += ["--moves", str(moves), "--pages", *pages]
    out = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"worker in {root} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def merge(into: dict, result: dict) -> None:
    for page, sliders in result.items():
        for key, samples in sliders.items():
            into.setdefault(page, {}).setdefault(key, []).extend(samples)


def page_median(sliders: dict[str, list[float]]) -> float:
    return statistics.median([t for samples in sliders.values() for t in samples])


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES)
    parser.add_argument("--moves", type=int, default=15, help="moves per slider and round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per tree")
    parser.add_argument("--ab", metavar="REF", help="compare with this commit (interleaved)")
    parser.add_argument("--browser", action="store_true", help="browser latency instead")
    parser.add_argument("--protocol", action="store_true", help="real-server time instead")
    parser.add_argument("--worker", metavar="ROOT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker), args.pages, args.moves)
        return

    print(f"load average before: {load()}", flush=True)
    trees: dict[str, Path] = {"this tree": ROOT}
    scratch = None
    if args.ab:
        scratch = tempfile.mkdtemp(prefix="server-time-")
        base = Path(scratch) / "base"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(base), args.ab],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        trees = {args.ab: base, "this tree": ROOT}
    results: dict[str, dict] = {name: {} for name in trees}
    try:
        live = args.browser or args.protocol
        if live:
            results = browser_rounds(trees, args.pages, args.rounds, protocol=args.protocol)
        for r in range(0 if live else args.rounds):
            order = list(trees) if r % 2 == 0 else list(reversed(trees))
            for name in order:
                merge(results[name], run_worker(trees[name], args.pages, args.moves))
                print(f"  round {r + 1}: {name} done (load {load()})", flush=True)
    finally:
        if scratch is not None:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(Path(scratch) / "base")],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
    print(f"load average after: {load()}")
    names = list(trees)
    header = f"{'page':<24}" + "".join(f"{n[:16]:>18}" for n in names)
    if args.browser or args.protocol:
        floor = statistics.median(results["(floor)"]["floor"]["moves"])
        what = "real-server time" if args.protocol else "browser latency"
        print(f"\nmedian {what} per slider move, ms (floor {floor:.0f} ms)")
    else:
        print("\nmedian ms per slider move (AppTest, whole page rerun)")
    print(header + ("   ratio" if len(names) == 2 else ""))
    for page in args.pages:
        medians = [page_median(results[n][page]) for n in names]
        line = f"{page:<24}" + "".join(f"{m:>18.0f}" for m in medians)
        if len(medians) == 2:
            line += f"   {medians[1] / medians[0]:.2f}"
        print(line)
        for key in results[names[-1]][page]:
            per = [statistics.median(results[n][page].get(key, [0.0])) for n in names]
            print(f"  {key:<22}" + "".join(f"{m:>18.0f}" for m in per))


if __name__ == "__main__":
    main()
