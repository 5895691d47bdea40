"""What one hostile message costs the server (issue 19, defects 1 and 2): `python -m
benchmarks.hostile_cost`.

1. Editor CPU per message. A websocket client sends, as a data editor's state, N added rows
   (N = 2,000 and 9,000) and the server's CPU time for that one rerun is read from /proc
   (all its threads). "before": Streamlit's own `st.data_editor(num_rows="dynamic")` (the
   test page's `?raw=1`); "after": dashboard.tables' bounded editor; and the regression
   page's own editor (`?data=own`) when it has one.
2. Memory through large values. 16 sessions each send a 15 MB value for a text box and keep
   their sockets open; the server's resident memory (with its workers) is read before and
   after. "before": Streamlit's defaults (maxMessageSize 200 MB, maxWidgetStateSize 25 MB);
   "after": the app's .streamlit/config.toml.

Prints JSON and writes benchmarks/results/hostile_cost.json; exits 1 if an "after" message
costs more than MAX_CPU_SECONDS or the 16 sessions grow the server by more than 100 MB.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from benchmarks.protocol import StreamlitClient  # noqa: E402
from benchmarks.run import group_rss_mb  # noqa: E402
from harness.server import free_port, stop_server  # noqa: E402

EDITOR_APP = "tests/browser/apps/editor_app.py"
MAX_CPU_SECONDS = 1.0
MAX_GROWTH_MB = 100.0
SESSIONS = 16
LARGE_VALUE_MB = 15
OLD_DEFAULTS = ["--server.maxMessageSize", "200", "--server.maxWidgetStateSize", "25"]


def start(entry: str, extra: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    (ROOT / ".pytest_cache").mkdir(exist_ok=True)
    log = open(ROOT / f".pytest_cache/hostile-cost-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", entry, "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"]
        + (extra or []),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, base
        except OSError:
            time.sleep(0.3)
    stop_server(process)
    raise RuntimeError("the server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def added_rows(n: int, columns: tuple[str, str]) -> str:
    x, y = columns
    return json.dumps({"added_rows": [{x: i, y: 100.0 * i} for i in range(n)]})


async def editor_message_cost(
    base: str, pid: int, path: str, query: str, rows: int, columns: tuple[str, str]
) -> dict:
    async with StreamlitClient(base, timeout=300) as client:
        opened = await client.open(path, query)
        editor = next(wid for kind, wid, _ in opened.widgets if kind == "dataframe")
        state = WidgetState(id=editor)
        state.string_value = added_rows(rows, columns)
        await asyncio.sleep(0.5)  # let the first run's leftovers finish
        before = cpu_seconds(pid)
        rerun = await client.send_states([state])
        spent = cpu_seconds(pid) - before
        again = cpu_seconds(pid)
        await client.open(path, query)  # a later rerun: does the session pay again?
        return {
            "rows": rows,
            "message_kb": round(len(state.string_value) / 1000),
            "cpu_seconds": round(spent, 2),
            "wall_seconds": round(rerun.seconds, 2),
            "next_rerun_cpu_seconds": round(cpu_seconds(pid) - again, 2),
            "ok": rerun.ok,
            "exceptions": len(rerun.exceptions),
        }


def editor_costs() -> dict:
    results: dict[str, list[dict]] = {}
    process, base = start(EDITOR_APP)
    try:
        for label, query in (("after", ""),):
            results[label] = [
                asyncio.run(
                    editor_message_cost(base, process.pid, "", query, n, ("bedrooms", "price"))
                )
                for n in (2_000, 9_000)
            ]
    finally:
        stop_server(process)
    # "before" on a server of its own: importing dashboard.tables changes the whole process.
    process, base = start(EDITOR_APP)
    try:
        results["before"] = [
            asyncio.run(
                editor_message_cost(base, process.pid, "", "raw=1", n, ("bedrooms", "price"))
            )
            for n in (2_000, 9_000)
        ]
    finally:
        stop_server(process)
    process, base = start("streamlit_app.py")
    try:
        results["regression_page"] = [
            asyncio.run(
                editor_message_cost(
                    base, process.pid, "regression", "data=own", n, ("bedrooms", "price")
                )
            )
            for n in (2_000, 9_000)
        ]
    except StopIteration:
        results["regression_page"] = []
    finally:
        stop_server(process)
    return results


async def hold_large_value(base: str, megabytes: int) -> str:
    client = StreamlitClient(base, timeout=120)
    await client.__aenter__()
    opened = await client.open("")
    box = next(wid for kind, wid, _ in opened.widgets if kind == "text_input")
    state = WidgetState(id=box)
    state.string_value = "x" * (megabytes * 1_000_000)
    try:
        await client.send_states([state])
        outcome = "kept"
    except Exception as error:  # noqa: BLE001 - the server closed the socket
        outcome = f"refused ({type(error).__name__})"
    _OPEN.append(client)
    return outcome


_OPEN: list[StreamlitClient] = []


async def memory_with_sessions(base: str, pid: int) -> dict:
    warm = StreamlitClient(base)
    await warm.__aenter__()
    await warm.open("")
    await asyncio.sleep(1.0)
    rss_before = group_rss_mb(pid)
    outcomes = [await hold_large_value(base, LARGE_VALUE_MB) for _ in range(SESSIONS)]
    await asyncio.sleep(2.0)
    rss_after = group_rss_mb(pid)
    for client in [*_OPEN, warm]:
        try:
            await client.__aexit__(None, None, None)
        except Exception:  # noqa: BLE001, S110 - already closed by the server
            pass
    _OPEN.clear()
    return {
        "sessions": SESSIONS,
        "value_mb": LARGE_VALUE_MB,
        "rss_before_mb": round(rss_before),
        "rss_after_mb": round(rss_after),
        "growth_mb": round(rss_after - rss_before),
        "outcomes": sorted(set(outcomes)),
    }


def memory_costs() -> dict:
    results = {}
    for label, extra in (("before", OLD_DEFAULTS), ("after", [])):
        process, base = start(EDITOR_APP, extra)
        try:
            results[label] = asyncio.run(memory_with_sessions(base, process.pid))
        finally:
            stop_server(process)
    return results


def main() -> int:
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "editor_cpu_per_message": editor_costs(),
        "memory_16_sessions": memory_costs(),
    }
    print(json.dumps(result, indent=2))
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "hostile_cost.json").write_text(json.dumps(result, indent=2))
    after = result["editor_cpu_per_message"]["after"] + result["editor_cpu_per_message"].get(
        "regression_page", []
    )
    worst = max(r["cpu_seconds"] for r in after)
    growth = result["memory_16_sessions"]["after"]["growth_mb"]
    return 0 if worst <= MAX_CPU_SECONDS and growth <= MAX_GROWTH_MB else 1


if __name__ == "__main__":
    sys.exit(main())
