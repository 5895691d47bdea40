"""The parsed tree of the safe expression engine, its checks, and its canonical text.

`check_tree` runs on every tree before any SymPy work: each node kind is whitelisted,
exponents and constant parts are bounded, and constant parts are evaluated in floating point
only (never with SymPy), so huge or undefined constants are refused with a learner's message.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from core.expressions.tokenizer import ExpressionError, ExpressionTooExpensive
from core.limits import MAX_CONSTANT_MAGNITUDE, MAX_EXPONENT

NODE_KINDS = frozenset(
    {"number", "x", "constant", "add", "sub", "mul", "div", "pow", "neg", "call"}
)


@dataclass(frozen=True)
class Node:
    """One node of the parsed tree; `kind` is one of NODE_KINDS."""

    kind: str
    children: tuple[Node, ...] = ()
    name: str = ""  # function or constant name; the normalised literal for numbers
    value: Fraction | None = None  # exact value of a number literal


_FLOAT_FUNCTIONS: dict[str, Callable[[float], float]] = {
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "exp": math.exp,
    "ln": math.log,
    "log": math.log,
    "sqrt": math.sqrt,
    "abs": abs,
}


def check_tree(tree: Node) -> float | None:
    """Whitelist every node; bound exponents and constant parts; return the constant value.

    Constant parts are evaluated in floating point (never with SymPy): a value that overflows or
    exceeds MAX_CONSTANT_MAGNITUDE is refused as too expensive; one without a real value (ln(-1),
    1/0, sqrt(-2)) is refused as undefined. Returns None when the node depends on x.
    """
    if tree.kind not in NODE_KINDS:
        raise ExpressionError("this function contains something that is not allowed")
    values = [check_tree(child) for child in tree.children]
    if tree.kind == "pow" and values[1] is not None and abs(values[1]) > MAX_EXPONENT:
        raise ExpressionTooExpensive(
            f"the exponent in {to_text(tree)[:40]} is too large: at most {MAX_EXPONENT} in size"
        )
    if tree.kind == "pow" and values[0] is not None and values[1] is None and values[0] <= 0:
        raise ExpressionError(
            f"{to_text(tree)[:60]}: a base of 0 or below with x in the exponent has no real "
            "value for most x; use a positive base, as in 2^x"
        )
    if tree.kind == "div" and values[1] is not None and abs(values[1]) < 1e-12:
        divisor = to_text(tree.children[1])[:60]
        detail = "" if divisor == "0" else f": {divisor} is 0 (or extremely close to 0)"
        raise ExpressionError(f"a division by zero is undefined{detail}")
    if tree.kind == "x" or any(v is None for v in values):
        return None
    try:
        value = _float_value(tree, values)
    except OverflowError:
        value = math.inf
    except (ValueError, ZeroDivisionError):
        value = math.nan
    if math.isnan(value):
        raise ExpressionError(f"{to_text(tree)[:60]} has no real value (it is undefined)")
    if abs(value) > MAX_CONSTANT_MAGNITUDE:
        raise ExpressionTooExpensive(
            f"the number {to_text(tree)[:60]} is too large to work with "
            f"(above {MAX_CONSTANT_MAGNITUDE:.0e})"
        )
    return value


def _float_value(node: Node, values: list[float]) -> float:
    match node.kind:
        case "number":
            return float(node.value)
        case "constant":
            return math.e if node.name == "e" else math.pi
        case "add":
            return values[0] + values[1]
        case "sub":
            return values[0] - values[1]
        case "mul":
            return values[0] * values[1]
        case "div":
            return values[0] / values[1]
        case "neg":
            return -values[0]
        case "pow":
            base, exponent = values
            if base < 0 and not float(exponent).is_integer():
                return _real_odd_root_power(base, exponent)
            result = base**exponent
            return float(result)
        case "call":
            if node.name == "tan" and abs(math.cos(values[0])) < 1e-15:
                return math.nan
            return float(_FLOAT_FUNCTIONS[node.name](values[0]))
    raise ExpressionError("this function contains something that is not allowed")


def _real_odd_root_power(base: float, exponent: float) -> float:
    """(-8)^(1/3) = -2: a negative base is allowed when the exponent is p/q with q odd."""
    fraction = Fraction(exponent).limit_denominator(1000)
    if fraction.denominator % 2 == 0 or abs(float(fraction) - exponent) > 1e-12:
        return math.nan
    return (-1.0) ** fraction.numerator * abs(base) ** exponent


_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}


def to_text(tree: Node) -> str:
    """The canonical plain text of a tree, e.g. '2x' -> '2*x' (used as a cache key and as code)."""
    match tree.kind:
        case "number" | "x" | "constant":
            return tree.name
        case "call":
            return f"{tree.name}({to_text(tree.children[0])})"
        case "neg":
            return "-" + _wrapped(tree.children[0], 3, strict=True)
        case "pow":
            base, exponent = tree.children
            return f"{_wrapped(base, 4, strict=True)}^{_wrapped(exponent, 4, strict=False)}"
    left, right = tree.children
    symbol = {"add": "+", "sub": "-", "mul": "*", "div": "/"}[tree.kind]
    level = _PRECEDENCE[tree.kind]
    return f"{_wrapped(left, level, strict=False)}{symbol}{_wrapped(right, level, strict=True)}"


def _wrapped(tree: Node, level: int, *, strict: bool) -> str:
    own = _PRECEDENCE.get(tree.kind, 5)
    text = to_text(tree)
    if own < level or (strict and own == level and tree.kind != "neg"):
        return f"({text})"
    return text
