"""Section 1, part 1: which point to zoom into, one of the notes' cases or the learner's own.

The typed function goes through the expression engine's `analyse` (parsed without eval, the
SymPy work in a time-limited worker), so no input stalls the server or reaches eval.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from core.corner_gallery import GALLERY
from core.limits import MAX_EXPRESSION_CHARS
from dashboard import numbers
from dashboard.controls import url_choice, url_number, url_text
from dashboard.layout import friendly_error, latex
from dashboard.markup import markdown_text, plain_text

CASES: list[str] = ["corner", "cusp", "jump", "vertical", "undefined", "smooth", "custom"]
CASE_LABELS: dict[str, str] = {
    "corner": "Corner: |x|",
    "cusp": "Cusp: x^(2/3)",
    "jump": "Jump: a step",
    "vertical": "Vertical tangent: x^(1/3)",
    "undefined": "Undefined: 1/x",
    "smooth": "Smooth: x²",
    "custom": "Your own function",
}
# The gallery cases whose exact one-sided limits SymPy gives (the others are decided from
# the quotients: x^(2/3) and x^(1/3) are complex for x < 0 in SymPy, the step has no formula).
GALLERY_FORMULAS = {"smooth": "x^2", "corner": "abs(x)"}
DEFAULT_CUSTOM_F = "abs(x^2 - 1)"
DEFAULT_CUSTOM_X0 = 1.0
X0_LIMIT = 10.0


@dataclass(frozen=True)
class Target:
    """The function and the point the learner zooms into."""

    function: Callable
    x0: float
    text: str  # the formula as plain text (escaped once, where a caption shows it)
    half_width: float = 2.0
    expression: object | None = None  # the typed function's SymPy form, for exact limits
    # names the function for a cache: the case, or the typed function's canonical text
    identity: str = ""


def choose() -> Target | None:
    """The case radio, then the gallery case or the learner's own function and point (None,
    after a friendly error, when the typed function cannot be used)."""
    case = url_choice(
        "Which point?",
        "case",
        options=CASES,
        default="corner",
        labels=CASE_LABELS,
        help="Six cases from the notes, each at its point, or your own function and point.",
    )
    if case in GALLERY:
        chosen = GALLERY[case]
        latex(rf"{chosen.latex} \quad \text{{at}} \quad x_0 = {numbers.tex(chosen.x0)}")
        formula = GALLERY_FORMULAS.get(case)
        expression = None
        if formula is not None:
            from core.expressions import parse_function

            expression = parse_function(formula)  # a fixed formula, not the learner's text
        return Target(
            chosen.function, chosen.x0, chosen.text, chosen.half_width, expression, identity=case
        )
    left, right = st.columns([3, 1])
    with left:
        text = url_text(
            "Your function f(x)",
            "f",
            default=DEFAULT_CUSTOM_F,
            max_chars=MAX_EXPRESSION_CHARS,
            help="Use x as the variable; e.g. abs(x), x^(2/3), sqrt(x^2), 1/(x - 1), x*abs(x).",
            placeholder="e.g. abs(x - 2)",
        )
    with right:
        x0 = url_number(
            "at the point x0",
            "x0",
            min_value=-X0_LIMIT,
            max_value=X0_LIMIT,
            default=DEFAULT_CUSTOM_X0,
            step=0.1,
        )
    function, shown, plain, expression = typed_function(text)
    if function is None:
        return None
    latex(rf"f(x) = {shown} \quad \text{{at}} \quad x_0 = {numbers.tex(x0)}")
    return Target(
        function,
        float(x0),
        f"f(x) = {plain_text(plain, limit=200)}",
        expression=expression,
        identity=f"custom: {plain}",
    )


def typed_function(text: str) -> tuple[Callable | None, str, str, object | None]:
    """A numeric function, its LaTeX, its canonical text and its SymPy form for typed text,
    or (None, "", "", None) after a friendly error."""
    from core.expression_worker import analyse
    from core.expressions import ExpressionError, numeric_function

    if not text.strip():
        friendly_error("Type a function of x, for example `abs(x - 2)`.")
        return None, "", "", None
    analysis = analyse(text)
    if analysis.too_expensive:
        friendly_error(
            "That function is too big or too slow to work out here "
            f"({markdown_text(analysis.error, limit=200)}). "
            "Try a shorter one, such as `abs(x - 2)` or `x^(2/3)`."
        )
        return None, "", "", None
    if analysis.error or analysis.expression is None:
        friendly_error(
            f"That function could not be read: {markdown_text(analysis.error, limit=200)}"
        )
        return None, "", "", None
    try:
        function = numeric_function(analysis.expression)
        return function, analysis.function_latex, analysis.text, analysis.expression
    except ExpressionError as problem:
        friendly_error(f"That function could not be evaluated: {markdown_text(problem, limit=200)}")
        return None, "", "", None
