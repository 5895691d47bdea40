"""Capacity of one replica, measured: memory per learner and CPU time per slider move.

    .venv/bin/python benchmarks/capacity.py            # or: make capacity
    .venv/bin/python benchmarks/capacity.py --sessions 20 --moves 10

What it does, against a real `streamlit run streamlit_app.py` on a loopback port:

1. Memory. Opens learners one by one (a headless Chromium context each) and walks each one
   through every registered page, moving a slider on each, then leaves the tab open. It reads
   the server's memory after the first learner (imports done, caches warm) and after the last;
   memory per learner is the difference divided by the number of extra learners. Memory is
   the PSS (proportional set size: shared pages split between the processes that share them)
   of the whole process tree, so the expression-worker processes count too; the RSS of the
   main process is printed beside it.
2. CPU. One learner moves every slider on every page (up to --sliders per page) --moves
   times each, waiting each time until the server has answered and the page is idle. The
   server tree's CPU time (user + system, from /proc, children included) over those moves,
   minus what the idle server burns in the same time, divided by the number of moves, is the
   CPU time per slider move. CPU time, not wall time, so a busy shared machine disturbs it
   little.
3. The same CPU measurement on benchmarks/floor_app.py (one slider, one chart: the least a
   Streamlit page can cost), to show what this machine gives at the moment.
4. The model (printed, with its assumptions): how many learners one replica with 1 CPU and
   1 GiB serves while it stays at most MAX_UTILISATION busy, and how many replicas a class
   needs.

Results are printed and written to benchmarks/results/capacity.json (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from dashboard.site import PageSpec, registered_pages  # noqa: E402
from harness.chromium import LAUNCH_ARGS, chromium_path  # noqa: E402

CHROMIUM = chromium_path()
CHROMIUM_ARGS = LAUNCH_ARGS
IDLE = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    '[data-test-script-state="notRunning"]'
)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024

# --- the model's assumptions (see deploy/README.md) ---------------------------------------------
REPLICA_MEMORY_MIB = 1024  # the container's limit
MEMORY_HEADROOM = 0.25  # kept free: an upload, a burst of expression workers, fragmentation
MOVES_PER_LEARNER_PER_SECOND = 1 / 10  # a class in an exercise: one move per learner every 10 s
OTHER_RATES = (1 / 4, 1 / 20)  # a frantic class, a thoughtful one: printed for comparison
# One replica is one Python process: concurrent reruns share its core (processor sharing), so a
# move's mean time on the server is (CPU time per move) / (1 - utilisation). At 50 % a move takes
# on average twice as long as on an idle server: the most we accept.
MAX_UTILISATION = 0.5
CLASS_SIZE = 300


# --- the server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVER_ENV: dict[str, str] = {}  # extra settings for the servers, from --env


def start_server(port: int, log: Path, script: str = "streamlit_app.py") -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless=true",
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=os.environ | SERVER_ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the server did not start; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def process_tree(root: int) -> list[int]:
    """root and all its live descendants."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    tree, frontier = [root], [root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        tree += children
        frontier = children
    return tree


def cpu_seconds(root: int) -> float:
    """User + system CPU time of the tree, including children that have already been reaped."""
    total = 0
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
        total += utime + stime + (cutime + cstime if pid == root else 0)
    return total / CLOCK_TICKS


