"""SymPy work on typed text, in separate worker processes with a hard wall-clock limit.

Some short, valid-looking inputs make SymPy run for minutes, and while a thread computes a huge
integer in C it holds the GIL and stalls every other visitor. A thread cannot be stopped, so:

- the text is parsed here first (core.expressions.parse_tree: pure Python, bounded, fast); its
  canonical form is the cache key, so '2x' and '2*x' share one answer;
- the SymPy work (build, differentiate, LaTeX) runs in a worker process from a small pool; the
  caller waits at most EXPRESSION_TIME_LIMIT_SECONDS, then the worker is killed and replaced.
  The answer is "too expensive" (and cached for a while) only when the worker really spent
  that time computing: its CPU time, read from /proc, is at least TIMEOUT_MIN_CPU_FRACTION of
  the limit. A worker that did not compute (stopped, or starved on a busy machine) is killed
  and the job tried once more on a fresh worker; if that one stalls too, the learner is asked
  to try again and nothing is cached;
- an idle worker that cannot answer (stopped or a zombie, which `is_alive()` does not see) is
  killed, never handed a job;
- at most MAX_CONCURRENT_EXPRESSION_JOBS jobs run at once, across all sessions;
- workers (core/worker_pool.py) come from a `forkserver` that has imported SymPy and the jobs (a new worker
  is ready in milliseconds), or from `spawn` where there is no forkserver; never `fork` from
  Streamlit's threads, never a thread;
- workers run at a lower CPU priority than the server, with an address-space cap;
- each worker also arms an alarm per job, so an orphaned worker dies by itself, and all workers
  are killed at interpreter exit.

As with any multiprocessing code, a script that calls this at top level needs an
`if __name__ == "__main__":` guard (the forkserver imports the main script); Streamlit's own entry
point has one.
"""

from __future__ import annotations

import atexit
import contextlib
from typing import Any

import sympy

from core.expression_jobs import FAILED_MESSAGE, TOO_EXPENSIVE_MESSAGE, Analysis, StepView
from core.expressions import ExpressionError, ExpressionTooExpensive, canonical_text
from core.limits import (
    EXPRESSION_CACHE_ENTRIES,
    EXPRESSION_TIME_LIMIT_SECONDS,
    TIMEOUT_CACHE_SECONDS,
)
from core.worker_pool import Cache, Pool

__all__ = ["Analysis", "StepView", "analyse", "check_equivalent", "run_job"]

WORKER_STOPPED_MESSAGE = "The calculator stopped while working on this function. Please try again."
BUSY_MESSAGE = "The calculator is busy with other learners' requests. Please try again in a moment."
STALLED_MESSAGE = (
    "The calculator did not get its turn in time (the server is busy). Please try again."
)

_POOL = Pool()
atexit.register(_POOL.shutdown)
_CACHE = Cache(EXPRESSION_CACHE_ENTRIES)


def run_job(job: str, argument: Any, timeout: float = EXPRESSION_TIME_LIMIT_SECONDS):
    """Run one job in a worker: ("ok", result), ("error", name), ("timeout" | "stopped" | "busy",
    None). Public for the tests of timeouts and faults; pages call analyse / check_equivalent."""
    return _POOL.run(job, argument, timeout)


def analyse(text: str) -> Analysis:
    """Parse and differentiate typed text, in a worker with a hard time limit; cached.

    Never raises for any input: unreadable text, oversized text and timeouts come back as an
    Analysis with `error` set (and `too_expensive` for size and time).
    """
    try:
        canonical = canonical_text(text)
    except ExpressionTooExpensive as error:
        return Analysis(text="", error=str(error), too_expensive=True)
    except ExpressionError as error:
        return Analysis(text="", error=str(error))
    key = ("analyse", canonical)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    status, value = run_job("analyse", canonical)
    if status == "ok":
        _CACHE.put(key, value)
        return value
    if status == "timeout":
        answer = Analysis(text=canonical, error=TOO_EXPENSIVE_MESSAGE, too_expensive=True)
        # Remembered for a while, so that repeating an expensive text costs nothing; not for
        # ever, since a timeout on a busy machine may have been bad luck.
        _CACHE.put(key, answer, ttl=TIMEOUT_CACHE_SECONDS)
        return answer
    if status == "busy":
        return Analysis(text=canonical, error=BUSY_MESSAGE)
    if status == "stalled":
        return Analysis(text=canonical, error=STALLED_MESSAGE)
    if status == "error":
        return Analysis(text=canonical, error=FAILED_MESSAGE)
    return Analysis(text=canonical, error=WORKER_STOPPED_MESSAGE)


def check_equivalent(answer_text: str, expected: sympy.Expr) -> tuple[bool, str]:
    """core.expressions.equivalent, run in a worker with the time limit; cached.

    For typed-answer quizzes: (correct, message). Never raises.
    """
    try:
        canonical = canonical_text(answer_text)
    except ExpressionError as error:
        return False, f"That answer could not be read: {error}"
    key = ("equivalent", canonical, sympy.srepr(expected))
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    status, value = run_job("equivalent", (canonical, expected))
    if status == "ok":
        _CACHE.put(key, value)
        return value
    if status == "timeout":
        return False, "That answer is too expensive to check here. Try writing it more simply."
    if status in ("busy", "stalled"):
        return False, BUSY_MESSAGE if status == "busy" else STALLED_MESSAGE
    return False, "The checker stopped while working on this answer. Please try again."


def warm_up() -> None:
    """Start a worker ahead of the first request (call once, e.g. when a page first loads)."""
    with contextlib.suppress(Exception):
        _POOL.warm_up()


def worker_pids(*, busy_only: bool = False) -> list[int]:
    """Process ids of the live workers (for tests and for checking clean shutdown)."""
    return _POOL.pids(busy_only=busy_only)


def shutdown() -> None:
    """Kill every worker now (also registered to run at interpreter exit)."""
    _POOL.shutdown()


def clear_cache() -> None:
    """Forget every cached answer (for tests)."""
    _CACHE.clear()
