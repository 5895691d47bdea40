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
- workers come from a `forkserver` that has imported SymPy and this module already (a new worker
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
import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import types
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sympy

from core.derivatives import Derivation, differentiate, step_checked
from core.expressions import (
    ExpressionError,
    ExpressionTooExpensive,
    canonical_text,
    equivalent,
    expression_latex,
    parse_function,
)
from core.limits import (
    EXPRESSION_CACHE_ENTRIES,
    EXPRESSION_QUEUE_WAIT_SECONDS,
    EXPRESSION_TIME_LIMIT_SECONDS,
    MAX_CONCURRENT_EXPRESSION_JOBS,
    TIMEOUT_CACHE_SECONDS,
    TIMEOUT_MIN_CPU_FRACTION,
    WORKER_MEMORY_LIMIT_BYTES,
    WORKER_NICE_INCREMENT,
    WORKER_START_TIMEOUT_SECONDS,
)

TOO_EXPENSIVE_MESSAGE = (
    f"This function is too expensive to work out here (it took longer than "
    f"{EXPRESSION_TIME_LIMIT_SECONDS:g} s). Try a simpler one."
)
WORKER_STOPPED_MESSAGE = "The calculator stopped while working on this function. Please try again."
BUSY_MESSAGE = "The calculator is busy with other learners' requests. Please try again in a moment."
FAILED_MESSAGE = "This function could not be worked out here. Try writing it differently."
STALLED_MESSAGE = (
    "The calculator did not get its turn in time (the server is busy). Please try again."
)


@dataclass(frozen=True)
class StepView:
    """One derivation step as LaTeX strings, ready to show (`depth` 0 is the whole function)."""

    depth: int
    rule: str
    outer: str
    expression_latex: str
    derivative_latex: str
    outer_derivative_latex: str
    # The step's result agrees with sympy.diff of its input (core.derivatives.step_checked).
    checked: bool = False


@dataclass(frozen=True)
class Analysis:
    """Everything the calculator shows for one typed function, or why it cannot.

    `text` is the canonical form of the typed text (safe to show as code). When `error` is
    None, `expression`, `derivation` and the LaTeX strings are set. `too_expensive` marks
    answers refused for size or time, as opposed to text that cannot be read.
    """

    text: str
    expression: sympy.Expr | None = None
    derivation: Derivation | None = None
    function_latex: str = ""
    derivative_latex: str = ""
    steps: tuple[StepView, ...] = ()
    error: str | None = None
    too_expensive: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None


# --- jobs: run inside a worker process --------------------------------------------------------


def _analyse_job(text: str) -> Analysis:
    try:
        expression = parse_function(text)
        derivation = differentiate(expression)
        steps = tuple(
            StepView(
                depth=depth,
                rule=step.rule,
                outer=step.outer,
                expression_latex=expression_latex(step.expression),
                derivative_latex=expression_latex(step.derivative),
                outer_derivative_latex=(
                    "" if step.outer_derivative is None else expression_latex(step.outer_derivative)
                ),
                checked=step_checked(step),
            )
            for depth, step in derivation.walk()
        )
        analysis = Analysis(
            text=text,
            expression=expression,
            derivation=derivation,
            function_latex=expression_latex(expression),
            derivative_latex=expression_latex(derivation.result),
            steps=steps,
        )
        # The caller unpickles this (SymPy rebuilds objects on unpickling): do it once here,
        # inside the time limit, so that it is known to be quick.
        pickle.loads(pickle.dumps(analysis))
        return analysis
    except ExpressionTooExpensive as error:
        return Analysis(text=text, error=str(error), too_expensive=True)
    except ExpressionError as error:
        return Analysis(text=text, error=str(error))
    except (RecursionError, MemoryError, OverflowError):
        return Analysis(text=text, error=TOO_EXPENSIVE_MESSAGE, too_expensive=True)
    except Exception:  # noqa: BLE001 - any SymPy failure becomes a friendly message
        return Analysis(text=text, error=FAILED_MESSAGE)


def _equivalent_job(argument: tuple[str, sympy.Expr]) -> tuple[bool, str]:
    answer_text, expected = argument
    try:
        return equivalent(answer_text, expected)
    except (RecursionError, MemoryError, OverflowError):
        return False, "That answer is too expensive to check here. Try writing it more simply."
    except Exception:  # noqa: BLE001
        return False, "That answer could not be checked. Try writing it differently."


def _pause_job(seconds: float) -> float:
    """Sleep without computing: a stand-in for a worker that does not get the CPU, used by
    the tests of stalls and faults."""
    time.sleep(min(float(seconds), 30.0))
    return float(seconds)


def _spin_job(seconds: float) -> float:
    """Compute (a busy loop) for `seconds` of wall time: a stand-in for expensive SymPy work,
    used by the tests of timeouts."""
    deadline = time.monotonic() + min(float(seconds), 30.0)
    count = 0
    while time.monotonic() < deadline:
        count += 1
    return float(seconds)


def _one_sided_job(argument: tuple[sympy.Expr, str]) -> tuple:
    """The exact one-sided limits of f's difference quotient (core.one_sided_limits)."""
    from core.one_sided_limits import one_sided_limits

    try:
        return one_sided_limits(*argument)
    except Exception:  # noqa: BLE001 - undecided, not an error for the learner
        return None, None


_JOBS: dict[str, Callable[[Any], Any]] = {
    "analyse": _analyse_job,
    "one_sided": _one_sided_job,
    "equivalent": _equivalent_job,
    "pause": _pause_job,
    "spin": _spin_job,
}


def _limit_memory() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(
            resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT_BYTES, WORKER_MEMORY_LIMIT_BYTES)
        )