def memory_mib(root: int) -> tuple[float, float, int]:
    """(PSS of the whole tree, RSS of the main process, number of processes), MiB."""
    pss_kib = 0
    tree = process_tree(root)
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss_kib += int(line.split()[1])
        except OSError:
            continue
    rss_kib = 0
    for line in Path(f"/proc/{root}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss_kib = int(line.split()[1])
    return pss_kib / 1024, rss_kib / 1024, len(tree)


# --- a learner --------------------------------------------------------------------------------


class Learner:
    def __init__(self, browser: Browser, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(30_000)
        self.page: Page = self.context.new_page()
        self.frames = 0
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._count))
        self.page.goto(url + "/")
        self.wait_for_idle()

    def _count(self, _payload: object) -> None:
        self.frames += 1

    def wait_for_idle(self) -> None:
        self.page.wait_for_selector(IDLE, state="attached")
        self.page.wait_for_selector('[data-testid="stSkeleton"]', state="detached")
        self.page.wait_for_timeout(100)
        self.page.wait_for_selector(IDLE, state="attached")

    def go_to(self, spec: PageSpec) -> None:
        nav = '[data-testid="stSidebarNav"] a'
        link = (
            self.page.locator(nav).first
            if spec.default
            else self.page.locator(f'{nav}[href$="/{spec.url_path}"]')
        )
        link.click()
        self.page.wait_for_timeout(200)
        self.wait_for_idle()
        if self.page.locator('[data-testid="stException"]').count():
            raise RuntimeError(f"an exception is shown on {spec.url_path}")

    def sliders(self, limit: int):
        found = self.page.locator('[data-testid="stMain"]').get_by_role("slider")
        return [found.nth(i) for i in range(min(found.count(), limit))]

    def move(self, slider, key: str) -> float | None:
        """Press key on slider; wall seconds until the server answered, None if it did not move."""
        value = "e => e.getAttribute('aria-valuetext') ?? e.value"
        before = slider.evaluate(value)
        frames = self.frames
        slider.focus()
        start = time.perf_counter()
        slider.press(key)
        if slider.evaluate(value) == before:
            return None
        deadline = time.monotonic() + 20
        while self.frames == frames:
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer a slider move within 20 s")
            self.page.wait_for_timeout(5)
        self.wait_for_idle()
        return time.perf_counter() - start

    def tour(self, moves_per_page: int = 1) -> None:
        for spec in registered_pages():
            self.go_to(spec)
            for slider in self.sliders(1):
                for n in range(moves_per_page):
                    if self.move(slider, "ArrowRight" if n % 2 == 0 else "ArrowLeft") is None:
                        self.move(slider, "ArrowLeft")


# --- measurements -----------------------------------------------------------------------------


@dataclass
class PageCpu:
    page: str
    sliders: int
    moves: int
    cpu_ms_per_move: float
    wall_ms_median: float


def settle(root: int, seconds: float = 3.0) -> tuple[float, float, int]:
    time.sleep(seconds)
    return memory_mib(root)


def idle_cpu_rate(root: int, seconds: float = 4.0) -> float:
    before = cpu_seconds(root)
    time.sleep(seconds)
    return (cpu_seconds(root) - before) / seconds


def measure_cpu(learner: Learner, root: int, moves: int, sliders_per_page: int) -> list[PageCpu]:
    idle = idle_cpu_rate(root)
    results = []
    for spec in registered_pages():
        learner.go_to(spec)
        sliders = learner.sliders(sliders_per_page)
        if not sliders:
            continue
        for slider in sliders:  # warm-up: first moves fill caches
            for key in ("ArrowRight", "ArrowLeft"):
                learner.move(slider, key)
        walls: list[float] = []
        start_cpu, start = cpu_seconds(root), time.monotonic()
        for slider in sliders:
            for n in range(moves):
                wall = learner.move(slider, "ArrowRight" if n % 2 == 0 else "ArrowLeft")
                if wall is None:  # at the end of its range: go the other way
                    wall = learner.move(slider, "ArrowLeft" if n % 2 == 0 else "ArrowRight")
                if wall is not None:
                    walls.append(wall)
        elapsed = time.monotonic() - start
        cpu = cpu_seconds(root) - start_cpu - idle * elapsed
        results.append(
            PageCpu(
                page=spec.url_path,
                sliders=len(sliders),
                moves=len(walls),
                cpu_ms_per_move=1000 * cpu / max(len(walls), 1),
                wall_ms_median=1000 * statistics.median(walls) if walls else math.nan,
            )
        )
        print(
            f"  {spec.url_path:24} {len(sliders)} slider(s) {len(walls):3} moves  "
            f"CPU {results[-1].cpu_ms_per_move:6.1f} ms/move  "
            f"wall median {results[-1].wall_ms_median:6.0f} ms",
            flush=True,
        )
    return results


