"""The expression worker: time limit by killing a process, recovery, cache, admission cap."""

import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sympy

from core import expression_worker as worker
from core import worker_pool
from core.expressions import X
from core.limits import (
    EXPRESSION_QUEUE_WAIT_SECONDS,
    EXPRESSION_TIME_LIMIT_SECONDS,
    MAX_CONCURRENT_EXPRESSION_JOBS,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fresh_cache():
    worker.clear_cache()
    yield
    worker.clear_cache()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a killed child that was not reaped yet is a zombie: gone for our purposes
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_analyse_the_notes_product_example():
    analysis = worker.analyse("x*exp(x)")
    assert analysis.ok and not analysis.too_expensive
    assert analysis.text == "x*exp(x)"
    assert analysis.derivative_latex == r"\left(x + 1\right) e^{x}"
    assert analysis.function_latex == r"x e^{x}"
    assert analysis.derivation.result == (X + 1) * sympy.exp(X)
    assert [(s.depth, s.rule) for s in analysis.steps] == [(0, "product"), (1, "power"), (1, "exp")]


def test_analysis_is_picklable_and_frozen():
    analysis = worker.analyse("exp(2x)")
    again = pickle.loads(pickle.dumps(analysis))
    assert again.expression == analysis.expression
    assert again.derivation.result == 2 * sympy.exp(2 * X)
    with pytest.raises(AttributeError):
        analysis.error = "changed"


def test_unreadable_text_is_answered_without_a_worker_round_trip():
    started = time.perf_counter()
    analysis = worker.analyse("2y")
    assert analysis.error == "unknown name 'y': use x as the variable"
    assert not analysis.too_expensive
    assert time.perf_counter() - started < 0.05


def test_repeated_requests_are_cached_on_the_canonical_text():
    first = worker.analyse("2x + sin(x)")
    started = time.perf_counter()
    second = worker.analyse(" 2*x+sin(x) ")
    assert second is first
    assert time.perf_counter() - started < 0.05


def test_the_notes_hanging_input_is_too_expensive_within_the_limit():
    started = time.perf_counter()
    analysis = worker.analyse("sin(sin(3 + exp(exp(exp(3)))))")
    assert analysis.too_expensive
    assert "too large" in analysis.error
    assert time.perf_counter() - started < EXPRESSION_TIME_LIMIT_SECONDS


def test_an_overrunning_job_is_killed_at_the_limit_and_the_next_request_works(monkeypatch):
    # Any CPU use counts as computing here (see test_expression_worker_stall.py for stalls).
    monkeypatch.setattr(worker_pool, "TIMEOUT_MIN_CPU_FRACTION", 0.0)
    worker.analyse("x")  # a warm worker
    before = set(worker.worker_pids())
    started = time.perf_counter()
    status, _ = worker.run_job("pause", 20)
    elapsed = time.perf_counter() - started
    assert status == "timeout"
    assert EXPRESSION_TIME_LIMIT_SECONDS <= elapsed < EXPRESSION_TIME_LIMIT_SECONDS + 1.5
    for pid in before - set(worker.worker_pids()):
        assert not alive(pid)
    assert worker.analyse("x^3").derivative_latex == "3 x^{2}"


def test_a_worker_killed_in_the_middle_of_a_request_gives_a_friendly_answer_then_recovers():
    worker.analyse("x")
    outcome = {}
    request = threading.Thread(target=lambda: outcome.update(r=worker.run_job("pause", 1.5)))
    request.start()
    deadline = time.monotonic() + 10
    while not worker.worker_pids(busy_only=True) and time.monotonic() < deadline:
        time.sleep(0.01)
    victim = worker.worker_pids(busy_only=True)[0]
    os.kill(victim, signal.SIGKILL)
    request.join(10)
    assert outcome["r"] == ("stopped", None)
    assert victim not in worker.worker_pids()
    assert worker.analyse("ln(x)/x").ok


def test_analyse_reports_a_killed_worker_with_the_friendly_message(monkeypatch):
    monkeypatch.setattr(worker, "run_job", lambda job, argument: ("stopped", None))
    analysis = worker.analyse("x^2 + 5")
    assert analysis.error == worker.WORKER_STOPPED_MESSAGE
    assert not analysis.too_expensive
    monkeypatch.undo()
    assert worker.analyse("x^2 + 5").ok  # the failure was not cached


def test_analyse_reports_a_timeout_as_too_expensive(monkeypatch):
    monkeypatch.setattr(worker, "run_job", lambda job, argument: ("timeout", None))
    analysis = worker.analyse("x^2 + 6")
    assert analysis.too_expensive
    assert analysis.error == worker.TOO_EXPENSIVE_MESSAGE


def test_no_more_than_the_cap_of_jobs_run_at_once():
    worker.analyse("x")
    pause = EXPRESSION_QUEUE_WAIT_SECONDS + 1.5
    holders = [
        threading.Thread(
            target=worker.run_job, args=("pause", pause), kwargs={"timeout": pause + 2}
        )
        for _ in range(MAX_CONCURRENT_EXPRESSION_JOBS)
    ]
    for thread in holders:
        thread.start()
    deadline = time.monotonic() + 10
    while (
        len(worker.worker_pids(busy_only=True)) < MAX_CONCURRENT_EXPRESSION_JOBS
        and time.monotonic() < deadline
    ):
        time.sleep(0.01)
    analysis = worker.analyse("x^2 + 7")
    assert analysis.error == worker.BUSY_MESSAGE
    for thread in holders:
        thread.join()
    assert worker.analyse("x^2 + 7").ok


def test_check_equivalent_runs_the_typed_answer_check_in_the_worker():
    expected = 2 * sympy.exp(2 * X)
    assert worker.check_equivalent("2 e^(2x)", expected)[0]
    correct, message = worker.check_equivalent("2e^x", expected)
    assert not correct and "Not quite" in message
    correct, message = worker.check_equivalent("9^9^9", expected)
    assert not correct and "could not be read" in message


def run_python(script: str) -> subprocess.CompletedProcess:
    """Run `script` in a fresh interpreter with the project on its path."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_workers_are_gone_when_the_interpreter_exits():
    script = (
        "from core import expression_worker as w\n"
        "if __name__ == '__main__':\n"
        "    assert w.analyse('x*exp(x)').ok\n"
        "    print(' '.join(map(str, w.worker_pids())), flush=True)\n"
    )
    done = run_python(script)
    assert done.returncode == 0, done.stderr
    pids = [int(p) for p in done.stdout.split()]
    assert pids
    time.sleep(0.5)
    assert not any(alive(pid) for pid in pids)


def test_a_new_worker_does_not_run_the_apps_entry_script_again(tmp_path):
    # Under `streamlit run`, __main__ is the app's entry script, and multiprocessing would have
    # every new worker import it again: the whole app in each worker, and "missing
    # ScriptRunContext" twenty times in the server's log.
    ran = tmp_path / "entry-script-ran"
    entry = tmp_path / "app_entry.py"
    entry.write_text(f"open({str(ran)!r}, 'a').write('ran')\n")
    script = (
        "import sys, types\n"
        "from core import expression_worker as w\n"
        "main = types.ModuleType('__main__')\n"
        f"main.__file__ = {str(entry)!r}\n"
        "sys.modules['__main__'] = main\n"
        "assert w.analyse('x*exp(x)').ok\n"
        "assert sys.modules['__main__'] is main\n"
    )
    done = run_python(script)
    assert done.returncode == 0, done.stderr
    assert not ran.exists()


def test_workers_run_at_a_lower_cpu_priority_than_the_server():
    from core.limits import WORKER_NICE_INCREMENT

    worker.analyse("x")
    own = os.getpriority(os.PRIO_PROCESS, 0)
    for pid in worker.worker_pids():
        assert os.getpriority(os.PRIO_PROCESS, pid) >= min(own + WORKER_NICE_INCREMENT, 19)
