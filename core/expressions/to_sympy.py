"""From the checked tree to SymPy: objects built node by node, never from text.

The only variable is X = Symbol("x", real=True); no symbol is ever made from typed text, and
no eval, exec, sympify, parse_expr or lambdify is called (tests/core/test_architecture.py).
"""

from __future__ import annotations

import sympy

from core.expressions.grammar import parse_tree
from core.expressions.tokenizer import ExpressionError
from core.expressions.tree import Node

X = sympy.Symbol("x", real=True)

_SYMPY_FUNCTIONS = {
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "exp": sympy.exp,
    "ln": sympy.log,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
}


def build_sympy(tree: Node) -> sympy.Expr:
    """Turn a checked tree into a SymPy expression in the real symbol X.

    A function applied to a constant is built with evaluate=False: SymPy's automatic evaluation
    of e.g. sin(3 + exp(...)) is where construction can blow up. Everything else is small by now.
    """
    match tree.kind:
        case "number":
            return sympy.Rational(tree.value.numerator, tree.value.denominator)
        case "x":
            return X
        case "constant":
            return sympy.E if tree.name == "e" else sympy.pi
        case "call":
            argument = build_sympy(tree.children[0])
            function = _SYMPY_FUNCTIONS[tree.name]
            if argument.free_symbols:
                return function(argument)
            return function(argument, evaluate=False)
        case "neg":
            return -build_sympy(tree.children[0])
    left, right = (build_sympy(child) for child in tree.children)
    match tree.kind:
        case "add":
            return left + right
        case "sub":
            return left - right
        case "mul":
            if (left.is_Number and right.is_Add) or (right.is_Number and left.is_Add):
                # keep 3(x+1) as typed (SymPy would distribute it to 3x + 3)
                return sympy.Mul(left, right, evaluate=False)
            return left * right
        case "div":
            return left / right
        case "pow":
            return sympy.Pow(left, right)
    raise ExpressionError("this function contains something that is not allowed")


_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)


def parse_function(text: str) -> sympy.Expr:
    """Typed text -> a SymPy expression in X = Symbol("x", real=True), safely.

    Raises ExpressionError with a learner-actionable message, e.g. "unknown name 'y': use x as
    the variable" or "unbalanced parenthesis at position 7"; size limits raise its subclass
    ExpressionTooExpensive. No eval: see the module docstring.
    """
    expression = build_sympy(parse_tree(text))
    if any(expression.has(bad) for bad in _UNDEFINED):
        raise ExpressionError(
            "this function is undefined everywhere (e.g. a division by zero) or not real"
        )
    return expression


def expression_latex(expr: sympy.Expr) -> str:
    """LaTeX of a parsed expression (ln for the natural log); 'undefined' for zoo or nan."""
    if any(expr.has(bad) for bad in _UNDEFINED):
        return r"\text{undefined}"
    return sympy.latex(expr, ln_notation=True)