# --- the model --------------------------------------------------------------------------------


def learners_per_replica(cpu_per_move: float, moves_per_second: float) -> int:
    """Learners whose moves keep one core at MAX_UTILISATION: rho = n * rate * cpu."""
    return math.floor(MAX_UTILISATION / (cpu_per_move * moves_per_second))


def model(base_mib: float, per_session_mib: float, cpu_per_move: float) -> dict[str, object]:
    usable = REPLICA_MEMORY_MIB * (1 - MEMORY_HEADROOM) - base_mib
    by_memory = math.floor(usable / max(per_session_mib, 0.01))
    by_cpu = learners_per_replica(cpu_per_move, MOVES_PER_LEARNER_PER_SECOND)
    per_replica = max(min(by_memory, by_cpu), 1)
    return {
        "learners_by_memory": by_memory,
        "learners_by_cpu": by_cpu,
        "learners_per_replica": per_replica,
        "replicas_for_class": math.ceil(CLASS_SIZE / per_replica),
        "replicas_for_class_with_one_spare": math.ceil(CLASS_SIZE / per_replica) + 1,
        "learners_by_cpu_at_other_rates": {
            f"one move every {1 / rate:.0f} s": learners_per_replica(cpu_per_move, rate)
            for rate in OTHER_RATES
        },
    }


