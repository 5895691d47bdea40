"""Worker processes for SymPy work, with a hard wall-clock limit (see core/expression_worker.py
for why): the worker's loop, one worker and the parent's end of its pipe, the pool that hands
out at most MAX_CONCURRENT_EXPRESSION_JOBS jobs at once, and a small cache of answers.
"""

from __future__ import annotations

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
from collections.abc import Iterator
from typing import Any

from core.expression_jobs import JOBS, analyse_job
from core.limits import (
    EXPRESSION_QUEUE_WAIT_SECONDS,
    EXPRESSION_TIME_LIMIT_SECONDS,
    MAX_CONCURRENT_EXPRESSION_JOBS,
    TIMEOUT_MIN_CPU_FRACTION,
    WORKER_MEMORY_LIMIT_BYTES,
    WORKER_NICE_INCREMENT,
    WORKER_START_TIMEOUT_SECONDS,
)


def _limit_memory() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(
            resource.RLIMIT_AS, (WORKER_MEMORY_LIMIT_BYTES, WORKER_MEMORY_LIMIT_BYTES)
        )


def worker_main(connection: Any) -> None:
    """The worker's loop: receive (job, argument), send ("ok", result) or ("error", name)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory()
    # Lower priority than the server: on a small shared box, SymPy work must not slow the
    # slider moves of other visitors.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(WORKER_NICE_INCREMENT)
    # SymPy imports parts of itself (printers, polys) on first use: do that now, before the
    # first request's clock starts.
    analyse_job("x*exp(x) + ln(x)/x")
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
            outcome = ("ok", JOBS[job](argument))
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


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sympy", "core.expression_jobs", "core.worker_pool"])
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


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: multiprocessing.context.BaseContext) -> None:
        parent_end, child_end = context.Pipe()
        self.process = context.Process(
            target=worker_main, args=(child_end,), daemon=True, name="expression-worker"
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


class Pool:
    """A few workers, at most MAX_CONCURRENT_EXPRESSION_JOBS busy at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
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

    def _take(self, *, fresh: bool = False) -> Worker:
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
        worker = Worker(context)
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
        worker = Worker(context)
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


class Cache:
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
