"""What a worker process does with typed text: analyse it (parse, differentiate, each step
checked, LaTeX), check a typed answer, or find one-sided limits; and what comes back.

These run inside the workers of core/worker_pool.py, under its time limit; pages reach them
through core/expression_worker.py, never directly.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy

from core.derivatives import Derivation, differentiate, step_checked
from core.expressions import (
    ExpressionError,
    ExpressionTooExpensive,
    equivalent,
    expression_latex,
    parse_function,
)
from core.limits import EXPRESSION_TIME_LIMIT_SECONDS

TOO_EXPENSIVE_MESSAGE = (
    f"This function is too expensive to work out here (it took longer than "
    f"{EXPRESSION_TIME_LIMIT_SECONDS:g} s). Try a simpler one."
)
FAILED_MESSAGE = "This function could not be worked out here. Try writing it differently."


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


def analyse_job(text: str) -> Analysis:
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


def equivalent_job(argument: tuple[str, sympy.Expr]) -> tuple[bool, str]:
    answer_text, expected = argument
    try:
        return equivalent(answer_text, expected)
    except (RecursionError, MemoryError, OverflowError):
        return False, "That answer is too expensive to check here. Try writing it more simply."
    except Exception:  # noqa: BLE001
        return False, "That answer could not be checked. Try writing it differently."


def pause_job(seconds: float) -> float:
    """Sleep without computing: a stand-in for a worker that does not get the CPU, used by
    the tests of stalls and faults."""
    time.sleep(min(float(seconds), 30.0))
    return float(seconds)


def spin_job(seconds: float) -> float:
    """Compute (a busy loop) for `seconds` of wall time: a stand-in for expensive SymPy work,
    used by the tests of timeouts."""
    deadline = time.monotonic() + min(float(seconds), 30.0)
    count = 0
    while time.monotonic() < deadline:
        count += 1
    return float(seconds)


def one_sided_job(argument: tuple[sympy.Expr, str]) -> tuple:
    """The exact one-sided limits of f's difference quotient (core.one_sided_limits)."""
    from core.one_sided_limits import one_sided_limits

    try:
        return one_sided_limits(*argument)
    except Exception:  # noqa: BLE001 - undecided, not an error for the learner
        return None, None


JOBS: dict[str, Callable[[Any], Any]] = {
    "analyse": analyse_job,
    "one_sided": one_sided_job,
    "equivalent": equivalent_job,
    "pause": pause_job,
    "spin": spin_job,
}
