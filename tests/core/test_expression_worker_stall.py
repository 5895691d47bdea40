"""A stalled worker never poisons the cache (issue 19, defect 4).

SIGSTOP stands in for a starved machine: a stopped worker is alive for `is_alive()` but
computes nothing. The pool must not hand it a job; a job that times out without the worker
computing is tried once more on a fresh worker; "too expensive" is cached only when the
worker really spent its CPU time on the job.
"""

import os
import signal
import time

import pytest
import sympy

from core import expression_worker as worker
from core import worker_pool
from core.expressions import X, expression_latex


@pytest.fixture(autouse=True)
def fresh_cache():
    worker.clear_cache()
    yield
    worker.clear_cache()


def state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def stop_idle_workers() -> list[int]:
    worker.analyse("x")  # at least one warm, idle worker
    idle = [pid for pid in worker.worker_pids() if pid not in worker.worker_pids(busy_only=True)]
    for pid in idle:
        os.kill(pid, signal.SIGSTOP)
    deadline = time.monotonic() + 10  # the signal is delivered when the kernel schedules it
    while not all(state(pid) == "T" for pid in idle) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert idle and all(state(pid) == "T" for pid in idle)
    return idle


def derivative_latex(expression: sympy.Expr) -> str:
    return expression_latex(sympy.diff(expression, X))


def test_a_stopped_idle_worker_is_never_handed_a_job() -> None:
    stopped = stop_idle_workers()
    analysis = worker.analyse("x^2 + 11x")
    assert analysis.ok, analysis.error
    assert analysis.derivative_latex == derivative_latex(X**2 + 11 * X)
    assert not set(stopped) & set(worker.worker_pids())
    assert all(state(pid) in ("gone", "Z") for pid in stopped)


def test_a_worker_stopped_during_a_job_is_retried_on_a_fresh_one_and_nothing_is_cached(
    monkeypatch,
) -> None:
    # As if the workers were stopped just after the pool checked them.
    monkeypatch.setattr(worker_pool.Worker, "answers", lambda self: True)
    stopped = stop_idle_workers()
    analysis = worker.analyse("x^3 + 12")
    assert analysis.ok, analysis.error
    assert not analysis.too_expensive
    assert analysis.derivative_latex == derivative_latex(X**3 + 12)
    assert all(state(pid) in ("gone", "Z") for pid in stopped)
    # the next learner with a new function gets an answer too
    assert worker.analyse("x^4 + 13").derivative_latex == derivative_latex(X**4 + 13)


def test_two_stalls_in_a_row_ask_the_learner_to_try_again_and_cache_nothing(monkeypatch) -> None:
    calls = []

    def stalled(self, job, argument, timeout):
        calls.append(job)
        return ("stalled", None)

    monkeypatch.setattr(worker_pool.Worker, "run", stalled)
    analysis = worker.analyse("x^2 + 14")
    assert analysis.error == worker.STALLED_MESSAGE
    assert not analysis.too_expensive
    assert calls == ["analyse", "analyse"], "tried once more, on a fresh worker"
    monkeypatch.undo()
    assert worker.analyse("x^2 + 14").ok


def test_a_timeout_is_too_expensive_only_when_the_worker_computed(monkeypatch) -> None:
    # The worker runs at a low priority on a shared machine: ask for a little CPU only.
    monkeypatch.setattr(worker_pool, "TIMEOUT_MIN_CPU_FRACTION", 0.01)
    worker.analyse("x")
    assert worker.run_job("spin", 20)[0] == "timeout"
    assert worker.run_job("pause", 20)[0] == "stalled"
    assert worker.analyse("x^2 + 15").ok