def measure_floor(browser: Browser, workdir: Path, moves: int) -> float:
    """CPU ms per move of benchmarks/floor_app.py (one slider, one chart) on this machine now."""
    port = free_port()
    server = start_server(port, workdir / "floor.log", "benchmarks/floor_app.py")
    try:
        learner = Learner(browser, f"http://127.0.0.1:{port}")
        slider = learner.sliders(1)[0]
        for key in ("ArrowRight", "ArrowLeft"):
            learner.move(slider, key)
        idle = idle_cpu_rate(server.pid)
        start_cpu, start = cpu_seconds(server.pid), time.monotonic()
        done = 0
        for n in range(moves):
            if learner.move(slider, "ArrowRight" if n % 2 == 0 else "ArrowLeft") is not None:
                done += 1
        cpu = cpu_seconds(server.pid) - start_cpu - idle * (time.monotonic() - start)
        learner.context.close()
        return 1000 * cpu / max(done, 1)
    finally:
        stop_server(server)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=11, help="learners kept open (>= 2)")
    parser.add_argument("--moves", type=int, default=10, help="moves per slider")
    parser.add_argument("--sliders", type=int, default=3, help="sliders per page at most")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the servers, e.g. STREAMLIT_RUNNER_POST_SCRIPT_GC=false",
    )
    parser.add_argument("--out", default="capacity.json", help="file in benchmarks/results/")
    args = parser.parse_args()
    SERVER_ENV.update(item.split("=", 1) for item in args.env)

    workdir = Path(tempfile.mkdtemp(prefix="calcml-capacity-"))
    port = free_port()
    server = start_server(port, workdir / "server.log")
    url = f"http://127.0.0.1:{port}"
    report: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "machine": f"{os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}",
        "pages": [spec.url_path for spec in registered_pages()],
        "server_env": SERVER_ENV,
    }
    try:
        idle_pss, idle_rss, _ = settle(server.pid, 2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            first = Learner(browser, url)
            first.tour()
            one_pss, one_rss, one_procs = settle(server.pid)
            print(
                f"server idle: PSS {idle_pss:.0f} MiB; after 1 learner: PSS {one_pss:.0f} MiB "
                f"(main RSS {one_rss:.0f} MiB, {one_procs} processes)",
                flush=True,
            )

            print("CPU time per slider move (one learner, after a warm-up):", flush=True)
            pages = measure_cpu(first, server.pid, args.moves, args.sliders)

            learners = [first]
            for n in range(2, args.sessions + 1):
                learner = Learner(browser, url)
                learner.tour()
                learners.append(learner)
                if n in (2, 6) or n == args.sessions:
                    pss, rss, procs = settle(server.pid)
                    print(
                        f"  {n:3} learners open: PSS {pss:.0f} MiB, main RSS {rss:.0f} MiB, "
                        f"{procs} processes",
                        flush=True,
                    )
            many_pss, many_rss, _ = settle(server.pid)
            for learner in learners:
                learner.context.close()
            stop_server(server)
            print("the floor app (benchmarks/floor_app.py), same method:", flush=True)
            floor_cpu = measure_floor(browser, workdir, 2 * args.moves)
            print(
                f"  floor                    1 slider(s)  CPU {floor_cpu:6.1f} ms/move", flush=True
            )
            browser.close()
    finally:
        stop_server(server)

    extra = args.sessions - 1
    per_session = max(many_pss - one_pss, 0.0) / extra
    per_session_rss = max(many_rss - one_rss, 0.0) / extra
    all_moves = sum(p.moves for p in pages)
    mean_cpu = sum(p.cpu_ms_per_move * p.moves for p in pages) / max(all_moves, 1)
    worst_cpu = max(p.cpu_ms_per_move for p in pages)
    figures = model(one_pss, per_session, worst_cpu / 1000)
    report |= {
        "server_idle_pss_mib": round(idle_pss, 1),
        "server_one_learner_pss_mib": round(one_pss, 1),
        "server_many_learners_pss_mib": round(many_pss, 1),
        "learners_open": args.sessions,
        "pss_per_learner_mib": round(per_session, 2),
        "main_rss_per_learner_mib": round(per_session_rss, 2),
        "cpu_ms_per_move_mean": round(mean_cpu, 1),
        "cpu_ms_per_move_worst_page": round(worst_cpu, 1),
        "cpu_ms_per_move_floor_app": round(floor_cpu, 1),
        "load_average_at_end": os.getloadavg()[0],
        "per_page": [asdict(p) for p in pages],
        "assumptions": {
            "replica_memory_mib": REPLICA_MEMORY_MIB,
            "memory_headroom": MEMORY_HEADROOM,
            "moves_per_learner_per_second": MOVES_PER_LEARNER_PER_SECOND,
            "max_cpu_utilisation": MAX_UTILISATION,
            "cpu_per_move_used": "the worst page's",
            "class_size": CLASS_SIZE,
        },
        "model": figures,
    }
    out = REPO / "benchmarks" / "results" / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")

    print()
    print(
        f"memory per learner: {per_session:.2f} MiB PSS ({per_session_rss:.2f} MiB main RSS), "
        f"from {one_pss:.0f} MiB with 1 learner to {many_pss:.0f} MiB with {args.sessions}"
    )
    print(f"CPU per slider move: mean {mean_cpu:.1f} ms, worst page {worst_cpu:.1f} ms")
    print(
        f"CPU per slider move of the floor app: {floor_cpu:.1f} ms (load average now "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    print(
        f"one replica (1 CPU, {REPLICA_MEMORY_MIB} MiB): memory allows "
        f"{figures['learners_by_memory']} learners; CPU at {MAX_UTILISATION:.0%} allows "
        f"{figures['learners_by_cpu']} learners moving a slider every "
        f"{1 / MOVES_PER_LEARNER_PER_SECOND:.0f} s on the worst page "
        f"({figures['learners_by_cpu_at_other_rates']})"
    )
    print(
        f"=> {figures['learners_per_replica']} learners per replica; a class of {CLASS_SIZE} "
        f"needs {figures['replicas_for_class']} replicas "
        f"({figures['replicas_for_class_with_one_spare']} with one spare)"
    )
    print(f"written to {out.relative_to(REPO)}")
    shutil.rmtree(workdir, ignore_errors=True)  # kept, with the server logs, when a run fails
    return 0


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    raise SystemExit(main())