def _worker_main(connection: Any) -> None:
    """The worker's loop: receive (job, argument), send ("ok", result) or ("error", name)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory()
    # Lower priority than the server: on a small shared box, SymPy work must not slow the
    # slider moves of other visitors.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(WORKER_NICE_INCREMENT)
    # SymPy imports parts of itself (printers, polys) on first use: do that now, before the
    # first request's clock starts.
    _analyse_job("x*exp(x) + ln(x)/x")
    connection.send(("ready", os.getpid()))
    # An orphaned worker (its server gone) must not compute forever: the default action of
    # SIGALRM ends the process even inside a long C call.
    self_destruct = int(3 * EXPRESSION_TIME_LIMIT_SECONDS) + 30
    while True:
        try:
            job, argument = connection.recv()
        except (EOFError, OSError):
            return
        if hasattr(signal, "alarm"):
            signal.alarm(self_destruct)
        try:
            outcome = ("ok", _JOBS[job](argument))
        except Exception as error:  # noqa: BLE001
            outcome = ("error", type(error).__name__)
        if hasattr(signal, "alarm"):
            signal.alarm(0)
        try:
            connection.send(outcome)
        except (OSError, ValueError):
            return
        except Exception as error:  # noqa: BLE001 - a result that cannot be pickled
            connection.send(("error", type(error).__name__))


# --- the pool: runs in the app's process ------------------------------------------------------


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sympy", "core.expression_worker"])
        return context
    return multiprocessing.get_context("spawn")


_MAIN_SWAP = threading.Lock()


@contextlib.contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start a process without the parent's `__main__` in it.

    multiprocessing tells every spawn and forkserver child to import the parent's `__main__`
    again. Under Streamlit that is the app's entry script (the script runner installs it as
    `__main__`), so each new worker would run the whole app, import the dashboard and log
    "missing ScriptRunContext" twenty times. A bare stand-in module, with no file to import,
    takes its place while the worker starts; the worker needs nothing from it.
    """
    with _MAIN_SWAP:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        parent_end, child_end = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child_end,), daemon=True, name="expression-worker"
        )
        with _main_module_hidden():
            self.process.start()
        child_end.close()
        self.connection = parent_end
        if not parent_end.poll(WORKER_START_TIMEOUT_SECONDS):
            self.kill()
            raise RuntimeError("the expression worker did not start")
        parent_end.recv()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def _stat(self) -> list[str] | None:
        """The fields of /proc/<pid>/stat after the process name, or None where there is none."""
        try:
            with open(f"/proc/{self.pid}/stat") as stat:
                return stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) the worker has used, or None where /proc is missing."""
        fields = self._stat()
        if fields is None or len(fields) < 13:
            return None
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS

    def answers(self) -> bool:
        """False for a worker that cannot take a job: dead, a zombie, or stopped (SIGSTOP),
        which `is_alive()` reports as alive."""
        if not self.process.is_alive():
            return False
        fields = self._stat()
        return fields is None or fields[0] not in ("T", "t", "Z", "X")

    def run(self, job: str, argument: Any, timeout: float) -> tuple[str, Any]:
        """("ok", result), ("error", name), ("timeout", None) when the worker computed for the
        whole time, ("stalled", None) when it did not, or ("stopped", None)."""
        try:
            cpu_before = self.cpu_seconds()
            self.connection.send((job, argument))
            if not self.connection.poll(timeout):
                cpu_after = self.cpu_seconds()
                if cpu_before is None or cpu_after is None:
                    return ("timeout", None)
                computed = cpu_after - cpu_before >= TIMEOUT_MIN_CPU_FRACTION * timeout
                return ("timeout", None) if computed else ("stalled", None)
            return self.connection.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            return ("stopped", None)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.connection.close()


_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class _Pool:
    """A few workers, at most MAX_CONCURRENT_EXPRESSION_JOBS busy at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._slots = threading.BoundedSemaphore(MAX_CONCURRENT_EXPRESSION_JOBS)
        self._context: multiprocessing.context.BaseContext | None = None

    def run(self, job: str, argument: Any, timeout: float) -> tuple[str, Any]:
        if not self._slots.acquire(timeout=EXPRESSION_QUEUE_WAIT_SECONDS):
            return ("busy", None)
        try:
            outcome = self._run_once(job, argument, timeout, fresh=False)
            if outcome[0] == "stalled":  # not the job's fault: once more, on a new worker
                outcome = self._run_once(job, argument, timeout, fresh=True)
            return outcome
        finally:
            self._slots.release()

    def _run_once(self, job: str, argument: Any, timeout: float, *, fresh: bool) -> tuple:
        try:
            worker = self._take(fresh=fresh)
        except Exception:  # noqa: BLE001 - could not start a process
            return ("stopped", None)
        outcome = worker.run(job, argument, timeout)
        with self._lock:
            self._busy.discard(worker)
            if outcome[0] in ("ok", "error"):
                self._idle.append(worker)
                worker = None
        if worker is not None:  # overran, stalled or died: kill it; a fresh one starts on demand
            worker.kill()
        return outcome

    def _take(self, *, fresh: bool = False) -> _Worker:
        with self._lock:
            while self._idle and not fresh:
                worker = self._idle.pop()
                if worker.answers():
                    self._busy.add(worker)
                    return worker
                worker.kill()
            if self._context is None:
                self._context = _context()
            context = self._context
        worker = _Worker(context)
        with self._lock:
            self._busy.add(worker)
        return worker

    def warm_up(self) -> None:
        """Start one idle worker now, so that the first request does not wait for it."""
        with self._lock:
            if self._idle or self._busy:
                return
            if self._context is None:
                self._context = _context()
            context = self._context
        worker = _Worker(context)
        with self._lock:
            self._idle.append(worker)

    def pids(self, *, busy_only: bool = False) -> list[int]:
        with self._lock:
            workers = list(self._busy) + ([] if busy_only else list(self._idle))
        return [w.pid for w in workers if w.pid is not None]

    def shutdown(self) -> None:
        with self._lock:
            workers = list(self._idle) + list(self._busy)
            self._idle.clear()
            self._busy.clear()
        for worker in workers:
            worker.kill()


_POOL = _Pool()
atexit.register(_POOL.shutdown)


class _Cache:
    """A small thread-safe LRU cache of finished answers, each optionally with an expiry."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Any, tuple[Any, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any | None:
        with self._lock:
            if key not in self._entries:
                return None
            value, expires = self._entries[key]
            if time.monotonic() > expires:
                del self._entries[key]
                return None
            self._entries.move_to_end(key)
            return value

    def put(self, key: Any, value: Any, ttl: float = math.inf) -> None:
        with self._lock:
            self._entries[key] = (value, time.monotonic() + ttl)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_CACHE = _Cache(EXPRESSION_CACHE_ENTRIES)


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
