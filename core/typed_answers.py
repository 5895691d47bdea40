"""Typed answers to "find the derivative" questions: right, a known slip, or wrong.

A wrong answer gets a hint about the rule it needs first, then the counterexample (a point
where the typed function and the derivative differ). A typed answer that is the same function
as a common slip (one term of the product rule, the chain rule without the inner derivative)
is named as that slip. Every comparison goes through core.expression_worker.check_equivalent:
the typed text is parsed by the safe parser, in the time-limited worker, never evaluated.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from core.expression_worker import check_equivalent


@dataclass(frozen=True)
class Slip:
    """A common wrong derivative and what went wrong, in words."""

    expr: sympy.Expr
    words: str


@dataclass(frozen=True)
class DerivativeQuestion:
    """The right derivative, the rule a learner needs for it, and the slips worth naming."""

    derivative: sympy.Expr
    rule_hint: str
    slips: tuple[Slip, ...] = ()


def judge_derivative(text: str, question: DerivativeQuestion) -> tuple[bool, str]:
    """(correct, message) for a typed answer.

    Right: the checker's confirmation. A known slip: the slip's words, then the rule. Any other
    wrong answer: the rule's hint, then the checker's counterexample. Text that cannot be read
    (or is too expensive to check) gets the checker's message alone: no hint fits it.
    """
    correct, message = check_equivalent(text, question.derivative)
    if correct:
        return True, message
    if not message.startswith("Not quite"):
        return False, message
    for slip in question.slips:
        same, _ = check_equivalent(text, slip.expr)
        if same:
            return False, f"Not quite: {slip.words} {question.rule_hint}"
    counterexample = message.removeprefix("Not quite:").strip()
    return False, f"Not quite. {question.rule_hint} Check: {counterexample}"
